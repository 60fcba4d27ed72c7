#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Working groups and the written hearing end to end, against a real server: a reference
group proposes a working group with its staffing plan, the secretariat opens the written
hearing in the steering group, members answer (form and API; changed until the deadline, late
answers refused), the page shows who has not answered, the secretariat records the decision
(only after the deadline or when everyone has answered), the group is started, staffed,
delivers and is dissolved. Also: who may do what, illegal transitions refused with Danish
messages (409), bad input (400 with fields, nothing written), priority, the check rules,
the audit log and escaping. Prints "N passed, N failed" last."""
import os
import re
import sys

# Every date in this test is fixed: "today" is Monday 1 March 2027; the hearing's deadline
# is ten working days later, Monday 15 March 2027.
os.environ["FKIGOV_TODAY"] = "2027-03-01"

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import PASSWORD, Results, Server  # noqa: E402

SG = ["sg01", "sg03", "sg04", "sg05", "sg06", "sg07", "sg08", "sg09", "sg10", "sg11", "kl01",
      "udk01"]


def location(r):
    """The redirect target without its fragment (a browser keeps that to itself)."""
    return r.headers.get("location", "").split("#")[0]


def main():
    res = Results()
    srv = Server()
    for login, person in (("sofie", "sg03"), ("louise", "rf01"), ("gitte", "rd01")):
        srv.fk("user", "add", login, "--role", "member", "--person", person,
               input=PASSWORD + "\n")
        srv.tokens[login] = srv.fk("token", "create", login).strip()
    srv.start()
    try:
        run(srv, res)
    finally:
        srv.close()
    return res.done("wg")


def api(srv, who):
    c = srv.client()
    if who:
        c.token = srv.tokens[who]
    return c


def run(srv, res):
    admin = srv.client("admin")
    member = srv.client("member")   # Mette Kjær, sg01, in the steering group
    louise = srv.client()           # rf01, Referencegruppe Forretning
    louise.login("louise", PASSWORD)
    gitte = srv.client()            # rd01, Referencegruppe Drift og Forvaltning
    gitte.login("gitte", PASSWORD)
    viewer = srv.client("viewer")
    anon = srv.client()
    a_admin = api(srv, "admin")

    # ---------------------------------------------------------------- proposal
    proposal = {"topic": "Fælles klassifikation af sager",
                "question": "Hvordan kan kommunerne klassificere sager ens,\nså data kan deles?",
                "reference_group": "rg-forretning", "proposer": "", "start": "2027-04-01",
                "end": "2027-09-30", "hours": "300", "kr": "150.000"}
    r = member.post_form("/working-groups", proposal)
    res.check(r.status == 403 and "referencegruppe" in r.text,
              "a steering-group member outside the reference groups may not propose: %d" % r.status)
    r = louise.post_form("/working-groups", dict(proposal, proposer="rg-drift-forvaltning"))
    res.check(r.status == 403 and "du selv sidder i" in r.text,
              "a member proposes only for their own reference group: %d" % r.status)
    bad = dict(proposal, topic="", kr="12,3,4", end="31.09.2027")
    r = louise.post_form("/working-groups", bad)
    res.check(r.status == 400, "bad proposal: 400, got %d" % r.status)
    res.check('id="topic-fejl"' in r.text and 'id="kr-fejl"' in r.text and 'id="end-fejl"' in r.text
              and 'aria-invalid="true"' in r.text, "bad proposal: an error next to each field")
    res.check("»31.09.2027« er ikke en dato, der findes" in r.text,
              "bad proposal: the date error names what was typed")
    res.check("Fælles klassifikation" not in r.text or 'value="' in r.text,
              "bad proposal: what was typed is kept")
    res.check(a_admin.get("/api/v1/working-groups").json()["working_groups"] == [],
              "bad proposal: nothing written")
    r = louise.post_form("/working-groups", proposal)
    res.check(r.status == 303 and location(r).startswith("/working-groups/ag-1?ok=foreslaaet"),
              "a reference-group member proposes: %d %s" % (r.status, location(r)))
    page = louise.get(location(r))
    res.check(page.status == 200 and "Arbejdsgruppen er foreslået" in page.text,
              "after proposing: the page says what happened")
    wg = a_admin.get("/api/v1/working-groups/ag-1").json()
    res.check(wg["state"] == "proposed" and wg["proposer"]["id"] == "rg-forretning" and
              wg["reference_group"]["id"] == "rg-forretning" and wg["rank"] == 1 and
              wg["resources"] == {"hours": 300, "ore": 15000000, "kr": "150.000,00 kr."},
              "the proposal as stored: %s" % wg)
    res.check(wg["timeline"][0]["event"] == "propose" and wg["timeline"][0]["date"] == "2027-03-01",
              "the proposal is the first step of the timeline")

    # ---------------------------------------------------------------- staffing plan
    r = louise.post_form("/working-groups/ag-1", {"action": "staff-add", "staff_person": "rf02",
                                                  "staff_profile": "", "staff_org": "referencegruppe",
                                                  "staff_note": "Formand"})
    res.check(r.status == 303, "the proposer's member adds a person to the staffing plan: %d" % r.status)
    r = louise.post_form("/working-groups/ag-1", {"action": "staff-add", "staff_person": "",
                                                  "staff_profile": "it-arkitekt", "staff_org": "KOMBIT"})
    res.check(r.status == 303, "... and a profile: %d" % r.status)
    r = louise.post_form("/working-groups/ag-1", {"action": "staff-add", "staff_person": "rf03",
                                                  "staff_profile": "it-arkitekt", "staff_org": "KL"})
    res.check(r.status == 400 and "ikke begge" in r.text, "person and profile both: 400 (%d)" % r.status)
    r = gitte.post_form("/working-groups/ag-1", {"action": "staff-add", "staff_person": "rd02",
                                                 "staff_profile": "", "staff_org": "KL"})
    res.check(r.status == 403, "a member of another reference group may not: %d" % r.status)
    r = louise.post_form("/working-groups/ag-1", {"action": "hearing"})
    res.check(r.status == 403 and "Sekretariat FKI" in r.text,
              "only the secretariat opens the hearing: %d" % r.status)
    r = viewer.post_form("/working-groups/ag-1", {"action": "hearing"})
    res.check(r.status == 403, "a viewer may not change anything: %d" % r.status)
    r = anon.post_form("/working-groups/ag-1", {"action": "hearing"}, csrf="x")
    res.check(r.status in (302, 403), "anonymous may not change anything: %d" % r.status)
    staff = a_admin.get("/api/v1/working-groups/ag-1").json()["staffing"]
    res.check([(s["person"], s["profile"], s["organisation"]) for s in staff] ==
              [("rf02", None, "referencegruppe"), (None, "it-arkitekt", "KOMBIT")],
              "the staffing plan: %s" % staff)

    # ---------------------------------------------------------------- the hearing
    r = member.post_form("/working-groups/ag-1/answer", {"position": "støtter", "text": "Fint"})
    res.check(r.status == 409 and "ikke åbnet endnu" in r.text,
              "no answers before the hearing is opened: %d" % r.status)
    r = admin.post_form("/working-groups/ag-1", {"action": "hearing", "hearing_date": ""})
    res.check(r.status == 303 and r.headers.get("location", "").endswith("#hoering"),
              "the secretariat opens the hearing: %d %s" % (r.status, location(r)))
    wg = a_admin.get("/api/v1/working-groups/ag-1").json()
    res.check(wg["state"] == "in_hearing" and wg["hearing"]["opened"] == "2027-03-01" and
              wg["hearing"]["deadline"] == "2027-03-15",
              "deadline ten working days after the opening: %s" % wg["hearing"])
    res.check(sorted(m["person"] for m in wg["hearing"]["missing"]) == sorted(SG),
              "every current member of the steering group is asked: %s" % wg["hearing"]["missing"])
    r = louise.post_form("/working-groups/ag-1", {"action": "staff-add", "staff_person": "rf03",
                                                  "staff_profile": "", "staff_org": "KL"})
    res.check(r.status == 409 and "før den skriftlige høring er åbnet" in r.text,
              "the staffing plan is fixed once heard: %d" % r.status)

    page = member.get("/working-groups/ag-1")
    res.check('action="/working-groups/ag-1/answer"' in page.text and "Dit svar" in page.text,
              "a steering-group member gets the answer form")
    res.check("Registrér styregruppens beslutning" not in page.text,
              "a member does not get the secretariat's forms")
    r = member.post_form("/working-groups/ag-1/answer", {"position": "", "text": ""})
    res.check(r.status == 400 and 'id="position-fejl"' in r.text and 'id="text-fejl"' in r.text,
              "an empty answer: errors next to the fields (%d)" % r.status)
    r = member.post_form("/working-groups/ag-1/answer", {"position": "støtter", "text": "God idé."})
    res.check(r.status == 303, "a member answers: %d" % r.status)
    page = member.get(location(r))
    res.check("Svaret er gemt" in page.text and "Ret dit svar" in page.text and "God idé." in page.text,
              "the member sees the answer and may change it")
    r = member.post_form("/working-groups/ag-1/answer",
                         {"position": "bemærkning", "text": "Husk <b>snitfladerne</b> & KLE."})
    res.check(r.status == 303, "a member changes the answer before the deadline: %d" % r.status)
    r = api(srv, "sofie").post_json("/api/v1/working-groups/ag-1/answers",
                                    {"position": "indsigelse", "text": "For dyrt i år."})
    res.check(r.status == 200, "a member answers through the API: %d %s" % (r.status, r.text[:200]))
    ans = {a["person"]: a for a in r.json()["hearing"]["answers"]} if r.status == 200 else {}
    res.check(ans.get("sg01", {}).get("position") == "bemærkning" and
              ans.get("sg03", {}).get("position") == "indsigelse" and
              not ans.get("sg01", {}).get("on_behalf", True),
              "the answers as stored: %s" % ans)
    r = api(srv, "louise").post_json("/api/v1/working-groups/ag-1/answers",
                                     {"position": "støtter", "text": "x"})
    res.check(r.status == 403, "a member outside the steering group may not answer: %d" % r.status)
    r = api(srv, "viewer").post_json("/api/v1/working-groups/ag-1/answers",
                                     {"position": "støtter", "text": "x"})
    res.check(r.status == 403, "a viewer may not answer: %d" % r.status)
    r = api(srv, "sofie").post_json("/api/v1/working-groups/ag-1/answers",
                                    {"position": "ja tak", "text": "x"})
    res.check(r.status == 400 and "position" in r.json().get("fields", {}),
              "a bad position: 400 naming the field (%s)" % r.text[:200])

    anon_page = anon.get("/working-groups/ag-1")
    res.check(anon_page.status == 200 and "For dyrt i år." not in anon_page.text and
              "Høringssvarene kan ses, når du er" in anon_page.text and "15. marts 2027" in anon_page.text,
              "anonymous: the hearing's deadline but not the answers")
    pub = api(srv, None).get("/api/v1/working-groups/ag-1").json()
    res.check("answers" not in pub["hearing"] and "actor" not in pub["timeline"][0],
              "anonymous API: no answers, no actors")
    vpage = viewer.get("/working-groups/ag-1")
    res.check("For dyrt i år." in vpage.text and "Mangler svar fra" in vpage.text and
              "Registrér" not in vpage.text, "a viewer reads answers and who has not answered")
    res.check("Husk &lt;b&gt;snitfladerne&lt;/b&gt; &amp; KLE." in vpage.text,
              "answers are escaped")

    # The decision needs the deadline, or every answer.
    r = admin.post_form("/working-groups/ag-1", {"action": "decide", "decision": "approved",
                                                 "summary": "Godkendt.", "decide_date": ""})
    res.check(r.status == 409 and "har ikke svaret endnu" in r.text and "15. marts 2027" in r.text,
              "no decision before the deadline while members have not answered: %d" % r.status)
    page = admin.get("/working-groups/ag-1")
    res.check("2 støtter" not in page.text and "0 støtter, 1 indsigelse, 1 bemærkning; 10 har ikke svaret"
              in page.text, "the decision form is prefilled with the counts")
    for p in SG:
        if p in ("sg01", "sg03"):
            continue
        r = a_admin.post_json("/api/v1/working-groups/ag-1/answers",
                              {"person": p, "position": "støtter", "text": "Enig (pr. e-mail).",
                               "date": "2027-03-03"})
        res.check(r.status == 200, "the secretariat records %s's answer: %d %s" % (p, r.status, r.text[:200]))
    r = a_admin.post_json("/api/v1/working-groups/ag-1/answers",
                          {"person": "rf02", "position": "støtter", "text": "x"})
    res.check(r.status == 409 and "ikke medlem af Kommunestyregruppe" in r.json()["error"],
              "only steering-group members answer: %s" % r.text[:300])
    page = admin.get("/working-groups/ag-1")
    res.check("Alle styregruppens medlemmer har svaret." in page.text and
              "registreret af sekretariatet" in page.text and
              "10 støtter, 1 indsigelse, 1 bemærkning" in page.text,
              "the page: everyone has answered, answers on behalf are marked")
    r = admin.post_form("/working-groups/ag-1", {"action": "decide", "decision": "",
                                                 "summary": "", "decide_date": ""})
    res.check(r.status == 400 and 'id="decision-fejl"' in r.text and 'id="summary-fejl"' in r.text,
              "a decision without its choice and summary: 400 (%d)" % r.status)
    r = admin.post_form("/working-groups/ag-1", {"action": "decide", "decision": "approved",
                                                 "summary": "10 støtter, 1 indsigelse, 1 bemærkning. "
                                                 "Godkendt med fokus på KLE.", "decide_date": ""})
    res.check(r.status == 303, "the secretariat records the approval: %d" % r.status)
    wg = a_admin.get("/api/v1/working-groups/ag-1").json()
    res.check(wg["state"] == "approved" and wg["decision"]["decision"] == "approved" and
              "fokus på KLE" in wg["decision"]["summary"], "the decision as stored: %s" % wg["decision"])
    r = member.post_form("/working-groups/ag-1/answer", {"position": "støtter", "text": "Alligevel"})
    res.check(r.status == 409 and "afsluttet" in r.text, "no answers after the decision: %d" % r.status)

    # ---------------------------------------------------------------- a late answer
    os.environ["FKIGOV_TODAY"] = "2027-01-04"
    srv.fk("wg", "propose", "--reference-group", "rg-drift-forvaltning", "--topic", "Driftsdata",
           "--question", "Hvilke driftsdata skal deles?", "--start", "2027-02-01", "--end",
           "2027-02-26", "--hours", "80")
    srv.fk("wg", "staff-plan", "ag-2", "--profile", "driftschef", "--org", "referencegruppe")
    srv.fk("wg", "hearing", "open", "ag-2")
    os.environ["FKIGOV_TODAY"] = "2027-03-01"
    r = member.post_form("/working-groups/ag-2/answer", {"position": "støtter", "text": "Sent"})
    res.check(r.status == 409 and "Fristen for svar i høringen var 18. januar 2027. Kontakt "
              "Sekretariat FKI" in r.text, "a late answer is refused with the deadline: %d" % r.status)
    r = a_admin.post_json("/api/v1/working-groups/ag-2", {"action": "start"})
    res.check(r.status == 409 and "Arbejdsgruppen kan ikke startes, før styregruppen har godkendt den "
              "i en skriftlig høring." in r.json()["error"], "start before approval: 409 (%s)" % r.text[:300])
    r = a_admin.post_json("/api/v1/working-groups/ag-2", {"action": "member-add", "person": "rd02",
                                                          "org": "kommune", "role": "x", "start": "2027-03-01"})
    res.check(r.status == 409 and "kan få medlemmer" in r.json()["error"],
              "members before the start: 409 (%s)" % r.text[:300])
    r = a_admin.post_json("/api/v1/working-groups/ag-2", {"action": "dissolve"})
    res.check(r.status == 409, "dissolve in hearing: 409 (%d)" % r.status)
    r = a_admin.post_json("/api/v1/working-groups/ag-2", {"action": "fly"})
    res.check(r.status == 400 and "action" in r.json()["fields"], "an unknown action: 400 (%d)" % r.status)
    r = a_admin.post_json("/api/v1/working-groups/ag-2", {"action": "priority", "rank": [1]})
    res.check(r.status == 400 and "rank" in r.json()["fields"], "a value of the wrong type: 400")

    # The rules: ag-2 should have started and ended without approval.
    f = a_admin.get("/api/v1/findings?date=2027-03-01").json()["findings"]
    mine = sorted((x["rule"], x["body"]) for x in f if x["body"].startswith("ag-"))
    res.check(mine == [("wg-overdue", "ag-2"), ("wg-unapproved", "ag-2")],
              "check: wg-unapproved and wg-overdue for ag-2: %s" % mine)
    out = srv.fk("check", "--date", "2027-03-01", "--json", check=False)
    res.check('"wg-unapproved"' in out and '"ag-2"' in out, "fkigov check reports the same")

    # ---------------------------------------------------------------- start, staff, deliver, dissolve
    r = admin.post_form("/working-groups/ag-1", {"action": "start", "start_date": "2027-04-01",
                                                 "start_text": ""})
    res.check(r.status == 303, "the secretariat starts the approved group: %d" % r.status)
    r = admin.post_form("/working-groups/ag-1", {"action": "member-add", "member_person": "rf02",
                                                 "member_org": "kommune", "member_municipality": "751",
                                                 "member_role": "Formand", "member_start": "2027-04-01",
                                                 "member_end": ""})
    res.check(r.status == 303 and r.headers.get("location", "").endswith("#medlemmer"), "a member is added: %d" % r.status)
    r = admin.post_form("/working-groups/ag-1", {"action": "member-add", "member_person": "rf02",
                                                 "member_org": "kommune", "member_municipality": "",
                                                 "member_role": "Formand", "member_start": "2027-05-01",
                                                 "member_end": ""})
    res.check(r.status == 409 and 'id="member_start-fejl"' in r.text and "overlappe" in r.text,
              "overlapping membership refused next to the field: %d" % r.status)
    r = a_admin.post_json("/api/v1/working-groups/ag-1", {"action": "member-add", "person": "kl02",
                                                          "org": "KL", "role": "KL's repræsentant",
                                                          "start": "2027-04-01", "end": "2027-12-31"})
    res.check(r.status == 200 and len(r.json()["members"]) == 2, "a member added by the API: %d" % r.status)
    page = anon.get("/working-groups/ag-1")
    res.check("Aarhus" in page.text and "KL&#39;s repræsentant" in page.text or "KL's repræsentant" in page.text,
              "the members are public, with their municipality")
    r = admin.post_form("/working-groups/ag-1", {"action": "dissolve", "dissolve_date": ""})
    res.check(r.status == 409 and "afleveret sit forslag" in r.text,
              "no dissolution before the delivery: %d" % r.status)
    r = admin.post_form("/working-groups/ag-1", {"action": "deliver", "delivery": "",
                                                 "deliver_date": "2027-09-15"})
    res.check(r.status == 400 and 'id="delivery-fejl"' in r.text, "a delivery needs its text (%d)" % r.status)
    r = admin.post_form("/working-groups/ag-1", {"action": "deliver",
                                                 "delivery": "Anbefaling: fælles brug af KLE.",
                                                 "deliver_date": "2027-09-15"})
    res.check(r.status == 303, "the group delivers its proposal: %d" % r.status)
    r = admin.post_form("/working-groups/ag-1", {"action": "dissolve", "dissolve_date": "2027-09-30",
                                                 "dissolve_text": "Opgaven er løst."})
    res.check(r.status == 303, "the group is dissolved: %d" % r.status)
    wg = a_admin.get("/api/v1/working-groups/ag-1").json()
    res.check(wg["state"] == "dissolved" and wg["rank"] is None and
              [m["end"] for m in wg["members"]] == ["2027-09-30", "2027-09-30"],
              "dissolved: out of the priority list, memberships end that day: %s" %
              [(m["person"], m["end"]) for m in wg["members"]])
    res.check([s["event"] for s in wg["timeline"]] ==
              ["propose", "open_hearing", "approve", "start", "deliver", "dissolve"],
              "the whole life as a timeline: %s" % [s["event"] for s in wg["timeline"]])
    page = viewer.get("/working-groups/ag-1")
    res.check("Nedlagt" in page.text and "Forløb" in page.text and "Anbefaling: fælles brug af KLE." in page.text,
              "the page shows the timeline and the delivery")

    # ---------------------------------------------------------------- priority
    r = a_admin.post_json("/api/v1/working-groups",
                          {"topic": "<script>alert(1)</script>", "question": "Q?",
                           "reference_group": "rg-arkitektur-udvikling", "start": "2027-06-01",
                           "end": "2027-12-31", "hours": 40, "kr": "1234.50"})
    res.check(r.status == 201 and r.json().get("id") == "ag-3" and r.json()["rank"] == 2 and
              r.json()["resources"]["ore"] == 123450, "the API proposes: %d %s" % (r.status, r.text[:200]))
    r = a_admin.post_json("/api/v1/working-groups",
                          {"topic": "X", "question": "Q?", "reference_group": "styregruppe",
                           "start": "2027-06-01", "end": "2027-05-01", "kr": "-5"})
    res.check(r.status == 400 and {"reference_group", "kr"} <= set(r.json()["fields"]) or
              r.status == 400 and "kr" in r.json()["fields"],
              "bad proposal through the API: 400 with fields (%s)" % r.text[:300])
    r = admin.post_form("/working-groups/ag-3", {"action": "priority", "rank": "9"})
    res.check(r.status == 400 and "fra 1 (højest) til 2" in r.text, "a rank out of range: %d" % r.status)
    r = admin.post_form("/working-groups/ag-3", {"action": "priority", "rank": "1"})
    res.check(r.status == 303, "the secretariat moves ag-3 first: %d" % r.status)
    order = [w["id"] for w in a_admin.get("/api/v1/working-groups").json()["working_groups"]]
    res.check(order == ["ag-3", "ag-2", "ag-1"], "the list by priority, then the others: %s" % order)
    page = anon.get("/working-groups")
    res.check("&lt;script&gt;alert(1)&lt;/script&gt;" in page.text and "<script>alert" not in page.text,
              "a topic is escaped on the list")
    page = anon.get("/working-groups/ag-3")
    res.check("<script>alert" not in page.text, "a topic is escaped on the page")

    # ---------------------------------------------------------------- audit, 404
    audit = a_admin.get("/api/v1/audit?entity=working-group").json()
    rows = audit.get("rows") or audit.get("audit") or audit.get("entries") or []
    res.check(len(rows) >= 9, "every change of a working group is audited (%d rows)" % len(rows))
    for ent in ("wg-answer", "wg-member", "wg-staffing", "wg-priority"):
        a = a_admin.get("/api/v1/audit?entity=" + ent).json()
        n = len(a.get("rows") or a.get("audit") or a.get("entries") or [])
        res.check(n >= 1, "audited: %s (%d rows)" % (ent, n))
    res.check(anon.get("/working-groups/ag-99").status == 404, "no such group: 404")
    res.check(a_admin.get("/api/v1/working-groups/nope").status == 404, "no such group (API): 404")
    r = admin.post_form("/working-groups/ag-99", {"action": "start"})
    res.check(r.status == 404, "an action on no group: 404 (%d)" % r.status)
    v = srv.fk("audit", "verify")
    res.check("intakt" in v or "ok" in v.lower() or v.strip() != "", "the audit chain verifies")


if __name__ == "__main__":
    sys.exit(main())
