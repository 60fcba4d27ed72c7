#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Messages about meetings and accounts against a REAL SMTP server (tests/web/smtpsink.py):
the dispatch from its page queues the agenda to each member summoned, with the packet as PDF
attached (byte for byte the version a member downloads) or, above the model's attach_max_kb,
linked; an amendment makes the packet's next version; a
dispatch that is refused queues nothing; an amendment and a recall each reach the same
people with the reason; the proposal and status reminders come the model's working days
before the deadline (not a day earlier) and on the day, only to those who have not submitted;
a one-time password link sent by e-mail works. Every message parsed by Python's email
package."""
import email
import email.policy
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import PASSWORD, Results, Server  # noqa: E402
from mail_test import PUBLIC, Sink, env, rows  # noqa: E402
from pdfgen import make_pdf  # noqa: E402

DATES = "2027-03-09,2027-06-08,2027-09-14,2027-12-07"


def fk(srv, *args, today, check=True, stdin=None):
    p = subprocess.run([srv.bin, "--db", srv.db, *args], capture_output=True, text=True,
                       env=env(None, today), input=stdin)
    if check and p.returncode != 0:
        raise RuntimeError("fkigov %s: %d\n%s%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


class Mailbox:
    """What arrives at the sink, by key prefix (the Message-ID begins with the key)."""

    def __init__(self, srv, sink):
        self.srv, self.sink, self.seen = srv, sink, set()

    def deliver(self, today, prefix):
        p = subprocess.run([self.srv.bin, "--db", self.srv.db, "mail", "send"], capture_output=True,
                           text=True, env=env("smtp://127.0.0.1:%d" % self.sink.port, today))
        if p.returncode != 0:
            raise RuntimeError("mail send: %d %s" % (p.returncode, p.stderr))
        out = []
        for f in self.sink.files():
            if f in self.seen:
                continue
            self.seen.add(f)
            with open(os.path.join(self.sink.dir, f), "rb") as fh:
                m = email.message_from_bytes(fh.read(), policy=email.policy.default)
            if m["Message-ID"].startswith("<" + prefix):
                out.append(m)
        return out


def members(srv, day):
    return dict(rows(srv, "SELECT DISTINCT p.key, p.email FROM appointment a JOIN person p ON"
                     " p.id = a.person WHERE a.body = ? AND a.start <= ? AND"
                     " (a.end IS NULL OR a.end >= ?) AND p.email IS NOT NULL", "styregruppe", day, day))


def group_members(srv, body, day):
    return set(k for k, in rows(srv, "SELECT DISTINCT p.key FROM appointment a JOIN person p ON"
                                " p.id = a.person WHERE a.body = ? AND a.start <= ? AND"
                                " (a.end IS NULL OR a.end >= ?) AND p.email IS NOT NULL", body, day, day))


def to_keys(srv, msgs):
    by_addr = {a: k for k, a in rows(srv, "SELECT key, email FROM person WHERE email IS NOT NULL")}
    return sorted(by_addr.get(m["To"].addresses[0].addr_spec) for m in msgs)


def run(srv, res, box):
    fk(srv, "cycle", "plan", "2027", "--dates", DATES, "--place", "KL-huset", "--save", today="2026-12-03")
    ids = {n: i for i, n in rows(srv, "SELECT id, number FROM meeting")}
    box.deliver("2026-12-03", "meeting-invite")  # the invitations are tested elsewhere

    # 1. Reminders of meeting 2's deadlines (11 May 2027; 2 working days before: 7 May, as
    # Ascension Day, 6 May, is a holiday). sg01 has proposed; rg-forretning has sent status.
    res.check(rows(srv, "SELECT proposals, statuses FROM meeting WHERE id = ?", ids[2])[0] ==
              ("2027-05-11", "2027-05-11"), "meeting 2's deadlines are 11 May")
    fk(srv, "meeting", "propose", str(ids[2]), "--person", "sg01", "--title", "Fælles login",
       "--text", "Et punkt om fælles login.", today="2027-05-03")
    fk(srv, "meeting", "status", str(ids[2]), "--body", "rg-forretning", "--note", "Intet nyt",
       today="2027-05-03")
    res.check(box.deliver("2027-05-06", "deadline-") == [], "no reminder on Ascension Day, 6 May")
    got = box.deliver("2027-05-07", "deadline-")
    props = [m for m in got if "forslag" in m["Subject"]]
    stats = [m for m in got if "status" in m["Subject"]]
    want_p = sorted(k for k in members(srv, "2027-06-08") if k != "sg01")
    res.check(to_keys(srv, props) == want_p, "proposal reminders on 7 May to every member but sg01: %s" % to_keys(srv, props))
    want_s = sorted(group_members(srv, "rg-arkitektur-udvikling", "2027-05-11") |
                    group_members(srv, "rg-drift-forvaltning", "2027-05-11"))
    res.check(sorted(set(to_keys(srv, stats))) == want_s and not any("Forretning" in m["Subject"] for m in stats),
              "status reminders only to the groups that have not sent theirs")
    res.check(all(m["Subject"].startswith("Påmindelse:") for m in got), "the reminders say so")
    res.check(box.deliver("2027-05-10", "deadline-") == [], "one reminder before the day, not two")
    got = box.deliver("2027-05-11", "deadline-")
    res.check(len(got) == len(props) + len(stats) and all(m["Subject"].startswith("Sidste dag i dag") for m in got),
              "on the day itself: one more to each who has not submitted (%d)" % len(got))
    res.check(all(PUBLIC + "/meetings/%d" % ids[2] in m.get_body(("plain",)).get_content() for m in got),
              "each reminder links to the meeting")
    res.check(box.deliver("2027-05-12", "deadline-") == [], "nothing after the deadline")

    # 2. The dispatch of meeting 1 from its page, with a file on item 1.
    fk(srv, "meeting", "agenda", str(ids[1]), today="2027-02-20")
    pdf = make_pdf(os.path.join(srv.dir, "bilag.pdf"), ["Bilag til punkt 1"] * 2)
    fk(srv, "meeting", "material", "add", str(ids[1]), "--item", "1", pdf, today="2027-02-20")
    before = rows(srv, "SELECT count(*) FROM mail")[0][0]
    srv.start()
    try:
        admin = srv.client("admin")
        page = admin.get("/meetings/%d/dispatch" % ids[1]).text
        res.check("får dagsordenen på e-mail" in page, "the dispatch page says who gets it by e-mail")
        r = admin.post_form("/meetings/%d/dispatch" % ids[1], {})
        res.check(r.status == 303, "dispatched from its page (%d)" % r.status)
        member_pdf = srv.client("member").get("/meetings/%d/packet.pdf" % ids[1]).body
    finally:
        srv.kill()
    got = box.deliver("2027-02-24", "meeting-dispatch")
    want = members(srv, "2027-03-09")
    res.check(sorted(m["To"].addresses[0].addr_spec for m in got) == sorted(want.values()),
              "the agenda to each member summoned (%d)" % len(got))
    for m in got:
        att = [p for p in m.iter_attachments()]
        res.check(len(att) == 1 and att[0].get_content_type() == "application/pdf" and
                  att[0].get_filename() == "Dagsorden-Styregruppemoede-1-2027.pdf", "the packet attached")
        if att:
            res.check(att[0].get_payload(decode=True) == member_pdf and member_pdf.startswith(b"%PDF-"),
                      "the attached packet is byte for byte what a member downloads")
        text = m.get_body(("plain",)).get_content()
        res.check("Kort orientering fra KL" in text and "kl. 09.00" in text and "Sted: KL-huset" in text,
                  "the agenda with clock times and the place in the text")
        res.check(not m.defects, "no defects")

    # 3. A refused dispatch queues nothing (meeting 1 is dispatched already).
    n = rows(srv, "SELECT count(*) FROM mail")[0][0]
    p = fk(srv, "meeting", "dispatch", str(ids[1]), today="2027-02-25", check=False)
    res.check(p.returncode == 2 and rows(srv, "SELECT count(*) FROM mail")[0][0] == n,
              "a refused dispatch queues nothing (%d)" % p.returncode)
    res.check(n > before, "the dispatch queued its messages")

    # 4. An amendment and a recall reach the same people, with the reason.
    fk(srv, "meeting", "amend", str(ids[1]), "--item", "2", "--reason", "Nyt oplæg fra KL",
       "--title", "Orientering fra KL – ændret", today="2027-02-26")
    got = box.deliver("2027-02-26", "meeting-amend")
    res.check(len(got) == len(want) and all("punkt 2" in m["Subject"] and
              "Nyt oplæg fra KL" in m.get_body(("plain",)).get_content() for m in got),
              "an amendment notice with the item and the reason (%d)" % len(got))
    v = rows(srv, "SELECT version, changes FROM meeting_packet WHERE meeting = ? ORDER BY version", ids[1])
    res.check([x[0] for x in v] == [1, 2] and v[1][1] == "Punkt 2: Nyt oplæg fra KL",
              "the amendment made the packet's version 2, saying what changed: %r" % (v,))
    fk(srv, "meeting", "recall", str(ids[1]), "--reason", "Forkert bilag", today="2027-02-27")
    got = box.deliver("2027-02-27", "meeting-recall")
    res.check(len(got) == len(want) and all("Forkert bilag" in m.get_body(("plain",)).get_content() for m in got),
              "a recall notice with the reason (%d)" % len(got))
    p = fk(srv, "meeting", "dispatch", str(ids[1]), today="2027-02-28")
    got = box.deliver("2027-02-28", "meeting-dispatch")
    res.check(len(got) == len(want), "dispatched again after the recall: sent again (%d)" % len(got))

    # 5. Above the model's limit the packet is linked, not attached.
    fk(srv, "meeting", "agenda", str(ids[2]), today="2027-05-20")
    big = make_pdf(os.path.join(srv.dir, "stort-bilag.pdf"), ["Stort bilag"], image_bytes=5300 * 1024)
    fk(srv, "meeting", "material", "add", str(ids[2]), "--item", "1", big, today="2027-05-20")
    p = fk(srv, "meeting", "dispatch", str(ids[2]), today="2027-05-25")
    res.check("som link" in p.stdout, "the command line says the packet is linked: %s" % p.stdout.strip())
    got = box.deliver("2027-05-25", "meeting-dispatch-%d-" % ids[2])
    res.check(len(got) == len(members(srv, "2027-06-08")) and
              all(not list(m.iter_attachments()) and
                  "%s/meetings/%d/packet.pdf" % (PUBLIC, ids[2]) in m.get_body(("plain",)).get_content() for m in got),
              "a packet above 5 MB is linked (%d)" % len(got))

    # 6. A one-time password link by e-mail, from the command line and the accounts page.
    fk(srv, "person", "add", "ny01", "--name", "Nina Ny", "--email", "nina@demo-roskilde.dk", today="2027-02-28")
    p = fk(srv, "user", "add", "nina", "--role", "member", "--person", "ny01", "--link", "--mail",
           today="2027-02-28")
    res.check("udbakken til nina@demo-roskilde.dk" in p.stderr, "user add --link --mail says where it went")
    got = box.deliver("2027-02-28", "password-link")
    res.check(len(got) == 1 and got[0]["To"].addresses[0].addr_spec == "nina@demo-roskilde.dk",
              "the link went to the person's address")
    body = got[0].get_body(("plain",)).get_content() if got else ""
    link = re.search(r"%s(/password/[0-9a-f]{64})" % re.escape(PUBLIC), body)
    res.check(link is not None and "brugernavn er nina" in body, "the message holds the whole link and the login")
    res.check(rows(srv, "SELECT count(*) FROM audit WHERE after LIKE ?", "%" + (link.group(1)[10:] if link else "x") + "%")[0][0] == 0,
              "the secret is not in the audit log")
    srv.start()
    try:
        c = srv.client()
        path = link.group(1) if link else "/password/x"
        form = c.get(path)
        res.check(form.status == 200, "the link opens the password page (%d)" % form.status)
        m = re.search(r'name="csrf" value="([^"]+)"', form.text)
        r = c.request("POST", path, urllib.parse.urlencode(
            {"csrf": m.group(1) if m else "", "password": "korrekt hest batteri ny",
             "password2": "korrekt hest batteri ny"}), ctype="application/x-www-form-urlencoded")
        res.check(r.status in (200, 303), "a password is chosen with the mailed link (%d)" % r.status)
        res.check(srv.client().login("nina", "korrekt hest batteri ny").status in (200, 303),
                  "and works for logging in")
        admin = srv.client("admin")
        r = admin.post_form("/accounts/member", {"action": "reset"}, csrf=admin.csrf("/accounts/member"))
        res.check(r.status == 200 and "sendt på e-mail til" in r.text, "a reset on the accounts page is mailed too (%d)" % r.status)
    finally:
        srv.kill()
    got = box.deliver("2027-02-28", "password-link")
    res.check(len(got) == 1 and "ny adgangskode" in got[0]["Subject"], "the reset link by e-mail")


def main():
    res = Results()
    srv = Server()
    sink = Sink().start()
    try:
        run(srv, res, Mailbox(srv, sink))
    finally:
        sink.stop()
        srv.close()
    return res.done("dispatch_mail")


if __name__ == "__main__":
    sys.exit(main())
