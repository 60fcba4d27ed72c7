#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Issue 12, attendance against a real server: a member sends apologies for a coming meeting
on /my (POST with the CSRF token, no JavaScript) until and including the meeting day, takes
them back, and is refused with a Danish sentence the day after; a member cannot send
apologies for another person nor record attendance; the inspiration talk passes to the next in
turn when its speaker sends apologies; the secretariat records attendance on the meeting day
with a substitute and a guest, with errors next to the fields; the meeting page and the API
show it; everything is audited."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import Results, Server  # noqa: E402

res = Results()
os.environ["FKIGOV_TODAY"] = "2027-01-20"
srv = Server()
srv.fk("cycle", "plan", "2027", "--dates", "2027-03-04,2027-06-10,2027-09-09,2027-12-02", "--save")


def start(today):
    srv.kill()
    os.environ["FKIGOV_TODAY"] = today
    srv.start()
    return srv.client("admin"), srv.client("member"), srv.client("viewer")


def att(admin, mid):
    d = admin.get("/api/v1/meetings/%d/attendance" % mid).json()
    return {m["person"]: m for m in d["members"]}, d


try:
    srv.fk("meeting", "inspiration", "1")  # sg01, the member's person, gives the talk
    admin, member, viewer = start("2027-01-20")
    r = member.get("/my")
    res.check(r.status == 200 and 'id="afbud"' in r.text, "/my has the apologies section")
    res.check('id="afbud-1"' in r.text and 'value="apology"' in r.text, "a form for meeting 1")
    res.check("Meld afbud" in r.text and 'name="csrf"' in r.text, "the button, with CSRF")
    res.check("Du holder inspirationsoplægget" in r.text, "the member is told they give the talk")

    # CSRF: without the token nothing happens.
    r = member.post_form("/my", {"action": "apology", "meeting": "1"}, csrf=False)
    res.check(r.status == 403, "apology without CSRF: %d" % r.status)
    res.check(att(admin, 1)[0]["sg01"]["status"] == "none", "nothing registered without CSRF")
    # For another person: refused.
    r = member.post_form("/my", {"action": "apology", "meeting": "1", "person": "sg03"})
    res.check(r.status == 403 and "kun melde afbud for dig selv" in r.text, "apology for another: %d" % r.status)
    res.check(att(admin, 1)[0]["sg03"]["status"] == "none", "sg03 has no apology")
    # Too long a reason: 400, the message next to the field, the text kept.
    r = member.post_form("/my", {"action": "apology", "meeting": "1", "reason": "x" * 501})
    res.check(r.status == 400 and 'id="afbud-1-reason-fejl"' in r.text and 'aria-invalid="true"' in r.text,
              "too long reason: %d" % r.status)
    # The apology, with a reason.
    r = member.post_form("/my", {"action": "apology", "meeting": "1", "reason": "Ferie"})
    res.check(r.status == 303 and "afbud=sent" in r.headers.get("location", ""), "apology: %d" % r.status)
    mem, _ = att(admin, 1)
    res.check(mem["sg01"]["status"] == "apology" and mem["sg01"]["note"] == "Ferie"
              and mem["sg01"]["status_label"] == "afbud", "stored: %r" % mem["sg01"])
    r = member.get("/my?afbud=sent")
    res.check("Dit afbud er registreret" in r.text and "Du har meldt afbud" in r.text
              and "Træk afbud tilbage" in r.text, "/my shows the apology and the withdraw button")
    # The talk went to the next in turn, with the reason "afbud".
    m1 = admin.get("/api/v1/meetings/1").json()
    res.check(m1["inspiration"] and m1["inspiration"]["person"] != "sg01"
              and m1["inspiration"]["reason"] == "afbud", "speaker passed on: %r" % m1["inspiration"])
    # The meeting page shows the apology, to the member and the secretariat.
    for who, c in (("member", member), ("admin", admin), ("viewer", viewer)):
        r = c.get("/meetings/1")
        res.check('id="fremmoede"' in r.text and "Mette Kjær" in r.text and "(Ferie)" in r.text,
                  "meeting page shows the apology to %s" % who)
    # Withdraw, and send again.
    r = member.post_form("/my", {"action": "apology-withdraw", "meeting": "1"})
    res.check(r.status == 303 and "afbud=withdrawn" in r.headers.get("location", ""), "withdraw: %d" % r.status)
    res.check(att(admin, 1)[0]["sg01"]["status"] == "none", "withdrawn")
    res.check(member.post_form("/my", {"action": "apology", "meeting": "1"}).status == 303, "apology again")
    # A meeting that does not exist.
    res.check(member.post_form("/my", {"action": "apology", "meeting": "99"}).status == 404, "no meeting 99")
    # The member may not record attendance, nor read-only accounts; the form is admin-only.
    r = member.post_form("/meetings/1/attendance", {"action": "record", "status-sg03": "present"})
    res.check(r.status == 403, "member records: %d" % r.status)
    r = viewer.post_form("/meetings/1/attendance", {"action": "guest-add", "name": "X"})
    res.check(r.status == 403, "viewer adds a guest: %d" % r.status)
    r = member.get("/meetings/1/attendance")
    res.check(r.status == 200 and 'value="record"' not in r.text, "member sees attendance without the form")
    # Before the meeting day the secretariat cannot record yet.
    r = admin.get("/meetings/1/attendance")
    res.check("Fremmødet kan registreres fra mødedagen" in r.text and 'value="record"' not in r.text,
              "no form before the day")
    r = admin.post_form("/meetings/1/attendance", {"action": "record", "status-sg03": "present"})
    res.check(r.status == 400 and "fra mødedagen" in r.text, "record before the day: %d" % r.status)

    # The meeting day: apologies still possible; the secretariat records.
    admin, member, viewer = start("2027-03-04")
    r = member.get("/my")
    res.check('id="afbud-1"' in r.text, "meeting 1 still on /my on its day")
    r = admin.get("/meetings/1/attendance")
    res.check(r.status == 200 and 'value="record"' in r.text, "the form on the meeting day")
    res.check('<legend>Mette Kjær</legend>' in r.text and 'id="status-sg01-apology"' in r.text,
              "a fieldset per member with a legend and the choices")
    res.check(re.search(r'id="status-sg01-apology"[^>]*checked', r.text) is not None, "apology prefilled")
    res.check('<label for="substitute-sg01">' in r.text, "the substitute field has a label")
    res.check("sg01" not in re.sub(r'(id|name|for|aria-describedby)="[^"]*"', "", r.text.split("<main", 1)[1]),
              "no person id is shown as text")
    # A substitute for a member who attended: refused next to the field, values kept.
    r = admin.post_form("/meetings/1/attendance", {"action": "record", "status-sg03": "present",
                                                   "substitute-sg03": "Ole Hansen"})
    res.check(r.status == 400 and 'id="substitute-sg03-fejl"' in r.text and 'href="#substitute-sg03"' in r.text,
              "substitute for a present member: %d" % r.status)
    res.check('value="Ole Hansen"' in r.text, "the typed substitute is kept")
    res.check(att(admin, 1)[0]["sg03"]["status"] == "none", "nothing saved after the error")
    r = admin.post_form("/meetings/1/attendance", {"action": "record", "status-sg03": "maybe"})
    res.check(r.status == 400 and 'id="status-sg03-fejl"' in r.text, "bad status: %d" % r.status)
    # The record, with a substitute; CSRF needed.
    form = {"action": "record", "status-sg01": "apology", "substitute-sg01": "Ole Hansen",
            "status-sg03": "present", "status-sg04": "absent", "note-sg04": "Ingen besked"}
    res.check(admin.post_form("/meetings/1/attendance", form, csrf=False).status == 403, "record without CSRF")
    r = admin.post_form("/meetings/1/attendance", form)
    res.check(r.status == 303 and "ok=recorded" in r.headers.get("location", ""), "record: %d" % r.status)
    # Guests: a name is required; add one, add and remove another.
    r = admin.post_form("/meetings/1/attendance", {"action": "guest-add", "name": " ", "organisation": "KL"})
    res.check(r.status == 400 and 'id="guest-name-fejl"' in r.text and 'value="KL"' in r.text,
              "guest without a name: %d" % r.status)
    r = admin.post_form("/meetings/1/attendance", {"action": "guest-add", "name": "Kim Berg",
                                                   "organisation": "Digitaliseringsstyrelsen"})
    res.check(r.status == 303, "guest added: %d" % r.status)
    admin.post_form("/meetings/1/attendance", {"action": "guest-add", "name": "Fejl Gæst"})
    mem, doc = att(admin, 1)
    gid = next(g["id"] for g in doc["guests"] if g["name"] == "Fejl Gæst")
    r = admin.post_form("/meetings/1/attendance", {"action": "guest-remove", "guest": str(gid)})
    res.check(r.status == 303, "guest removed: %d" % r.status)
    mem, doc = att(admin, 1)
    res.check(mem["sg01"]["substitute"] == "Ole Hansen" and mem["sg03"]["status"] == "present"
              and mem["sg04"]["status"] == "absent" and mem["sg04"]["note"] == "Ingen besked", "recorded rows")
    res.check([g["name"] for g in doc["guests"]] == ["Kim Berg"], "one guest: %r" % doc["guests"])
    mn = doc["minutes"]
    res.check("Ole Hansen (stedfortræder for Mette Kjær)" in mn["participants"]
              and "Sofie Dahl" in mn["participants"]
              and "Gæst: Kim Berg, Digitaliseringsstyrelsen" in mn["participants"], "participants: %r" % mn)
    res.check("Mette Kjær (afbud)" in mn["absentees"] and "Jens Mølgaard (fraværende)" in mn["absentees"],
              "absentees: %r" % mn)
    # The meeting page, for the member, from the meeting day.
    r = member.get("/meetings/1")
    res.check("Deltagere" in r.text and "Ole Hansen (stedfortræder for Mette Kjær)" in r.text,
              "the meeting page lists participants from the day")
    # The day after: no apologies, a Danish sentence.
    admin, member, viewer = start("2027-03-05")
    r = member.post_form("/my", {"action": "apology", "meeting": "1"})
    res.check(r.status == 400 and "kan ikke længere meldes afbud" in r.text, "apology the day after: %d" % r.status)
    r = member.get("/my")
    res.check('id="afbud-1"' not in r.text and 'id="afbud-2"' in r.text, "meeting 1 is gone from /my")
    # Audited.
    out = srv.fk("audit", "log", "--entity", "attendance")
    for a in ("apology", "apology-withdraw", "record", "guest-add", "guest-remove"):
        res.check(" %s " % a in out, "audited: %s" % a)
    res.check("Revisionsloggen er hel" in srv.fk("audit", "verify"), "audit chain intact")
finally:
    srv.close()
sys.exit(res.done("attendance"))
