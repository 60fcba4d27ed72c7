#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Meeting invitations against a REAL SMTP server (tests/web/smtpsink.py, Debian's aiosmtpd):
planning the year sends each member serving on a meeting's day an iTIP invitation
(METHOD:REQUEST); moving a meeting or changing its place sends an update (SEQUENCE + 1);
deleting it sends METHOD:CANCEL; a member who leaves gets cancellations for the meetings after
their last day, one appointed later the year's remaining meetings; a refused plan queues
nothing. Every message is parsed by Python's email package (text, HTML and the calendar as
alternatives, the .ics attached), every calendar object by ical.js (tests/browser/
itip_check.mjs: METHOD, UID, SEQUENCE, STATUS, ORGANIZER, ATTENDEE, LOCATION, the start through
the VTIMEZONE). The place is on the meeting page and in the feed."""
import datetime
import email
import email.policy
import json
import os
import subprocess
import sys
import tempfile
import zoneinfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import Results, Server  # noqa: E402
from mail_test import FROM, PUBLIC, Sink, env, rows  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BROWSER = os.path.join(HERE, "..", "browser")
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
DATES = ["2027-03-09", "2027-06-08", "2027-09-14", "2027-12-07"]
PLACE = "KOMBIT, Halfdansgade 8, 2300 København S"


def fk(srv, *args, today="2026-12-03", check=True):
    p = subprocess.run([srv.bin, "--db", srv.db, *args], capture_output=True, text=True,
                       env=env(None, today))
    if check and p.returncode != 0:
        raise RuntimeError("fkigov %s: %d\n%s%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def members(srv, day):
    """The steering group's members with an address on day: {key: address}."""
    return dict(rows(srv, "SELECT DISTINCT p.key, p.email FROM appointment a JOIN person p ON"
                     " p.id = a.person WHERE a.body = 'styregruppe' AND a.start <= ? AND"
                     " (a.end IS NULL OR a.end >= ?) AND p.email IS NOT NULL", day, day))


