#!/usr/bin/env python3
"""HTTP tests of the account and token lifecycle against a real server: a revoked or expired
token is refused (401); a new password and a disabled account end sessions and tokens at
once, and a disabled account cannot log in, by password or single sign-on; login
throttling delays a login from one address (growing waits, a cap per address) but never
locks the account for another address, and the secretariat sees and clears the counters on
/accounts, which only it may open; a forged pre-login CSRF cookie and field are refused;
single sign-on keeps one session per browser.

The server trusts 127.0.0.1 as its proxy (--trusted-proxy), so X-Forwarded-For names the
client's address and X-Remote-User the single-sign-on user."""
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import PASSWORD, Results, Server  # noqa: E402

NEW_PASSWORD = "et helt nyt og langt kodeord"


def api_status(srv, token, path="/api/v1/findings"):
    c = srv.client()
    c.token = token
    return c.get(path).status


def tokens(srv, login):
    import json
    return {t["id"]: t for t in json.loads(srv.fk("token", "list", login, "--json"))["tokens"]}


def token_id(srv, login, label):
    return max(i for i, t in tokens(srv, login).items() if t["label"] == label)


def sessions(srv, login):
    db = sqlite3.connect(srv.db, timeout=10)
    try:
        return db.execute("SELECT count(*) FROM session s JOIN account a ON a.id = s.account"
                          " WHERE a.login = ?", (login,)).fetchone()[0]
    finally:
        db.close()


def login_from(srv, addr, login, password, client=None):
    """A login form sent from address addr (X-Forwarded-For through the trusted proxy):
    the login page first (for the CSRF cookie and field), then the form."""
    c = client or srv.client()
    h = {"X-Forwarded-For": addr}
    page = c.get("/login", headers=h)
    m = re.search(r'name="csrf" value="([^"]*)"', page.text)
    body = urllib.parse.urlencode({"login": login, "password": password, "next": "/",
                                   "csrf": m.group(1) if m else ""})
    return c.request("POST", "/login", body, headers=h, ctype="application/x-www-form-urlencoded")


def admin_post(c, fields):
    return c.post_form("/accounts", fields, csrf=c.csrf("/accounts"))


def main():
    res = Results()
    srv = Server(extra_args=("--trusted-header", "X-Remote-User", "--trusted-proxy", "127.0.0.1"))
    for login in ("anne", "bo", "sso1", "sso2", "carl"):
        srv.fk("user", "add", login, "--role", "viewer", input=PASSWORD + "\n")
    srv.start()
    try:
        run(srv, res)
    finally:
        srv.close()
    return res.done("accounts")


