#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""The steering group's meetings over HTTP against a real server (issue 5): the årshjul and
the plan form, a member submitting an agenda proposal before the deadline (form and API) and
refused after it with the deadline and whom to contact, the member adding written material to
the item of their own proposal, the secretariat building the agenda,
dispatching it, accepting a proposal after dispatch only with a reason, amending an item,
recording minutes per item, approving and publishing them, and searching the decision log;
access per role; the iCalendar feeds. "Today" is moved with FKIGOV_TODAY (server restarts)."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import ROOT, Results, Server  # noqa: E402
from openapi_test import validate  # noqa: E402

SPEC = json.load(open(os.path.join(ROOT, "static", "openapi.json"), encoding="utf-8"))
res = Results()


def schema_ok(name, value, what):
    """value matches components/schemas/name of static/openapi.json."""
    errs = validate(SPEC, {"$ref": "#/components/schemas/" + name}, value)
    res.check(not errs, "%s matches %s: %s" % (what, name, "; ".join(errs[:5])))

os.environ["FKIGOV_TODAY"] = "2027-01-20"
srv = Server()
srv.fk("cycle", "plan", "2027", "--dates", "2027-03-04,2027-06-10,2027-09-09,2027-12-02", "--save")


def start(today):
    """(Re)starts the server on day today; returns fresh clients per role and API clients."""
    srv.kill()
    os.environ["FKIGOV_TODAY"] = today
    srv.start()
    c = {role: srv.client(role) for role in ("admin", "member", "viewer")}
    c["anonymous"] = srv.client()
    for role in ("admin", "member", "viewer"):
        t = srv.client()
        t.token = srv.tokens[role]
        c["api-" + role] = t
    return c


def has(r, text, what):
    res.check(text in r.text, "%s: %r not in the page (%d)" % (what, text, r.status))


