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
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import Results, Server  # noqa: E402

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
    srv.start()
    try:
        admin = srv.client("admin")
        r = admin.get("/register.xlsx")
        res.check(r.status == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats") and
                  "udpegninger.xlsx" in r.headers.get("content-disposition", ""), "/register.xlsx for the secretariat")
        web = os.path.join(srv.dir, "web.xlsx")
        with open(web, "wb") as f:
            f.write(r.body)
        res.check(len(read(web)["rows"]) == len(wb["rows"]), "the page's workbook holds the same rows")
        res.check(srv.client("member").get("/register.xlsx").status == 403, "a member may not take the register")
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
    res = Results()
    srv = Server()
    try:
        test(srv, res)
    finally:
        srv.close()
    return res.done("xlsx")


if __name__ == "__main__":
    sys.exit(main())
