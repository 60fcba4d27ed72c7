#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""The reference groups' status for a meeting and the meeting's portfolio overview over HTTP
against a real server (issue 5, SPEC §2.5: "each reference group submits its status on its
initiatives and any recommendations by the status deadline; these are compiled into the
porteføljeoverblik"): a member of rg-forretning submits the group's status through the form
(CSRF) before the deadline, after a refused yellow status without a reason that stored
nothing; a member of another group and a member of no reference group are refused (403, page
and API); after the deadline the secretariat submits for a group and it is marked late; the
overview page and API show the statuses, the trend, the milestones, the budget, "Status
mangler" for a group with initiatives that sent nothing, and a case recommendation under its
group; the agenda carries the case as an item and the minutes' decision decides the case
once the minutes are approved (until then the case waits, and shows no draft).
"Today" is moved with FKIGOV_TODAY (server restarts), the clock of stored events with
FKIGOV_NOW."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import PASSWORD, ROOT, Results, Server  # noqa: E402
from openapi_test import validate  # noqa: E402

SPEC = json.load(open(os.path.join(ROOT, "static", "openapi.json"), encoding="utf-8"))
res = Results()


def schema_ok(name, value, what):
    """value matches components/schemas/name of static/openapi.json."""
    errs = validate(SPEC, {"$ref": "#/components/schemas/" + name}, value)
    res.check(not errs, "%s matches %s: %s" % (what, name, "; ".join(errs[:5])))


def has(r, text, what):
    res.check(text in r.text, "%s: %r not in the page (%d)" % (what, text, r.status))


def hasnt(r, text, what):
    res.check(text not in r.text, "%s: %r in the page (%d)" % (what, text, r.status))


os.environ["FKIGOV_TODAY"] = "2027-01-10"
os.environ["FKIGOV_NOW"] = "2027-01-10T09:00:00Z"
srv = Server()


def fk(*args, today=None, now=None):
    env = {}
    if today:
        env["FKIGOV_TODAY"] = today
    if now:
        env["FKIGOV_NOW"] = now
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return srv.fk(*args)
    finally:
        for k, v in old.items():
            os.environ[k] = v


# The year, the portfolio, the accounts: rf01 serves on rg-forretning, rd01 on
# rg-drift-forvaltning; the fixture's "member" (sg01) on the steering group only.
fk("cycle", "plan", "2027", "--dates", "2027-03-04,2027-06-10,2027-09-09,2027-12-02", "--save")
for key, name, body in (("fki-1", "Fælles login", "rg-forretning"),
                        ("fki-2", "Datadeling", "rg-forretning"),
                        ("fki-3", "Drift af fælles integrationer", "rg-drift-forvaltning"),
                        ("fki-5", "Arkitekturprincipper", "rg-arkitektur-udvikling"),
                        ("fki-4", "Fælleskommunal strategi", "styregruppe")):
    fk("initiative", "add", key, "--name", name, "--body", body)
fk("initiative", "milestone", "fki-1", "--title", "Pilot", "--due", "2027-01-05")
fk("initiative", "milestone", "fki-1", "--title", "Udrulning", "--due", "2027-05-01")
fk("initiative", "budget", "fki-1", "2027", "--kr", "250.000")
fk("initiative", "status", "fki-1", "--status", "grøn", "--date", "2027-01-05")
fk("case", "raise", "--title", "Fælles loginløsning til borgervendte løsninger",
   "--text", "Kommunerne mangler en fælles loginløsning.", "--by", "styregruppe")
fk("case", "assign", "sag-1", "--to", "rg-forretning", "--text", "Referencegruppen vurderer behovet.",
   now="2027-01-12T09:00:00Z")
fk("case", "recommend", "sag-1", "--text", "Vi indstiller, at styregruppen beslutter en fælles loginløsning.",
   today="2027-01-15", now="2027-01-15T09:00:00Z")
for login, person in (("rf", "rf01"), ("rd", "rd01")):
    srv.fk("user", "add", login, "--role", "member", "--person", person, input=PASSWORD + "\n")


def start(today):
    """(Re)starts the server on day today; returns logged-in clients and API clients."""
    srv.kill()
    os.environ["FKIGOV_TODAY"] = today
    os.environ["FKIGOV_NOW"] = today + "T09:00:00Z"
    srv.start()
    c = {role: srv.client(role) for role in ("admin", "member", "viewer")}
    for login in ("rf", "rd"):
        c[login] = srv.client()
        c[login].login(login, PASSWORD)
    for role in ("admin", "member", "viewer"):
        t = srv.client()
        t.token = srv.tokens[role]
        c["api-" + role] = t
    for login in ("rf", "rd"):
        t = srv.client()
        t.token = srv.fk("token", "create", login).strip()
        c["api-" + login] = t
    return c


def statuses(c):
    return c["api-admin"].get("/api/v1/meetings/1/statuses").json()["statuses"]


try:
    c = start("2027-01-20")
    admin, rf, rd, member, viewer = c["admin"], c["rf"], c["rd"], c["member"], c["viewer"]

    # The meeting links to the overview; to the status form for those who may submit.
    r = rf.get("/meetings/1")
    has(r, 'href="/meetings/1/portfolio"', "meeting links to the overview")
    has(r, 'href="/meetings/1/status"', "member of a reference group gets the status link")
    r = viewer.get("/meetings/1")
    has(r, 'href="/meetings/1/portfolio"', "viewer gets the overview link")
    hasnt(r, 'href="/meetings/1/status"', "viewer gets no status link")
    hasnt(member.get("/meetings/1"), 'href="/meetings/1/status"',
          "member of no reference group gets no status link")

    # The form of the member's only group: every started initiative with grøn/gul/rød in
    # words, the latest status prefilled, the deadline.
    r = rf.get("/meetings/1/status")
    res.check(r.status == 200, "GET status form as rf: %d" % r.status)
    has(r, ">Status fra Referencegruppe Forretning</h1>", "the group's form")
    has(r, "4. februar 2027", "the deadline")
    for key in ("fki-1", "fki-2"):
        has(r, '<fieldset class="ov-line" id="status-%s"' % key, "a fieldset for " + key)
        for v in ("grøn", "gul", "rød"):
            has(r, 'name="status-%s" value="%s"' % (key, v), "radio %s for %s" % (v, key))
    res.check(re.search(r'id="status-fki-1-green" name="status-fki-1" value="grøn" checked', r.text),
              "the latest status of fki-1 is prefilled")
    res.check(not re.search(r'name="status-fki-2" value="[^"]*" checked', r.text), "fki-2 has none")
    has(r, '<span class="st st-yellow">Gul</span> udfordringer', "status in words, not colour alone")
    hasnt(r, "fki-3", "not the other groups' initiatives")
    hasnt(r, "markeret som indsendt efter fristen", "no late notice before the deadline")

    # Yellow without a reason: 400, the error next to the field, nothing stored.
    bad = {"body": "rg-forretning", "status-fki-1": "gul", "reason-fki-1": "",
           "status-fki-2": "grøn", "note": "Godt på vej."}
    r = rf.post_form("/meetings/1/status", bad)
    res.check(r.status == 400, "gul without reason: %d" % r.status)
    has(r, 'id="reason-fki-1-fejl"', "the error next to the reason")
    has(r, 'aria-describedby="reason-fki-1-hint reason-fki-1-fejl" aria-invalid="true"', "linked error")
    has(r, 'href="#reason-fki-1"', "the error summary links to the field")
    has(r, "Godt på vej.", "what was typed is kept")
    res.check(re.search(r'name="status-fki-1" value="gul" checked', r.text), "typed status kept")
    res.check(statuses(c) == [], "nothing stored after the refused form")
    r = rf.post_form("/meetings/1/status", {"body": "rg-forretning", "status-fki-1": "gul",
                                            "reason-fki-1": "Forsinket"})
    res.check(r.status == 400 and 'id="status-fki-2-fejl"' in r.text,
              "a missing line is named: %d" % r.status)
    r = rf.post_form("/meetings/1/status", dict(bad, **{"reason-fki-1": "Leverandøren er forsinket."}),
                     csrf="0" * 64)
    res.check(r.status == 403, "POST without the right CSRF token: %d" % r.status)

    # Right: 303 to the overview with a confirmation.
    r = rf.post_form("/meetings/1/status", dict(bad, **{"reason-fki-1": "Leverandøren er forsinket."}))
    res.check(r.status == 303 and r.headers.get("location", "").startswith("/meetings/1/portfolio?ok=status"),
              "status by form: %d %s" % (r.status, r.headers.get("location")))
    r = rf.get(r.headers["location"].split("#")[0])
    has(r, "Statussen er modtaget", "confirmation")
    st = statuses(c)
    res.check(len(st) == 1 and st[0]["body"] == "rg-forretning" and st[0]["late"] is False
              and st[0]["actor"] == "rf" and st[0]["note"] == "Godt på vej.",
              "the submission stored: %s" % st)

    # Others may not submit for the group.
    r = rd.get("/meetings/1/status?body=rg-forretning")
    res.check(r.status == 403 and "referencegrupper, du er medlem af" in r.text,
              "member of another group: %d" % r.status)
    r = rd.post_form("/meetings/1/status", dict(bad, **{"reason-fki-1": "x"}))
    res.check(r.status == 403, "member of another group may not post: %d" % r.status)
    r = c["api-rd"].post_json("/api/v1/meetings/1/statuses", {
        "body": "rg-forretning", "statuses": [{"initiative": "fki-1", "status": "grøn"},
                                              {"initiative": "fki-2", "status": "grøn"}]})
    res.check(r.status == 403, "API: member of another group: %d" % r.status)
    r = member.get("/meetings/1/status")
    res.check(r.status == 403 and "Kontakt sekretariatet" in r.text,
              "member of no reference group: %d" % r.status)
    res.check(viewer.get("/meetings/1/status").status == 403, "viewer may not")
    res.check(c["api-viewer"].post_json("/api/v1/meetings/1/statuses", {"body": "rg-forretning"}).status == 403,
              "API viewer may not")
    res.check(rf.get("/meetings/1/status?body=ingen").status == 404, "unknown group: 404")
    res.check(rf.get("/meetings/9/status").status == 404, "unknown meeting: 404")
    res.check(len(statuses(c)) == 1, "still one submission")

    # rd's own group through the API; errors first.
    api = c["api-rd"]
    r = api.post_json("/api/v1/meetings/1/statuses", {
        "body": "rg-drift-forvaltning", "statuses": [{"initiative": "fki-3", "status": "rød"}]})
    res.check(r.status == 400 and "reason-fki-3" in r.json().get("fields", {}),
              "API rød without reason: %d %s" % (r.status, r.text[:300]))
    schema_ok("Error", r.json(), "API 400")
    r = api.post_json("/api/v1/meetings/1/statuses", {"body": "rg-drift-forvaltning", "farve": 1,
                                                      "statuses": [{"initiative": "fki-1", "status": "grøn"}]})
    res.check(r.status == 400 and "farve" in r.json()["fields"], "API unknown field: %d" % r.status)
    r = api.post_json("/api/v1/meetings/1/statuses", {
        "body": "rg-drift-forvaltning", "statuses": [{"initiative": "fki-1", "status": "grøn"},
                                                     {"initiative": "fki-3", "status": "grøn"}]})
    res.check(r.status == 400 and "initiative" in r.json()["fields"],
              "API another group's initiative: %d %s" % (r.status, r.text[:300]))
    r = api.request("POST", "/api/v1/meetings/1/statuses", "ikke json", ctype="application/json")
    res.check(r.status == 400, "API not JSON: %d" % r.status)
    res.check(len(statuses(c)) == 1, "nothing stored by the refused API calls")

    # After the deadline (4 February): the form says so politely; the secretariat submits for
    # a group and it is marked late.
    c = start("2027-02-10")
    admin, rf = c["admin"], c["rf"]
    r = admin.get("/meetings/1/status")
    res.check(r.status == 200 and "Vælg referencegruppe" in r.text, "admin chooses among groups: %d" % r.status)
    for body in ("rg-forretning", "rg-arkitektur-udvikling", "rg-drift-forvaltning"):
        has(r, 'href="/meetings/1/status?body=%s"' % body, "choice of " + body)
    has(r, "status indsendt 20. januar 2027", "the choice shows what was sent")
    r = admin.get("/meetings/1/status?body=rg-drift-forvaltning")
    has(r, "Fristen for status var 4. februar 2027", "late notice on the form")
    has(r, "markeret som indsendt efter fristen", "the notice says it will be marked late")
    r = admin.post_form("/meetings/1/status", {"body": "rg-drift-forvaltning", "status-fki-3": "rød",
                                               "reason-fki-3": "Integrationen er nede i flere kommuner."})
    res.check(r.status == 303 and "ok=late" in r.headers.get("location", ""),
              "late status by the secretariat: %d %s" % (r.status, r.headers.get("location")))
    r = admin.get(r.headers["location"].split("#")[0])
    has(r, "markeret som for sen", "late confirmation")
    st = statuses(c)
    late = [s for s in st if s["body"] == "rg-drift-forvaltning"]
    res.check(len(late) == 1 and late[0]["late"] is True and late[0]["actor"] == "admin",
              "the secretariat's late submission: %s" % st)
    r = c["api-admin"].get("/api/v1/meetings/1/statuses")
    schema_ok("MeetingStatusList", r.json(), "GET statuses")
    res.check(r.json()["meeting"] == 1, "statuses of meeting 1")

    # The overview: page.
    r = rf.get("/meetings/1/portfolio")
    res.check(r.status == 200, "GET overview: %d" % r.status)
    has(r, "Porteføljeoverblik til styregruppemøde 1/2027", "heading")
    has(r, "status pr. 10. februar 2027", "cut-off")
    has(r, 'href="/meetings/1"', "back to the meeting")
    has(r, 'href="/meetings/1/status"', "submit link for a member of a group")
    sec = {}
    for body in ("rg-forretning", "rg-arkitektur-udvikling", "rg-drift-forvaltning"):
        m = re.search(r'<section class="ov-group" id="gruppe-%s".*?</section>' % body, r.text, re.S)
        res.check(m is not None, "a section for " + body)
        sec[body] = m.group(0) if m else ""
    f = sec["rg-forretning"]
    res.check("Status indsendt 20. januar 2027" in f and "Efter fristen" not in f.split("<table")[0],
              "rg-forretning: submitted in time")
    res.check("Godt på vej." in f, "the group's note")
    res.check('<span class="st st-yellow">Gul</span>' in f and "Leverandøren er forsinket." in f,
              "fki-1 yellow with the reason")
    res.check("Værre" in f and "Første status" in f, "trends: worse (grøn→gul) and first")
    res.check("Overskredet</span> Pilot" in f and "Næste: Udrulning" in f, "milestones")
    res.check("250.000,00 kr." in f, "budget for 2027")
    res.check('href="/cases/sag-1"' in f and "Fælles loginløsning" in f and "Indstillinger til styregruppen" in f,
              "the case recommendation under its group")
    res.check("Status mangler" in sec["rg-arkitektur-udvikling"], "missing status for a group with initiatives")
    d = sec["rg-drift-forvaltning"]
    res.check("Status indsendt 10. februar 2027" in d and "Efter fristen" in d and '<span class="st st-red">Rød</span>' in d,
              "late submission marked")
    has(r, "Øvrige initiativer", "the other initiatives")
    has(r, "Fælleskommunal strategi", "fki-4 under the others")
    res.check(r.text.index("Øvrige initiativer") > r.text.index('id="gruppe-rg-drift-forvaltning"'),
              "the others last")
    r = c["viewer"].get("/meetings/1/portfolio")
    res.check(r.status == 200, "viewer reads the overview: %d" % r.status)
    hasnt(r, 'href="/meetings/1/status', "viewer gets no submit link")
    res.check(srv.client().get("/meetings/1/portfolio").status == 302, "anonymous: to the login")
    res.check(rf.get("/meetings/99/portfolio").status == 404, "unknown meeting: 404")

    # The overview: API = the command line's JSON.
    r = c["api-viewer"].get("/api/v1/meetings/1/portfolio")
    res.check(r.status == 200, "API overview: %d" % r.status)
    ov = r.json()
    schema_ok("MeetingPortfolio", ov, "GET portfolio")
    os.environ["FKIGOV_TODAY"] = "2027-02-10"
    cli = json.loads(srv.fk("meeting", "portfolio", "1", "--json"))
    res.check(ov == cli, "the API is `fkigov meeting portfolio 1 --json`")
    g = {x["body"]: x for x in ov["groups"]}
    res.check(g["rg-forretning"]["submitted"] == "2027-01-20" and not g["rg-forretning"]["late"],
              "API: rg-forretning in time")
    res.check(g["rg-drift-forvaltning"]["late"] is True, "API: rg-drift-forvaltning late")
    res.check(g["rg-arkitektur-udvikling"]["missing"] is True, "API: rg-arkitektur-udvikling missing")
    i1 = next(x for x in g["rg-forretning"]["initiatives"] if x["key"] == "fki-1")
    res.check(i1["status"] == "gul" and i1["trend"] == "worse", "API: fki-1 gul, worse: %s" % i1)
    res.check([x["case"] for x in g["rg-forretning"]["recommendations"]] == ["sag-1"],
              "API: the recommendation under its group")
    res.check(c["api-viewer"].get("/api/v1/meetings/99/portfolio").status == 404, "API unknown meeting")

    # The agenda carries the recommendation as an item; the approved minutes decide the case.
    r = admin.post_form("/meetings/1", {"action": "agenda"})
    res.check(r.status == 303, "build agenda: %d" % r.status)
    items = c["api-admin"].get("/api/v1/meetings/1").json()["items"]
    case_items = [it for it in items if it["source"] == "case" and it["ref"] == "sag-1"]
    res.check(len(case_items) == 1, "the case is on the agenda: %s" % [(i["source"], i["ref"]) for i in items])
    r = admin.post_form("/meetings/1/dispatch", {})
    res.check(r.status == 303, "dispatch: %d" % r.status)
    c = start("2027-03-04")
    admin = c["admin"]
    r = c["rf"].get("/meetings/1/status")
    res.check(r.status == 200, "form on the meeting day: %d" % r.status)
    if case_items:
        n = case_items[0]["number"]
        r = admin.post_form("/meetings/1", {"action": "minutes", "item": str(n), "outcome": "beslutning",
                                            "text": "Styregruppen besluttede en fælles loginløsning."})
        res.check(r.status == 303, "minutes of the case item: %d %s" % (r.status, r.text[-300:]))
    r = c["api-admin"].get("/api/v1/cases/sag-1")
    cs = r.json()
    res.check(r.status == 200 and cs.get("state") == "recommended" and cs.get("decision") is None,
              "the case waits for the approval of the minutes: %s" % cs.get("state"))
    r = c["rf"].get("/meetings/1/portfolio")
    has(r, "status pr. 10. februar 2027", "after dispatch the cut-off is the dispatch day")

    # Held (the first minutes): no more statuses, page or API.
    res.check(c["api-admin"].get("/api/v1/meetings/1").json()["state"] == "held", "the meeting is held")
    r = c["rf"].get("/meetings/1/status")
    has(r, "Mødet er holdt", "held meeting: a notice instead of the form")
    hasnt(r, 'name="status-fki-1"', "no form for a held meeting")
    hasnt(c["rf"].get("/meetings/1"), 'href="/meetings/1/status"', "no status link for a held meeting")
    r = c["api-rf"].post_json("/api/v1/meetings/1/statuses", {
        "body": "rg-forretning", "statuses": [{"initiative": "fki-1", "status": "grøn"},
                                              {"initiative": "fki-2", "status": "grøn"}]})
    res.check(r.status == 400 and "state" in r.json().get("fields", {}), "API after the meeting: %d %s" % (r.status, r.text[:200]))
    # The other items' minutes and the approval: now the case is decided.
    for it in c["api-admin"].get("/api/v1/meetings/1").json()["items"]:
        if it["outcome"] is None:
            r = admin.post_form("/meetings/1", {"action": "minutes", "item": str(it["number"]),
                                                "outcome": "taget-til-efterretning", "text": "Taget til efterretning."})
            res.check(r.status == 303, "minutes of item %d: %d" % (it["number"], r.status))
    r = admin.post_form("/meetings/1", {"action": "approve"})
    res.check(r.status == 303, "approve: %d %s" % (r.status, r.text[-300:]))
    r = c["api-admin"].get("/api/v1/cases/sag-1")
    cs = r.json()
    res.check(r.status == 200 and cs.get("state") == "decided", "the case is decided: %s" % cs.get("state"))
    res.check("Styregruppemøde 1/2027" in json.dumps(cs, ensure_ascii=False), "the decision names the meeting")

    # My deadlines: the member's group's status deadline for the coming meetings, sent or
    # missing, with a link to the form; a member of no reference group sees none.
    c = start("2027-04-01")
    r = c["rd"].get("/my")
    res.check(r.status == 200, "/my: %d" % r.status)
    has(r, "Referencegruppens status", "the status deadlines on /my")
    has(r, 'href="/meetings/2/status?body=rg-drift-forvaltning"', "link to the status form of meeting 2")
    has(r, "ikke indsendt endnu<br>", "not sent yet for meeting 2")
    r = c["api-rf"].post_json("/api/v1/meetings/2/statuses", {
        "body": "rg-forretning", "note": None,
        "statuses": [{"initiative": "fki-1", "status": "gul", "reason": "Stadig forsinket."},
                     {"initiative": "fki-2", "status": "grøn", "reason": None}]})
    res.check(r.status == 201 and r.headers.get("location") == "/api/v1/meetings/2/portfolio",
              "API status by a member: %d %s %s" % (r.status, r.headers.get("location"), r.text[:300]))
    schema_ok("MeetingStatus", r.json(), "POST statuses")
    res.check(r.json().get("late") is False and r.json().get("body") == "rg-forretning", "API answer: %s" % r.text[:200])
    r = c["rf"].get("/my")
    has(r, "indsendt 1. april 2027", "sent shown on /my")
    hasnt(c["member"].get("/my"), "Referencegruppens status", "no status deadlines for sg01")
finally:
    srv.close()
sys.exit(res.done("portfolio"))
