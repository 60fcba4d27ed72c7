#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""The request path under hostile input, against a real server: a multipart part without a
field name (once a crash of the whole server), request smuggling (Content-Length with
Transfer-Encoding, two Content-Lengths), control characters in the path, a multipart body
without its closing boundary (nothing stored), and slow clients (200 connections sending a
header line every 4 s from one address while normal requests from the same address are
answered within a second). Each check names the finding it proves."""
import os
import socket
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import Results, Server  # noqa: E402

res = Results()


def raw(srv, data, timeout=5):
    """Sends data as is and returns the whole answer (b"" when the server closed)."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=timeout)
    s.sendall(data)
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
            if b"\r\n\r\n" in out:
                head, _, body = out.partition(b"\r\n\r\n")
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:") and len(body) >= int(line.split(b":")[1]):
                        s.close()
                        return out
    except socket.timeout:
        pass
    s.close()
    return out


def status(answer):
    try:
        return int(answer.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def alive(srv, what):
    r = srv.client().get("/static/app.css")
    res.check(r.status == 200, "%s: the server still answers (%d)" % (what, r.status))


def post(path, body, ctype, extra=b""):
    return (b"POST %s HTTP/1.1\r\nHost: t\r\nContent-Type: %s\r\nContent-Length: %d\r\n%s"
            b"Connection: close\r\n\r\n" % (path, ctype, len(body), extra)) + body


def pending_imports(srv):
    db = sqlite3.connect(srv.db)
    try:
        return db.execute("SELECT count(*) FROM pending_import").fetchone()[0]
    finally:
        db.close()


srv = Server(demo=False).start()
try:
    # 1. A part without a field name, anonymous: once a NULL dereference in post_field.
    body = b"--XX\r\nContent-Disposition: form-data\r\n\r\nhello\r\n--XX--\r\n"
    a = raw(srv, post(b"/login", body, b"multipart/form-data; boundary=XX"))
    res.check(status(a) == 400, "part without a name: 400, got %r" % a[:80])
    alive(srv, "part without a name")
    body = b"--XX\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XX--\r\n"
    a = raw(srv, post(b"/api/v1/appointments", body, b"multipart/form-data; boundary=XX"))
    res.check(status(a) in (400, 401), "part without Content-Disposition: %r" % a[:80])
    alive(srv, "part without Content-Disposition")
    a = raw(srv, post(b"/login", b"x", b"multipart/form-data"))
    res.check(status(a) == 400, "multipart without a boundary: %r" % a[:80])

    # 2. Smuggling: both framings, or two different lengths.
    a = raw(srv, b"POST /login HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n"
                 b"Connection: close\r\n\r\n0\r\n\r\n")
    res.check(status(a) == 400, "Content-Length and Transfer-Encoding: 400, got %r" % a[:80])
    a = raw(srv, b"POST /login HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\nabcd")
    res.check(status(a) == 400, "two different Content-Lengths: 400, got %r" % a[:80])
    a = raw(srv, b"POST /login HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 3\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\na=b")
    res.check(status(a) != 400, "the same Content-Length twice is not smuggling: %r" % a[:80])

    # 3. Control characters in the path, encoded or raw.
    for path in (b"/people%00.json", b"/bodies/styregruppe%0d%0aX-Evil:%201", b"/%09/evil",
                 b"/api/v1/bodies%7f", b"/static/app.css%1b"):
        a = raw(srv, b"GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n" % path)
        res.check(status(a) == 400, "control character in %r: 400, got %r" % (path, a[:60]))
    a = raw(srv, b"GET /peo\x01ple HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    res.check(status(a) in (0, 400), "raw control character in the path: %r" % a[:60])
    a = raw(srv, b"GET /people?q=%0a HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    res.check(status(a) == 200, "a line break in a query value is not the path: %r" % a[:60])
    alive(srv, "control characters")

    # 4. A multipart upload without its closing boundary: 400, nothing stored.
    admin = srv.client("admin")
    csv = ("person,name,email,organisation,municipality,body,seat,profile,start,end\r\n"
           "t1,Test Person,,KL,,rg-forretning,KL,,2027-01-01,\r\n").encode()
    token = admin.csrf("/import")
    whole = (b"--BB\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
             b"--BB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"u.csv\"\r\n"
             b"Content-Type: text/csv\r\n\r\n%s\r\n--BB--\r\n" % (token.encode(), csv))
    cut = whole[:whole.rindex(b"\r\n--BB--")]
    before = pending_imports(srv)
    r = admin.request("POST", "/import", cut, ctype="multipart/form-data; boundary=BB")
    res.check(r.status == 400, "multipart without closing boundary: 400, got %d" % r.status)
    res.check(pending_imports(srv) == before, "nothing stored from the truncated upload")
    r = admin.request("POST", "/import", whole, ctype="multipart/form-data; boundary=BB")
    res.check(r.status in (200, 303), "the whole upload is read: %d %s" % (r.status, r.text[:200]))
    res.check(pending_imports(srv) == before + 1, "the whole upload is stored")
    alive(srv, "truncated multipart")

    # 5. Slow clients: 200 connections from 127.0.0.1, one header line every 4 s, for 20 s;
    # normal requests from the same address meanwhile get answers within a second.
    stop = threading.Event()
    held = []

    def slow(k):
        try:
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
            s.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n")
            held.append(s)
            n = 0
            while not stop.wait(4):
                n += 1
                s.sendall(b"X-Slow-%d: %d\r\n" % (n, k))
        except OSError:
            pass  # the server shut it: that is allowed

    threads = [threading.Thread(target=slow, args=(k,), daemon=True) for k in range(200)]
    for t in threads:
        t.start()
    time.sleep(1)
    worst, answered, tries = 0.0, 0, 0
    end = time.time() + 20
    while time.time() < end:
        t0 = time.time()
        tries += 1
        try:
            a = raw(srv, b"GET /static/app.css HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", timeout=3)
            if status(a) == 200:
                answered += 1
        except OSError:
            pass
        worst = max(worst, time.time() - t0)
        time.sleep(0.25)
    stop.set()
    res.check(answered == tries, "slow clients: %d of %d normal requests answered" % (answered, tries))
    res.check(worst < 1.0, "slow clients: slowest normal request %.2f s (< 1 s)" % worst)
    for s in held:
        s.close()
    alive(srv, "slow clients")
    print("slow clients: %d requests, slowest %.3f s" % (tries, worst))
finally:
    srv.close()

# 6. Behind the trusted proxy, the limit on requests in progress is per real client (the
# last X-Forwarded-For address), not per proxy: one client's 32 unfinished uploads do not
# shut out another client behind the same proxy.
srv = Server(demo=False, extra_args=("--trusted-proxy", "127.0.0.1")).start()
try:
    busy = []
    for k in range(32):
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
        s.sendall(b"POST /api/v1/appointments HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 10.0.0.1\r\n"
                  b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
        busy.append(s)
    time.sleep(0.5)
    a = raw(srv, b"GET /api/v1/bodies HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 10.0.0.1\r\n"
                 b"Connection: close\r\n\r\n")
    res.check(status(a) == 429, "33rd request in progress from one client: 429, got %r" % a[:60])
    a = raw(srv, b"GET /api/v1/bodies HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 10.0.0.2\r\n"
                 b"Connection: close\r\n\r\n")
    res.check(status(a) == 200, "another client behind the same proxy: 200, got %r" % a[:60])
    for s in busy:
        s.close()
    time.sleep(0.3)
    a = raw(srv, b"GET /api/v1/bodies HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 10.0.0.1\r\n"
                 b"Connection: close\r\n\r\n")
    res.check(status(a) == 200, "the client's requests are answered again when its uploads end: %r" % a[:60])
finally:
    srv.close()
sys.exit(res.done("request_test"))