def run(srv, res):
    admin = srv.client("admin")

    # --- The accounts page: the secretariat only; it lists accounts and tokens.
    label = '<script>alert("token")</script>'
    srv.fk("token", "create", "carl", "--label", label)
    r = admin.get("/accounts")
    res.check(r.status == 200, "/accounts as admin: %d" % r.status)
    res.check(re.search(r'<th scope="row">carl</th>\s*<td>læser</td>', r.text) is not None,
              "accounts with their roles")
    res.check(label not in r.text and "&lt;script&gt;" in r.text, "a token's note is escaped")
    res.check(r.text.count('name="csrf"') >= 5, "every form carries the CSRF token")
    res.check('<th scope="col">Virker til og med</th>' in r.text, "tokens with their last day")
    for role in ("viewer", "member"):
        c = srv.client(role)
        res.check(c.get("/accounts").status == 403, "/accounts as %s is 403" % role)
        res.check(c.post_form("/accounts", {"action": "revoke", "token": "1"}).status == 403,
                  "POST /accounts as %s is 403" % role)
    res.check(srv.client().get("/accounts").status == 302, "/accounts anonymous: to the login")
    r = admin.post_form("/accounts", {"action": "revoke", "token": "1"}, csrf=False)
    res.check(r.status == 403, "POST /accounts without the CSRF token: %d" % r.status)
    res.check(api_status(srv, srv.tokens["admin"]) == 200, "token 1 still works after that")
    r = admin_post(admin, {"action": "revoke", "token": "999"})
    res.check(r.status == 404 and "findes ikke" in r.text, "revoking an unknown token: %d" % r.status)
    r = admin_post(admin, {"action": "nonsense"})
    res.check(r.status == 400, "an unknown action: %d" % r.status)

    # --- token revoke (command line and page): the API answers 401 at once.
    tok = srv.fk("token", "create", "carl", "--label", "revoke-cli").strip()
    res.check(api_status(srv, tok) == 200, "a new token works")
    srv.fk("token", "revoke", str(token_id(srv, "carl", "revoke-cli")))
    res.check(api_status(srv, tok) == 401, "a token revoked with token revoke is refused")
    tok = srv.fk("token", "create", "carl", "--label", "revoke-web").strip()
    tid = token_id(srv, "carl", "revoke-web")
    res.check(api_status(srv, tok) == 200, "another new token works")
    r = admin_post(admin, {"action": "revoke", "token": str(tid)})
    res.check(r.status == 303 and "done=revoked" in r.headers.get("location", ""),
              "revoke on /accounts: %d %s" % (r.status, r.headers.get("location")))
    res.check(api_status(srv, tok) == 401, "a token revoked on /accounts is refused")
    r = admin.get(r.headers["location"].split("#")[0])  # a browser sends no fragment
    res.check("Token nr. %d er tilbagekaldt" % tid in r.text, "the page says so")
    res.check(tokens(srv, "carl")[tid]["state"] == "revoked", "token list says revoked")
    res.check('Tilbagekald<span class="sr-only"> token nr. %d ' % tid not in r.text,
              "a revoked token has no revoke button")

    # --- An expired token is refused: made with a clock in the past, through its last day.
    env = dict(os.environ, FKIGOV_ACTOR="test", FKIGOV_NOW="2020-01-01T10:00:00Z")
    old = subprocess.run([srv.bin, "--db", srv.db, "token", "create", "carl", "--expires",
                          "2020-01-02"], capture_output=True, text=True, env=env).stdout.strip()
    res.check(old.startswith("fkg_"), "a token that ended in 2020")
    res.check(api_status(srv, old) == 401, "an expired token is refused")
    today = time.strftime("%Y-%m-%d", time.gmtime())
    last = srv.fk("token", "create", "carl", "--expires", today).strip()
    res.check(api_status(srv, last) == 200, "a token on its last day works")

    # --- A new password ends the sessions and the tokens.
    bo = srv.client("bo")
    bo_tok = srv.fk("token", "create", "bo").strip()
    res.check(bo.get("/compliance").status == 200 and api_status(srv, bo_tok) == 200,
              "bo is logged in and has a token")
    srv.fk("user", "passwd", "bo", input=NEW_PASSWORD + "\n")
    res.check(bo.get("/compliance").status == 302, "a new password ends bo's session")
    res.check(api_status(srv, bo_tok) == 401, "a new password revokes bo's token")
    res.check(sessions(srv, "bo") == 0, "no session row of bo is left")
    r = srv.client().post_form("/login", {"login": "bo", "password": PASSWORD})
    res.check(r.status == 401, "the old password no longer works: %d" % r.status)
    r = srv.client().post_form("/login", {"login": "bo", "password": NEW_PASSWORD, "next": "/"})
    res.check(r.status == 303, "the new password works: %d" % r.status)

    # --- user disable ends sessions and tokens at once, and refuses login and SSO;
    # user enable lets it log in again (its tokens stay revoked).
    anne = srv.client("anne")
    anne_tok = srv.fk("token", "create", "anne").strip()
    sso = srv.client()
    sso_h = {"X-Remote-User": "anne"}
    res.check(sso.get("/compliance", headers=sso_h).status == 200, "anne by single sign-on")
    srv.fk("user", "disable", "anne")
    res.check(anne.get("/compliance").status == 302, "disable ends anne's session")
    res.check(api_status(srv, anne_tok) == 401, "disable revokes anne's token")
    res.check(sessions(srv, "anne") == 0, "no session row of anne is left")
    r = srv.client().post_form("/login", {"login": "anne", "password": PASSWORD})
    res.check(r.status == 401 and "spærret" in r.text, "a disabled account cannot log in: %d" % r.status)
    r = sso.get("/compliance", headers=sso_h)
    res.check(r.status == 302, "a disabled account cannot use single sign-on: %d" % r.status)
    r = srv.fk("user", "enable", "anne")
    anne = srv.client("anne")  # raises unless the login works
    res.check(anne.get("/compliance").status == 200, "enable restores the login")
    res.check(api_status(srv, anne_tok) == 401, "enable brings no token back")
    # The same on the page, and the secretariat cannot disable itself there.
    r = admin_post(admin, {"action": "disable", "login": "anne"})
    res.check(r.status == 303 and "done=disabled" in r.headers.get("location", ""),
              "disable on /accounts: %d" % r.status)
    res.check(anne.get("/compliance").status == 302, "disable on the page ends the session")
    r = admin.get(r.headers["location"].split("#")[0])
    res.check("Kontoen anne er spærret" in r.text and "Åbn<span class=\"sr-only\"> kontoen anne"
              in r.text, "the page shows anne disabled, with an enable button")
    r = admin_post(admin, {"action": "enable", "login": "anne"})
    res.check(r.status == 303, "enable on /accounts: %d" % r.status)
    srv.client("anne")
    r = admin_post(admin, {"action": "disable", "login": "admin"})
    res.check(r.status == 400 and "egen konto" in r.text, "the admin cannot disable itself: %d" % r.status)
    r = admin_post(admin, {"action": "disable", "login": "nobody"})
    res.check(r.status == 404, "disabling an unknown account: %d" % r.status)
    audit = srv.fk("audit", "log", "--entity", "account")
    res.check('"disabled":true' in audit and '"disabled":false' in audit, "disable/enable audited")

    # --- Throttling: the pair (viewer, 10.0.0.1) waits after 5 failures, growing; the right
    # password from another address works at once.
    statuses, waits = [], []
    for i in range(5):
        r = login_from(srv, "10.0.0.1", "viewer", "forkert%d" % i)
        statuses.append(r.status)
        waits.append(r.headers.get("retry-after"))
    # A wrong password is 401; the one that starts a wait is 429 Too Many Requests.
    res.check(statuses == [401] * 4 + [429] and waits == [None] * 4 + ["1"],
              "five failures, the last with a wait of 1 s: %s %s" % (statuses, waits))
    r = login_from(srv, "10.0.0.1", "viewer", PASSWORD)
    res.check(r.status == 429 and "For mange forkerte forsøg" in r.text and "Vent 1 sekund" in r.text
              and r.headers.get("retry-after") == "1",
              "while waiting even the right password is refused, saying when to try: %d %s"
              % (r.status, r.headers.get("retry-after")))
    r = login_from(srv, "10.0.0.2", "viewer", PASSWORD)
    res.check(r.status == 303, "the right password from another address works at once: %d" % r.status)
    time.sleep(1.2)
    r = login_from(srv, "10.0.0.1", "viewer", "forkert")
    res.check(r.status == 429 and r.headers.get("retry-after") == "2" and "vent 2 sekunder" in r.text,
              "the next failure doubles the wait: %s" % r.headers.get("retry-after"))
    # The secretariat sees the counter and clears it; then the right password works.
    page = admin.get("/accounts").text
    res.check(re.search(r"<td>viewer</td>\s*<td>10\.0\.0\.1</td>\s*<td class=\"num\">6</td>", page)
              is not None, "/accounts shows viewer from 10.0.0.1 with 6 failures")
    r = admin_post(admin, {"action": "unthrottle", "kind": "pair", "login": "viewer",
                           "address": "10.0.0.1"})
    res.check(r.status == 303, "clearing the counter: %d" % r.status)
    r = login_from(srv, "10.0.0.1", "viewer", PASSWORD)
    res.check(r.status == 303, "after clearing, the right password works: %d" % r.status)
    r = admin_post(admin, {"action": "unthrottle", "kind": "pair", "login": "viewer",
                           "address": "10.0.0.1"})
    res.check(r.status == 404, "clearing a counter that is gone: %d" % r.status)

    # The cap per address: 20 failures from one address, one each for 20 logins, make the
    # address wait for every login; another address is not affected.
    for i in range(20):
        r = login_from(srv, "10.0.0.3", "ukendt%d" % i, "forkert")
    res.check(r.headers.get("retry-after") == "1", "the 20th failure from one address waits 1 s")
    r = login_from(srv, "10.0.0.3", "member", PASSWORD)
    res.check(r.status == 429 and "forsøg" in r.text, "the address waits, for every login: %d" % r.status)
    r = login_from(srv, "10.0.0.4", "member", PASSWORD)
    res.check(r.status == 303, "another address logs in at once: %d" % r.status)
    page = admin.get("/accounts").text
    res.check(re.search(r"alle konti</span></td>\s*<td>10\.0\.0\.3</td>", page) is not None,
              "/accounts shows the address counter")
    r = admin_post(admin, {"action": "unthrottle", "kind": "address", "login": "",
                           "address": "10.0.0.3"})
    res.check(r.status == 303, "clearing the address: %d" % r.status)
    r = login_from(srv, "10.0.0.3", "member", PASSWORD)
    res.check(r.status == 303, "after clearing, the address logs in: %d" % r.status)

    # --- The pre-login CSRF token is the server's own: a cookie and field someone else chose
    # are refused; the server's pair works.
    forged = "ab" * 32
    c = srv.client()
    c.cookies["fkigov_csrf"] = forged
    r = c.post_form("/login", {"login": "viewer", "password": PASSWORD, "next": "/"}, csrf=forged)
    res.check(r.status == 403, "a forged CSRF cookie and field: %d" % r.status)
    c = srv.client()
    good = c.csrf()
    res.check(len(good) == 64 and c.cookies.get("fkigov_csrf") == good, "the login page's token")
    tampered = good[:63] + ("0" if good[63] != "0" else "1")
    c.cookies["fkigov_csrf"] = tampered
    r = c.post_form("/login", {"login": "viewer", "password": PASSWORD, "next": "/"}, csrf=tampered)
    res.check(r.status == 403, "a changed MAC is refused: %d" % r.status)
    c = srv.client()
    r = c.post_form("/login", {"login": "viewer", "password": PASSWORD, "next": "/"})
    res.check(r.status == 303, "the server's own pair works: %d" % r.status)

    # --- Single sign-on: one session per browser, reused; none for static files and the API.
    b = srv.client()
    h = {"X-Remote-User": "sso1"}
    for path in ("/", "/compliance", "/organisation", "/compliance", "/"):
        r = b.get(path, headers=h)
        res.check(r.status == 200 and "sso1" in r.text, "SSO %s: %d" % (path, r.status))
    res.check(sessions(srv, "sso1") == 1, "one session for five pages: %d" % sessions(srv, "sso1"))
    for path in ("/static/app.css", "/api/v1/findings", "/api/v1/bodies"):
        r = srv.client().get(path, headers=h)
        res.check(r.status == 200, "SSO %s without a cookie: %d" % (path, r.status))
    srv.client().get("/calendar/bodies/styregruppe.ics", headers=h)
    res.check(sessions(srv, "sso1") == 1, "static files, feeds and the API make no session")
    r = b.post_form("/logout", {}, csrf=b.csrf("/"))
    res.check(r.status == 303, "the SSO session's forms carry its CSRF token: %d" % r.status)
    # A client that never keeps cookies cannot fill the table.
    for i in range(20):
        srv.client().get("/", headers={"X-Remote-User": "sso2"})
    n = sessions(srv, "sso2")
    res.check(1 <= n <= 16, "sessions of a client without cookies are capped: %d" % n)


if __name__ == "__main__":
    sys.exit(main())
