#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""HTTP tests against a real fkigov server: the route x role table, CSRF, stored and
reflected XSS on every page and in the API, security headers, request limits."""
import json
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import ROOT, Results, Server  # noqa: E402

ROLES = ("anonymous", "viewer", "member", "admin")
HTML_LOGIN = 302  # anonymous on a page that needs a login: to /login

# Expected status per route, method and role: (anonymous, viewer, member, admin).
# "ok" for a POST means: accepted past authorisation (any status but 401/403/5xx).
EXPECT = {
    ("/", "GET"): (200, 200, 200, 200),
    ("/healthz", "GET"): (200, 200, 200, 200),
    ("/open-data/", "GET"): (200, 200, 200, 200),
    ("/open-data/popolo.json", "GET"): (200, 200, 200, 200),
    ("/api/v1/open-data/popolo", "GET"): (200, 200, 200, 200),
    ("/open-data/oparl.json", "GET"): (200, 200, 200, 200),
    ("/api/v1/open-data/oparl", "GET"): (200, 200, 200, 200),
    ("/open-data/oparl/file/{id}", "GET"): (404, 404, 404, 404),
    ("/compliance.xlsx", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/register.xlsx", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/forecast.xlsx", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/calls", "GET"): (200, 200, 200, 200),
    ("/calls/{id}", "GET"): (404, 404, 404, 404),
    ("/calls/{id}", "POST"): (404, 404, 404, 404),
    ("/calls/{id}/receipt", "GET"): (404, 404, 404, 404),
    ("/calls/{id}/report", "GET"): (404, 404, 404, 404),
    ("/calls/{id}/report.xlsx", "GET"): (404, 404, 404, 404),
    ("/rounds", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/rounds", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/rounds/{id}", "GET"): (HTML_LOGIN, 403, 403, 404),
    ("/rounds/{id}", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/applications/{id}", "GET"): (HTML_LOGIN, 403, 403, 404),
    ("/applications/{id}", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/applications/{id}/cv", "GET"): (HTML_LOGIN, 403, 403, 404),
    ("/api/v1/rounds", "GET"): (401, 403, 403, 200),
    ("/api/v1/rounds/{id}", "GET"): (401, 403, 403, 404),
    ("/api/v1/rounds/{id}/report", "GET"): (404, 404, 404, 404),
    ("/api/v1/applications/{id}/marks", "POST"): (401, 403, 403, "ok"),
    ("/economy.xlsx", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/portfolio.xlsx", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/decisions.xlsx", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/login", "GET"): (200, 303, 303, 303),
    ("/login", "POST"): (401, 401, 401, 401),  # wrong password
    ("/logout", "POST"): (HTML_LOGIN, 303, 303, 303),
    ("/organisation", "GET"): (200, 200, 200, 200),
    ("/bodies/{id}", "GET"): (200, 200, 200, 200),
    ("/people", "GET"): (200, 200, 200, 200),
    ("/people/{id}", "GET"): (200, 200, 200, 200),
    ("/person-new", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/person-new", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/appoint", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/appoint", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/appointments/{id}/end", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/appointments/{id}/end", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    # register corrections (tests/web/people_test.py walks the real flows; the POSTs here
    # are empty, so refused with 400 past the role check and nothing changes)
    ("/people/{id}/edit", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/people/{id}/edit", "POST"): (HTML_LOGIN, 403, 403, 400),
    ("/people/{id}/merge", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/people/{id}/merge", "POST"): (HTML_LOGIN, 403, 403, 400),
    ("/appointments/{id}/delete", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/appointments/{id}/delete", "POST"): (HTML_LOGIN, 403, 403, 400),
    ("/api/v1/people", "POST"): (401, 403, 403, 400),
    ("/api/v1/people/{id}", "POST"): (401, 403, 403, 400),
    ("/api/v1/people/{id}/merge", "POST"): (401, 403, 403, 400),
    ("/api/v1/appointments/{id}/delete", "POST"): (401, 403, 403, 400),
    ("/compliance", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/import", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/import", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/import/{id}", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/import/{id}/commit", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/import/{id}/cancel", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/audit", "GET"): (HTML_LOGIN, 200, 403, 200),
    ("/static/{id}", "GET"): (200, 200, 200, 200),
    ("/api/v1/bodies", "GET"): (200, 200, 200, 200),
    ("/api/v1/bodies/{id}", "GET"): (200, 200, 200, 200),
    ("/api/v1/people", "GET"): (200, 200, 200, 200),
    ("/api/v1/people/{id}", "GET"): (200, 200, 200, 200),
    ("/api/v1/appointments", "GET"): (200, 200, 200, 200),
    ("/api/v1/appointments", "POST"): (401, 403, 403, "ok"),
    ("/api/v1/findings", "GET"): (401, 200, 200, 200),
    ("/api/v1/forecast", "GET"): (401, 200, 200, 200),
    ("/api/v1/audit", "GET"): (401, 200, 403, 200),
    ("/api/v1/openapi.json", "GET"): (200, 200, 200, 200),
    # initiatives, portfolio and economy (no initiative "1" exists: 404 past the role check)
    ("/economy", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/economy", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/portfolio", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/portfolio", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/initiatives/{id}", "GET"): (HTML_LOGIN, 404, 404, 404),
    ("/initiatives/{id}", "POST"): (HTML_LOGIN, 403, 404, 404),
    ("/api/v1/economy/frame", "GET"): (401, 200, 200, 200),
    ("/api/v1/economy/report", "GET"): (401, 200, 200, 200),
    ("/api/v1/economy/allocations", "POST"): (401, 403, 403, "ok"),
    ("/api/v1/initiatives", "GET"): (401, 200, 200, 200),
    ("/api/v1/initiatives/{id}", "GET"): (401, 404, 404, 404),
    # end initiatives, portfolio and economy
    # working groups and written hearings (no working group "1" exists: 404 past the role
    # check; the member account sits in the steering group, not a reference group, so it may
    # not propose; tests/web/wg_test.py walks the real flows)
    ("/working-groups", "GET"): (200, 200, 200, 200),
    ("/working-groups", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/working-groups/{id}", "GET"): (404, 404, 404, 404),
    ("/working-groups/{id}", "POST"): (HTML_LOGIN, 403, 404, 404),
    ("/working-groups/{id}/answer", "POST"): (HTML_LOGIN, 403, 404, 404),
    ("/api/v1/working-groups", "GET"): (200, 200, 200, 200),
    ("/api/v1/working-groups", "POST"): (401, 403, 403, "ok"),
    ("/api/v1/working-groups/{id}", "GET"): (404, 404, 404, 404),
    ("/api/v1/working-groups/{id}", "POST"): (401, 403, 400, 400),
    ("/api/v1/working-groups/{id}/answers", "POST"): (401, 403, 400, 400),
    # end working groups and written hearings
    # cases and goals (logged-in users read; no case "1" exists: 404 past the role check)
    ("/cases", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/cases", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/cases/{id}", "GET"): (HTML_LOGIN, 404, 404, 404),
    ("/cases/{id}", "POST"): (HTML_LOGIN, 403, "ok", "ok"),
    ("/goals", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/goals", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/api/v1/cases", "GET"): (401, 200, 200, 200),
    ("/api/v1/cases", "POST"): (401, 403, 403, "ok"),
    ("/api/v1/cases/{id}", "GET"): (401, 404, 404, 404),
    ("/api/v1/cases/{id}/events", "POST"): (401, 403, "ok", "ok"),
    ("/api/v1/goals", "GET"): (401, 200, 200, 200),
    ("/api/v1/goals", "POST"): (401, 403, 403, "ok"),
    ("/api/v1/goals/{id}/status", "POST"): (401, 403, 403, "ok"),
    # end cases and goals
    # meetings (no meeting "1" exists here: 404 past the role check; the feeds need .ics)
    ("/meetings", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/meetings", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/meetings/{id}", "GET"): (HTML_LOGIN, 404, 404, 404),
    ("/meetings/{id}", "POST"): (HTML_LOGIN, 403, 404, 404),
    ("/my", "GET"): (HTML_LOGIN, 403, 200, 403),
    ("/my", "POST"): (HTML_LOGIN, 403, "ok", 403),
    ("/messages/{id}", "GET"): (HTML_LOGIN, 403, 404, 404),
    ("/decisions", "GET"): (HTML_LOGIN, 200, 200, 200),
    ("/calendar/bodies/{id}", "GET"): (404, 404, 404, 404),
    ("/calendar/people/{id}", "GET"): (404, 404, 404, 404),
    ("/api/v1/meetings", "GET"): (401, 200, 200, 200),
    ("/api/v1/meetings/{id}", "GET"): (401, 404, 404, 404),
    ("/api/v1/meetings/{id}/proposals", "POST"): (401, 403, 404, 404),
    ("/api/v1/decisions", "GET"): (401, 200, 200, 200),
    # written material (no material "1" nor meeting "1" exists: 404 past the role check;
    # tests/web/material_test.py walks the real flows)
    ("/material/{id}", "GET"): (HTML_LOGIN, 404, 404, 404),
    ("/api/v1/meetings/{id}/material", "GET"): (401, 404, 404, 404),
    ("/api/v1/meetings/{id}/material", "POST"): (401, 403, 404, 404),
    ("/meetings/{id}/package", "GET"): (HTML_LOGIN, 404, 404, 404),
    ("/meetings/{id}/packet.pdf", "GET"): (HTML_LOGIN, 404, 404, 404),
    ("/meetings/{id}/minutes.pdf", "GET"): (HTML_LOGIN, 404, 404, 404),
    ("/meetings/{id}/dispatch", "GET"): (HTML_LOGIN, 403, 403, 404),
    ("/meetings/{id}/dispatch", "POST"): (HTML_LOGIN, 403, 403, 404),
    # end written material
    # the portfolio overview and the reference groups' statuses (no meeting "1" exists: 404
    # past the role check; tests/web/portfolio_test.py walks the real flows)
    ("/meetings/{id}/portfolio", "GET"): (HTML_LOGIN, 404, 404, 404),
    ("/meetings/{id}/status", "GET"): (HTML_LOGIN, 403, 404, 404),
    ("/meetings/{id}/status", "POST"): (HTML_LOGIN, 403, 404, 404),
    ("/api/v1/meetings/{id}/portfolio", "GET"): (401, 404, 404, 404),
    ("/api/v1/meetings/{id}/statuses", "GET"): (401, 404, 404, 404),
    ("/api/v1/meetings/{id}/statuses", "POST"): (401, 403, 404, 404),
    # end portfolio overview
    # attendance (issue 12; no meeting "1" exists: 404 past the role check; apologies are
    # POSTed to /my; tests/web/attendance_test.py walks the real flows)
    ("/meetings/{id}/attendance", "GET"): (HTML_LOGIN, 404, 404, 404),
    ("/meetings/{id}/attendance", "POST"): (HTML_LOGIN, 403, 403, 404),
    ("/api/v1/meetings/{id}/attendance", "GET"): (401, 404, 404, 404),
    # end meetings
    # accounts, tokens and login throttling: the secretariat only (accounts_test.py walks it)
    ("/accounts", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/accounts", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    # accounts in the browser: one account's page for the secretariat (no account "1": 404
    # past the role check); the one-time password link for anyone holding it (no link "1")
    ("/accounts/{id}", "GET"): (HTML_LOGIN, 403, 403, 404),
    ("/accounts/{id}", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/password/{id}", "GET"): (404, 404, 404, 404),
    ("/password/{id}", "POST"): (404, 404, 404, 404),
    # end accounts in the browser
    # language, dates, import and links (issue 10)
    ("/meetings/plan", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/meetings/plan", "POST"): (HTML_LOGIN, 403, 403, "ok"),
    ("/import/template.csv", "GET"): (HTML_LOGIN, 403, 403, 200),
    # messages (issue 11): the outbox, the secretariat only; an empty POST names no message
    ("/mail", "GET"): (HTML_LOGIN, 403, 403, 200),
    ("/mail", "POST"): (HTML_LOGIN, 403, 403, 400),
}

# A page never tells its reader to run a command: every message points to the form that
# fixes it. A command is "fkigov" followed by one of its commands, a command quoted the way
# the command line's messages quote one (»meeting ...«), or a long option (--item, --save);
# the word fkigov alone (the footer, the title) is fine.
CLI_COMMANDS = ("init|import|export|check|forecast|serve|body|person|appoint|appointment|audit|"
                "municipalities|user|token|routes|case|wg|initiative|economy|goal|cycle|meeting|"
                "decisions|register")
CLI_TEXT = re.compile(r"\bfkigov\s+(?:%s)\b|»(?:%s)\s|(?<![\w-])--(?:item|dates|save|json|role|"
                      r"person|year|date|from|years|days|expires|label|body|kr|decision|set|text|"
                      r"file|reason|force|time|to|by|tag|status|title|outcome|approved|summary|"
                      r"model|db|listen|tls|public-url)\b" % (CLI_COMMANDS, CLI_COMMANDS))


def cli_text(html):
    """The first command-line instruction in a page's text (tags, comments and the CSS left
    out), or None."""
    text = re.sub(r"<!--.*?-->|<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
    m = CLI_TEXT.search(text)
    return text[max(0, m.start() - 60):m.end() + 40].strip() if m else None

XSS = [
    '<script>alert(1)</script>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<img src=x onerror=alert(1)>',
    '<svg/onload=alert(1)>',
    '<svg><script>alert(1)</script></svg>',
    '"><svg onload=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<body onload=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">',
    '<input autofocus onfocus=alert(1)>',
    '<details open ontoggle=alert(1)>',
    '<math><mtext></mtext><mglyph><svg><mtext><style><img src=x onerror=alert(1)></style>',
    '"onmouseover="alert(1)',
    "'onmouseover='alert(1)",
    '` onmouseover=alert(1) `',
    '</title><script>alert(1)</script>',
    '</textarea><script>alert(1)</script>',
    '<!--<script>alert(1)//-->',
    '{{constructor.constructor("alert(1)")()}}',
    '{{{raw}}}<b>x</b>',
    '<scr<script>ipt>alert(1)</script>',
    '<object data="javascript:alert(1)">',
    '<embed src=javascript:alert(1)>',
    '<link rel=import href=x>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="//evil.example/">',
    '<form action="//evil.example"><button>x</button></form>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '<x onclick=alert(1)>klik</x>',
    '\u003cscript\u003ealert(1)\u003c/script\u003e',
    'Æblegrød <b>fed</b> & "citat" \'enkelt\'',
    '<select onfocus=alert(1) autofocus>',
    '<video><source onerror=alert(1)></video>',
]

SEC_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


def csv_upload(fields, filename, content):
    boundary = "----fkigovtest7MA4YWxkTrZu0gW"
    parts = []
    for k, v in fields.items():
        parts.append('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (boundary, k, v))
    parts.append('--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n'
                 'Content-Type: text/csv\r\n\r\n%s\r\n' % (boundary, filename, content))
    parts.append("--%s--\r\n" % boundary)
    return "".join(parts).encode(), "multipart/form-data; boundary=" + boundary


def main():
    res = Results()
    srv = Server().start()
    try:
        run(srv, res)
    finally:
        srv.close()
    return res.done("http")


def run(srv, res):
    admin_tok = srv.tokens["admin"]
    c_admin = srv.client("admin")
    api = srv.client()
    api.token = admin_tok

    # The table covers exactly the routes the server has.
    routes = json.loads(srv.fk("routes", "--json"))["routes"]
    served = set()
    for r in routes:
        if r["get"]:
            served.add((r["pattern"], "GET"))
        if r["post"]:
            served.add((r["pattern"], "POST"))
    res.check(served == set(EXPECT), "the test's table differs from the route table: %s" %
              sorted(served.symmetric_difference(set(EXPECT))))

    # Concrete paths for the patterns.
    appts = api.get("/api/v1/appointments").json()["appointments"]
    appt_id = next(a["id"] for a in appts if a["person"] == "sg03")

    def new_import():
        body, ctype = csv_upload({"csrf": c_admin.csrf()}, "t.csv",
                                 open(os.path.join(ROOT, "data", "demo", "appointments.csv")).read())
        r = c_admin.request("POST", "/import", body, ctype=ctype)
        m = re.search(r"/import/(\d+)", r.headers.get("location", ""))
        return m.group(1) if m else "1"

    clients = {"anonymous": srv.client()}
    for role in ("viewer", "member", "admin"):
        clients[role] = srv.client(role)

    for (pattern, method), want in sorted(EXPECT.items()):
        for i, role in enumerate(ROLES):
            c = clients[role]
            if pattern == "/logout":  # a session of its own, so the others stay logged in
                c = srv.client(None if role == "anonymous" else role)
            path = pattern.replace("{id}", {
                "/bodies/{id}": "styregruppe", "/people/{id}": "sg01",
                "/api/v1/bodies/{id}": "rg-forretning", "/api/v1/people/{id}": "sg01",
                "/appointments/{id}/end": str(appt_id), "/static/{id}": "app.css",
                "/people/{id}/edit": "sg01", "/people/{id}/merge": "sg01",
                "/api/v1/people/{id}/merge": "sg01",
                "/appointments/{id}/delete": str(appt_id),
                "/api/v1/appointments/{id}/delete": str(appt_id),
            }.get(pattern, "1"))
            if "/import/{id}" in pattern:
                path = pattern.replace("{id}", new_import())
            if method == "GET":
                r = c.get(path)
            elif pattern.startswith("/api/"):
                t = srv.client()
                t.token = srv.tokens.get(role)
                r = t.post_json(path, {})
            elif pattern == "/login":
                r = c.post_form(path, {"login": "admin", "password": "forkert"})
            else:
                r = c.post_form(path, {})
            exp = want[i]
            if exp == "ok":
                good = r.status not in (401, 403) and r.status < 500
            else:
                good = r.status == exp
            res.check(good, "%s %s as %s: %d, expected %s" % (method, path, role, r.status, exp))
            if r.status == 302:
                res.check(r.headers.get("location", "").startswith("/login"),
                          "%s %s as %s: 302 not to /login" % (method, path, role))
            if method == "GET" and r.status == 200 and "text/html" in r.headers.get("content-type", ""):
                for h in SEC_HEADERS:
                    res.check(h in r.headers, "%s lacks %s" % (path, h))
                csp = r.headers.get("content-security-policy", "")
                res.check("unsafe-inline" not in csp and "frame-ancestors 'none'" in csp,
                          "%s: CSP %r" % (path, csp))
                res.check(r.headers.get("x-content-type-options") == "nosniff", path + " nosniff")
                cmd = cli_text(r.text)
                res.check(cmd is None, "%s as %s tells the reader to run a command: %r" % (path, role, cmd))

    # API with session cookies: GET works, POST needs the CSRF header.
    r = clients["admin"].get("/api/v1/findings")
    res.check(r.status == 200, "findings with a session: %d" % r.status)
    r = clients["admin"].post_json("/api/v1/appointments", {})
    res.check(r.status == 403, "API POST with a session but no CSRF header: %d" % r.status)

    # CSRF: missing or wrong token on a state-changing form is refused.
    fields = {"key": "csrf1", "name": "CSRF Test"}
    r = c_admin.post_form("/person-new", fields, csrf=False)
    res.check(r.status == 403, "POST without CSRF: %d" % r.status)
    r = c_admin.post_form("/person-new", fields, csrf="0" * 64)
    res.check(r.status == 403, "POST with a wrong CSRF token: %d" % r.status)
    r = c_admin.post_form("/person-new", fields)
    res.check(r.status == 303, "POST with the right CSRF token: %d" % r.status)
    r = c_admin.post_form("/logout", {}, csrf=False)
    res.check(r.status == 403, "logout without CSRF: %d" % r.status)
    r = srv.client().post_form("/login", {"login": "admin", "password": "x"}, csrf=False)
    res.check(r.status == 403, "login without CSRF: %d" % r.status)

    # Stored XSS: every payload as a person's name (API and form) and an import file name.
    for i, payload in enumerate(XSS):
        body = {"person": "x%d" % i, "name": payload, "email": "x%d@example.dk" % i,
                "organisation": "KL", "municipality": "", "body": "rg-forretning", "seat": "KL",
                "profile": "", "start": "2010-01-%02d" % (i % 28 + 1), "end": "2010-01-%02d" % (i % 28 + 1)}
        r = api.post_json("/api/v1/appointments", body)
        res.check(r.status == 201, "storing payload %d: %d %s" % (i, r.status, r.text[:200]))
        if r.status == 201:
            res.check("<" not in r.text and r.json()["name"] == payload, "API echo of payload %d" % i)
    # (x0 has the same name: the form asks first, so this is the confirmed second step)
    r = c_admin.post_form("/person-new", {"key": "xform", "name": XSS[0], "email": "", "confirm": "1"})
    res.check(r.status == 303, "form with a payload name: %d" % r.status)
    body, ctype = csv_upload({"csrf": c_admin.csrf()}, XSS[2].replace('"', "") + ".csv", "person,name\n")
    r = c_admin.request("POST", "/import", body, ctype=ctype)
    res.check(r.status in (303, 400), "upload with a payload file name: %d" % r.status)

    pages = ["/", "/organisation", "/people", "/people/x0", "/people/x5", "/people/xform",
             "/bodies/rg-forretning", "/bodies/styregruppe", "/compliance", "/audit",
             "/meetings", "/meetings/plan", "/accounts", "/economy", "/portfolio",
             "/audit?limit=500", "/import", "/appoint?person=x1", "/person-new",
             "/people/xform/edit", "/people/xform/merge", "/people?q=x&sort=email&dir=desc",
             "/appointments/%d/end" % appt_id]
    pages += ["/import/" + m for m in set(re.findall(r"/import/(\d+)", c_admin.get("/import").text))]
    reflected = ["/people?q=%s", "/audit?actor=%s", "/login?next=%s", "/compliance?date=%s",
                 "/appoint?person=%s", "/appoint?body=%s", "/audit?entity=%s"]
    for payload in XSS[:12]:
        pages += [p % urllib.parse.quote(payload) for p in reflected]
    dangerous = [p for p in XSS if re.search(r"[<>\"'`]", p)]
    for path in pages:
        for role in ("anonymous", "admin"):
            r = (c_admin if role == "admin" else srv.client()).get(path)
            if r.status in (302, 303):
                continue
            for p in dangerous:
                if p in r.text:
                    res.check(False, "unescaped payload on %s (%s): %r" % (path, role, p))
                    break
            else:
                res.check(True, "")
            res.check(not re.search(r'(href|src|action)\s*=\s*"?\s*javascript:', r.text, re.I),
                      "javascript: URL on " + path)
            if "text/html" in r.headers.get("content-type", ""):
                cmd = cli_text(r.text)
                res.check(cmd is None, "%s (%s) tells the reader to run a command: %r" % (path, role, cmd))
    for path in ["/api/v1/people", "/api/v1/people/x3", "/api/v1/bodies/rg-forretning",
                 "/api/v1/appointments", "/api/v1/audit", "/api/v1/findings"]:
        r = api.get(path)
        res.check(r.status == 200 and "<" not in r.text and ">" not in r.text,
                  "API %s holds raw < or >" % path)
        res.check(r.headers.get("content-type", "").startswith("application/json"), path + " type")
        json.loads(r.text)

    # Limits and odd requests.
    r = api.request("POST", "/api/v1/appointments", b"x" * (11 << 20), ctype="application/json")
    res.check(r.status == 413, "an 11 MB body: %d" % r.status)
    r = api.post_json("/api/v1/appointments", "not an object")
    res.check(r.status == 400, "a JSON string instead of an object: %d" % r.status)
    r = api.request("POST", "/api/v1/appointments", b"{broken", ctype="application/json")
    res.check(r.status == 400, "broken JSON: %d" % r.status)
    r = srv.client().get("/no/such/page")
    res.check(r.status == 404, "unknown page: %d" % r.status)
    r = srv.client().request("DELETE", "/api/v1/bodies")
    res.check(r.status == 405, "DELETE: %d" % r.status)
    bad = srv.client()
    bad.token = "fkg_" + "0" * 64
    res.check(bad.get("/api/v1/findings").status == 401, "a wrong token is anonymous")

    # Sessions: cookie attributes, logout ends the session.
    c = srv.client()
    r = c.post_form("/login", {"login": "viewer", "password": "correct horse battery staple", "next": "/"})
    sc = " ".join(r.set_cookies)
    res.check("HttpOnly" in sc and "SameSite=Lax" in sc and "fkigov_session=" in sc,
              "session cookie attributes: " + sc)
    sid = c.cookies.get("fkigov_session")
    res.check(sid is not None and len(sid) >= 64, "a 256-bit session id")
    res.check(c.get("/compliance").status == 200, "logged in")
    c.post_form("/logout", {}, csrf=c.csrf("/"))
    stale = srv.client()
    stale.cookies["fkigov_session"] = sid
    res.check(stale.get("/compliance").status == 302, "the old session id no longer works")

    # Login throttling: repeated failures lock the login for a while, with a Danish message.
    t = srv.client()
    statuses = [t.post_form("/login", {"login": "member", "password": "forkert%d" % i}).status for i in range(7)]
    r = t.post_form("/login", {"login": "member", "password": "correct horse battery staple"})
    res.check(r.status in (401, 429) and "forsøg" in r.text,
              "login throttled after failures: %s then %d" % (statuses, r.status))


if __name__ == "__main__":
    sys.exit(main())
