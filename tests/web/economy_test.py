#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""HTTP tests of the initiatives, the portfolio and the economy against a real server:
the secretariat creates initiatives and reports status, milestones and budgets; a member of
the owning body reports status, others may not; rates, population figures (upload) and
allocations at exactly the frame and one øre over, in the forms and the API; the API and the
command line give the same documents; frame-exceeded in the check; escaping; the audit log."""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import ROOT, Results, Server  # noqa: E402

FRAME_2026 = 500 * 6025511  # the shipped figures of 1 January 2026 at DKK 5
XSS = '<script>alert(1)</script>"\'><img src=x onerror=alert(1)>'


def upload(fields, filename, content):
    boundary = "----fkigoveconomy7MA4YWxkTrZu0gW"
    parts = []
    for k, v in fields.items():
        parts.append('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (boundary, k, v))
    parts.append('--%s\r\nContent-Disposition: form-data; name="pop_file"; filename="%s"\r\n'
                 'Content-Type: text/csv\r\n\r\n%s\r\n' % (boundary, filename, content))
    parts.append("--%s--\r\n" % boundary)
    return "".join(parts).encode(), "multipart/form-data; boundary=" + boundary


def population_csv(add=0, skip=None, extra=""):
    rows = ["kode;navn;indbyggere"]
    for line in open(os.path.join(ROOT, "data", "kommuner.csv"), encoding="utf-8").read().splitlines()[1:]:
        code, name, _, pop, _ = line.split(",")
        if code == skip:
            continue
        rows.append("%s;%s;%d" % (code, name, int(pop) + add))
    return "\n".join(rows) + "\n" + extra


def main():
    res = Results()
    srv = Server().start()
    try:
        run(srv, res)
    finally:
        srv.close()
    return res.done("economy")


def cli_json(srv, *args):
    p = subprocess.run([srv.bin, "--db", srv.db, *args], capture_output=True, text=True)
    return json.loads(p.stdout) if p.stdout.strip() else p.returncode


def run(srv, res):
    admin, viewer, member = srv.client("admin"), srv.client("viewer"), srv.client("member")
    anon = srv.client()
    api = srv.client()
    api.token = srv.tokens["admin"]
    vapi = srv.client()
    vapi.token = srv.tokens["viewer"]

    # --- who may see what
    for path in ("/economy", "/portfolio"):
        res.check(anon.get(path).status == 302, "anonymous on %s is sent to log in" % path)
        for c, who in ((viewer, "viewer"), (member, "member"), (admin, "admin")):
            r = c.get(path)
            res.check(r.status == 200, "%s on %s: %d" % (who, path, r.status))
    r = viewer.get("/economy")
    res.check('role="img"' in r.text and "<title id=\"econ-title\">" in r.text and "<desc" in r.text,
              "the chart is an image with a title and a description")
    res.check("<caption>Ramme og bevillinger pr. år" in r.text, "the chart has a table alternative")
    res.check('name="form" value="rate"' not in r.text, "a viewer gets no forms on /economy")
    res.check("30.127.555,00 kr." in r.text, "this year's frame in Danish kroner")

    # --- initiatives: bad input, then two initiatives
    csrf = admin.csrf("/portfolio")
    r = admin.post_form("/portfolio", {"id": "bad id", "name": "", "body": "nowhere", "csrf": csrf}, csrf=False)
    res.check(r.status == 400, "bad initiative: %d" % r.status)
    res.check('id="id-fejl"' in r.text and 'id="name-fejl"' in r.text and 'id="body-fejl"' in r.text,
              "an error next to each bad field")
    res.check('aria-invalid="true"' in r.text and "error-summary" in r.text, "errors are announced")
    r = admin.post_form("/portfolio", {"id": "fki-t1", "name": "Fælles login " + XSS, "body": "styregruppe",
                                       "description": "Et login.", "special": "1"})
    res.check(r.status == 303 and r.headers.get("location", "").startswith("/initiatives/fki-t1"),
              "initiative created: %d %s" % (r.status, r.headers.get("location")))
    r = admin.post_form("/portfolio", {"id": "fki-t2", "name": "Driftsovervågning", "body": "rg-drift-forvaltning"})
    res.check(r.status == 303, "second initiative: %d" % r.status)
    r = admin.post_form("/portfolio", {"id": "fki-t2", "name": "Igen", "body": "styregruppe"})
    res.check(r.status == 400 and "findes allerede" in r.text, "a taken id is refused: %d" % r.status)
    res.check(viewer.post_form("/portfolio", {"id": "x", "name": "x", "body": "styregruppe"}).status == 403,
              "a viewer may not add initiatives")

    # --- status reports
    r = admin.post_form("/initiatives/fki-t1", {"form": "status", "status": "gul", "reason": "", "date": ""})
    res.check(r.status == 400 and "begrundelse" in r.text.lower(), "gul without a reason: %d" % r.status)
    r = admin.post_form("/initiatives/fki-t1", {"form": "status", "status": "lilla", "reason": "x"})
    res.check(r.status == 400 and "ikke en status" in r.text, "an unknown status: %d" % r.status)
    r = admin.post_form("/initiatives/fki-t1", {"form": "status", "status": "grøn", "date": "2099-01-01"})
    res.check(r.status == 400 and "efter i dag" in r.text, "a report dated in the future: %d" % r.status)
    r = admin.post_form("/initiatives/fki-t1", {"form": "status", "status": "grøn", "date": "2026-01-05"})
    res.check(r.status == 303, "grøn by the secretariat: %d" % r.status)
    # sg01 (the member account) sits in the steering group, which owns fki-t1.
    r = member.post_form("/initiatives/fki-t1", {"form": "status", "status": "rød",
                                                 "reason": "Leverandøren er stoppet " + XSS, "date": "2026-02-01"})
    res.check(r.status == 303, "rød by a member of the owning body: %d" % r.status)
    r = member.post_form("/initiatives/fki-t2", {"form": "status", "status": "grøn"})
    res.check(r.status == 403, "a member of another body may not report: %d" % r.status)
    r = member.post_form("/initiatives/fki-t1", {"form": "milestone", "ms_title": "x", "ms_due": "2027-01-01"})
    res.check(r.status == 403, "a member may not add milestones: %d" % r.status)
    res.check(viewer.post_form("/initiatives/fki-t1", {"form": "status", "status": "grøn"}).status == 403,
              "a viewer may not report")
    page = member.get("/initiatives/fki-t1").text
    res.check('name="form" value="status"' in page and 'name="form" value="milestone"' not in page,
              "a member of the body sees the status form only")
    page = member.get("/initiatives/fki-t2").text
    res.check('name="form" value="status"' not in page, "no status form on another body's initiative")

    # --- milestones and budget
    r = admin.post_form("/initiatives/fki-t1", {"form": "milestone", "ms_title": "Pilot", "ms_due": "31.2.2026"})
    res.check(r.status == 400 and "»31.2.2026« er ikke en dato, der findes" in r.text,
              "a day that does not exist is refused with what was typed: %d" % r.status)
    r = admin.post_form("/initiatives/fki-t1", {"form": "milestone", "ms_title": "Pilot", "ms_due": "2026-03-01"})
    res.check(r.status == 303, "milestone: %d" % r.status)
    r = admin.post_form("/initiatives/fki-t1", {"form": "milestone", "ms_title": "Drift", "ms_due": "2099-06-01"})
    res.check(r.status == 303, "second milestone: %d" % r.status)
    r = admin.post_form("/initiatives/fki-t1", {"form": "budget", "b_year": "2027", "b_kr": "1.234,5"})
    res.check(r.status == 303, "budget: %d" % r.status)
    r = admin.post_form("/initiatives/fki-t1", {"form": "budget", "b_year": "20x7", "b_kr": "12,345.6"})
    res.check(r.status == 400 and 'id="b_year-fejl"' in r.text and 'id="b_kr-fejl"' in r.text,
              "bad budget: %d" % r.status)
    doc = api.get("/api/v1/initiatives/fki-t1").json()
    res.check(doc["status"]["status"] == "rød" and doc["trend"] == "worse", "latest status and trend: %s %s" %
              (doc.get("status"), doc.get("trend")))
    res.check(doc["budget"] == [{"year": 2027, "ore": 123450}], "budget in øre: %s" % doc.get("budget"))
    res.check(doc["next_milestone"]["title"] == "Pilot", "next milestone: %s" % doc.get("next_milestone"))
    res.check(doc == cli_json(srv, "initiative", "show", "fki-t1", "--json"),
              "GET /api/v1/initiatives/fki-t1 is `initiative show --json`")
    lst = api.get("/api/v1/initiatives").json()
    res.check([i["id"] for i in lst["initiatives"]] == ["fki-t1", "fki-t2"], "the portfolio by body")
    res.check(lst == cli_json(srv, "initiative", "list", "--json"), "GET /api/v1/initiatives is `initiative list --json`")
    res.check(vapi.get("/api/v1/initiatives/nope").status == 404, "an unknown initiative: 404")
    port = viewer.get("/portfolio").text
    res.check("Værre" in port and "st-red" in port and ">Rød<" in port, "the portfolio shows colour and words")
    res.check("Overskredet" in port, "an overdue milestone is marked")

    # --- rates
    r = admin.post_form("/economy", {"form": "rate", "rate_year": "2027", "rate_kr": "5,5", "rate_decision": ""})
    res.check(r.status == 400 and 'id="rate_decision-fejl"' in r.text, "a rate needs its decision: %d" % r.status)
    r = admin.post_form("/economy", {"form": "rate", "rate_year": "2030", "rate_kr": "4",
                                     "rate_decision": "Styregruppemøde 4, 2029", "rate_date": "2029-12-01"})
    res.check(r.status == 303, "rate: %d" % r.status)
    fr = api.get("/api/v1/economy/frame?year=2030").json()
    res.check(fr == {"year": 2030, "rate_ore": 400, "citizens": 6025511, "population_date": "2026-01-01",
                     "frame_ore": 400 * 6025511, "allocated_ore": 0, "remaining_ore": 400 * 6025511},
              "the frame of 2030 at the new rate: %s" % fr)
    res.check(list(fr) == ["year", "rate_ore", "citizens", "population_date", "frame_ore", "allocated_ore",
                           "remaining_ore"], "the frame's keys in the contract's order")

    # --- population figures
    body, ctype = upload({"csrf": admin.csrf("/economy"), "form": "population", "pop_date": "2027-01-01"},
                         "tal.csv", population_csv(skip="101", extra="999;Atlantis;5\n"))
    r = admin.request("POST", "/economy", body, ctype=ctype)
    res.check(r.status == 400 and "findes ikke" in r.text and "København (101) mangler" in r.text,
              "bad population file: %d" % r.status)
    res.check(re.search(r"tal\.csv, linje 99, kolonne 1", r.text) is not None, "the line and column of a bad cell")
    body, ctype = upload({"csrf": admin.csrf("/economy"), "form": "population", "pop_date": "2027-01-01",
                          "pop_source": "Danmarks Statistik, FOLK1A 2027K1"}, "tal.csv", population_csv(add=1))
    r = admin.request("POST", "/economy", body, ctype=ctype)
    res.check(r.status == 303, "population upload: %d" % r.status)
    r = admin.request("POST", "/economy", body, ctype=ctype)
    res.check(r.status == 400 and "allerede" in r.text, "the same date twice: %d" % r.status)
    fr = api.get("/api/v1/economy/frame?year=2027").json()
    res.check(fr["citizens"] == 6025511 + 98 and fr["population_date"] == "2027-01-01",
              "2027 uses the figures of 1 January 2027: %s" % fr)

    # --- allocations: exactly the frame, then one øre over (form and API)
    frame27 = fr["frame_ore"]
    r = admin.post_form("/economy", {"form": "allocate", "alloc_initiative": "fki-t2", "alloc_year": "2027",
                                     "alloc_kr": "100", "alloc_decision": "Møde 4"})
    res.check(r.status == 400 and "ikke en særlig indsats" in r.text, "only special initiatives: %d" % r.status)
    kr = "%d,%02d" % divmod(frame27 - 100, 100)
    r = admin.post_form("/economy", {"form": "allocate", "alloc_initiative": "fki-t1", "alloc_year": "2027",
                                     "alloc_kr": kr, "alloc_decision": "Styregruppemøde 4, 2026"})
    res.check(r.status == 303, "allocation of the frame less 1 kr.: %d" % r.status)
    r = admin.post_form("/economy", {"form": "allocate", "alloc_initiative": "fki-t1", "alloc_year": "2027",
                                     "alloc_kr": "1,01", "alloc_decision": "Møde 1"})
    res.check(r.status == 400 and "overstiger rammen for 2027 med 0,01 kr." in r.text,
              "one øre over in the form: %d" % r.status)
    res.check('id="alloc_kr-fejl"' in r.text, "the error sits at the amount")
    r = api.post_json("/api/v1/economy/allocations", {"initiative": "fki-t1", "year": 2027, "ore": 101,
                                                      "decision": "Møde 1"})
    res.check(r.status == 400 and r.json().get("over_ore") == 1 and "ore" in r.json().get("fields", {}),
              "one øre over in the API: %d %s" % (r.status, r.text[:300]))
    r = vapi.post_json("/api/v1/economy/allocations", {"initiative": "fki-t1", "year": 2027, "ore": 100,
                                                       "decision": "Møde 1"})
    res.check(r.status == 403, "a viewer may not allocate: %d" % r.status)
    r = api.post_json("/api/v1/economy/allocations", {"initiative": "fki-t1", "year": "2027", "kr": "1,00",
                                                      "decision": "Møde 1", "date": "2027-03-01"})
    res.check(r.status == 201 and r.json()["frame"]["remaining_ore"] == 0 and r.json()["ore"] == 100,
              "exactly at the frame in the API: %d %s" % (r.status, r.text[:300]))
    r = api.post_json("/api/v1/economy/allocations", {"initiative": "", "year": 1800, "kr": "-5", "decision": "",
                                                      "date": "1.1.2027", "extra": 1})
    fields = r.json().get("fields", {}) if r.status == 400 else {}
    res.check(r.status == 400 and all(k in fields for k in ("initiative", "year", "kr", "decision", "date", "extra")),
              "every bad field is named: %s" % fields)
    res.check(api.request("POST", "/api/v1/economy/allocations", b"{x", ctype="application/json").status == 400,
              "broken JSON: 400")
    fr = api.get("/api/v1/economy/frame?year=2027").json()
    res.check(fr["allocated_ore"] == frame27 and fr["remaining_ore"] == 0, "the frame is used exactly: %s" % fr)
    res.check(fr == cli_json(srv, "economy", "frame", "2027", "--json"), "GET frame is `economy frame --json`")

    # --- spending
    r = admin.post_form("/economy", {"form": "spend", "spend_initiative": "fki-t1", "spend_year": "2027",
                                     "spend_kr": "250.000", "spend_date": "2027-02-01", "spend_note": "Faktura 17"})
    res.check(r.status == 303, "spending: %d" % r.status)
    r = admin.post_form("/economy", {"form": "spend", "spend_initiative": "fki-t1", "spend_year": "2028",
                                     "spend_kr": "1", "spend_date": "2027-02-01"})
    res.check(r.status == 400 and "ingen bevilling for 2028" in r.text, "no allocation to spend: %d" % r.status)
    rep = api.get("/api/v1/economy/report?year=2027").json()
    res.check(rep["spent_ore"] == 25000000 and rep["unspent_ore"] == frame27 - 25000000, "report sums: %s" %
              {k: rep.get(k) for k in ("spent_ore", "unspent_ore")})
    res.check(len(rep["municipalities"]) == 98 and sum(m["share_ore"] for m in rep["municipalities"]) == frame27,
              "the municipalities' shares add up to the frame")
    kbh = [m for m in rep["municipalities"] if m["code"] == "101"][0]
    res.check(kbh["name"] == "København" and kbh["region"] == "Region Hovedstaden" and
              kbh["share_ore"] == 500 * kbh["citizens"], "a share is rate × citizens: %s" % kbh)
    res.check(rep == cli_json(srv, "economy", "report", "2027", "--json"), "GET report is `economy report --json`")
    r = vapi.get("/api/v1/economy/frame?year=2025")
    res.check(r.status == 400 and "year" in r.json().get("fields", {}), "no figures for 2025: %d" % r.status)
    r = vapi.get("/api/v1/economy/frame?year=20x5")
    res.check(r.status == 400 and "year" in r.json().get("fields", {}), "a bad year: %d" % r.status)
    page = viewer.get("/economy?year=2027").text
    res.check("Faktura 17" in page and "København" in page and "Region Hovedstaden" in page,
              "the year's page shows spending and the shares")
    res.check(viewer.get("/economy?year=abc").status == 400, "a bad year on the page: 400")

    # --- frame-exceeded: a lower rate from 2027 makes the allocations exceed the frame
    r = admin.post_form("/economy", {"form": "rate", "rate_year": "2027", "rate_kr": "4,99",
                                     "rate_decision": "Rettelse"})
    res.check(r.status == 303, "lower rate: %d" % r.status)
    f = api.get("/api/v1/findings?date=2026-11-27").json()
    ex = [x for x in f["findings"] if x["rule"] == "frame-exceeded"]
    res.check(len(ex) == 1 and ex[0]["body"] == "economy" and ex[0]["severity"] == "error" and
              "2027" in ex[0]["message"], "frame-exceeded in the check: %s" % ex)
    f = api.get("/api/v1/findings?date=2028-01-01").json()
    res.check(not [x for x in f["findings"] if x["rule"] == "frame-exceeded"], "past years are history")
    page = admin.get("/economy?year=2027").text
    res.check("overstiger rammen" in page and "Overskredet" in page, "the page shows the exceeded frame")

    # --- escaping on every page of this part
    for path in ("/portfolio", "/initiatives/fki-t1", "/economy?year=2027",
                 "/economy?year=" + "%3Cscript%3E", "/initiatives/%3Cscript%3E"):
        r = admin.get(path)
        res.check("<script>alert(1)</script>" not in r.text and "<img src=x" not in r.text,
                  "no raw payload on " + path)
    r = api.get("/api/v1/initiatives/fki-t1")
    res.check("<" not in r.text and ">" not in r.text, "no raw < or > in the API")

    # --- everything is audited
    log = api.get("/api/v1/audit?limit=500").json()
    rows = log.get("entries") or log.get("audit") or log.get("rows") or []
    ents = {e.get("entity") for e in rows}
    for e in ("initiative", "initiative_status", "milestone", "budget", "rate", "population", "allocation",
              "spending"):
        res.check(e in ents, "audited: " + e)
    p = subprocess.run([srv.bin, "--db", srv.db, "audit", "verify"], capture_output=True, text=True)
    res.check(p.returncode == 0, "the audit chain is intact: " + p.stdout + p.stderr)


if __name__ == "__main__":
    sys.exit(main())
