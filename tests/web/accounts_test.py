#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""HTTP tests of the account and token lifecycle against a real server: a revoked or expired
token is refused (401); a new password and a disabled account end sessions and tokens at
once, and a disabled account cannot log in, by password or single sign-on; login
throttling delays a login from one address (growing waits, a cap per address) but never
locks the account for another address, and the secretariat sees and clears the counters on
/accounts, which only it may open; a forged pre-login CSRF cookie and field are refused;
single sign-on keeps one session per browser.

Accounts in the browser (issue 10): the secretariat creates an account on /accounts with a
person chosen from the register and gets a one-time link, never a password; the link opens
/password/{secret} for anyone, where the person chooses a password (twice, at least 12
characters) and can then log in; a link works once, is cancelled by a newer one and expires
after 72 hours; a reset by link ends the account's sessions and tokens; a new role and
person take effect at once; tokens are made on the account's page, shown once; viewers and
members get 403 on every new route, and every form needs its CSRF token.

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


def link_of(text):
    """The one-time link shown on the account page (the whole address), and its path."""
    m = re.search(r'id="engangslink"[^>]*>([^<]*)</textarea>', text)
    if not m:
        return None, None
    return m.group(1), m.group(1)[m.group(1).index("/password/"):]


def choose_password(srv, path, pw, pw2=None, client=None):
    """Opens the link in a fresh browser (no cookies) and sends the form."""
    c = client or srv.client()
    page = c.get(path)
    m = re.search(r'name="csrf" value="([^"]*)"', page.text)
    # A link that does not work has no form: the CSRF cookie still carries the token.
    r = c.post_form(path, {"password": pw, "password2": pw if pw2 is None else pw2},
                    csrf=m.group(1) if m else c.cookies.get("fkigov_csrf", ""))
    return page, r


def can_login(srv, login, password):
    return srv.client().post_form("/login", {"login": login, "password": password,
                                             "next": "/"}).status == 303


