#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""The daily digest and /my's messages against a REAL SMTP server (tests/web/smtpsink.py): a
member chooses on /my to have informational messages gathered (audited); such a message (the
term expiring) is held, not sent alone, while a message that asks for action (an invitation)
goes at once; the digest comes the next day from 7:00 Copenhagen time, not before, once,
with the held message in it, which is then marked as carried by it; choosing "at once" again
releases what waits. /my lists the member's messages; /messages/{id} shows one to its person
and the secretariat and is 404 for another member. Every message parsed by Python's email
package."""
import email
import email.policy
import os
import re
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import PASSWORD, Results, Server  # noqa: E402
from mail_test import Sink, env, rows  # noqa: E402


def run_env(url, today, now):
    e = env(url, today)
    e["FKIGOV_NOW"] = now
    return e


class Box:
    def __init__(self, srv, sink):
        self.srv, self.sink, self.seen = srv, sink, set()

    def send(self, today, now):
        p = subprocess.run([self.srv.bin, "--db", self.srv.db, "mail", "send"], capture_output=True,
                           text=True, env=run_env("smtp://127.0.0.1:%d" % self.sink.port, today, now))
        if p.returncode != 0:
            raise RuntimeError("mail send: %d %s" % (p.returncode, p.stderr))
        out = []
        for f in self.sink.files():
            if f not in self.seen:
                self.seen.add(f)
                with open(os.path.join(self.sink.dir, f), "rb") as fh:
                    out.append(email.message_from_bytes(fh.read(), policy=email.policy.default))
        return out


def to(m):
    return m["To"].addresses[0].addr_spec


def run(srv, res, box):
    member_addr = rows(srv, "SELECT email FROM person WHERE key = 'sg01'")[0][0]
    # sg01's term in the steering group ends 31 December 2026: the term-expiring notice is due
    # on 3 December (90 days' warning).
    srv.fk("user", "add", "member2", "--role", "member", "--person", "sg03", input=PASSWORD + "\n")
    srv.start()
    try:
        m = srv.client("member")
        page = m.get("/my").text
        res.check('name="digest"' in page and "Send hver orientering med det samme" in page,
                  "/my offers the choice")
        r = m.post_form("/my", {"digest": "weekly"}, csrf=m.csrf("/my"))
        res.check(r.status == 400, "a choice that does not exist is refused (%d)" % r.status)
        r = m.post_form("/my", {"digest": "daily"}, csrf=m.csrf("/my"))
        res.check(r.status == 303, "the member chooses the daily digest (%d)" % r.status)
        res.check("samles nu i én e-mail om dagen" in m.get("/my?beskeder=daily").text, "and is told so")
        res.check(rows(srv, "SELECT count(*) FROM audit WHERE entity = 'mail_pref' AND entity_id = 'sg01'")[0][0] == 1,
                  "the choice is audited")
    finally:
        srv.kill()
    p = subprocess.run([srv.bin, "--db", srv.db, "mail", "prefs", "sg01"], capture_output=True, text=True)
    res.check("samles i én e-mail om dagen" in p.stdout, "mail prefs shows the choice: %s" % p.stdout.strip())

    # 3 December, 11:00: the term notice to sg01 is held, others' are sent; an invitation
    # (action) to sg01 goes at once.
    subprocess.run([srv.bin, "--db", srv.db, "cycle", "plan", "2027", "--dates",
                    "2027-03-09,2027-06-08,2027-09-14,2027-12-07", "--save"], check=True,
                   capture_output=True, env=run_env(None, "2026-12-03", "2026-12-03T09:00:00Z"))
    got = box.send("2026-12-03", "2026-12-03T10:00:00Z")
    mine = [x for x in got if to(x) == member_addr]
    res.check(mine and all(x["Subject"].startswith("Invitation:") for x in mine),
              "sg01 gets the invitations at once, and nothing else: %s" % [x["Subject"] for x in mine])
    held = rows(srv, "SELECT id, subject FROM mail WHERE person = 'sg01' AND state = 'held'")
    res.check(len(held) == 1 and "periode" in held[0][1], "the term notice is held for the digest: %s" % held)
    others = [x for x in got if "periode" in x["Subject"]]
    res.check(len(others) >= 1, "other members' term notices are sent at once (%d)" % len(others))

    # The next morning: not before 7:00 Copenhagen time (6:00 UTC in winter).
    res.check([x for x in box.send("2026-12-04", "2026-12-04T05:59:00Z") if to(x) == member_addr] == [],
              "no digest before 7:00")
    got = [x for x in box.send("2026-12-04", "2026-12-04T06:01:00Z") if to(x) == member_addr]
    res.check(len(got) == 1 and got[0]["Subject"].startswith("Dagligt sammendrag fra fkigov"),
              "the digest at 7:01: %s" % [x["Subject"] for x in got])
    if got:
        text = got[0].get_body(("plain",)).get_content()
        res.check(held and held[0][1] in text and "31. december 2026" in text,
                  "the digest holds the held message's subject and text")
        res.check(got[0]["Message-ID"].startswith("<digest-sg01-2026-12-04"), "its Message-ID names the digest")
        res.check(not got[0].defects and got[0].get_body(("html",)) is not None, "a clean message with HTML")
    dig = rows(srv, "SELECT id FROM mail WHERE key = 'digest:sg01:2026-12-04'")
    res.check(len(dig) == 1 and rows(srv, "SELECT state, digest FROM mail WHERE id = ?", held[0][0])[0] ==
              ("digested", dig[0][0]), "the held message is marked as carried by the digest")
    res.check([x for x in box.send("2026-12-04", "2026-12-04T12:00:00Z") if to(x) == member_addr] == [],
              "one digest a day")

    # A message held while the choice is switched back is sent at once.
    db = sqlite3.connect(srv.db)
    db.execute("INSERT INTO mail (key, message_id, person, address, name, subject, text, kind, state,"
               " next_at, created) VALUES ('test:held', '<test-held@x>', 'sg01', ?, 'Mette',"
               " 'Orientering til test', 'Tekst', 'info', 'held', 0, '2026-12-04T12:00:00Z')", (member_addr,))
    db.commit()
    db.close()
    srv.start()
    try:
        m = srv.client("member")
        r = m.post_form("/my", {"digest": "off"}, csrf=m.csrf("/my"))
        res.check(r.status == 303, "back to at once (%d)" % r.status)
        page = m.get("/my").text
        res.check("Orientering til test" in page and "Med i dagligt sammendrag" in page and "Dagligt sammendrag fra fkigov" in page,
                  "/my lists the member's messages with their state")
        own = rows(srv, "SELECT id FROM mail WHERE key = 'digest:sg01:2026-12-04'")[0][0]
        r = m.get("/messages/%d" % own)
        res.check(r.status == 200 and "31. december 2026" in r.text, "the member reads their digest (%d)" % r.status)
        r = srv.client("admin").get("/messages/%d" % own)
        res.check(r.status == 200, "the secretariat reads it too (%d)" % r.status)
        other = srv.client()
        other.login("member2", PASSWORD)
        r = other.get("/messages/%d" % own)
        res.check(r.status == 404, "another member gets 404 (%d)" % r.status)
        mail_page = srv.client("admin").get("/mail").text
        res.check("Med i sammendrag" in mail_page and "/messages/%d" % own in mail_page,
                  "/mail shows the digest states and links each message")
    finally:
        srv.kill()
    got = [x for x in box.send("2026-12-04", "2026-12-04T12:05:00Z") if to(x) == member_addr]
    res.check([x["Subject"] for x in got] == ["Orientering til test"], "what waited is sent at once after the switch")


def main():
    res = Results()
    srv = Server()
    sink = Sink().start()
    try:
        run(srv, res, Box(srv, sink))
    finally:
        sink.stop()
        srv.close()
    return res.done("digest")


if __name__ == "__main__":
    sys.exit(main())
