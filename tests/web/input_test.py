#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Input hardening over HTTP against a real server: after login only a local path is
followed (a tab, a second slash, a backslash, a control character make it "/"); one text
rule for every field (util/text.h) — a NUL in a JSON string or a form field is refused with
the field named, never cut short, and so is a bidirectional control character; a file is
downloaded and packed under the extension of the type found in its bytes, never the
uploader's, and without bidirectional controls (also for rows stored before names were
cleaned)."""
import io
import os
import re
import sqlite3
import sys
import urllib.parse
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import PASSWORD, Results, Server  # noqa: E402

RLO = "\u202e"
res = Results()


def pdf(tag):
    """A small PDF whose bytes depend on tag."""
    return b"%PDF-1.4\n% " + tag.encode() + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def multipart(fields, files):
    """A multipart/form-data body as a browser sends it (a double quote in a file name as %22)."""
    boundary = b"----fkigovInput4f3e2d1c"
    out = []
    for k, v in fields.items():
        out.append(b"--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" %
                   (boundary, k.encode(), v.encode()))
    for field, name, data, ctype in files:
        fn = name.replace('"', "%22").encode()
        out.append(b"--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                   b"Content-Type: %s\r\n\r\n" % (boundary, field.encode(), fn, ctype.encode()) +
                   data + b"\r\n")
    out.append(b"--%s--\r\n" % boundary)
    return b"".join(out), "multipart/form-data; boundary=" + boundary.decode()


def filename_of(cd):
    """The name an RFC 6266 client saves under: filename* (RFC 5987) when present."""
    m = re.search(r"filename\*=UTF-8''([^;\s]*)", cd, re.I)
    if m:
        return urllib.parse.unquote(m.group(1), encoding="utf-8", errors="strict")
    m = re.search(r'filename="((?:[^"\\]|\\.)*)"', cd)
    return m.group(1) if m else None


def upload(c, item, name, data, meeting=1):
    body, ct = multipart({"item": str(item)}, [("file", name, data, "application/octet-stream")])
    return c.request("POST", "/api/v1/meetings/%d/material" % meeting, body, ctype=ct)


os.environ["FKIGOV_TODAY"] = "2027-01-20"
srv = Server()
srv.fk("cycle", "plan", "2027", "--dates", "2027-03-04,2027-06-10,2027-09-09,2027-12-02", "--save")
try:
    srv.start()
    admin = srv.client("admin")
    anon = srv.client()
    api = srv.client()
    api.token = srv.tokens["admin"]

    # ------------------------------------------------------------ next= after login
    hostile = ("/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example", "//evil.example",
               "/%5Cevil.example", "/%5C%5Cevil.example", "/%20/evil.example", "/%7F/evil",
               "/a%E2%80%AEb", "http://evil.example/", "evil.example",
               "%09//evil.example", "")
    for nxt in hostile:
        r = admin.get("/login?next=" + nxt)
        loc = r.headers.get("location")
        ok = r.status in (302, 303) and loc == "/"
        res.check(ok, "logged in, /login?next=%s -> %d %r" % (nxt, r.status, loc))
        # The login form carries next on: it must be "/" there too.
        r = anon.get("/login?next=" + nxt)
        m = re.search(r'name="next" value="([^"]*)"', r.text)
        res.check(m is not None and m.group(1) == "/",
                  "login form for next=%s keeps %r" % (nxt, m and m.group(1)))
    for nxt, raw in (("/%09/evil.example", "/\t/evil.example"), ("//evil.example", "//evil.example"),
                     ("/%5Cevil", "/\\evil")):
        c = srv.client()
        r = c.post_form("/login", {"login": "viewer", "password": PASSWORD, "next": raw})
        # A control character in any field is refused by the text rule before the login
        # is tried (400); otherwise the login goes to "/". Never off-site.
        res.check((r.status == 303 and r.headers.get("location") == "/") or
                  (r.status == 400 and "location" not in r.headers and "\t" in raw),
                  "POST /login next=%r -> %d %r" % (raw, r.status, r.headers.get("location")))
    # Local paths are followed as they are.
    for nxt in ("/meetings/1", "/cases?x=1", "/", "/bodies/styregruppe"):
        r = admin.get("/login?next=" + urllib.parse.quote(nxt, safe="/"))
        loc = r.headers.get("location", "")
        res.check(r.status in (302, 303) and loc == nxt,
                  "local next %s followed: %d %r" % (nxt, r.status, loc))

    # ------------------------------------------------------------ one rule for text
    n_cases = len(api.get("/api/v1/cases").json()["cases"])
    # A NUL inside a JSON string: refused with the field named, not cut to "Før".
    r = api.request("POST", "/api/v1/cases",
                    '{"title": "F\u00f8r\\u0000efter", "text": "Tekst", "by": "styregruppe"}',
                    ctype="application/json")
    j = r.json() if r.text.startswith("{") else {}
    res.check(r.status == 400 and "NUL" in j.get("fields", {}).get("title", ""),
              "API: a case title with \\u0000 -> 400 with fields.title: %d %s" % (r.status, r.text[:300]))
    res.check("title" in j.get("error", ""), "API: the error names the field: %r" % j.get("error"))
    # A bidirectional control in a JSON string, and a line break in a one-line field.
    for body, field, why in (({"title": "Sag" + RLO + "gas", "text": "x", "by": "styregruppe"},
                              "title", "U+202E"),
                             ({"title": "To\nlinjer", "text": "x", "by": "styregruppe"},
                              "title", "én linje"),
                             ({"title": "T", "text": "a\u0007b", "by": "styregruppe"},
                              "text", "U+0007")):
        r = api.post_json("/api/v1/cases", body)
        j = r.json()
        res.check(r.status == 400 and why in j.get("fields", {}).get(field, ""),
                  "API: %r -> 400 fields.%s with %s: %d %s" % (body[field], field, why, r.status, r.text[:300]))
    # A deeply nested body is read through without harm (and refused by the handler).
    deep = '{"title": ' + "[" * 2000 + '"x\\u0000"' + "]" * 2000 + "}"
    r = api.request("POST", "/api/v1/cases", deep, ctype="application/json")
    res.check(r.status == 400 and "title" in r.json().get("fields", {}),
              "deeply nested body: %d %s" % (r.status, r.text[:200]))
    # A multi-line field keeps its line breaks.
    r = api.post_json("/api/v1/cases", {"title": "Sag med to linjer", "text": "Linje 1\nLinje 2",
                                        "by": "styregruppe"})
    res.check(r.status == 201, "API: text with a line break is kept: %d %s" % (r.status, r.text[:200]))
    n_cases += r.status == 201
    # The appointments API (the importer's checks) refuses a bidi name too.
    r = api.post_json("/api/v1/appointments", {
        "person": "p91", "name": "Anne" + RLO + "nesnah", "organisation": "KL", "body": "styregruppe",
        "seat": "KL", "start": "2027-01-01"})
    res.check(r.status == 400 and "U+202E" in r.json().get("fields", {}).get("name", ""),
              "API appointments: bidi name -> 400 fields.name: %d %s" % (r.status, r.text[:300]))

    # Forms: a NUL (%00) and a bidi character are refused, naming the field.
    r = admin.post_form("/cases", {"title": "F\u00f8r\0efter", "text": "Tekst", "by": "styregruppe"})
    res.check(r.status == 400 and "Overskrift" in r.text and "NUL" in r.text,
              "form: title with %%00 -> 400 naming the field: %d %s" % (r.status, r.text[-400:]))
    r = admin.post_form("/person-new", {"key": "p92", "name": "Anne" + RLO + "nesnah", "email": ""})
    res.check(r.status == 400 and "Navn" in r.text and "U+202E" in r.text,
              "form: person name with U+202E -> 400: %d %s" % (r.status, r.text[-400:]))
    r = admin.post_form("/person-new", {"key": "p93", "name": "Anne\u200fHansen", "email": ""})
    res.check(r.status == 400 and "U+200F" in r.text, "form: U+200F -> 400: %d" % r.status)
    for key in ("p91", "p92", "p93"):
        res.check(api.get("/api/v1/people/" + key).status == 404, "person %s not stored" % key)
    res.check(len(api.get("/api/v1/cases").json()["cases"]) == n_cases, "no case stored")
    # Every POST passes the text rule before its handler: the answer names the field.
    r = admin.post_form("/portfolio", {"id": "fki-x", "name": "Login" + RLO, "body": "styregruppe",
                                       "description": ""})
    res.check(r.status == 400 and "U+202E" in r.text and "»Navn«" in r.text,
              "portfolio form: the field named: %d %s" % (r.status, r.text[-300:]))
    res.check(api.get("/api/v1/initiatives/fki-x").status == 404, "no initiative stored")

    # ------------------------------------------------------------ file names
    r = admin.post_form("/meetings/1", {"action": "agenda"})
    res.check(r.status == 303, "agenda made: %d %s" % (r.status, r.text[-300:]))
    sent = {}
    for name, tag, want in (("referat.html", "html", "referat.pdf"),
                            ("notat" + RLO + "fdp.exe", "rlo", "notatfdp.pdf"),
                            ("rapport.PDF", "upper", "rapport.PDF")):
        r = upload(api, 1, name, pdf(tag))
        res.check(r.status == 201, "upload %r: %d %s" % (name, r.status, r.text[:200]))
        if r.status != 201:
            continue
        j = r.json()
        res.check(RLO not in j["name"], "stored name without U+202E: %r" % j["name"])
        d = admin.get(j["url"])
        cd = d.headers.get("content-disposition", "")
        res.check(filename_of(cd) == want and RLO not in urllib.parse.unquote(cd),
                  "download of %r saved as %r: %r" % (name, want, cd))
        sent[j["id"]] = want
    # A row stored before names were cleaned (as an older version kept it): the name with
    # U+202E and a wrong extension comes out clean.
    if sent:
        old = min(sent)
        db = sqlite3.connect(srv.db, timeout=30)
        db.execute("UPDATE material SET name = ? WHERE id = ?", ("gammel" + RLO + "lmth.html", old))
        db.commit()
        db.close()
        sent[old] = "gammellmth.pdf"
        d = admin.get("/material/%d" % old)
        cd = d.headers.get("content-disposition", "")
        res.check(filename_of(cd) == "gammellmth.pdf" and "%E2%80%AE" not in cd,
                  "old row downloaded without U+202E, as .pdf: %r" % cd)
    r = admin.get("/meetings/1/package")
    res.check(r.status == 200, "package: %d" % r.status)
    names = zipfile.ZipFile(io.BytesIO(r.body)).namelist() if r.status == 200 else []
    for want in sent.values():
        hit = [n for n in names if n.endswith(" - " + want)]
        res.check(len(hit) == 1, "package entry ends in %r: %s" % (want, names))
    res.check(not any(RLO in n or n.endswith(".html") and not n.startswith("00 ") for n in names),
              "no entry with U+202E or .html but the agenda: %s" % names)
    # The command line saves under the same name.
    if sent:
        here = os.getcwd()
        os.chdir(srv.dir)
        try:
            out = srv.fk("meeting", "material", "get", str(min(sent)))
            res.check(out.startswith("gammellmth.pdf ") and os.path.exists("gammellmth.pdf"),
                      "material get saves the old row as gammellmth.pdf: %r" % out)
        finally:
            os.chdir(here)
finally:
    srv.close()
sys.exit(res.done("input"))
