#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Excel workbooks read back by a reader that is not ours (Debian's python3-openpyxl, run
with /usr/bin/python3): the register from the command line (export appointments --xlsx) and
from /register.xlsx, the findings from check --xlsx and /compliance.xlsx. Real types (dates
as dates in Danish format, the municipality code as a whole number), a frozen header with an
autofilter, the "Om" sheet, and a name that looks like a formula written as text; the same
name in the CSV export protected by a leading apostrophe. Roles: the register for the
secretariat only."""
import html
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import ROOT, run_test  # noqa: E402

READ = r'''
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames}
ws = wb[wb.sheetnames[0]]
out["freeze"] = ws.freeze_panes
out["filter"] = ws.auto_filter.ref
out["header"] = [c.value for c in ws[1]]
out["rows"] = [[{"v": str(c.value) if c.value is not None else None, "t": c.data_type, "f": c.number_format}
                for c in row] for row in ws.iter_rows(min_row=2)]
out["om"] = {str(a.value): str(b.value) for a, b in wb["Om"].iter_rows()}
print(json.dumps(out))
'''


def read(path):
    p = subprocess.run(["/usr/bin/python3", "-c", READ, path], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("openpyxl: " + p.stderr)
    return json.loads(p.stdout)


def meeting_with_minutes(srv):
    """The first meeting of 2027 held, its minutes written, approved and published; the number
    of decisions (agenda items)."""
    def fk(*args, today):
        p = subprocess.run([srv.bin, "--db", srv.db, *args], capture_output=True, text=True,
                           env=dict(os.environ, FKIGOV_ACTOR="test", FKIGOV_TODAY=today))
        if p.returncode != 0:
            raise RuntimeError("fkigov %s: %s%s" % (" ".join(args), p.stdout, p.stderr))
        return p.stdout
    fk("cycle", "plan", "2027", "--dates", "2027-03-09,2027-06-08,2027-09-14,2027-12-07", "--save", today="2026-12-03")
    mid = str(json.loads(fk("meeting", "list", "--json", today="2027-01-10"))["meetings"][0]["id"])
    fk("meeting", "agenda", mid, today="2027-01-10")
    fk("meeting", "dispatch", mid, today="2027-02-20")
    n = len(json.loads(fk("meeting", "show", mid, "--json", today="2027-03-09"))["items"])
    for i in range(1, n + 1):
        fk("meeting", "minutes", mid, "--item", str(i), "--outcome", "taget-til-efterretning", "--text",
           "Styregruppen tog punkt %d til efterretning." % i, today="2027-03-09")
    fk("meeting", "approve", mid, today="2027-03-10")
    fk("meeting", "publish", mid, today="2027-03-11")
    return n


def test(srv, res):
    evil = '=HYPERLINK("http://x.example","klik")'
    srv.fk("person", "add", "evil", "--name", evil)
    srv.fk("appoint", "evil", "rg-forretning", "--seat", "kommune", "--municipality", "751",
           "--profile", "fagperson-digital", "--start", "2026-01-01")
    path = os.path.join(srv.dir, "reg.xlsx")
    srv.fk("export", "appointments", "--xlsx", path)
    wb = read(path)
    res.check(wb["sheets"] == ["Udpegninger", "Om"], "two sheets: %s" % wb["sheets"])
    res.check(wb["header"] == ["person", "name", "email", "organisation", "municipality", "body", "seat",
                               "profile", "start", "end"], "the columns of SPEC 5.2")
    res.check(wb["freeze"] == "A2" and wb["filter"].startswith("A1:J"), "header frozen, autofilter %s" % wb["filter"])
    row = next(r for r in wb["rows"] if r[0]["v"] == "evil")
    res.check(row[1]["v"] == evil and row[1]["t"] == "s", "a formula-like name is text: %r" % row[1])
    res.check(row[4]["v"] == "751" and row[4]["t"] == "n" and row[4]["f"] == "0", "the municipality is a whole number")
    res.check(row[8]["t"] == "d" and row[8]["v"].startswith("2026-01-01") and row[8]["f"] == "dd-mm-yyyy",
              "the start is a date shown in Danish format: %r" % row[8])
    res.check(row[9]["v"] is None, "no end: an empty cell")
    res.check(len(wb["rows"]) == int(wb["om"]["Rækker"]) and "Registret" in wb["om"]["Indhold"] and
              wb["om"]["Styringsmodel"].startswith("Governance-model"), "the Om sheet: %s" % wb["om"])
    csv = srv.fk("export", "appointments")
    res.check("'=HYPERLINK" in csv, "the CSV export writes the same name with a leading apostrophe")
    fpath = os.path.join(srv.dir, "fund.xlsx")
    p = subprocess.run([srv.bin, "--db", srv.db, "check", "--date", "2027-03-01", "--xlsx", fpath],
                       capture_output=True, text=True)
    fb = read(fpath)
    res.check(fb["sheets"] == ["Fund", "Om"] and fb["header"][:3] == ["Organ", "Organ-id", "Alvor"] and
              len(fb["rows"]) > 0, "check --xlsx: the findings (%d rows)" % len(fb["rows"]))
    res.check(p.returncode in (0, 1) and all(r[2]["v"] in ("fejl", "advarsel") for r in fb["rows"]),
              "each finding with its severity")
    # The forecast and the economy report.
    fc = os.path.join(srv.dir, "fremskrivning.xlsx")
    srv.fk("forecast", "--from", "2027-01-01", "--years", "2", "--xlsx", fc)
    fw = read(fc)
    res.check(fw["header"][:4] == ["Gruppe", "Kvartal", "Fra", "Til"] and fw["rows"] and
              fw["rows"][0][2]["t"] == "d" and fw["rows"][0][4]["t"] == "n" and
              fw["rows"][0][10]["v"] in ("ja", "nej"), "forecast --xlsx: a row per group and quarter, typed")
    ec = os.path.join(srv.dir, "oekonomi.xlsx")
    srv.fk("economy", "report", "2027", "--xlsx", ec)
    ew = read(ec)
    cph = next(r for r in ew["rows"] if r[1]["v"] == "København")
    res.check(len(ew["rows"]) == 98 and cph[0]["v"] == "101" and cph[0]["t"] == "n" and cph[4]["t"] == "n" and
              "kr." in cph[4]["f"], "economy report --xlsx: 98 municipalities, the share as money: %r" % cph[4])
    # The portfolio, the decision log and a recommendation, from the command line.
    subprocess.run(["sh", os.path.join(ROOT, "data", "demo", "portfolio.sh"), srv.bin, srv.db], check=True,
                   capture_output=True)
    pf = os.path.join(srv.dir, "portefoelje.xlsx")
    srv.fk("initiative", "list", "--xlsx", pf)
    pw = read(pf)
    init = json.loads(srv.fk("initiative", "list", "--json"))["initiatives"]
    red = next(r for r in pw["rows"] if r[0]["v"] == "demo-data")
    res.check(pw["sheets"] == ["Portefølje", "Om"] and len(pw["rows"]) == len(init) and
              red[4]["v"] == "rød" and red[5]["t"] == "d" and red[7]["v"] == "værre" and red[10]["v"] == "ja",
              "initiative list --xlsx: each initiative with status, its date as a date, the trend in Danish: %r" % red)
    decided = meeting_with_minutes(srv)
    dx = os.path.join(srv.dir, "beslutninger.xlsx")
    srv.fk("decisions", "search", "efterretning", "--xlsx", dx)
    dw = read(dx)
    res.check(dw["header"][:4] == ["Mødedato", "År", "Møde nr.", "Punkt"] and len(dw["rows"]) == decided and
              dw["rows"][0][0]["t"] == "d" and dw["rows"][0][3]["t"] == "n" and "efterretning" in dw["rows"][0][6]["v"],
              "decisions search --xlsx: %d decisions, the meeting's day as a date" % len(dw["rows"]))
    cand = os.path.join(srv.dir, "kandidater.csv")
    with open(cand, "w") as f:
        f.write("candidate,person,name,municipality,profile,score\n"
                "k1,,Anne,751,fagperson-digital,90\nk2,,Bo,101,fagperson-digital,62.5\nk3,,Eva,999,fagperson-digital,99\n")
    rx = os.path.join(srv.dir, "anbefaling.xlsx")
    srv.fk("recruit", "propose", "--body", "rg-forretning", "--date", "2027-03-01", "--candidates", cand, "--xlsx", rx)
    rw = read(rx)
    byid = {r[0]["v"]: r for r in rw["rows"]}
    res.check(rw["sheets"] == ["Kandidater", "Om"] and len(rw["rows"]) == 3 and byid["k2"][5]["v"] == "62.5" and
              byid["k2"][5]["f"] == "0.0" and byid["k3"][6]["v"] == "ikke valgbar" and "999" in byid["k3"][7]["v"] and
              byid["k1"][6]["v"] in ("anbefalet", "ikke valgt") and byid["k1"][2]["v"] == "Aarhus",
              "recruit propose --xlsx: every candidate with the outcome and why, the score with one decimal")
    srv.start()
    try:
        admin = srv.client("admin")
        viewer = srv.client("viewer")
        for path, sheet, api in (("/portfolio.xlsx", "Portefølje", "/api/v1/initiatives"),
                                 ("/economy.xlsx?year=2027", "Kommuner", "/api/v1/economy/report?year=2027"),
                                 ("/forecast.xlsx?from=2027-01-01&years=2", "Fremskrivning",
                                  "/api/v1/forecast?from=2027-01-01&years=2"),
                                 ("/decisions.xlsx?q=efterretning", "Beslutninger", "/api/v1/decisions?q=efterretning")):
            r = viewer.get(path)
            w = os.path.join(srv.dir, "w.xlsx")
            with open(w, "wb") as f:
                f.write(r.body)
            doc = json.loads(viewer.get(api).body)
            n = {"Portefølje": lambda d: len(d["initiatives"]), "Kommuner": lambda d: len(d["municipalities"]),
                 "Fremskrivning": lambda d: sum(len(b["quarters"]) for b in d["bodies"]),
                 "Beslutninger": lambda d: len(d["decisions"])}[sheet](doc)
            ok = r.status == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
            res.check(ok and read(w)["sheets"] == [sheet, "Om"] and len(read(w)["rows"]) == n and n > 0,
                      "%s: the API's %d rows as a workbook" % (path, n))
        res.check(viewer.get("/economy.xlsx?year=abc").status == 400 and
                  viewer.get("/forecast.xlsx?years=99").status == 400, "bad parameters: 400, as the API")
        res.check(srv.client().get("/portfolio.xlsx").status in (302, 303), "anonymous: to the login")
        for page, link in (("/portfolio", 'href="/portfolio.xlsx"'), ("/economy?year=2027", 'href="/economy.xlsx?year=2027"'),
                           ("/compliance?date=2027-01-01", 'href="/forecast.xlsx?from=2027-01-01&years=3"'),
                           ("/decisions?q=efterretning", 'href="/decisions.xlsx?q=efterretning"'),
                           ("/decisions", 'href="/decisions.xlsx?year=')):
            res.check(link in html.unescape(viewer.get(page).text), "%s links its workbook (%s)" % (page, link))
        r = admin.get("/register.xlsx")
        res.check(r.status == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats") and
                  "udpegninger.xlsx" in r.headers.get("content-disposition", ""), "/register.xlsx for the secretariat")
        web = os.path.join(srv.dir, "web.xlsx")
        with open(web, "wb") as f:
            f.write(r.body)
        res.check(len(read(web)["rows"]) == len(wb["rows"]), "the page's workbook holds the same rows")
        res.check(srv.client("member").get("/register.xlsx").status == 403, "a member may not take the register")
        srv.fk("check", "--date", "2027-03-01", "--xlsx", fpath, check=False)  # with the meeting now held
        fb = read(fpath)
        r = srv.client("viewer").get("/compliance.xlsx?date=1-3-2027")
        cw = os.path.join(srv.dir, "c.xlsx")
        with open(cw, "wb") as f:
            f.write(r.body)
        res.check(r.status == 200 and len(read(cw)["rows"]) == len(fb["rows"]), "/compliance.xlsx: the same findings")
        res.check(srv.client("viewer").get("/compliance.xlsx?date=31-2-2027").status == 400, "a bad date: 400")
        page = admin.get("/compliance").text
        res.check('href="/compliance.xlsx?date=' in page, "the compliance page links its workbook")
    finally:
        srv.kill()


def main():
    return run_test(test, "xlsx")


if __name__ == "__main__":
    sys.exit(main())