def main():
    res = Results()
    srv = Server(extra_args=("--trusted-header", "X-Remote-User", "--trusted-proxy", "127.0.0.1"))
    for login in ("anne", "bo", "sso1", "sso2", "carl"):
        srv.fk("user", "add", login, "--role", "viewer", input=PASSWORD + "\n")
    srv.start()
    try:
        run(srv, res)
        run_browser_accounts(srv, res)
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
    res.check(re.search(r'<th scope="row"><a href="/accounts/carl">carl</a></th>\s*<td>læser</td>', r.text)
              is not None,
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


def run_browser_accounts(srv, res):
    admin = srv.client("admin")
    page = admin.get("/accounts").text
    res.check("kommandolinjen" not in page and "fkigov user add" not in page,
              "/accounts no longer sends the secretariat to the command line")
    res.check('<option value="sg02">Lars Holm (Aarhus)</option>' in page,
              "people are chosen from a list of names with their municipality")

    # --- Create: mistakes first (400 with the form kept), nothing stored.
    def create(fields, c=admin):
        return c.post_form("/accounts", dict(fields, action="create"), csrf=c.csrf("/accounts"))
    r = create({"login": "nina", "role": "member", "person": ""})
    res.check(r.status == 400 and "Et medlem skal knyttes til en person" in r.text
              and 'aria-invalid="true"' in r.text, "a member without a person: %d" % r.status)
    r = create({"login": "ni na", "role": "viewer", "person": ""})
    res.check(r.status == 400 and "Brugernavnet må kun" in r.text, "a bad login: %d" % r.status)
    r = create({"login": "carl", "role": "viewer", "person": ""})
    res.check(r.status == 400 and "findes allerede en konto" in r.text, "a login taken: %d" % r.status)
    r = create({"login": "nina", "role": "member", "person": "nobody"})
    res.check(r.status == 400 and "findes ikke i registret" in r.text, "an unknown person: %d" % r.status)
    r = create({"login": "nina", "role": "root", "person": "sg02"})
    res.check(r.status == 400, "an unknown role: %d" % r.status)
    res.check("nina" not in srv.fk("user", "list"), "nothing stored by the refused forms")

    # --- Create → the link, shown once, in the answer to the POST (never in a redirect).
    r = create({"login": "nina", "role": "member", "person": "sg02"})
    addr, path = link_of(r.text)
    res.check(r.status == 200 and addr and addr.startswith("http://%s/password/" % srv.base),
              "create shows the one-time link as a whole address: %d %s" % (r.status, addr))
    res.check("personen selv" in r.text and "kun denne ene gang" in r.text,
              "the page says to give it personally and that it is shown once")
    secret = path.rsplit("/", 1)[1] if path else ""
    res.check(len(secret) == 64, "the link holds 256 random bits")
    db = sqlite3.connect(srv.db, timeout=10)
    stored = [row[0] for row in db.execute("SELECT hash FROM password_link")]
    db.close()
    res.check(secret not in stored and len(stored) == 1 and
              stored[0] == __import__("hashlib").sha256(secret.encode()).hexdigest(),
              "only the SHA-256 of the link is stored")
    res.check(secret not in srv.fk("audit", "log"), "the link is not in the audit log")
    res.check("Lars Holm" in r.text and "Medlem" in admin.get("/accounts/nina").text,
              "the account's page shows its person and role")
    res.check(re.search(r"nina +member +sg02 .*uden adgangskode", srv.fk("user", "list")),
              "the account has no password until the link is used")
    res.check(not can_login(srv, "nina", PASSWORD), "no password works before the link is used")
    res.check(secret not in admin.get("/accounts/nina").text, "the link is shown only once")

    # --- The link page: anonymous, its own CSRF token; mistakes are 400 and keep the link.
    c = srv.client()
    page = c.get(path)
    res.check(page.status == 200 and "Vælg din adgangskode" in page.text and 'value="nina"' in page.text,
              "the link opens the form for nina: %d" % page.status)
    res.check(c.cookies.get("fkigov_csrf") and 'name="csrf" value="%s"' % c.cookies["fkigov_csrf"] in page.text,
              "the form carries the pre-login CSRF token")
    r = c.post_form(path, {"password": NEW_PASSWORD, "password2": NEW_PASSWORD}, csrf=False)
    res.check(r.status == 403, "the link's form without the CSRF token: %d" % r.status)
    _, r = choose_password(srv, path, "for kort")
    res.check(r.status == 400 and "mindst 12 tegn" in r.text, "a short password: %d" % r.status)
    _, r = choose_password(srv, path, NEW_PASSWORD, NEW_PASSWORD + "!")
    res.check(r.status == 400 and "ikke ens" in r.text, "two different passwords: %d" % r.status)
    res.check(NEW_PASSWORD not in r.text, "a refused password is not sent back")
    _, r = choose_password(srv, path, NEW_PASSWORD)
    res.check(r.status == 200 and "Din adgangskode er gemt" in r.text and 'value="nina"' in r.text,
              "the password is set, and the login form is filled in: %d" % r.status)
    res.check(can_login(srv, "nina", NEW_PASSWORD), "nina logs in with the password she chose")
    r = srv.client().get(path)
    res.check(r.status == 410 and "allerede brugt" in r.text, "the link works once: %d" % r.status)
    _, r = choose_password(srv, path, "et helt tredje kodeord her")
    res.check(r.status == 410 and can_login(srv, "nina", NEW_PASSWORD),
              "a used link cannot set the password again: %d" % r.status)
    r = srv.client().get("/password/" + "0" * 64)
    res.check(r.status == 404 and "Linket findes ikke" in r.text, "an unknown link: %d" % r.status)
    audit = srv.fk("audit", "log", "--entity", "password_link")
    res.check('"purpose":"new"' in audit and '"used":' in audit, "the link's life is audited")

    # --- Reset by link: ends sessions and tokens; a newer link cancels the older one.
    nina = srv.client()
    nina.login("nina", NEW_PASSWORD)
    nina_tok = srv.fk("token", "create", "nina").strip()
    res.check(nina.get("/my").status == 200 and api_status(srv, nina_tok) == 200, "nina is logged in")
    reset = lambda: link_of(admin.post_form("/accounts/nina", {"action": "reset"},
                                            csrf=admin.csrf("/accounts/nina")).text)[1]
    old = reset()
    new = reset()
    r = srv.client().get(old)
    res.check(r.status == 410 and "erstattet" in r.text, "a newer link cancels the older: %d" % r.status)
    res.check(nina.get("/my").status == 200, "making a link ends nothing yet")
    _, r = choose_password(srv, new, "nina vælger en ny kode")
    res.check(r.status == 200, "the reset link sets the password: %d" % r.status)
    res.check(nina.get("/my").status == 302, "the reset ends nina's session")
    res.check(api_status(srv, nina_tok) == 401, "the reset revokes nina's token")
    res.check(not can_login(srv, "nina", NEW_PASSWORD) and can_login(srv, "nina", "nina vælger en ny kode"),
              "the old password no longer works, the new one does")

    # --- Expiry: a link made 72 hours ago (a clock in the past) is refused politely.
    env = dict(os.environ, FKIGOV_ACTOR="test", FKIGOV_NOW="2020-01-01T10:00:00Z")
    out = subprocess.run([srv.bin, "--db", srv.db, "user", "reset", "carl"], capture_output=True,
                         text=True, env=env).stdout.strip()
    res.check(out.startswith("/password/"), "user reset prints the link's path: %r" % out)
    r = srv.client().get(out)
    res.check(r.status == 410 and "udløb" in r.text and "2020" in r.text,
              "an expired link: %d" % r.status)
    _, r = choose_password(srv, out, "carl vil gerne ind igen")
    res.check(r.status == 410 and can_login(srv, "carl", PASSWORD), "an expired link sets nothing")

    # --- Role and person: take effect at once; a member needs a person.
    carl = srv.client("carl")
    res.check(carl.get("/accounts").status == 403, "carl (viewer) cannot open /accounts")
    upd = lambda login, role, person: admin.post_form(
        "/accounts/" + login, {"action": "update", "role": role, "person": person},
        csrf=admin.csrf("/accounts/" + login))
    r = upd("carl", "member", "")
    res.check(r.status == 400 and "Et medlem skal knyttes" in r.text, "member without a person: %d" % r.status)
    r = upd("carl", "admin", "sg03")
    res.check(r.status == 303 and "done=updated" in r.headers.get("location", ""), "role and person: %d" % r.status)
    res.check(carl.get("/accounts").status == 200, "the new role takes effect in carl's session")
    r = admin.get(r.headers["location"])
    res.check("Kontoen carl er ændret" in r.text, "the page says so")
    r = upd("carl", "admin", "sg03")
    res.check(r.status == 303 and "done=unchanged" in r.headers["location"], "nothing changed")
    r = upd("carl", "viewer", "")
    res.check(r.status == 303 and carl.get("/accounts").status == 403, "back to viewer: 403 again")
    audit = srv.fk("audit", "log", "--entity", "account")
    res.check('"role":"admin"' in audit and '"person":"sg03"' in audit, "role and person audited")

    # --- Tokens on the account's page, shown once.
    r = admin.post_form("/accounts/carl", {"action": "token", "label": "ESDH", "days": "30"},
                        csrf=admin.csrf("/accounts/carl"))
    m = re.search(r'id="nyt-token"[^>]*>(fkg_[0-9a-f]{64})</textarea>', r.text)
    res.check(r.status == 200 and m, "a token made on the page: %d" % r.status)
    if m:
        res.check(api_status(srv, m.group(1)) == 200, "the token works")
        res.check(m.group(1) not in admin.get("/accounts/carl").text, "the token is shown only once")
    exp = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400))
    res.check(any(t["label"] == "ESDH" and t["expires"] == exp for t in tokens(srv, "carl").values()),
              "the token works for 30 days")
    r = admin.post_form("/accounts/carl", {"action": "token", "label": "", "days": "0"},
                        csrf=admin.csrf("/accounts/carl"))
    res.check(r.status == 400 and "helt antal dage" in r.text, "0 days is refused: %d" % r.status)

    # --- Disabled accounts get no link; their links stop working.
    link = reset()
    admin_post(admin, {"action": "disable", "login": "nina"})
    r = srv.client().get(link)
    res.check(r.status == 410 and "spærret" in r.text, "disabling cancels the link: %d" % r.status)
    r = admin.post_form("/accounts/nina", {"action": "reset"}, csrf=admin.csrf("/accounts/nina"))
    res.check(r.status == 409 and "spærret" in r.text, "a disabled account gets no link: %d" % r.status)
    admin_post(admin, {"action": "enable", "login": "nina"})

    # --- Only the secretariat; every form needs its CSRF token.
    for role in ("viewer", "member"):
        c = srv.client(role)
        res.check(c.get("/accounts/nina").status == 403, "GET /accounts/nina as %s is 403" % role)
        for fields in ({"action": "update", "role": "admin", "person": ""}, {"action": "reset"},
                       {"action": "token", "days": "1"}, {"action": "disable"}):
            r = c.post_form("/accounts/" + role, fields)
            res.check(r.status == 403, "POST /accounts/%s %s as %s: %d" % (role, fields["action"], role, r.status))
        r = c.post_form("/accounts", {"action": "create", "login": "x" + role, "role": "admin"})
        res.check(r.status == 403, "create as %s: %d" % (role, r.status))
    res.check(srv.client().get("/accounts/nina").status == 302, "anonymous: to the login")
    for fields in ({"action": "update", "role": "admin", "person": ""}, {"action": "reset"},
                   {"action": "token", "days": "1"}, {"action": "disable"}):
        r = admin.post_form("/accounts/carl", fields, csrf=False)
        res.check(r.status == 403, "POST /accounts/carl %s without CSRF: %d" % (fields["action"], r.status))
    r = admin.post_form("/accounts", {"action": "create", "login": "zed", "role": "viewer"}, csrf=False)
    res.check(r.status == 403, "create without CSRF: %d" % r.status)
    res.check("zed" not in srv.fk("user", "list") and "viewer" in srv.fk("user", "list"),
              "nothing changed by the refused forms")


if __name__ == "__main__":
    sys.exit(main())
