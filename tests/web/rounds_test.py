#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Recruitment rounds (issue 13), as far as they are built: a round made and opened from the
command line with the model's criteria (bad input refused by field, exit 2), the public call
and the application form without login — CSRF, the honeypot, field errors with nothing
stored, a CV sniffed as PDF, the receipt page and the receipt by e-mail in the outbox,
throttling per address, a late application refused — the candidate's data sealed in the
database (the name is not in the file's bytes outside the receipt message), and the purge
after the retention period that leaves no name or e-mail in the database file."""
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import multipart, run_test  # noqa: E402
from pdfgen import make_pdf  # noqa: E402

TODAY = "2027-03-01"


def run(srv, *args, today=TODAY):
    return subprocess.run([srv.bin, "--db", srv.db, *args], capture_output=True, text=True,
                          env=dict(os.environ, FKIGOV_ACTOR="test", FKIGOV_TODAY=today))


def file_has(srv, text):
    data = b""
    for suffix in ("", "-wal"):
        if os.path.exists(srv.db + suffix):
            with open(srv.db + suffix, "rb") as f:
                data += f.read()
    return text.encode() in data


def apply(c, fields, files=()):
    page = c.get("/calls/1")
    m = re.search(r'name="csrf" value="([^"]*)"', page.text)
    # After the deadline the page has no form: the token is the one a form loaded before it
    # carried, the anonymous visitor's double-submit cookie.
    token = m.group(1) if m else c.cookies.get("fkigov_csrf", "")
    body, ct = multipart(dict(fields, csrf=token), list(files))
    return c.request("POST", "/calls/1", body, ctype=ct)


def test(srv, res):
    p = run(srv, "round", "create", "--title", "", "--first-day", "2027-07-01", "--deadline", "2027-08-01",
            "--body", "kl:1", "--body", "styregruppe:12")
    res.check(p.returncode == 2 and "--title:" in p.stderr and "--deadline: Ansøgningsfristen skal ligge før" in p.stderr
              and "»kl« er ikke et organ med kommunale pladser" in p.stderr and "--seats:" in p.stderr,
              "a bad round: every field named, exit 2:\n" + p.stderr)
    p = run(srv, "round", "create", "--title", "Styregruppen og Forretning 2027", "--first-day", "2027-07-01",
            "--deadline", "2027-04-15", "--body", "styregruppe:2:it-digitaliseringschef", "--body", "rg-forretning:1",
            "--weight", "k98=3", "--min-score", "40")
    res.check(p.returncode == 0, "round create: %s" % p.stderr)
    show = json.loads(run(srv, "round", "show", "1", "--json").stdout)
    res.check(show["state"] == "draft" and [c["weight"] for c in show["criteria"]] == [3, 2, 3, 1] and
              show["min_score"] == 40,
              "the model's criteria with the weight given: %s" % show["criteria"])
    p = run(srv, "round", "evaluate", "1")
    res.check(p.returncode == 2 and "ikke åbnet endnu" in p.stderr, "a draft cannot close applications: %s" % p.stderr)
    res.check(run(srv, "round", "open", "1").returncode == 0, "opened")
    notes = os.path.join(srv.dir, "cv.txt")
    with open(notes, "w") as f:
        f.write("just text\n")
    p = run(srv, "round", "apply", "1", "--name", "N", "--email", "n@example.dk", "--title", "T", "--municipality",
            "751", "--profile", "it-digitaliseringschef", "--body", "styregruppe", "--motivation", "M", "--cv", notes)
    res.check(p.returncode == 2 and "--cv: Filen er" in p.stderr and "Vedhæft CV'et som PDF eller Word" in p.stderr,
              "a CV that is not PDF or DOCX: %s" % p.stderr)
    p = run(srv, "round", "open", "1")
    res.check(p.returncode == 2 and "kriterier og vægte kan ikke ændres" in p.stderr, "opened once: criteria frozen")
    audit = run(srv, "audit", "verify")
    res.check(audit.returncode == 0, "the audit chain holds")

    os.environ["FKIGOV_TODAY"] = TODAY
    srv.start()
    try:
        anon = srv.client()
        calls = anon.get("/calls")
        res.check(calls.status == 200 and 'href="/calls/1"' in calls.text, "the open call is listed without login")
        page = anon.get("/calls/1")
        res.check(page.status == 200 and "Den ønskede profil" in page.text and ">3<" in page.text and
                  "slettes seks måneder efter beslutningen" in page.text and 'name="website"' in page.text,
                  "the call: criteria with weights, how personal data is handled, the form")
        # Without CSRF: refused.
        body, ct = multipart({"name": "X"}, [])
        res.check(anon.request("POST", "/calls/1", body, ctype=ct).status == 403, "no CSRF token: 403")
        good = {"name": "Birthe Kandidatsen", "email": "birthe.kandidatsen@example.dk", "title": "IT-chef",
                "municipality": "751", "profile": "it-digitaliseringschef", "body": "styregruppe",
                "motivation": "Jeg vil gerne bidrage til den fælleskommunale infrastruktur.\nMed venlig hilsen"}
        r = apply(anon, dict(good, website="http://spam.example"))
        res.check(r.status == 400, "the honeypot filled: 400")
        r = apply(anon, {"name": "", "email": "ikke-en-adresse", "municipality": "999", "motivation": ""})
        res.check(r.status == 400 and "Udfyld dit navn" in r.text and "ligner ikke en e-mailadresse" in r.text and
                  "Vælg den kommune" in r.text and 'aria-invalid="true"' in r.text, "bad fields: 400 with each field's error")
        res.check(json.loads(run(srv, "round", "applications", "1", "--json").stdout)["applications"] == [],
                  "nothing stored by the refused tries")
        pdf = make_pdf(os.path.join(srv.dir, "cv.pdf"), ["Curriculum vitae"])
        with open(pdf, "rb") as f:
            r = apply(anon, good, [("cv", "Birthes CV.pdf", f.read(), "application/pdf")])
        loc = r.headers.get("location", "")
        res.check(r.status == 303 and re.match(r"/calls/1/receipt\?ref=FKI-[A-Z2-9]{10}$", loc), "applied: %s" % loc)
        ref = loc.split("=")[1] if "=" in loc else ""
        rc = anon.get(loc)
        res.check(rc.status == 200 and ref in rc.text and "Tak for din ansøgning" in rc.text, "the receipt page")
        apps = json.loads(run(srv, "round", "applications", "1", "--json").stdout)["applications"]
        res.check(len(apps) == 1 and apps[0]["name"] == good["name"] and apps[0]["ref"] == ref and
                  apps[0]["municipality"] == 751, "the application, opened with its key")
        mails = run(srv, "mail", "list", "--json").stdout
        res.check("Kvittering for din ansøgning" in mails and good["email"] in mails, "the receipt is in the outbox")
        aud = run(srv, "audit", "list", "--json").stdout if run(srv, "audit", "list", "--json").returncode == 0 else ""
        res.check(good["name"] not in aud and good["email"] not in aud, "the audit log holds no name or e-mail")
        # Throttling: five tries in a row from one address are free (two made above: the bad
        # fields and the good one), the sixth waits.
        codes, last = [], None
        for i in range(4):
            last = apply(anon, dict(good, name="Kandidat %d" % i, email="k%d@example.dk" % i,
                                    municipality="101" if i == 1 else "751"))
            codes.append(last.status)
        res.check(codes == [303, 303, 303, 400] and "mange ansøgninger fra din adresse" in last.text,
                  "throttled per address after five tries: %s" % codes)
    finally:
        srv.kill()
    res.check(not file_has(srv, "Curriculum vitae"), "the CV is sealed in the file")
    # Late: the day after the deadline.
    os.environ["FKIGOV_TODAY"] = "2027-04-16"
    srv.start()
    try:
        anon = srv.client()
        page = anon.get("/calls/1")
        res.check("Ansøgningsfristen var 15. april 2027" in page.text and 'name="website"' not in page.text,
                  "after the deadline: no form, the reason")
        r = apply(anon, dict(good, email="sent@example.dk"))
        res.check(r.status == 400 and "Ansøgningsfristen var 15. april 2027" in r.text,
                  "a late application: 400 (%d) %s" % (r.status, re.sub(r"\s+", " ", r.text)[-600:]))
    finally:
        srv.kill()
        del os.environ["FKIGOV_TODAY"]
    n = len(json.loads(run(srv, "round", "applications", "1", "--json").stdout)["applications"])
    res.check(n == 4, "four applications stored in all (%d)" % n)
    # The evaluation: three of the secretariat's accounts; eva works in København (101) by the
    # register (sg01) and may not score Kandidat 1 from there.
    for login, extra in (("eva", ("--person", "sg01")), ("bo", ())):
        srv.fk("user", "add", login, "--role", "admin", *extra, input="correct horse battery staple\n")
    later = "2027-04-16"
    res.check(run(srv, "round", "evaluate", "1", today=later).returncode == 0, "applications closed after the deadline")
    crit = ["profil", "netvaerk", "k98", "samarbejde"]

    def mark(app, who, points, today=later):
        args = ["round", "mark", str(app), "--as", who]
        for c, m in zip(crit, points):
            args += ["--mark", "%s=%d" % (c, m), "--reason-" + c, "Begrundelse fra %s" % who]
        return run(srv, *args, today=today)

    res.check(mark(1, "admin", [1, 1, 1, 1]).returncode == 0, "admin scores Birthe")
    eva_token = srv.fk("token", "create", "eva").strip()
    os.environ["FKIGOV_TODAY"] = later
    srv.start()
    try:
        api = srv.client()
        api.token = eva_token
        v = api.get("/api/v1/rounds/1").json()
        b1 = v["applications"][0]
        res.check(b1["others"] is None and b1["mine"] == [] and b1["name"] == good["name"],
                  "blind over the API: eva does not see admin's marks before her own")
        r = api.post_json("/api/v1/applications/1/marks", {"marks": {"profil": 9, "netvaerk": 1, "k98": 1,
                                                                     "samarbejde": 3},
                                                           "reasons": {"profil": "x", "netvaerk": "y", "k98": "z"}})
        fields = r.json().get("fields", {}) if r.status == 400 else {}
        res.check(r.status == 400 and "marks.profil" in fields and "reasons.samarbejde" in fields,
                  "API marks refused by criterion: %s" % fields)
        r = api.post_json("/api/v1/applications/1/marks", {"marks": {"profil": 2, "netvaerk": 1, "k98": 1,
                                                                     "samarbejde": 3},
                                                           "reasons": {c: "Eva om " + c for c in crit}})
        res.check(r.status == 200, "eva scores Birthe over the API (%d)" % r.status)
        v = api.get("/api/v1/rounds/1").json()
        res.check(v["applications"][0]["others"] is not None, "after her own marks the API shows the others'")
        res.check(srv.client("viewer").get("/rounds/1").status == 403, "the round is the secretariat's")
        admin = srv.client("admin")
        page = admin.get("/rounds/1")
        res.check(page.status == 200 and good["name"] in page.text and "Vurdering" in page.text,
                  "the round's page lists the applications")
        k98 = page.text[page.text.find("K98: de 98 kommuner"):]
        res.check(k98.count("<tr><th scope=\"row\">") == 98 and "ingen plads i 5 år" in k98 and
                  re.search(r"Aarhus</th><td>Region Midtjylland</td><td class=\"num\">[1-9]", k98),
                  "K98: the 98 municipalities, who applied, who has had no seat for five years")
        cv = admin.get("/applications/1/cv")
        with open(pdf, "rb") as f:
            res.check(cv.status == 200 and cv.headers["content-type"] == "application/pdf" and cv.body == f.read(),
                      "the CV comes back as sent, to the secretariat")
        bo = srv.client("bo")
        ap = bo.get("/applications/2")
        res.check('<select id="person" name="person"' in ap.text and "Ingen: en ny kandidat" in ap.text,
                  "a register person is chosen from a list of names")
        res.check(ap.status == 200 and "Du ser de andre bedømmeres point, når du selv" in ap.text,
                  "blind on the page: bo sees no marks of application 2 yet")
        form = {"mark-%d" % k: "4" for k in range(4)}
        form.update({"reason-%d" % k: "Bo om %d" % k for k in range(3)})
        r = bo.post_form("/applications/2", form)
        res.check(r.status == 400 and "Begrund pointene" in r.text, "a reason missing on the page: 400")
        form["reason-3"] = "Bo om 3"
        r = bo.post_form("/applications/2", form)
        res.check(r.status == 303, "bo scores application 2 on the page")
    finally:
        srv.kill()
        del os.environ["FKIGOV_TODAY"]
    view = json.loads(run(srv, "round", "evaluation", "1", "--as", "eva", "--json", today=later).stdout)
    b1 = view["applications"][0]
    res.check(b1["others"] and {m["evaluator"] for m in b1["others"]} == {"admin"} and b1["evaluators"] == 2 and
              "samarbejde" in b1["spread"], "after her own: admin's marks, two evaluations, the spread flagged")
    p = mark(3, "eva", [4, 4, 4, 4])
    res.check(p.returncode == 2 and "ansat i kandidatens kommune" in p.stderr, "eva excluded from København's candidate")
    p = mark(2, "bo", [6, 4, 4, 4])
    res.check(p.returncode == 2 and "--mark-0:" in p.stderr, "a mark outside 1-5 refused by criterion")
    p = run(srv, "round", "recommend", "1", today=later)
    res.check(p.returncode == 2 and "3 ansøgninger mangler point fra mindst 2 bedømmere" in p.stderr,
              "no recommendation before every application is scored: %s" % p.stderr)
    res.check(run(srv, "round", "conflict", "4", "--as", "bo", "--reason", "Tidligere kollega", today=later).returncode == 0,
              "bo declares a conflict")
    p = run(srv, "round", "match", "4", "nobody", today=later)
    res.check(p.returncode == 2 and "--person: Personen findes ikke" in p.stderr, "match to an unknown person refused")
    res.check(run(srv, "round", "match", "4", "sg05", today=later).returncode == 0 and
              json.loads(run(srv, "round", "applications", "1", "--json").stdout)["applications"][3]["person"] == "sg05",
              "the secretariat matches an application to a register person")
    ev = json.loads(run(srv, "round", "evaluation", "1", "--json", today=later).stdout)["applications"]
    res.check(not ev[3]["eligibility"][0]["eligible"] and ev[0]["eligibility"][0]["eligible"] and
              ev[0]["eligibility"][0]["message"] == "Kan udpeges.",
              "eligibility on the first day by the register (SPEC 7.1): %s" % ev[3]["eligibility"])
    run(srv, "round", "match", "4", "--none", today=later)
    p = mark(4, "bo", [5, 5, 5, 5])
    res.check(p.returncode == 2 and "inhabil" in p.stderr, "no marks after a declared conflict")
    for app, who in ((2, "admin"), (3, "admin"), (3, "bo"), (4, "admin"), (4, "eva")):
        mark(app, who, [4, 4, 3, 4] if app != 3 else [5, 4, 5, 4])
    p = run(srv, "round", "recommend", "1", "--json", today=later)
    res.check(p.returncode == 0, "recommended: %s" % p.stderr)
    rec = json.loads(p.stdout[p.stdout.index("{"):])
    sel = [x["id"] for b in rec["bodies"] for x in b["selected"]]
    res.check(len(sel) == 2 and 1 not in sel and all(x["why"] for b in rec["bodies"] for x in b["selected"]),
              "two recommended for the steering group, each with why: %s" % sel)
    sg = next(b for b in rec["bodies"] if b["body"] == "styregruppe")
    refs = {x["ref"] for x in sg["selected"]}
    res.check(isinstance(sg["checks"], list) and all(c["message"] for c in sg["checks"]),
              "the composition after appointment checked by every rule: %d findings" % len(sg["checks"]))
    res.check({x["ref"] for x in sg["forecast"]["leaving"]} <= refs and isinstance(sg["forecast"]["quota_breaks"], list),
              "the five-year forecast with the new members: %s" % sg["forecast"])
    res.check({x["declines"] for x in sg["if_declines"]} == refs and
              all(x["instead"] not in refs for x in sg["if_declines"]),
              "the best alternative if one declines: %s" % sg["if_declines"])
    p = run(srv, "round", "decide", "1", "--pick", "1:styregruppe", today=later)
    res.check(p.returncode == 2 and "afviger fra indstillingen" in p.stderr, "a departure needs a reason")
    p = run(srv, "round", "decide", "1", today=later)
    res.check(p.returncode == 0, "decided as recommended: %s" % p.stderr)
    reg = run(srv, "export", "appointments").stdout
    res.check(sum(1 for line in reg.splitlines() if ",styregruppe,kommune,it-digitaliseringschef,2027-07-01," in line) == 2,
              "two appointments from the term's first day")
    rep = json.loads(run(srv, "round", "report", "1", "--json", today=later).stdout)
    res.check(rep["applicants"] == 4 and len(rep["appointed"]) == 2 and len(rep["other_scores"]) == 2 and
              "Birthe" not in json.dumps(rep["other_scores"]) and rep["by_region"].get("Region Midtjylland") == 3,
              "the report: the appointed named, the others' scores only")
    mails = run(srv, "mail", "list", "--json").stdout
    res.check(mails.count("Udfaldet af din ansøgning") == 4, "every candidate told the outcome")
    res.check(run(srv, "round", "close", "1", today=later).returncode == 0, "closed")
    srv.start()
    try:
        anon = srv.client()
        rp = anon.get("/calls/1/report")
        res.check(rp.status == 200 and rep["appointed"][0]["name"] in rp.text and good["name"] not in rp.text,
                  "the public report names the appointed, not the others")
        res.check(anon.get("/api/v1/rounds/1/report").status == 200, "the report through the API without login")
        x = anon.get("/calls/1/report.xlsx")
        path = os.path.join(srv.dir, "rapport.xlsx")
        with open(path, "wb") as f:
            f.write(x.body)
        rows = json.loads(subprocess.run(
            ["/usr/bin/python3", "-c", "import sys, json, openpyxl; ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0];"
             " print(json.dumps([[c.value for c in r] for r in ws.iter_rows()]))", path],
            capture_output=True, text=True).stdout or "[]")
        named = [r for r in rows[1:] if r[1]]
        res.check(x.status == 200 and rows and rows[0][:3] == ["Udfald", "Navn", "Kommune"] and len(rows) == 5 and
                  len(named) == 2 and all(r[0] == "udpeget" for r in named) and good["name"] not in json.dumps(rows),
                  "the report as a workbook: four applicants, only the appointed named: %s" % rows[:2])
    finally:
        srv.kill()
    # The purge: six months after the decision (16 April), the data of those not appointed.
    p = run(srv, "round", "purge", "--date", "2027-10-15", today="2027-10-15")
    res.check(p.returncode == 0 and p.stdout.startswith("0 "), "not yet on 15 October: %s" % p.stdout)
    res.check(file_has(srv, good["name"]), "the receipt message still names the candidate before the purge")
    # serve purges by itself, in its nightly round (here at start: the hour has come).
    os.environ.update(FKIGOV_TODAY="2027-10-16", FKIGOV_BACKUP_HOUR="0")
    srv.start()
    log = os.path.join(srv.dir, "serve.log")
    try:
        for _ in range(100):
            if "personoplysningerne i 2 ansøgninger er slettet" in open(log).read():
                break
            time.sleep(0.1)
    finally:
        srv.kill()
        del os.environ["FKIGOV_TODAY"], os.environ["FKIGOV_BACKUP_HOUR"]
    res.check("personoplysningerne i 2 ansøgninger er slettet" in open(log).read(),
              "serve purged the two not appointed on 16 October by itself")
    apps = json.loads(run(srv, "round", "applications", "1", "--json").stdout)["applications"]
    gone = [a for a in apps if a["purged"]]
    res.check(len(gone) == 2 and all(a["name"] is None and a["municipality"] for a in gone),
              "the anonymised statistics stay")
    res.check(not file_has(srv, good["name"]) and not file_has(srv, good["email"]),
              "no name or e-mail of Birthe (not appointed) left in the database file")
    res.check(run(srv, "audit", "verify").returncode == 0, "the audit chain still holds")


def main():
    return run_test(test, "rounds")


if __name__ == "__main__":
    sys.exit(main())
