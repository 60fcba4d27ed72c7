#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Messages against a REAL SMTP server (Debian's python3-aiosmtpd, started by the test under
/usr/bin/python3, tests/web/smtpsink.py): a written hearing queues one message per member in
its own transaction (a rolled-back change queues nothing); the server down -> queued and
retried, delivered exactly once when it comes back; a refused address -> "failed" with the
server's answer, shown on /mail with "Send igen"; AUTH from the URL; names with CR/LF, quotes
and æøå in every header; every message parsed by Python's email package (headers decode,
Message-ID as stored); calendar reminders queued once however often `mail send` runs;
SIGKILL of `mail send` in a batch of 500 -> nothing lost, the one message delivered but not
acknowledged sent again with the same Message-ID; serve's sender thread delivers on its own;
STARTTLS and smtps:// with the certificate checked (FKIGOV_SMTP_CA)."""
import email
import email.policy
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import Results, Server, free_port  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SYSPY = "/usr/bin/python3"
PUBLIC = "https://fkigov.example.dk"
FROM = "Sekretariat FKI – Æblegård <fki@kombit.dk>"
EVIL = 'Bo "Chef" Ø\r\nBcc: offer@example.dk'


class Sink:
    """smtpsink.py on a free port, saving messages in a directory."""

    def __init__(self, *args, port=None):
        self.dir = tempfile.mkdtemp(prefix="fkigov-smtp-")
        self.port = port or free_port()
        self.args = args
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([SYSPY, os.path.join(HERE, "smtpsink.py"), "--port",
                                      str(self.port), "--dir", self.dir, *self.args],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.proc.stdout.readline()
        if "ready" not in line:
            raise RuntimeError("smtpsink did not start: " + line + self.proc.stdout.read())
        return self

    def stop(self):
        if self.proc:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(10)
            self.proc = None

    def files(self):
        return sorted(f for f in os.listdir(self.dir) if f.endswith(".eml") and not f.startswith("."))

    def messages(self):
        out = []
        for f in self.files():
            with open(os.path.join(self.dir, f), "rb") as fh:
                raw = fh.read()
            out.append((raw, email.message_from_bytes(raw, policy=email.policy.default)))
        return out


def env(url=None, today=None):
    e = dict(os.environ, FKIGOV_MAIL_FROM=FROM, FKIGOV_PUBLIC_URL=PUBLIC, FKIGOV_ACTOR="test")
    e.pop("FKIGOV_SMTP_URL", None)
    if url:
        e["FKIGOV_SMTP_URL"] = url
    if today:
        e["FKIGOV_TODAY"] = today
    return e


def fk(srv, *args, url=None, today="2026-11-27", check=True):
    p = subprocess.run([srv.bin, "--db", srv.db, *args], capture_output=True, text=True,
                       env=env(url, today))
    if check is True and p.returncode != 0:
        raise RuntimeError("fkigov %s: %d\n%s%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def rows(srv, sql, *a):
    db = sqlite3.connect(srv.db)
    try:
        return db.execute(sql, a).fetchall()
    finally:
        db.close()


def propose(srv, topic):
    p = fk(srv, "wg", "propose", "--reference-group", "rg-forretning", "--topic", topic,
           "--question", "Hvordan kan kommunerne klassificere sager ens?", "--start", "2027-04-01",
           "--end", "2027-09-30", "--hours", "300", "--kr", "150.000")
    key = p.stdout.split()[0]
    fk(srv, "wg", "staff-plan", key, "--person", "rf02", "--org", "referencegruppe")
    return key


def check_message(res, raw, m, stored):
    """One delivered message against its row: headers decode, Message-ID as stored, no
    injected header, a link back to fkigov."""
    mid = m["Message-ID"]
    row = stored.get(mid)
    res.check(row is not None, "Message-ID %s is one the outbox made" % mid)
    if not row:
        return
    key, address, name, subject = row
    res.check(m["Subject"] == subject, "Subject decodes to the stored one: %r" % m["Subject"])
    to = m["To"].addresses
    res.check(len(to) == 1 and to[0].addr_spec == address, "To is the one address %s" % address)
    clean = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", name).split())
    res.check(" ".join(to[0].display_name.split()) == clean,
              "To's name decodes: %r vs %r" % (to[0].display_name, clean))
    res.check(m["From"].addresses[0].display_name == "Sekretariat FKI – Æblegård", "From's name")
    res.check(m["Auto-Submitted"] == "auto-generated", "Auto-Submitted")
    res.check(m["Date"] is not None and m["Date"].datetime is not None, "Date parses")
    res.check("Bcc" not in m and b"\nBcc:" not in raw.split(b"\r\n\r\n")[0],
              "no injected header in %s" % key)
    res.check(not m.defects and all(not p.defects for p in m.walk()), "no defects: %s" % m.defects)
    plain, html = m.get_body(("plain",)), m.get_body(("html",))
    res.check(plain is not None and html is not None, "text/plain and text/html alternatives")
    res.check(PUBLIC + "/" in plain.get_content() and 'href="%s/' % PUBLIC in html.get_content(),
              "a link back to fkigov in %s" % key)
    for line in raw.split(b"\r\n"):
        if len(line) > 78:
            res.check(False, "line longer than 78: %r" % line[:90])
            break


def main():
    res = Results()
    srv = Server()
    sinks = []
    try:
        run(srv, res, sinks)
    finally:
        for s in sinks:
            s.stop()
        srv.close()
    return res.done("mail_test")


def run(srv, res, sinks):
    # A name with CR/LF, quotes and æøå, as old data may hold it (the forms refuse it).
    db = sqlite3.connect(srv.db)
    db.execute("UPDATE person SET name = ? WHERE key = 'sg04'", (EVIL,))
    db.commit()
    db.close()
    members = rows(srv, "SELECT count(DISTINCT person) FROM appointment WHERE body = 'styregruppe'"
                   " AND start <= '2026-11-27' AND (end IS NULL OR end >= '2026-11-27')")[0][0]

    # 1. A rolled-back change queues nothing: the 3rd message of the hearing fails (a trigger
    # behind the store's back), so the whole step is rolled back, messages included.
    ag1 = propose(srv, "Fælles klassifikation af sager")
    db = sqlite3.connect(srv.db)
    db.execute("CREATE TRIGGER fail_third BEFORE INSERT ON mail WHEN (SELECT count(*) FROM mail) >= 2"
               " BEGIN SELECT RAISE(ABORT, 'test: fejl midt i høringen'); END")
    db.commit()
    db.close()
    p = fk(srv, "wg", "hearing", "open", ag1, check=False)
    res.check(p.returncode != 0, "the hearing fails when its messages cannot be queued")
    res.check(rows(srv, "SELECT count(*) FROM mail")[0][0] == 0, "a rolled-back change queued nothing")
    res.check(rows(srv, "SELECT state FROM wg WHERE id = 1")[0][0] == "proposed",
              "the hearing itself was rolled back")
    db = sqlite3.connect(srv.db)
    db.execute("DROP TRIGGER fail_third")
    db.commit()
    db.close()

    # 2. Opened for real: one message per member with an address, each key once.
    fk(srv, "wg", "hearing", "open", ag1)
    n1 = rows(srv, "SELECT count(*) FROM mail WHERE key LIKE 'hearing-opened:%'")[0][0]
    res.check(n1 == members, "one message per steering-group member (%d of %d)" % (n1, members))

    # 3. The server down: queued and retried, nothing lost; the batch stops at the first
    # failed connection.
    down = "smtp://127.0.0.1:%d" % free_port()
    p = fk(srv, "mail", "send", url=down, check=False)
    res.check(p.returncode == 0, "server down: exit 0 (waiting for a retry): %d %s" % (p.returncode, p.stderr))
    st = rows(srv, "SELECT state, attempts, answer FROM mail WHERE key LIKE 'hearing-opened:%' ORDER BY id")
    res.check(all(s == "queued" for s, _, _ in st), "server down: all still queued")
    res.check(st[0][1] == 1 and st[0][2] and sum(a for _, a, _ in st) == 1,
              "server down: one attempt, with the reason kept: %r" % (st[0],))
    term = rows(srv, "SELECT count(*) FROM mail WHERE key LIKE 'term-expiring:%'")[0][0]
    res.check(term > 0, "mail send queued the terms expiring by the calendar (%d)" % term)

    # 4. It comes back (AUTH from the URL): delivered exactly once, also after more runs.
    sink = Sink("--auth", "fki:hemmelig").start()
    sinks.append(sink)
    bad = "smtp://fki:forkert@127.0.0.1:%d" % sink.port
    p = fk(srv, "mail", "send", "--all", url=bad, check=False)
    res.check(p.returncode == 0 and not sink.files(), "wrong password: nothing sent, waiting")
    good = "smtp://fki:hemmelig@127.0.0.1:%d" % sink.port
    p = fk(srv, "mail", "send", "--all", url=good, check=False)
    res.check(p.returncode == 0, "mail send --all: exit 0: %s %s" % (p.stdout, p.stderr))
    fk(srv, "mail", "send", "--all", url=good)
    fk(srv, "mail", "send", url=good)
    total = rows(srv, "SELECT count(*) FROM mail")[0][0]
    msgs = sink.messages()
    res.check(len(msgs) == total, "each message delivered exactly once (%d of %d)" % (len(msgs), total))
    res.check(rows(srv, "SELECT count(*) FROM mail WHERE state <> 'sent'")[0][0] == 0, "all marked sent")
    stored = {r[0]: r[1:] for r in rows(srv, "SELECT message_id, key, address, name, subject FROM mail")}
    for raw, m in msgs:
        check_message(res, raw, m, stored)
    res.check(len({m["Message-ID"] for _, m in msgs}) == len(msgs), "Message-IDs are unique")
    evil = [m for _, m in msgs if "Chef" in m["To"].addresses[0].display_name]
    res.check(len(evil) == 1, "the member with CR/LF and quotes in the name got one message")
    res.check(all(mid.endswith("@kombit.dk>") for mid in stored), "Message-IDs in the sender's domain")

    # 5. Reminders by the calendar: two working days before the last day, once however
    # often mail send runs; then the last day; only to those who have not answered.
    deadline = rows(srv, "SELECT hearing_deadline FROM wg WHERE id = 1")[0][0]
    fk(srv, "wg", "answer", ag1, "sg01", "--position", "støtter", "--text", "Godt forslag")
    for _ in range(3):
        fk(srv, "mail", "send", url=good, today="2026-12-09")
    rem = rows(srv, "SELECT person FROM mail WHERE key LIKE 'hearing-reminder:%'")
    res.check(len(rem) == members - 1 and ("sg01",) not in rem,
              "reminders once each, not to the member who answered (%d)" % len(rem))
    for _ in range(2):
        fk(srv, "mail", "send", url=good, today=deadline)
    last = rows(srv, "SELECT count(*) FROM mail WHERE key LIKE 'hearing-lastday:%'")[0][0]
    res.check(last == members - 1, "last-day notices once each (%d)" % last)
    res.check(len(sink.files()) == rows(srv, "SELECT count(*) FROM mail")[0][0], "still exactly once each")
    sink.stop()

    # 6. A refused address fails for good with the server's answer; /mail shows it with
    # "Send igen", which queues it again.
    sink2 = Sink("--reject", "offer").start()
    sinks.append(sink2)
    url2 = "smtp://127.0.0.1:%d" % sink2.port
    db = sqlite3.connect(srv.db)
    db.execute("UPDATE person SET email = 'offer@example.dk' WHERE key = 'sg03'")
    db.commit()
    db.close()
    ag2 = propose(srv, "Driftsdata")
    fk(srv, "wg", "hearing", "open", ag2)
    p = fk(srv, "mail", "send", url=url2, check=False)
    res.check(p.returncode == 1, "a message refused for good: exit 1 (%d)" % p.returncode)
    failed = rows(srv, "SELECT id, answer FROM mail WHERE state = 'failed'")
    res.check(len(failed) == 1 and failed[0][1].startswith("550"), "failed with the server's answer: %r" % failed)
    lst = fk(srv, "mail", "list", "--status", "failed", "--json").stdout
    res.check('"status": "failed"' in lst and "550" in lst, "mail list --status failed --json")
    sent_now = len(sink2.files())
    res.check(sent_now == members - 1, "the others were delivered (%d)" % sent_now)

    srv.start()
    admin = srv.client("admin")
    r = admin.get("/mail?status=failed")
    res.check(r.status == 200 and "550" in r.text and "Send igen" in r.text, "/mail shows the failure and Send igen")
    res.check("offer@example.dk" in r.text, "/mail names the address")
    res.check(srv.client("member").get("/mail").status == 403, "/mail is the secretariat's only")
    r = admin.post_form("/mail", {"id": str(failed[0][0])}, csrf=False)
    res.check(r.status == 403, "Send igen without CSRF is refused (%d)" % r.status)
    r = admin.post_form("/mail", {"id": str(failed[0][0])}, csrf=admin.csrf("/mail"))
    res.check(r.status == 303, "Send igen: 303 (%d)" % r.status)
    res.check(rows(srv, "SELECT state, attempts FROM mail WHERE id = ?", failed[0][0])[0] == ("queued", 0),
              "Send igen queued it again")
    res.check(rows(srv, "SELECT count(*) FROM audit WHERE entity = 'mail'")[0][0] == 1, "Send igen is audited")
    srv.kill()
    sink2.stop()

    # 7. serve's sender thread: what is queued is sent without `mail send`.
    sink3 = Sink().start()
    sinks.append(sink3)
    db = sqlite3.connect(srv.db)
    db.execute("UPDATE person SET email = 'sofie@example.dk' WHERE key = 'sg03'")
    db.commit()
    db.close()
    old = dict(os.environ)
    os.environ.update(env("smtp://127.0.0.1:%d" % sink3.port))
    try:
        srv.start()
        deadline_t = time.time() + 15
        while time.time() < deadline_t and not sink3.files():
            time.sleep(0.2)
        srv.kill()
    finally:
        os.environ.clear()
        os.environ.update(old)
    res.check(len(sink3.files()) == 1, "serve's sender delivered the message sent again (%d)" % len(sink3.files()))
    sink3.stop()

    # 8. SIGKILL of mail send in a batch of 500: nothing lost, any duplicate has the same
    # Message-ID. The batch is queued behind the store's back (its delivery is under test). The
    # server saves the 150th message and then stalls before its 250, so the sender dies with one
    # message delivered that it never heard accepted: it must be sent again, unchanged.
    queue_bulk(srv, "bulk", 500)
    sink4 = Sink("--stall-at", "150").start()
    sinks.append(sink4)
    url4 = "smtp://127.0.0.1:%d" % sink4.port
    proc = subprocess.Popen([srv.bin, "--db", srv.db, "mail", "send"], env=env(url4),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.time()
    while time.time() - t0 < 30 and len(sink4.files()) < 150:
        time.sleep(0.01)
    time.sleep(0.2)  # the sender is now waiting for the stalled 250
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = len(sink4.files())
    res.check(killed_at == 150, "killed while the 150th message waited for its 250 (%d delivered)" % killed_at)
    fk(srv, "mail", "send", url=url4)  # the dead holder's lock is taken over at once
    got = {}
    for raw, m in sink4.messages():
        got.setdefault(m["Message-ID"], []).append(raw)
    want = {"<bulk-%d.x@kombit.dk>" % i for i in range(500)}
    res.check(want <= set(got), "nothing lost after SIGKILL (%d of 500)" % len(want & set(got)))
    dups = {k: v for k, v in got.items() if len(v) > 1}
    res.check(len(dups) == 1, "the message delivered but not acknowledged was sent again (%d)" % len(dups))
    res.check(all(len(set(v)) == 1 for v in dups.values()),
              "a duplicate is byte for byte the same message, Message-ID included")
    res.check(rows(srv, "SELECT count(*) FROM mail WHERE key LIKE 'bulk:%' AND state = 'sent'")[0][0] == 500,
              "all 500 marked sent")
    print("SIGKILL after %d of 500; %d sent twice (same Message-ID)" % (killed_at, len(dups)))
    sink4.stop()

    # 9. TLS: STARTTLS (required by the server, AUTH only after it) and smtps://, with the
    # server's certificate checked: a certificate the system does not trust is refused (the
    # message waits for a retry, with curl's reason), FKIGOV_SMTP_CA names the CA to trust.
    tls_dir = tempfile.mkdtemp(prefix="fkigov-tls-")
    cert, key = os.path.join(tls_dir, "cert.pem"), os.path.join(tls_dir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost"], check=True, capture_output=True)
    queue_bulk(srv, "tls", 2)
    sink5 = Sink("--starttls", cert + "," + key, "--auth", "fki:hemmelig").start()
    sinks.append(sink5)
    url5 = "smtp://fki:hemmelig@127.0.0.1:%d" % sink5.port
    p = fk(srv, "mail", "send", url=url5, check=False)
    res.check(p.returncode == 0 and not sink5.files(), "an untrusted certificate: nothing sent, waiting (%d)" % p.returncode)
    answer = rows(srv, "SELECT answer FROM mail WHERE key = 'tls:0'")[0][0] or ""
    res.check("certif" in answer.lower() or "ssl" in answer.lower(), "the reason is kept: %r" % answer)
    os.environ["FKIGOV_SMTP_CA"] = cert
    try:
        p = fk(srv, "mail", "send", "--all", url=url5, check=False)
        res.check(p.returncode == 0, "STARTTLS with FKIGOV_SMTP_CA: mail send exits 0 (%d) %s" % (p.returncode, p.stderr))
        files = sink5.files()
        res.check(len(files) == 2 and all(f.endswith("-tls.eml") for f in files),
                  "both delivered over STARTTLS after AUTH: %s" % files)
        queue_bulk(srv, "smtps", 1)
        sink6 = Sink("--smtps", cert + "," + key).start()
        sinks.append(sink6)
        p = fk(srv, "mail", "send", url="smtps://127.0.0.1:%d" % sink6.port, check=False)
        res.check(p.returncode == 0 and [f.endswith("-tls.eml") for f in sink6.files()] == [True],
                  "smtps:// delivers with TLS from the first byte: %s" % sink6.files())
        os.environ["FKIGOV_SMTP_CA"] = os.path.join(tls_dir, "mangler.pem")
        p = fk(srv, "mail", "send", url=url5, check=False)
        res.check(p.returncode == 2 and "FKIGOV_SMTP_CA" in p.stderr,
                  "a CA file that cannot be read: exit 2 naming FKIGOV_SMTP_CA (%d) %s" % (p.returncode, p.stderr.strip()))
    finally:
        os.environ.pop("FKIGOV_SMTP_CA", None)
    p = fk(srv, "mail", "send", check=False)
    res.check(p.returncode == 2 and "FKIGOV_SMTP_URL" in p.stderr,
              "no FKIGOV_SMTP_URL: exit 2 naming it (%d)" % p.returncode)


def queue_bulk(srv, prefix, n):
    """Queues n messages behind the store's back, keys PREFIX:0 … PREFIX:n-1."""
    db = sqlite3.connect(srv.db)
    for i in range(n):
        db.execute("INSERT INTO mail (key, message_id, person, address, name, subject, text, html,"
                   " kind, next_at, created) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, 'info', 0,"
                   " '2026-11-27T10:00:00Z')",
                   ("%s:%d" % (prefix, i), "<%s-%d.x@kombit.dk>" % (prefix, i), "m%d@example.dk" % i,
                    "Modtager Æ %d" % i, "Besked nr. %d – æøå" % i, "Tekst %d\nLink: %s/" % (i, PUBLIC),
                    "<p>Tekst %d</p>" % i))
    db.commit()
    db.close()

if __name__ == "__main__":
    sys.exit(main())
