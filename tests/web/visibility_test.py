#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Who sees what of a steering-group meeting, over HTTP against a real server (hardening of
issue 5). Before the agenda is dispatched, an item's written material (its text and its
files) and the members' proposals are read only by the secretariat, the one who uploaded or
proposed, and those the item concerns (the proposer of the proposal it comes from, the
members of the reference group a case is assigned to); a viewer and a member of another
group see none of it: not on the meeting page, not in /api/v1/meetings/{id} or its material
list, not through /material/{id} (403 with a Danish message) and not in the meeting package.
After dispatch every logged-in user reads them. Minutes written but not approved are read by
the secretariat alone, until they are approved. Agenda proposals come from the members of
the steering group (the seed: "medlemmerne"), or from the secretariat on a member's behalf: a
reference-group member who is not on the steering group gets no proposal form and a 403
with a Danish refusal (form and API); so does the secretariat naming such a person (400,
the person field). The audit log, which a viewer reads too, follows the same rule: for
anyone but the secretariat the before and after of a row about a proposal, an item's
material, a file or draft minutes give way to a Danish note until the meeting is dispatched
(the proposal accepted) or the minutes approved (/audit and /api/v1/audit). Minutes that
decide a case item decide the case when they are approved, so the draft is not on the case
(/cases/{id}, /cases and its decision log, the case API) before that. "Today" is moved with
FKIGOV_TODAY (server restarts)."""
import io
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import PASSWORD, Results, Server  # noqa: E402

res = Results()
SECRET_TEXT = "https://example.dk/HEMMELIGT-MATERIALE"
SECRET_PROPOSAL = "FORSLAGSTEKST-KUN-TIL-SEKRETARIATET"
DRAFT = "UDKAST-TIL-REFERAT"
REFUSAL = "Det er styregruppens medlemmer, der kan stille forslag til dagsordenen"
OTHER_PROPOSAL = "Status på datadeling."  # sg01's, never accepted: stays out of sight
NOT_DISPATCHED = "Indholdet vises for sekretariatet, indtil dagsordenen er udsendt."
NOT_APPROVED = "Indholdet vises for sekretariatet, indtil referatet er godkendt."


def has(r, text, what):
    res.check(text in r.text, "%s: %r not in the answer (%d)" % (what, text, r.status))


def hasnt(r, text, what):
    res.check(text not in r.text, "%s: %r in the answer (%d)" % (what, text, r.status))


def pdf(tag):
    """A small PDF whose bytes depend on tag."""
    return b"%PDF-1.4\n% " + tag.encode() + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(c, item, name, data):
    """POSTs a file to item of meeting 1 through the API (c holds a token)."""
    boundary = b"----fkigovVisibility"
    body = (b"--%s\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\n%d\r\n"
            b"--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
            b"Content-Type: application/pdf\r\n\r\n" % (boundary, item, boundary, name.encode())
            + data + b"\r\n--%s--\r\n" % boundary)
    return c.request("POST", "/api/v1/meetings/1/material", body,
                     ctype="multipart/form-data; boundary=" + boundary.decode())


def audit(c, role, query=""):
    """The audit page and /api/v1/audit (query: the filters) as role reads them."""
    return c[role].get("/audit" + query), c["api-" + role].get("/api/v1/audit" + query)


def package(c):
    """The names in the meeting package and its agenda document, or (None, status)."""
    r = c.get("/meetings/1/package")
    if r.status != 200:
        return None, r.status
    z = zipfile.ZipFile(io.BytesIO(r.body))
    return z.namelist(), z.read("00 Dagsorden.html").decode()


os.environ["FKIGOV_TODAY"] = "2027-01-20"
srv = Server()
srv.fk("cycle", "plan", "2027", "--dates", "2027-03-04,2027-06-10,2027-09-09,2027-12-02", "--save")
# A case of the business reference group goes on the agenda; rf01 sits in that group, rd01 in
# another one; neither sits in the steering group. sg01 (the "member" account) does.
srv.fk("case", "raise", "--title", "Prioritering af login", "--text", "Skal login prioriteres?",
       "--by", "rg-forretning")
srv.fk("case", "assign", "sag-1", "--to", "rg-forretning", "--text", "Undersøg og indstil")
srv.fk("case", "recommend", "sag-1", "--text", "Gruppen indstiller, at login prioriteres.")
for login, person in (("rf", "rf01"), ("rd", "rd01")):
    srv.fk("user", "add", login, "--role", "member", "--person", person, input=PASSWORD + "\n")
    srv.tokens[login] = srv.fk("token", "create", login).strip()
ROLES = ("admin", "member", "viewer", "rf", "rd")


def start(today):
    srv.kill()
    os.environ["FKIGOV_TODAY"] = today
    srv.start()
    c = {}
    for role in ROLES:
        c[role] = srv.client()
        c[role].login(role, PASSWORD)
        t = srv.client()
        t.token = srv.tokens[role]
        c["api-" + role] = t
    c["anonymous"] = srv.client()
    return c


try:
    c = start("2027-01-20")
    admin, api = c["admin"], c["api-admin"]

    # ------------------------------------------------------------ who may propose
    r = c["api-member"].post_json("/api/v1/meetings/1/proposals", {
        "title": "Fælles login", "text": SECRET_PROPOSAL, "kind": "orientering", "minutes": 15})
    res.check(r.status == 201, "a steering-group member proposes (API): %d %s" % (r.status, r.text[:200]))
    pid = r.json().get("id") if r.status == 201 else 0
    r = c["member"].post_form("/meetings/1", {"action": "propose", "title": "Datadeling",
                                              "text": OTHER_PROPOSAL, "kind": "droeftelse"})
    res.check(r.status == 303, "a steering-group member proposes (form): %d" % r.status)
    has(c["member"].get("/meetings/1"), 'name="action" value="propose"', "the member gets the form")

    r = c["rf"].get("/meetings/1")
    res.check(r.status == 200, "rf01 reads the meeting: %d" % r.status)
    hasnt(r, 'name="action" value="propose"', "no proposal form for a reference-group member")
    has(r, REFUSAL, "the page says who may propose")
    has(r, "kontakt Sekretariat FKI", "and whom to ask")
    r = c["rf"].post_form("/meetings/1", {"action": "propose", "title": "Fra gruppen", "text": "x"})
    res.check(r.status == 403, "a reference-group member's form is refused: %d" % r.status)
    has(r, REFUSAL, "the refusal on the page")
    r = c["api-rf"].post_json("/api/v1/meetings/1/proposals", {"title": "Fra gruppen", "text": "x"})
    res.check(r.status == 403 and REFUSAL in r.json().get("error", ""),
              "a reference-group member's API proposal is refused: %d %s" % (r.status, r.text[:200]))
    # The secretariat on a steering-group member's behalf, and not on anyone else's.
    r = api.post_json("/api/v1/meetings/1/proposals", {"title": "For sg03", "text": "x", "person": "sg03"})
    res.check(r.status == 201 and r.json().get("person") == "sg03",
              "the secretariat proposes on sg03's behalf: %d %s" % (r.status, r.text[:200]))
    for who in ("rf01", "sg02"):  # sg02 left the steering group on 28 February 2026
        r = api.post_json("/api/v1/meetings/1/proposals", {"title": "For " + who, "text": "x", "person": who})
        res.check(r.status == 400 and "er ikke medlem af Kommunestyregruppe" in r.json()["fields"].get("person", ""),
                  "the secretariat may not propose on %s's behalf: %d %s" % (who, r.status, r.text[:300]))
    r = admin.post_form("/meetings/1", {"action": "propose", "person": "rf01", "title": "For rf01", "text": "x"})
    res.check(r.status == 400, "the secretariat's form naming rf01: %d" % r.status)
    has(r, 'id="prop-person-fejl"', "the error at the person field")
    has(r, "Louise Thygesen (rf01) er ikke medlem af Kommunestyregruppe den 20. januar 2027",
        "the message names the person and the day")
    props = api.get("/api/v1/meetings/1").json()["proposals"]
    res.check(sorted(p["person"] for p in props) == ["sg01", "sg01", "sg03"],
              "only the steering group's proposals are stored: %s" % [p["person"] for p in props])

    # ------------------------------------------------------------ the agenda and its material
    for form in ({"action": "agenda"}, {"action": "accept", "proposal": str(pid)},
                 {"action": "inspiration", "swap": "sg03", "reason": "Aftalt"}):
        r = admin.post_form("/meetings/1", form)
        res.check(r.status == 303, "%s: %d %s" % (form["action"], r.status, r.text[-300:]))
    items = api.get("/api/v1/meetings/1").json()["items"]
    own = next(it["number"] for it in items if it["source"] == "proposal")
    case = next(it["number"] for it in items if it["source"] == "case")
    files = {}
    for who, item, name in (("api-admin", 1, "kl-notat.pdf"), ("api-member", own, "sg01-notat.pdf"),
                            ("api-rf", case, "rf-analyse.pdf")):
        r = upload(c[who], item, name, pdf(name))
        res.check(r.status == 201, "%s uploads %s: %d %s" % (who, name, r.status, r.text[:200]))
        files[name] = r.json()["id"] if r.status == 201 else 0
    r = c["member"].post_form("/meetings/1", {"action": "material", "item": str(own), "material": SECRET_TEXT})
    res.check(r.status == 303, "sg01 writes the material of their item: %d" % r.status)

    # Before dispatch: who reads which file, on the page, in the API and by download.
    sees = {"admin": set(files), "member": {"sg01-notat.pdf"}, "rf": {"rf-analyse.pdf"},
            "viewer": set(), "rd": set()}
    for role, mine in sees.items():
        page = c[role].get("/meetings/1")
        for name, mid in files.items():
            if name in mine:
                has(page, ">%s</a>" % name, "%s sees %s on the page before dispatch" % (role, name))
                r = c[role].get("/material/%d" % mid)
                res.check(r.status == 200 and r.body == pdf(name), "%s downloads %s: %d" % (role, name, r.status))
            else:
                hasnt(page, name, "%s does not see %s on the page before dispatch" % (role, name))
                r = c[role].get("/material/%d" % mid)
                res.check(r.status == 403, "%s may not download %s before dispatch: %d" % (role, name, r.status))
                has(r, "Materialet kan læses af alle, når dagsordenen er udsendt", "%s: the Danish refusal" % role)
        lst = c["api-" + role].get("/api/v1/meetings/1/material").json()["material"]
        res.check({f["name"] for f in lst} == mine, "%s's material list before dispatch: %s" % (role, [f["name"] for f in lst]))
        d = c["api-" + role].get("/api/v1/meetings/1").json()
        counted = {it["number"]: it["files"] for it in d["items"] if it["files"]}
        res.check(sum(counted.values()) == len(mine), "%s's file counts before dispatch: %s" % (role, counted))
        text_ok = role in ("admin", "member")
        res.check((d["items"][own - 1]["material"] == SECRET_TEXT) == text_ok,
                  "%s reads the item's written material: %r" % (role, d["items"][own - 1]["material"]))
        (has if text_ok else hasnt)(page, SECRET_TEXT, "%s and the written material on the page" % role)
        prop_ok = role in ("admin", "member")
        res.check(any(p["text"] == SECRET_PROPOSAL for p in d["proposals"]) == prop_ok,
                  "%s and sg01's proposal in the API: %s" % (role, [p["title"] for p in d["proposals"]]))
        (has if prop_ok else hasnt)(page, SECRET_PROPOSAL, "%s and sg01's proposal on the page" % role)
        if role != "admin":
            has(page, "Dagsordenen er ikke udsendt endnu. Materiale og forslag kan læses af alle",
                "%s is told when the rest can be read" % role)
        names, agenda = package(c[role])
        got = sorted(f for n in (names or [])[1:] for f in files if n.endswith(" - " + f))
        res.check(names is not None and len(names) == len(mine) + 1 and got == sorted(mine),
                  "%s's package holds only their files: %s" % (role, names))
        res.check(names is not None and (SECRET_TEXT in agenda) == text_ok,
                  "%s's package agenda and the written material" % role)
    r = c["anonymous"].get("/material/%d" % files["kl-notat.pdf"])
    res.check(r.status == 302, "anonymous download: %d" % r.status)
    res.check(c["anonymous"].get("/api/v1/meetings/1").status == 401, "anonymous API: 401")
    res.check(c["anonymous"].get("/meetings/1/package").status == 302, "anonymous package: 302")
    for feed in ("/calendar/bodies/styregruppe.ics", "/calendar/people/sg01.ics"):
        r = c["anonymous"].get(feed)
        res.check(r.status == 200 and not any(n in r.text for n in files) and SECRET_TEXT not in r.text,
                  "%s carries no material" % feed)

    # The audit log before dispatch: the secretariat reads it all; a viewer reads who did
    # what, but not the proposals, the written material or the files.
    page, api_ = audit(c, "admin")
    for secret in (SECRET_PROPOSAL, SECRET_TEXT, OTHER_PROPOSAL, "sg01-notat.pdf", "rf-analyse.pdf"):
        has(page, secret, "the secretariat's audit page before dispatch")
        has(api_, secret, "the secretariat's audit API before dispatch")
    page, api_ = audit(c, "viewer")
    res.check(page.status == 200 and api_.status == 200, "the viewer reads the audit log: %d %d" % (page.status, api_.status))
    for secret in (SECRET_PROPOSAL, SECRET_TEXT, OTHER_PROPOSAL, "sg01-notat.pdf", "rf-analyse.pdf"):
        hasnt(page, secret, "the viewer's audit page before dispatch")
        hasnt(api_, secret, "the viewer's audit API before dispatch")
    has(page, NOT_DISPATCHED, "the viewer's audit page says until when")
    rows = api_.json()["audit"]
    hidden = {(x["entity"], x["action"]) for x in rows if x["after"] == NOT_DISPATCHED}
    res.check({("proposal", "create"), ("proposal", "accept"), ("material", "create"),
               ("meeting", "update")} <= hidden, "the viewer's hidden rows: %s" % sorted(hidden))
    plan = [x for x in c["api-viewer"].get("/api/v1/audit?entity=meeting").json()["audit"]
            if x["action"] == "create"]
    res.check(len(plan) == 4 and all(isinstance(x["after"], dict) for x in plan),
              "the year's plan of meetings is still shown: %s" % [x["after"] for x in plan])
    res.check(all(len(x["hash"]) == 64 for x in rows), "the hidden rows keep their hash")
    has(c["viewer"].get("/audit"), "Kæden er hel", "the chain still verifies")

    # ------------------------------------------------------------ after dispatch: everyone
    r = admin.post_form("/meetings/1/dispatch", {})
    res.check(r.status == 303, "dispatch: %d %s" % (r.status, r.text[-300:]))
    for role in ("viewer", "rd", "member", "rf"):
        page = c[role].get("/meetings/1")
        for name, mid in files.items():
            has(page, ">%s</a>" % name, "%s sees %s after dispatch" % (role, name))
            r = c[role].get("/material/%d" % mid)
            res.check(r.status == 200 and r.body == pdf(name), "%s downloads %s after dispatch: %d" % (role, name, r.status))
        has(page, SECRET_TEXT, "%s reads the written material after dispatch" % role)
        has(page, SECRET_PROPOSAL, "%s reads the proposals after dispatch" % role)
        hasnt(page, "Dagsordenen er ikke udsendt endnu", "%s: no notice after dispatch" % role)
        lst = c["api-" + role].get("/api/v1/meetings/1/material").json()["material"]
        res.check({f["name"] for f in lst} == set(files), "%s's list after dispatch" % role)
        d = c["api-" + role].get("/api/v1/meetings/1").json()
        # After dispatch: the accepted proposal for all; one never accepted only for its
        # proposer (the member is sg01, who made both).
        want = 2 if role == "member" else 1
        res.check(len(d["proposals"]) == want and d["items"][own - 1]["material"] == SECRET_TEXT,
                  "%s's API after dispatch: %d proposals" % (role, len(d["proposals"])))
        names, agenda = package(c[role])
        res.check(names is not None and len(names) == len(files) + 1 and SECRET_TEXT in agenda,
                  "%s's package after dispatch: %s" % (role, names))
    # The audit log after dispatch: the accepted proposal, the material and the files; the
    # proposal never accepted stays with the secretariat and its proposer.
    page, api_ = audit(c, "viewer")
    for secret in (SECRET_PROPOSAL, SECRET_TEXT, "sg01-notat.pdf", "rf-analyse.pdf"):
        has(page, secret, "the viewer's audit page after dispatch")
        has(api_, secret, "the viewer's audit API after dispatch")
    hasnt(page, OTHER_PROPOSAL, "the viewer's audit page: the proposal not accepted")
    hasnt(api_, OTHER_PROPOSAL, "the viewer's audit API: the proposal not accepted")

    # ------------------------------------------------------------ draft minutes: the secretariat only
    # The case item's minutes decide the case (beslutning); the others are noted.
    c = start("2027-03-04")
    admin, api = c["admin"], c["api-admin"]
    decision = "%s punkt %d." % (DRAFT, case)
    minuted = api.get("/api/v1/meetings/1").json()["items"]
    for it in minuted:
        r = admin.post_form("/meetings/1", {"action": "minutes", "item": str(it["number"]),
                                            "outcome": "beslutning" if it["number"] == case
                                            else "taget-til-efterretning",
                                            "text": "%s punkt %d." % (DRAFT, it["number"])})
        res.check(r.status == 303, "minutes of item %d: %d" % (it["number"], r.status))
    page, api_ = audit(c, "admin")
    has(page, decision, "the secretariat's audit page has the draft minutes")
    has(api_, decision, "the secretariat's audit API has the draft minutes")
    page, api_ = audit(c, "viewer")
    hasnt(page, DRAFT, "the viewer's audit page has no draft minutes")
    hasnt(api_, DRAFT, "the viewer's audit API has no draft minutes")
    has(page, NOT_APPROVED, "the viewer's audit page says until when")
    res.check(sum(x["after"] == NOT_APPROVED for x in api_.json()["audit"]
                  if x["entity"] == "meeting" and x["action"] == "minutes") == len(minuted),
              "the viewer's API: each minutes row hidden")
    for role in ("viewer", "member", "rf", "rd"):
        for path in ("/cases/sag-1", "/cases", "/api/v1/cases/sag-1", "/api/v1/cases"):
            r = c[role if path.startswith("/cases") else "api-" + role].get(path)
            res.check(r.status == 200, "%s reads %s: %d" % (role, path, r.status))
            hasnt(r, DRAFT, "%s: no draft decision on %s" % (role, path))
        r = c[role].get("/decisions?q=%s" % DRAFT)
        hasnt(r, decision, "%s: no draft in the decision log" % role)
    has(admin.get("/meetings/1"), DRAFT, "the secretariat reads the draft")
    res.check(api.get("/api/v1/meetings/1").json()["items"][0]["minutes_text"] == DRAFT + " punkt 1.",
              "the secretariat's API has the draft")
    for role in ("viewer", "member", "rf", "rd"):
        page = c[role].get("/meetings/1")
        hasnt(page, DRAFT, "%s does not read the draft minutes on the page" % role)
        hasnt(page, "Referat (", "%s: no minutes heading" % role)
        has(page, "Referatet kan læses her, når sekretariatet har godkendt det.", "%s is told when" % role)
        d = c["api-" + role].get("/api/v1/meetings/1").json()
        res.check(all(it["outcome"] is None and it["minutes_text"] is None for it in d["items"]),
                  "%s's API has no draft minutes" % role)
        names, agenda = package(c[role])
        res.check(names is not None and DRAFT not in agenda, "%s's package has no draft minutes" % role)
        r = c["api-" + role].get("/api/v1/decisions?q=%s" % DRAFT)
        res.check(r.status == 200 and r.json()["decisions"] == [], "%s's decision log has no draft" % role)
    r = admin.post_form("/meetings/1", {"action": "approve"})
    res.check(r.status == 303, "approve: %d %s" % (r.status, r.text[-300:]))
    for role in ("viewer", "member", "rf", "rd"):
        page = c[role].get("/meetings/1")
        has(page, DRAFT + " punkt 1.", "%s reads the approved minutes" % role)
        hasnt(page, "Referatet kan læses her", "%s: no notice once approved" % role)
        d = c["api-" + role].get("/api/v1/meetings/1").json()
        res.check(d["items"][0]["minutes_text"] == DRAFT + " punkt 1.", "%s's API has the approved minutes" % role)
        names, agenda = package(c[role])
        res.check(names is not None and DRAFT + " punkt 1." in agenda, "%s's package has the approved minutes" % role)
        # The approval decides the case: the decision on the case, its list and the API.
        for path in ("/cases/sag-1", "/cases", "/api/v1/cases/sag-1"):
            has(c[role if path.startswith("/cases") else "api-" + role].get(path), decision,
                "%s reads the approved decision on %s" % (role, path))
    cs = c["api-viewer"].get("/api/v1/cases/sag-1").json()
    res.check(cs.get("state") == "decided" and cs["decision"]["kind"] == "beslutning"
              and cs["decision"]["meeting"] == "Styregruppemøde 1/2027, punkt %d" % case
              and cs["decision"]["date"] == "2027-03-04", "the case is decided at the meeting: %s" % cs.get("decision"))
    page, api_ = audit(c, "viewer")
    has(page, decision, "the viewer's audit page has the approved minutes")
    has(api_, decision, "the viewer's audit API has the approved minutes")
    hasnt(page, NOT_APPROVED, "no note once approved")
    r = admin.post_form("/meetings/1", {"action": "publish"})
    res.check(r.status == 303, "publish: %d %s" % (r.status, r.text[-300:]))
    has(c["viewer"].get("/decisions?q=%s" % DRAFT), decision, "the decision log once published")
finally:
    srv.close()
sys.exit(res.done("visibility"))
