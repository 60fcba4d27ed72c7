# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Shared test support: a temporary fkigov database with the demo register and accounts,
a real server started on a free port, and a small HTTP client with cookies and CSRF.
Standard library only."""
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = "correct horse battery staple"
CAPTURE = os.environ.get("FKIGOV_CAPTURE")  # a directory: write every request there


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def multipart(fields, files):
    """A multipart/form-data body as a browser sends it: a file name in UTF-8 with a double
    quote written %22 and line breaks %0D, %0A (WHATWG HTML)."""
    boundary = b"----fkigovMaterial9q8w7e6r5t"
    out = []
    for k, v in fields.items():
        out.append(b"--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" %
                   (boundary, k.encode(), v.encode()))
    for field, name, data, ctype in files:
        fn = name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A").encode()
        out.append(b"--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                   b"Content-Type: %s\r\n\r\n" % (boundary, field.encode(), fn, ctype.encode()) +
                   data + b"\r\n")
    out.append(b"--%s--\r\n" % boundary)
    return b"".join(out), "multipart/form-data; boundary=" + boundary.decode()


class Server:
    """fkigov serve on a temporary database. Accounts: admin, viewer, member (linked to
    person sg01); tokens in self.tokens[role]."""

    def __init__(self, binary=None, demo=True, extra_args=()):
        self.bin = os.path.abspath(binary or os.environ.get("FKIGOV") or os.path.join(ROOT, "build", "fkigov"))
        self.dir = tempfile.mkdtemp(prefix="fkigov-web-")
        self.db = os.path.join(self.dir, "fkigov.db")
        self.port = free_port()
        self.base = "127.0.0.1:%d" % self.port
        self.extra = list(extra_args)
        self.proc = None
        self.fk("init")
        if demo:
            self.fk("import", "appointments", os.path.join(ROOT, "data", "demo", "appointments.csv"))
        self.tokens = {}
        if not demo:
            self.fk("person", "add", "sg01", "--name", "Medlem Uden Demodata")
        for login, role, extra in (("admin", "admin", ()), ("viewer", "viewer", ()),
                                   ("member", "member", ("--person", "sg01"))):
            self.fk("user", "add", login, "--role", role, *extra, input=PASSWORD + "\n")
            self.tokens[role] = self.fk("token", "create", login).strip()

    def fk(self, *args, input=None, check=True):
        p = subprocess.run([self.bin, "--db", self.db, *args], input=input, capture_output=True,
                           text=True, env=dict(os.environ, FKIGOV_ACTOR="test"))
        if check and p.returncode != 0:
            raise RuntimeError("fkigov %s: %d\n%s%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
        return p.stdout

    def start(self):
        self.log = open(os.path.join(self.dir, "serve.log"), "w")
        self.proc = subprocess.Popen([self.bin, "--db", self.db, "serve", "--listen", self.base, *self.extra],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/static/app.css")
                c.getresponse().read()
                return self
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError("server did not start:\n" + open(os.path.join(self.dir, "serve.log")).read())

    def kill(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def close(self):
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def client(self, role=None):
        c = Client(self)
        if role:
            c.login(role, PASSWORD)
        return c


class Response:
    def __init__(self, r):
        self.status = r.status
        self.headers = {k.lower(): v for k, v in r.getheaders()}
        self.set_cookies = r.headers.get_all("Set-Cookie") or []
        self.body = r.read()
        self.text = self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.text)


class Client:
    """Cookies by name (no domain logic: one server), no automatic redirects."""

    def __init__(self, server):
        self.s = server
        self.cookies = {}
        self.token = None

    def request(self, method, path, body=None, headers=None, ctype=None):
        c = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=30)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if body is not None and ctype:
            h["Content-Type"] = ctype
        if isinstance(body, str):
            body = body.encode()
        if CAPTURE:
            self.capture(method, path, body, h)
        c.request(method, path, body=body, headers=h)
        r = Response(c.getresponse())
        c.close()
        for sc in r.set_cookies:
            name, _, rest = sc.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in sc or value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return r

    def capture(self, method, path, body, headers):
        """Writes the request as it goes on the wire into $FKIGOV_CAPTURE, the corpus of the
        request fuzzer (tests/fuzz/fuzz_http.c): this client's credentials are written as
        the fuzzer's placeholders ({{TA}} the admin's token, {{SM}} the member's session,
        {{CV}} the viewer's CSRF token, ...)."""
        raw = ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n" % (method, path)).encode()
        for k, v in headers.items():
            raw += ("%s: %s\r\n" % (k, v)).encode("utf-8", "replace")
        if body:
            raw += b"Content-Length: %d\r\n" % len(body)
        raw += b"\r\n" + (body or b"")
        letter = {"admin": "A", "member": "M", "viewer": "V"}
        for role, tok in self.s.tokens.items():
            if role in letter:
                raw = raw.replace(tok.encode(), b"{{T%s}}" % letter[role].encode())
        role = letter.get(getattr(self, "role", None))
        if role and self.cookies.get("fkigov_session"):
            raw = raw.replace(self.cookies["fkigov_session"].encode(), b"{{S%s}}" % role.encode())
            if getattr(self, "last_csrf", ""):
                raw = raw.replace(self.last_csrf.encode(), b"{{C%s}}" % role.encode())
        if len(raw) <= 8192:
            name = hashlib.sha1(raw).hexdigest()
            with open(os.path.join(CAPTURE, name), "wb") as f:
                f.write(raw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post_form(self, path, fields, csrf=True):
        fields = dict(fields)
        if csrf is True:
            fields["csrf"] = self.csrf()
        elif csrf:
            fields["csrf"] = csrf
        return self.request("POST", path, urllib.parse.urlencode(fields),
                            ctype="application/x-www-form-urlencoded")

    def post_json(self, path, obj):
        return self.request("POST", path, json.dumps(obj), ctype="application/json")

    def csrf(self, path="/"):
        """The CSRF token the server put in a form (a page showing the logout form or the
        login form)."""
        r = self.get(path if self.cookies.get("fkigov_session") else "/login")
        m = re.search(r'name="csrf" value="([^"]*)"', r.text)
        self.last_csrf = m.group(1) if m else ""
        return self.last_csrf

    def login(self, login, password):
        self.role = login
        r = self.post_form("/login", {"login": login, "password": password, "next": "/"})
        if r.status != 303:
            raise RuntimeError("login %s failed: %d %s" % (login, r.status, r.text[:300]))
        return r


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FEJL:", what)

    def done(self, name):
        print("%s: %d passed, %d failed" % (name, self.passed, self.failed))
        return 0 if self.failed == 0 else 1


def run_test(test, label):
    """The main of a test file: test(srv, res) on a fresh demo server, cleaned up after; the
    exit status."""
    res = Results()
    srv = Server()
    try:
        test(srv, res)
    finally:
        srv.close()
    return res.done(label)