try:
    c = start("2027-01-20")
    admin, member, viewer, anon = c["admin"], c["member"], c["viewer"], c["anonymous"]

    # The year: wheel and table, for every logged-in user; anonymous to the login.
    r = member.get("/meetings?year=2027")
    res.check(r.status == 200, "GET /meetings as member: %d" % r.status)
    has(r, 'role="img"', "wheel is an image")
    has(r, "<title id=\"hjul-titel\">Årshjul 2027</title>", "wheel title")
    res.check(len(re.findall(r'class="wheel-meeting"', r.text)) == 4, "4 meetings on the wheel")
    res.check(len(re.findall(r'class="wheel-month', r.text)) == 12, "12 month sectors")
    has(r, 'class="wheel-today"', "today's hand")
    has(r, "<caption>Styregruppens møder 2027</caption>", "list view")
    # Geometry: day d of the year at angle 2π·d/365 clockwise from the top (1 January).
    import math

    def at(day, radius):
        a = 2 * math.pi * day / 365
        return 210 + radius * math.sin(a), 210 - radius * math.cos(a)
    pts = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="15" class="wheel-meeting"', r.text)]
    want = [at(d, 140) for d in (62, 160, 251, 335)]  # 4 March, 10 June, 9 September, 2 December
    res.check(len(pts) == 4 and all(abs(p[0] - w[0]) < 0.1 and abs(p[1] - w[1]) < 0.1 for p, w in zip(pts, want)),
              "meetings placed by date: %s vs %s" % (pts, want))
    m = re.search(r'<line x1="210" y1="210" x2="([\d.]+)" y2="([\d.]+)" class="wheel-today"', r.text)
    hx, hy = at(19, 174)  # 20 January
    res.check(m and abs(float(m.group(1)) - hx) < 0.1 and abs(float(m.group(2)) - hy) < 0.1, "today's hand at 20 January")
    res.check(r.text.index(">jan.<") < r.text.index(">dec.<") and "<text" in r.text, "Danish month labels")
    res.check("Planlæg året" not in r.text, "members get no plan form")
    r = anon.get("/meetings")
    res.check(r.status == 302, "anonymous /meetings: %d" % r.status)
    r = member.get("/meetings?year=abc")
    has(r, "Året skal skrives med fire cifre", "bad year notice")

    # Plan form: bad input 400 with the field named; nothing changed.
    r = admin.post_form("/meetings", {"year": "2028", "dates": "2028-03-02, 2028-13-01"})
    res.check(r.status == 400, "plan with a bad date: %d" % r.status)
    has(r, "»2028-13-01« er ikke en dato", "bad date message")
    has(r, 'href="/meetings/plan?year=', "the error page points to the planning form")
    r = admin.post_form("/meetings", {"year": "2028", "dates": "2028-03-04"})  # a Saturday
    res.check(r.status == 400, "plan on a Saturday: %d" % r.status)
    res.check(admin.get("/api/v1/meetings?year=2028").json()["meetings"] == [], "2028 unchanged")
    r = admin.post_form("/meetings", {"year": "2028", "dates": "2028-03-02,2028-06-08", "time": "10:00"})
    res.check(r.status == 303, "plan 2028: %d %s" % (r.status, r.text[:300]))
    m28 = admin.get("/api/v1/meetings?year=2028").json()["meetings"]
    res.check([m["start"] for m in m28] == ["10:00", "10:00"], "2028 planned at 10:00: %s" % m28)
    schema_ok("MeetingList", admin.get("/api/v1/meetings?year=2028").json(), "GET /api/v1/meetings")
    r = member.post_form("/meetings", {"year": "2029", "dates": "2029-03-01"})
    res.check(r.status == 403, "member may not plan: %d" % r.status)

    # A member submits a proposal: form errors, then success; the API the same.
    r = member.get("/meetings/1")
    has(r, "Send et forslag", "member's proposal form")
    has(r, "Fristen for forslag er 4. februar 2027", "deadline shown")
    r = member.post_form("/meetings/1", {"action": "propose", "title": "", "text": ""})
    res.check(r.status == 400, "empty proposal: %d" % r.status)
    has(r, "Skriv en overskrift til forslaget.", "title error")
    has(r, 'aria-describedby="prop-title-fejl"', "title error linked")
    r = member.post_form("/meetings/1", {"action": "propose", "title": "Fælles login",
                                         "text": "Vi foreslår en drøftelse.", "kind": "droeftelse",
                                         "minutes": "20"})
    res.check(r.status == 303 and "ok=proposed" in r.headers.get("location", ""),
              "proposal by form: %d" % r.status)
    r = member.get(r.headers["location"])
    has(r, "Dit forslag er sendt", "flash")
    has(r, "Fælles login", "proposal listed")
    api = c["api-member"]
    r = api.post_json("/api/v1/meetings/1/proposals", {"title": "", "text": "x", "minutes": "ti"})
    res.check(r.status == 400 and "title" in r.json()["fields"] and "minutes" in r.json()["fields"],
              "API bad proposal: %d %s" % (r.status, r.text[:300]))
    r = api.post_json("/api/v1/meetings/1/proposals", {"title": "Data", "text": "x", "person": "sg02"})
    res.check(r.status == 400 and "person" in r.json()["fields"], "member may not propose for others: %d" % r.status)
    r = api.post_json("/api/v1/meetings/1/proposals", {"title": "Datadeling", "text": "Status på datadeling.",
                                                        "minutes": 15, "kind": "orientering"})
    res.check(r.status == 201 and r.json()["title"] == "Datadeling", "API proposal: %d %s" % (r.status, r.text[:300]))
    api_pid = r.json().get("id") if r.status == 201 else 0
    schema_ok("MeetingProposal", r.json(), "POST proposals")
    r = c["api-viewer"].post_json("/api/v1/meetings/1/proposals", {"title": "x", "text": "y"})
    res.check(r.status == 403, "viewer may not propose: %d" % r.status)
    r = viewer.post_form("/meetings/1", {"action": "propose", "title": "x", "text": "y"})
    res.check(r.status == 403, "viewer may not post the form: %d" % r.status)
    # A member sees only their own proposals; the secretariat all.
    d = c["api-viewer"].get("/api/v1/meetings/1").json()
    res.check(d["proposals"] == [], "viewer sees no proposals: %s" % d["proposals"])
    d = c["api-admin"].get("/api/v1/meetings/1").json()
    res.check(len(d["proposals"]) == 2, "admin sees both proposals")
    form_pid = next(p["id"] for p in d["proposals"] if p["title"] == "Fælles login")

    # The secretariat builds the agenda, chooses the inspiration speaker, accepts one.
    r = member.post_form("/meetings/1/dispatch", {})
    res.check(r.status == 403, "member may not dispatch: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "agenda"})
    res.check(r.status == 303, "build agenda: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "inspiration"})
    res.check(r.status == 303, "inspiration speaker: %d %s" % (r.status, r.text[-500:]))
    r = admin.post_form("/meetings/1", {"action": "inspiration", "swap": "sg02", "reason": ""})
    res.check(r.status == 400, "swap without reason: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "accept", "proposal": str(form_pid)})
    res.check(r.status == 303, "accept in time: %d %s" % (r.status, r.text[-400:]))
    d = c["api-admin"].get("/api/v1/meetings/1").json()
    res.check(d["items"][-1]["title"] == "Fælles login", "accepted proposal on the agenda")
    res.check(d["inspiration"] is not None, "speaker chosen")
    # The member adds written material to the item of their own proposal (not to others').
    own = d["items"][-1]["number"]
    r = member.get("/meetings/1")
    has(r, "Tilføj materiale til punkt %d" % own, "material form on the member's item")
    res.check("Tilføj materiale til punkt 1<" not in r.text, "no material form on other items")
    r = member.post_form("/meetings/1", {"action": "material", "item": str(own), "material": ""})
    res.check(r.status == 400, "empty material: %d" % r.status)
    has(r, "Skriv materialet", "material error")
    r = member.post_form("/meetings/1", {"action": "material", "item": "1", "material": "x"})
    res.check(r.status == 403, "material on another item: %d" % r.status)
    r = member.post_form("/meetings/1", {"action": "material", "item": str(own),
                                         "material": "https://example.dk/login-notat.pdf"})
    res.check(r.status == 303, "material: %d %s" % (r.status, r.text[-300:]))
    d = c["api-member"].get("/api/v1/meetings/1").json()
    res.check(d["items"][-1]["material"] == "https://example.dk/login-notat.pdf", "material stored")

    # After the deadline: the member gets the Danish message with the deadline and whom to contact.
    c = start("2027-02-10")
    admin, member = c["admin"], c["member"]
    r = member.get("/meetings/1")
    has(r, "Fristen for forslag var 4. februar 2027. Kontakt Sekretariat FKI, hvis punktet skal med alligevel.",
        "closed message on the page")
    res.check('name="action" value="propose"' not in r.text, "no proposal form after the deadline")
    r = member.post_form("/meetings/1", {"action": "propose", "title": "Sent", "text": "x"})
    res.check(r.status == 400, "late proposal by form: %d" % r.status)
    has(r, "Fristen for forslag var 4. februar 2027", "late message after POST")
    r = c["api-member"].post_json("/api/v1/meetings/1/proposals", {"title": "Sent", "text": "x"})
    res.check(r.status == 400 and "4. februar 2027" in r.json()["fields"].get("deadline", ""),
              "API late proposal: %d %s" % (r.status, r.text[:300]))
    res.check(len(c["api-admin"].get("/api/v1/meetings/1").json()["proposals"]) == 2, "nothing written")

    # Dispatch; after it acceptance and changes need a reason and show as amendments.
    r = admin.post_form("/meetings/1/dispatch", {})
    res.check(r.status == 303, "dispatch: %d %s" % (r.status, r.text[-400:]))
    r = admin.post_form("/meetings/1", {"action": "accept", "proposal": str(api_pid)})
    res.check(r.status == 400, "accept after dispatch without reason: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "accept", "proposal": str(api_pid),
                                        "reason": "Aftalt med formanden"})
    res.check(r.status == 303, "accept after dispatch with reason: %d %s" % (r.status, r.text[-400:]))
    r = admin.post_form("/meetings/1", {"action": "amend", "item": "4", "minutes": "20", "reason": ""})
    res.check(r.status == 400, "amend without reason: %d" % r.status)
    has(r, "Skriv en begrundelse", "amend reason message")
    r = admin.post_form("/meetings/1", {"action": "amend", "item": "4", "minutes": "20",
                                        "reason": "Porteføljen er kortere denne gang"})
    res.check(r.status == 303, "amend: %d %s" % (r.status, r.text[-400:]))
    r = member.get("/meetings/1")
    has(r, "Rettelse:</strong> Porteføljen er kortere denne gang", "amendment shown as such")
    has(r, "Rettelse:</strong> Aftalt med formanden", "late acceptance shown as amendment")
    r = admin.post_form("/meetings/1", {"action": "minutes", "item": "1", "outcome": "beslutning", "text": "x"})
    res.check(r.status == 400, "minutes before the meeting: %d" % r.status)

    # The meeting day: minutes per item, approve, publish.
    c = start("2027-03-04")
    admin, member = c["admin"], c["member"]
    d = c["api-admin"].get("/api/v1/meetings/1").json()
    r = admin.post_form("/meetings/1", {"action": "approve"})
    res.check(r.status == 400, "approve without minutes: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "minutes", "item": "1", "outcome": "klaret", "text": "x"})
    res.check(r.status == 400, "bad outcome: %d" % r.status)
    for it in d["items"]:
        text = "Styregruppen besluttede fælles login i 2027." if it["title"] == "Fælles login" else "Taget til efterretning."
        outcome = "beslutning" if it["title"] == "Fælles login" else "taget-til-efterretning"
        r = admin.post_form("/meetings/1", {"action": "minutes", "item": str(it["number"]),
                                            "outcome": outcome, "text": text})
        res.check(r.status == 303, "minutes of item %d: %d %s" % (it["number"], r.status, r.text[-300:]))
    # Before publication the members do not find it in the log; the secretariat does.
    r = member.get("/decisions?q=login")
    has(r, "0 fund", "unpublished minutes hidden from members")
    r = admin.get("/decisions?q=login")
    has(r, "fælles login i 2027", "secretariat finds unpublished minutes")
    r = admin.post_form("/meetings/1", {"action": "publish"})
    res.check(r.status == 400, "publish before approval: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "approve"})
    res.check(r.status == 303, "approve: %d %s" % (r.status, r.text[-300:]))
    r = admin.post_form("/meetings/1", {"action": "publish"})
    res.check(r.status == 303, "publish: %d" % r.status)
    d = c["api-admin"].get("/api/v1/meetings/1").json()
    res.check(d["state"] == "published", "published")
    schema_ok("Meeting", d, "GET /api/v1/meetings/1")

    # The decision log: page and API, across years, with a year filter.
    r = member.get("/decisions?q=login")
    has(r, "fælles login i 2027", "member finds the decision")
    has(r, 'href="/meetings/1"', "link to the meeting")
    r = member.get("/decisions?q=login&year=2026")
    has(r, "0 fund", "year filter")
    r = c["api-viewer"].get("/api/v1/decisions?q=f%C3%A6lles+login")
    dd = r.json()
    schema_ok("DecisionList", dd, "GET /api/v1/decisions")
    res.check(r.status == 200 and len(dd["decisions"]) == 1 and dd["decisions"][0]["outcome"] == "beslutning",
              "API decisions: %d %s" % (r.status, r.text[:300]))
    r = c["api-viewer"].get("/api/v1/decisions")
    res.check(r.status == 200 and r.json()["decisions"] == [] and r.json()["query"] is None,
              "API decisions without q: %d %s" % (r.status, r.text[:200]))
    r = c["api-viewer"].get("/api/v1/decisions?year=2027")
    res.check(r.status == 200 and len(r.json()["decisions"]) >= 1, "API decisions of 2027: %s" % r.text[:200])
    r = c["api-viewer"].get("/api/v1/decisions?q=x&year=27")
    res.check(r.status == 400 and "year" in r.json()["fields"], "API decisions bad year: %d" % r.status)

    # My deadlines: upcoming deadlines of meeting 2 and my proposals.
    r = member.get("/my")
    res.check(r.status == 200, "/my: %d" % r.status)
    has(r, "13. maj 2027", "meeting 2's proposal deadline")
    has(r, "Fælles login", "my proposal")
    has(r, "/calendar/people/sg01.ics", "calendar link")
    res.check(c["viewer"].get("/my").status == 403, "viewer has no /my")

    # iCalendar: public feeds.
    r = anon.get("/calendar/bodies/styregruppe.ics")
    res.check(r.status == 200 and r.headers.get("content-type", "").startswith("text/calendar"),
              "body feed: %d %s" % (r.status, r.headers.get("content-type")))
    for s in ("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:", "X-WR-CALNAME:", "BEGIN:VTIMEZONE",
              "TZID:Europe/Copenhagen", "UID:meeting-1@fkigov", "UID:deadline-proposals-1@fkigov",
              "DTSTART;TZID=Europe/Copenhagen:20270304T090000", "DTSTART;VALUE=DATE:20270204"):
        has(r, s, "body feed has " + s)
    r = anon.get("/calendar/people/sg01.ics")
    res.check(r.status == 200 and "UID:meeting-1@fkigov" in r.text, "person feed: %d" % r.status)
    res.check(anon.get("/calendar/people/ingen.ics").status == 404, "unknown person: 404")
    res.check(anon.get("/calendar/bodies/styregruppe").status == 404, "without .ics: 404")
finally:
    srv.close()
sys.exit(res.done("meetings"))