def start_utc(day):
    y, m, d = map(int, day.split("-"))
    t = datetime.datetime(y, m, d, 9, 0, tzinfo=CPH).astimezone(datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Mailbox:
    """Sends what is queued to the sink and returns the invitations that arrived since the last
    call (other messages, such as a term expiring, are not under test here)."""

    def __init__(self, srv, sink):
        self.srv, self.sink, self.seen = srv, sink, set()

    def deliver(self, today="2026-12-03"):
        p = subprocess.run([self.srv.bin, "--db", self.srv.db, "mail", "send"], capture_output=True,
                           text=True, env=env("smtp://127.0.0.1:%d" % self.sink.port, today))
        if p.returncode != 0:
            raise RuntimeError("mail send: %d %s" % (p.returncode, p.stderr))
        new = []
        for f in self.sink.files():
            if f not in self.seen:
                self.seen.add(f)
                with open(os.path.join(self.sink.dir, f), "rb") as fh:
                    raw = fh.read()
                m = email.message_from_bytes(raw, policy=email.policy.default)
                # the Message-ID begins with the key: only the invitations are under test
                if m["Message-ID"].startswith("<meeting-"):
                    new.append(m)
        return new


class Calendars:
    """Calendar parts to hand to ical.js, with what each must say."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="fkigov-itip-")
        self.cases = []

    def add(self, res, m, method, uid, seq, location, day, status):
        cal = [p for p in m.walk() if p.get_content_type() == "text/calendar"]
        ics = [p for p in m.walk() if p.get_content_type() == "application/ics"]
        res.check(len(cal) == 1 and ("method=%s" % method) in cal[0]["Content-Type"].lower().replace('"', "")
                  .replace("method=" + method.lower(), "method=" + method),
                  "%s: one text/calendar; method=%s part" % (m["Subject"], method))
        res.check(len(ics) == 1 and ics[0].get_filename() in ("invitation.ics", "aflysning.ics"),
                  "%s: the .ics attached as well" % m["Subject"])
        if not cal:
            return
        alt = next(p for p in m.walk() if p.get_content_type() == "multipart/alternative")
        res.check([p.get_content_type() for p in alt.iter_parts()] == ["text/plain", "text/html", "text/calendar"],
                  "%s: text, HTML and calendar are alternatives" % m["Subject"])
        path = os.path.join(self.dir, "%03d.ics" % len(self.cases))
        with open(path, "wb") as f:
            f.write(cal[0].get_payload(decode=True))
        self.cases.append({"file": path, "method": method, "uid": uid, "sequence": seq,
                           "organizer": "mailto:fki@kombit.dk",
                           "attendee": "mailto:" + m["To"].addresses[0].addr_spec,
                           "location": location, "start_utc": start_utc(day), "status": status})

    def check(self, res):
        path = os.path.join(self.dir, "cases.json")
        with open(path, "w") as f:
            json.dump(self.cases, f)
        if not os.path.isdir(os.path.join(BROWSER, "node_modules", "ical.js")):
            # the browser suite's packages (package-lock.json), as tests/browser/run.sh does
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BROWSER, check=True,
                           capture_output=True)
        p = subprocess.run(["node", "itip_check.mjs", path], cwd=BROWSER, capture_output=True, text=True)
        last = (p.stdout.strip().splitlines() or [""])[-1]
        for line in p.stdout.splitlines():
            if line.startswith("FEJL"):
                print(line)
        res.check(p.returncode == 0 and last.startswith("itip:") and " 0 failed" in last,
                  "ical.js reads every invitation as expected: %s %s" % (last, p.stderr[-300:]))
        print(last)


def ids(srv):
    return {n: i for i, n in rows(srv, "SELECT id, number FROM meeting WHERE year = 2027")}


def run(srv, res, sink):
    box = Mailbox(srv, sink)
    cals = Calendars()

    # 1. Planning the year: one invitation per member serving on each day.
    fk(srv, "cycle", "plan", "2027", "--dates", ",".join(DATES), "--place", PLACE, "--save")
    mid = ids(srv)
    got = box.deliver()
    want = {(mid[n + 1], k): a for n, d in enumerate(DATES) for k, a in members(srv, d).items()}
    res.check(len(got) == len(want) and len(want) > 20, "one invitation per member and meeting (%d of %d)" % (len(got), len(want)))
    for m in got:
        res.check(m["Subject"].startswith("Invitation: Styregruppemøde"), "subject: %s" % m["Subject"])
        res.check(m["Auto-Submitted"] == "auto-generated" and not m.defects, "a clean message")
        n = int(m["Subject"].split("/")[0].split()[-1])
        cals.add(res, m, "REQUEST", "meeting-%d@fkigov" % mid[n], 0, PLACE, DATES[n - 1], "CONFIRMED")
    res.check(all(PUBLIC + "/meetings/" in m.get_body(("plain",)).get_content() for m in got),
              "every invitation links to its meeting")
    res.check(box.deliver() == [], "nothing is sent twice")

    # 2. A plan that is refused (a Saturday) queues nothing.
    before = rows(srv, "SELECT count(*) FROM mail")[0][0]
    p = fk(srv, "cycle", "plan", "2027", "--dates", "2027-03-13,2027-06-08", "--save", check=False)
    res.check(p.returncode == 2 and rows(srv, "SELECT count(*) FROM mail")[0][0] == before,
              "a refused plan queues nothing (%d)" % p.returncode)

    # 3. Meeting 2 moves a week: an update with SEQUENCE 1 to those invited.
    moved = ["2027-03-09", "2027-06-15", "2027-09-14", "2027-12-07"]
    fk(srv, "cycle", "plan", "2027", "--dates", ",".join(moved), "--save")
    got = box.deliver()
    res.check(len(got) == len(members(srv, "2027-06-15")) and all(m["Subject"].startswith("Ændret: Styregruppemøde 2/2027") for m in got),
              "moving meeting 2 sends one update per member (%d)" % len(got))
    for m in got:
        cals.add(res, m, "REQUEST", "meeting-%d@fkigov" % mid[2], 1, PLACE, "2027-06-15", "CONFIRMED")

    # 4. Meeting 3 gets an online link as its place: an update with the new LOCATION.
    link = "https://teams.example.dk/l/møde-3"
    fk(srv, "meeting", "place", str(mid[3]), link)
    got = box.deliver()
    res.check(len(got) == len(members(srv, "2027-09-14")), "a new place sends one update per member (%d)" % len(got))
    for m in got:
        cals.add(res, m, "REQUEST", "meeting-%d@fkigov" % mid[3], 1, link, "2027-09-14", "CONFIRMED")
    res.check(rows(srv, "SELECT count(*) FROM audit WHERE entity = 'meeting' AND action = 'update'")[0][0] >= 2,
              "the place is audited")

    # 5. Meeting 4 is taken out of the plan: cancellations.
    fk(srv, "cycle", "plan", "2027", "--dates", ",".join(moved[:3]), "--save")
    got = box.deliver()
    res.check(len(got) == len(members(srv, "2027-12-07")) and all(m["Subject"].startswith("Aflyst: Styregruppemøde 4/2027") for m in got),
              "deleting meeting 4 cancels it for everyone invited (%d)" % len(got))
    for m in got:
        cals.add(res, m, "CANCEL", "meeting-%d@fkigov" % mid[4], 1, PLACE, "2027-12-07", "CANCELLED")

    # 6. A member leaves after meeting 1: cancellations for meetings 2 and 3 only.
    leaver = "sg01"
    address = members(srv, "2027-03-09")[leaver]
    fk(srv, "appointment", "end", leaver, "styregruppe", "--end", "2027-04-30")
    got = box.deliver()
    res.check(sorted(m["Subject"].split(",")[0] for m in got) ==
              ["Aflyst for dig: Styregruppemøde 2/2027", "Aflyst for dig: Styregruppemøde 3/2027"],
              "a member who leaves gets cancellations for the meetings after: %s" % [m["Subject"] for m in got])
    for m in got:
        res.check(m["To"].addresses[0].addr_spec == address, "to the member who left")
        n = int(m["Subject"].split("/")[0].split()[-1])
        cals.add(res, m, "CANCEL", "meeting-%d@fkigov" % mid[n], 2, PLACE if n == 2 else link,
                 moved[n - 1], "CANCELLED")

    # 7. A member appointed on 1 May gets the remaining meetings (2 and 3), not meeting 1.
    fk(srv, "person", "add", "ny01", "--name", "Ny Æblerød", "--email", "ny@demo-roskilde.dk")
    fk(srv, "appoint", "ny01", "styregruppe", "--seat", "kommune", "--municipality", "265",
       "--profile", "it-digitaliseringschef", "--start", "2027-05-01")
    got = box.deliver()
    res.check(sorted(m["Subject"].split(",")[0] for m in got) ==
              ["Invitation: Styregruppemøde 2/2027", "Invitation: Styregruppemøde 3/2027"],
              "a member appointed later gets the remaining meetings: %s" % [m["Subject"] for m in got])
    for m in got:
        n = int(m["Subject"].split("/")[0].split()[-1])
        cals.add(res, m, "REQUEST", "meeting-%d@fkigov" % mid[n], 1, PLACE if n == 2 else link,
                 moved[n - 1], "CONFIRMED")

    cals.check(res)

    # 8. The place on the meeting page and in the body's feed.
    srv.start()
    try:
        admin = srv.client("admin")
        page = admin.get("/meetings/%d" % mid[3]).text
        res.check('<a href="%s">' % link in page, "the meeting page links to an online place")
        page = admin.get("/meetings/%d" % mid[1]).text
        res.check("Halfdansgade 8" in page and 'name="place"' in page, "the place and its form on the meeting page")
        r = admin.post_form("/meetings/%d" % mid[1], {"action": "place", "place": "x" * 301})
        res.check(r.status == 400 and "for langt" in r.text, "a place of 301 characters is refused with 400 (%d)" % r.status)
        r = admin.post_form("/meetings/%d" % mid[1], {"action": "place", "place": "Mødelokale 2, KL-huset"})
        res.check(r.status == 303, "the secretariat sets the place in the browser (%d)" % r.status)
        r = srv.client("member").post_form("/meetings/%d" % mid[1], {"action": "place", "place": "Hjemme"})
        res.check(r.status in (403, 404), "a member cannot set the place (%d)" % r.status)
        feed = srv.client().get("/calendar/bodies/styregruppe.ics").text
        res.check("LOCATION:Mødelokale 2\\, KL-huset" in feed, "the feed carries the LOCATION")
        api = admin.get("/api/v1/meetings/%d" % mid[1]).json()
        res.check(api.get("place") == "Mødelokale 2, KL-huset", "the API has the place")
    finally:
        srv.kill()


def main():
    res = Results()
    srv = Server()
    sink = Sink().start()
    try:
        run(srv, res, sink)
    finally:
        sink.stop()
        srv.close()
    return res.done("invite")


if __name__ == "__main__":
    sys.exit(main())
