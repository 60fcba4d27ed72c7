#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Cases (sager) and goals over HTTP against a real server: a case from raised to decided
and closed through the pages (forms with CSRF) and through the API (tokens), a member of the
assigned reference group giving the recommendation and a member of another group refused,
every move the state machine refuses answered 400 with the reason and nothing written, the
decision in the decision log, goals with status reports, access per role, escaping."""
import json
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import PASSWORD, ROOT, Results, Server  # noqa: E402
from openapi_test import validate  # noqa: E402

SPEC = json.load(open(os.path.join(ROOT, "static", "openapi.json"), encoding="utf-8"))


def schema_ok(res, name, value, what):
    """value matches components/schemas/name of static/openapi.json."""
    errs = validate(SPEC, {"$ref": "#/components/schemas/" + name}, value)
    res.check(not errs, "%s matches %s: %s" % (what, name, "; ".join(errs[:5])))

XSS = '<script>alert("sag")</script>'


def case_count(api):
    return len(api.get("/api/v1/cases").json()["cases"])


def main():
    res = Results()
    srv = Server()
    # rf01 sits in Referencegruppe Forretning (the demo register); the fixture's member is sg01.
    srv.fk("user", "add", "louise", "--role", "member", "--person", "rf01", input=PASSWORD + "\n")
    louise_tok = srv.fk("token", "create", "louise").strip()
    srv.start()
    try:
        run(srv, res, louise_tok)
    finally:
        srv.close()
    return res.done("cases")


def run(srv, res, louise_tok):
    admin = srv.client("admin")
    viewer = srv.client("viewer")
    member = srv.client("member")
    louise = srv.client()
    louise.login("louise", PASSWORD)
    anon = srv.client()
    api = srv.client()
    api.token = srv.tokens["admin"]
    api_viewer = srv.client()
    api_viewer.token = srv.tokens["viewer"]
    api_member = srv.client()
    api_member.token = srv.tokens["member"]
    api_louise = srv.client()
    api_louise.token = louise_tok

    # ------------------------------------------------------------ access
    r = anon.get("/cases")
    res.check(r.status == 302 and r.headers.get("location", "").startswith("/login"),
              "anonymous /cases goes to login: %d" % r.status)
    for path in ("/api/v1/cases", "/api/v1/goals", "/api/v1/cases/sag-1"):
        res.check(anon.get(path).status == 401, "anonymous %s: 401" % path)
    for c, who in ((viewer, "viewer"), (member, "member"), (admin, "admin")):
        r = c.get("/cases")
        res.check(r.status == 200, "%s GET /cases: %d" % (who, r.status))
        res.check(('method="post" action="/cases"' in r.text) == (who == "admin"),
                  "%s sees the raise form only as admin" % who)
        res.check(c.get("/goals").status == 200, "%s GET /goals" % who)
    r = viewer.post_form("/cases", {"title": "x", "text": "y", "by": "styregruppe"})
    res.check(r.status == 403, "viewer POST /cases: %d" % r.status)
    r = api_viewer.post_json("/api/v1/cases", {"title": "x", "text": "y", "by": "styregruppe"})
    res.check(r.status == 403, "viewer POST /api/v1/cases: %d" % r.status)

    # ------------------------------------------------------------ raise through the page
    r = admin.post_form("/cases", {"title": "", "text": "", "by": "kl-direktion", "tag": "Kaffe"})
    res.check(r.status == 400, "raise with errors: %d" % r.status)
    for words in ("Skriv titlen.", "Skriv beskrivelsen af sagen.", "kan ikke rejse en sag",
                  "er ikke et af referencegruppernes emner", 'aria-invalid="true"',
                  'href="#title"', 'id="title-fejl"'):
        res.check(words in r.text, "the raise form's errors show %r" % words)
    res.check(case_count(api) == 0, "nothing stored after a bad form")
    r = admin.post_form("/cases", {"title": "x", "text": "y", "by": "styregruppe"}, csrf=False)
    res.check(r.status == 403, "raise without CSRF: %d" % r.status)
    r = admin.request("POST", "/cases", urllib.parse.urlencode([
        ("csrf", admin.csrf()), ("title", "Fælles servicemål " + XSS),
        ("text", "Skal der være fælles servicemål?\nFor drift og support."),
        ("by", "styregruppe"), ("tag", "SLA'er og servicemål"), ("tag", "Standardisering")]),
        ctype="application/x-www-form-urlencoded")
    res.check(r.status == 303 and r.headers.get("location") == "/cases/sag-1?ok=raise",
              "raise: %d %s" % (r.status, r.headers.get("location")))
    r = admin.get("/cases/sag-1?ok=raise")
    res.check(r.status == 200 and "Sagen er rejst." in r.text, "the case page after raising")
    res.check(XSS not in r.text and "&lt;script&gt;" in r.text, "the title is escaped on the page")
    res.check("Standardisering" in r.text and "SLA&#39;er og servicemål" in r.text
              or "SLA&#x27;er" in r.text, "the tags show")
    res.check(r.text.count('case-action"') == 2, "raised: assign and withdraw forms")

    # ------------------------------------------------------------ moves through the pages
    r = admin.post_form("/cases/sag-1", {"event": "decide", "kind": "beslutning", "text": "Ja"})
    res.check(r.status == 400 and "Sagen kan ikke besluttes, før der er en indstilling fra "
              "referencegruppen." in r.text, "deciding a raised case is refused: %d" % r.status)
    r = admin.post_form("/cases/sag-1", {"event": "assign", "to": "styregruppe", "text": ""})
    res.check(r.status == 400 and "er hverken en referencegruppe eller en arbejdsgruppe" in r.text
              and "Skriv opgaven til gruppen." in r.text and 'id="assign-to-fejl"' in r.text,
              "assign with errors: %d" % r.status)
    r = admin.post_form("/cases/sag-1", {"event": "nonsense"})
    res.check(r.status == 400, "an unknown event: %d" % r.status)
    full = api.get("/api/v1/cases/sag-1").json()
    res.check(full["state"] == "raised" and len(full["events"]) == 1,
              "nothing written by refused moves")
    r = admin.post_form("/cases/sag-1", {"event": "assign", "to": "rg-forretning",
                                         "text": "Undersøg behovet."})
    res.check(r.status == 303 and r.headers.get("location", "").startswith("/cases/sag-1?ok=assign"),
              "assign: %d" % r.status)
    r = member.post_form("/cases/sag-1", {"event": "recommend", "text": "Jeg er ikke i gruppen"})
    res.check(r.status == 403, "a member of another group may not recommend: %d" % r.status)
    r = member.get("/cases/sag-1")
    res.check('value="recommend"' not in r.text, "no recommend form for another member")
    r = louise.get("/cases/sag-1")
    res.check('value="recommend"' in r.text and 'value="assign"' not in r.text,
              "the group's member sees the recommend form only")
    r = louise.post_form("/cases/sag-1", {"event": "withdraw", "text": "Nej"})
    res.check(r.status == 403, "a member may not withdraw: %d" % r.status)
    r = louise.post_form("/cases/sag-1", {"event": "recommend", "text": ""})
    res.check(r.status == 400 and "Skriv indstillingen." in r.text, "empty recommendation: %d" % r.status)
    r = louise.post_form("/cases/sag-1", {"event": "recommend",
                                          "text": "Vi indstiller fælles servicemål."})
    res.check(r.status == 303, "the member recommends: %d" % r.status)
    r = admin.post_form("/cases/sag-1", {"event": "decide", "kind": "", "text": "",
                                         "date": "2099-01-01"})
    res.check(r.status == 400 and "Vælg, om styregruppen giver rådgivning" in r.text
              and "ligger efter i dag" in r.text, "decide with errors: %d" % r.status)
    r = admin.post_form("/cases/sag-1", {"event": "decide", "kind": "beslutning",
                                         "text": "Fælles servicemål fra 2027.", "date": "",
                                         "meeting": "Styregruppemøde 4"})
    res.check(r.status == 303, "decide: %d" % r.status)
    r = admin.get("/cases/sag-1")
    res.check("Styregruppens afgørelse" in r.text and "Fælles servicemål fra 2027." in r.text
              and "Styregruppemøde 4" in r.text, "the decision shows on the case")
    res.check(len(re.findall(r'<li class="ev-', r.text)) == 4, "the timeline has four events")
    for t in ("Sagen er rejst", "Sagen er tildelt", "Indstilling afgivet", "Styregruppens afgørelse",
              "louise", "admin"):
        res.check(t in r.text, "the timeline says %r" % t)
    r = admin.get("/cases")
    m = re.search(r'<table class="case-decisions.*?</table>', r.text, re.S)
    res.check(m is not None and 'href="/cases/sag-1"' in m.group(0), "the decision log links to the case")
    r = admin.post_form("/cases/sag-1", {"event": "close"})
    res.check(r.status == 303, "close: %d" % r.status)
    r = admin.post_form("/cases/sag-1", {"event": "close"})
    res.check(r.status == 400 and "Sagen er lukket og kan ikke ændres." in r.text,
              "closing twice is refused: %d" % r.status)
    res.check(admin.get("/cases/sag-99").status == 404, "an unknown case: 404")
    res.check(admin.get("/cases/x").status == 404, "a bad case number: 404")

    # ------------------------------------------------------------ the API, end to end
    r = api.post_json("/api/v1/cases", {"title": "", "by": "nobody", "tags": "Innovation",
                                        "extra": 1})
    res.check(r.status == 400, "API raise with errors: %d" % r.status)
    if r.status == 400:
        f = r.json().get("fields", {})
        res.check("tags" in f and "extra" in f, "API names the bad members: %s" % sorted(f))
    r = api.post_json("/api/v1/cases", {"title": "", "text": "y", "by": "nobody"})
    f = r.json().get("fields", {}) if r.status == 400 else {}
    res.check(r.status == 400 and "title" in f and "by" in f, "API field errors: %s" % f)
    r = api.request("POST", "/api/v1/cases", b"{oops", ctype="application/json")
    res.check(r.status == 400, "broken JSON: %d" % r.status)
    r = api.post_json("/api/v1/cases", {"title": "Dataunderstøttet forvaltning",
                                        "text": "Hvordan bruger vi data?", "by": "rg-forretning",
                                        "tags": ["innovation", "Dataunderstøttet forvaltning"]})
    res.check(r.status == 201, "API raise: %d %s" % (r.status, r.text[:300]))
    c = r.json() if r.status == 201 else {}
    res.check(c.get("id") == "sag-2" and c.get("state") == "raised"
              and c.get("tags") == ["Innovation", "Dataunderstøttet forvaltning"]
              and c.get("next_events") == ["assign", "withdraw"], "API raise answers the case: %s" % c)

    def event(client, body, want, what):
        r = client.post_json("/api/v1/cases/sag-2/events", body)
        res.check(r.status == want, "%s: %d %s" % (what, r.status, r.text[:300]))
        return r

    r = event(api, {"event": "decide", "kind": "beslutning", "text": "x"}, 400, "API decide too early")
    if r.status == 400:
        res.check("Sagen kan ikke besluttes" in r.json()["fields"].get("event", ""),
                  "the state machine's reason is in fields.event")
    event(api, {"event": "fly"}, 400, "API unknown event")
    event(api, {"event": "assign", "to": "ag-", "text": "x"}, 400, "API bad working group")
    event(api_viewer, {"event": "assign", "to": "rg-forretning", "text": "x"}, 403, "API viewer move")
    event(api_member, {"event": "assign", "to": "rg-forretning", "text": "x"}, 403, "API member assign")
    r = event(api, {"event": "assign", "to": "rg-forretning", "text": "Kig på det."}, 201, "API assign")
    res.check(r.status == 201 and r.json()["assignee"]["id"] == "rg-forretning", "assigned")
    event(api_member, {"event": "recommend", "text": "x"}, 403, "API recommend by another member")
    r = event(api_louise, {"event": "recommend", "text": "Brug data mere."}, 201, "API recommend by the group")
    res.check(r.status == 201 and r.json()["recommendation"] == "Brug data mere.", "the recommendation")
    event(api, {"event": "send-back", "text": "Mere om omkostningerne."}, 201, "API send back")
    event(api_louise, {"event": "recommend", "text": "Brug data mere; det koster lidt."}, 201,
          "API recommend again")
    event(api, {"event": "decide", "kind": "rådgivning", "text": "Godt.", "date": "2020-01-01"}, 400,
          "API decide before the case was raised")
    r = event(api, {"event": "decide", "kind": "rådgivning", "text": "Styregruppen støtter det.",
                    "meeting": None}, 201, "API decide")
    if r.status == 201:
        d = r.json()
        res.check(d["state"] == "decided" and d["decision"]["kind"] == "rådgivning"
                  and d["decision"]["meeting"] is None, "the decision: %s" % d["decision"])
        res.check([e["event"] for e in d["events"]] ==
                  ["raise", "assign", "recommend", "send-back", "recommend", "decide"],
                  "the events in order")
        res.check(d["events"][2]["actor"] == "louise", "the recommendation is louise's")
    event(api, {"event": "withdraw", "text": "x"}, 400, "API withdraw a decided case")
    event(api, {"event": "close"}, 201, "API close")
    r = api.get("/api/v1/cases/sag-2")
    res.check(r.status == 200 and r.json()["state"] == "closed", "GET the closed case")
    res.check(api.get("/api/v1/cases/2").status == 200, "a case by its number")
    res.check(api.get("/api/v1/cases/sag-3").status == 404, "an unknown case: 404")
    res.check(api.post_json("/api/v1/cases/sag-3/events", {"event": "close"}).status == 404,
              "a move on an unknown case: 404")
    lst = api.get("/api/v1/cases?state=closed").json()["cases"]
    res.check([c["id"] for c in lst] == ["sag-2", "sag-1"], "list by state, newest first: %s" % lst)
    lst = api.get("/api/v1/cases?tag=Innovation").json()["cases"]
    res.check([c["id"] for c in lst] == ["sag-2"], "list by tag")
    lst = api.get("/api/v1/cases?q=servicem%C3%A5l").json()["cases"]
    res.check([c["id"] for c in lst] == ["sag-1"], "list by text")
    r = api.get("/api/v1/cases?state=open")
    res.check(r.status == 400 and "state" in r.json()["fields"], "a bad state: 400")
    r = api.get("/api/v1/cases?tag=Kaffe")
    res.check(r.status == 400 and "tag" in r.json()["fields"], "a bad tag: 400")
    res.check("<" not in api.get("/api/v1/cases").text, "the API escapes < in JSON")

    # The answers are what static/openapi.json describes.
    schema_ok(res, "CaseList", api.get("/api/v1/cases").json(), "GET /api/v1/cases")
    schema_ok(res, "Case", api.get("/api/v1/cases/sag-1").json(), "GET /api/v1/cases/sag-1")
    schema_ok(res, "Case", api.get("/api/v1/cases/sag-2").json(), "GET /api/v1/cases/sag-2")
    schema_ok(res, "Error", api.get("/api/v1/cases?state=open").json(), "a 400")
    schema_ok(res, "Error", api.get("/api/v1/cases/sag-9").json(), "a 404")
    schema_ok(res, "CaseInput", {"title": "t", "text": "x", "by": "styregruppe", "tags": ["Innovation"]},
              "the raise request")
    schema_ok(res, "CaseEventInput", {"event": "decide", "kind": "rådgivning", "text": "x",
                                      "date": "2027-01-01", "meeting": None}, "a decide request")

    # Viewers read; members read.
    res.check(api_viewer.get("/api/v1/cases/sag-1").status == 200, "viewer reads a case")
    res.check(member.get("/cases/sag-2").status == 200, "member reads a case")

    # ------------------------------------------------------------ goals
    r = admin.post_form("/goals", {"action": "add", "year": "27", "text": "", "indicator": "",
                                   "target": "", "set_on": "2099-01-01"})
    res.check(r.status == 400 and "ikke et årstal" in r.text and "Skriv målet." in r.text
              and "ligger efter i dag" in r.text, "a goal with errors: %d" % r.status)
    r = admin.post_form("/goals", {"action": "add", "year": "2027", "text": "Alle på NgDP " + XSS,
                                   "indicator": "Antal kommuner", "target": "98", "set_on": ""})
    res.check(r.status == 303 and "/goals?ok=add" in r.headers.get("location", ""),
              "add a goal: %d" % r.status)
    r = admin.post_form("/goals", {"action": "status", "goal": "1", "status": "", "note": ""})
    res.check(r.status == 400 and "Vælg målets status" in r.text, "a status with errors: %d" % r.status)
    r = admin.post_form("/goals", {"action": "status", "goal": "9", "status": "nået", "note": "x"})
    res.check(r.status == 404, "a status for an unknown goal: %d" % r.status)
    r = admin.post_form("/goals", {"action": "status", "goal": "1", "status": "forsinket",
                                   "note": "To mangler."})
    res.check(r.status == 303, "a status report: %d" % r.status)
    r = viewer.get("/goals")
    res.check("Forsinket" in r.text and "To mangler." in r.text and XSS not in r.text
              and 'method="post" action="/goals"' not in r.text, "the goal and its status show, escaped, no forms for a viewer")
    res.check(viewer.post_form("/goals", {"action": "add"}).status == 403, "viewer POST /goals")
    r = api.post_json("/api/v1/goals", {"year": 2028, "text": "Færre nedbrud",
                                        "indicator": "Timer", "target": "Under 10"})
    res.check(r.status == 201 and r.json()["year"] == 2028 and r.json()["status"] is None,
              "API add goal: %d %s" % (r.status, r.text[:200]))
    r = api.post_json("/api/v1/goals", {"year": "tyve", "text": 5})
    res.check(r.status == 400 and "text" in r.json()["fields"], "API goal with a bad member")
    r = api.post_json("/api/v1/goals", {"year": "tyve", "text": "x", "indicator": "y", "target": "z"})
    res.check(r.status == 400 and "year" in r.json()["fields"], "API goal with a bad year")
    res.check(api_viewer.post_json("/api/v1/goals", {}).status == 403, "viewer may not add goals")
    r = api.post_json("/api/v1/goals/2/status", {"status": "på-sporet", "note": "Fint."})
    res.check(r.status == 201 and r.json()["status"] == "på-sporet", "API status: %d" % r.status)
    r = api.post_json("/api/v1/goals/2/status", {"status": "grøn", "note": "x"})
    res.check(r.status == 400 and "status" in r.json()["fields"], "API status with a bad status")
    res.check(api.post_json("/api/v1/goals/9/status", {"status": "nået", "note": "x"}).status == 404,
              "API status for an unknown goal")
    g = api.get("/api/v1/goals?year=2027").json()["goals"]
    res.check(len(g) == 1 and g[0]["status"] == "forsinket" and len(g[0]["history"]) == 1,
              "API goals by year: %s" % g)
    res.check(api.get("/api/v1/goals?year=27").status == 400, "API goals with a bad year")

    schema_ok(res, "GoalList", api.get("/api/v1/goals").json(), "GET /api/v1/goals")
    schema_ok(res, "GoalInput", {"year": 2028, "text": "a", "indicator": "b", "target": "c"},
              "a goal request")

    # ------------------------------------------------------------ audit
    rows = api.get("/api/v1/audit?entity=case&limit=100").json()["audit"]
    res.check(len(rows) == 2 + 4 + 6, "every change of a case is audited: %d rows" % len(rows))
    rows = api.get("/api/v1/audit?entity=goal&limit=100").json()["audit"]
    res.check(len(rows) == 4, "every change of a goal is audited: %d rows" % len(rows))
    out = srv.fk("audit", "verify")
    res.check("hel" in out, "the audit chain holds")


if __name__ == "__main__":
    sys.exit(main())
