#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Issue 10, the meetings flow over HTTP against a real server: the dispatch is confirmed on
its own page (GET shows, POST with the CSRF token does; the meeting page's old one-click
action is refused), recalled with a reason before the meeting day (audited); a meeting that
was held without a dispatch here is recorded as held and gets minutes; the decision log lists
the latest decisions without a search; no page gives a command-line instruction."""
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
    return srv.client("admin"), srv.client("member")


def state(admin, mid):
    return admin.get("/api/v1/meetings/%d" % mid).json()["state"]


def no_commands(r, what):
    res.check(not re.search(r"fkigov\s+[a-z]|»meeting [a-z]|\(meeting [a-z]+\)", r.text),
              "%s gives a command-line instruction" % what)


try:
    admin, member = start("2027-01-20")
    r = admin.post_form("/meetings/2", {"action": "agenda"})
    res.check(r.status == 303, "build agenda: %d" % r.status)
    r = admin.get("/meetings/2")
    res.check('href="/meetings/2/dispatch"' in r.text, "the meeting page links to the dispatch page")
    no_commands(r, "/meetings/2")
    # The old one-click dispatch is gone.
    r = admin.post_form("/meetings/2", {"action": "dispatch"})
    res.check(r.status == 400 and state(admin, 2) == "planned", "one-click dispatch refused: %d" % r.status)
    # The confirmation page: what is not ready, the recipients, that it is early.
    r = admin.get("/meetings/2/dispatch")
    res.check(r.status == 200, "GET dispatch page: %d" % r.status)
    for s in ("Fristen for udsendelse er 27. maj 2027", "har intet skriftligt materiale",
              "Ingen kommune er fordelt til inspirationsoplægget", 'class="recipients"',
              'name="csrf"', "Udsend alligevel"):
        res.check(s in r.text, "dispatch page has %r" % s)
    no_commands(r, "/meetings/2/dispatch")
    res.check(member.get("/meetings/2/dispatch").status == 403, "member may not see the dispatch page")
    res.check(member.post_form("/meetings/2/dispatch", {}).status == 403, "member may not dispatch")
    r = admin.post_form("/meetings/2/dispatch", {}, csrf=False)
    res.check(r.status == 403 and state(admin, 2) == "planned", "no dispatch without the CSRF token: %d" % r.status)
    r = admin.post_form("/meetings/2/dispatch", {})
    res.check(r.status == 303 and "ok=dispatched" in r.headers.get("location", ""), "dispatch: %d" % r.status)
    res.check(state(admin, 2) == "dispatched", "dispatched")
    r = admin.get("/meetings/2/dispatch")
    res.check("allerede udsendt" in r.text and "Udsend alligevel" not in r.text, "no second dispatch form")
    # Recall: a reason is required; then planned again, audited with the reason.
    r = admin.get("/meetings/2")
    res.check('href="/meetings/2/dispatch"' not in r.text and 'value="recall"' in r.text, "recall form instead of dispatch")
    r = admin.post_form("/meetings/2", {"action": "recall", "reason": " "})
    res.check(r.status == 400 and 'id="recall-reason-fejl"' in r.text, "recall without reason: %d" % r.status)
    r = admin.post_form("/meetings/2", {"action": "recall", "reason": "Materialet var ikke klar"})
    res.check(r.status == 303 and state(admin, 2) == "planned", "recall: %d" % r.status)
    r = admin.get("/audit?entity=meeting")
    res.check("Materialet var ikke klar" in r.text, "the recall's reason is in the audit log")

    # A year planned mid-way: meeting 1 was held without a dispatch here.
    admin, member = start("2027-03-20")
    res.check(admin.post_form("/meetings/1", {"action": "agenda"}).status == 303, "agenda of a past meeting")
    r = admin.get("/meetings/1")
    res.check("/meetings/1/dispatch" not in r.text and 'value="held"' in r.text, "no dispatch, but 'held' on a past meeting")
    res.check("Skriv referat af punkt" not in r.text, "no minutes form before it is recorded as held")
    r = admin.post_form("/meetings/1/dispatch", {})
    res.check(r.status == 400 and "registrér i stedet mødet som afholdt" in r.text, "dispatch after the meeting: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "held"})
    res.check(r.status == 303 and state(admin, 1) == "held", "held: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "minutes", "item": "1", "outcome": "beslutning",
                                         "text": "Styregruppen besluttede en fælles login-strategi."})
    res.check(r.status == 303, "minutes of a meeting held without dispatch: %d" % r.status)
    r = admin.get("/meetings/1")
    res.check("Ret referatet af punkt 1" in r.text and "Skriv referat af punkt 1<" not in r.text, "'Ret referatet' once written")
    res.check("Mødet er afholdt, så der kan ikke sendes forslag" not in r.text, "no stale proposal notice")
    res.check("ikke udsendt i fkigov" in r.text, "the page says it was not dispatched here")
    res.check('value="approve"' not in r.text, "no approval while items lack minutes")
    r = admin.get("/decisions")
    res.check("Seneste beslutninger" in r.text and "fælles login-strategi" in r.text, "latest decisions without a search")
    no_commands(r, "/decisions")
finally:
    srv.close()
sys.exit(res.done("meetings10"))
