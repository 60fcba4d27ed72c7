#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Written material files on agenda items over HTTP against a real server (issue 5): the
secretariat uploads PDF, Word, Excel, PowerPoint and PNG through the API; HTML named .pdf, an
empty file and a file one byte over 8 MiB are refused, one of exactly 8 MiB is kept; the same
file twice on an item is refused; the bytes and their SHA-256 come back on download with the
stored type, a safe Content-Disposition (Danish letters, quotes, a Windows path), ETag and a
sandboxing CSP. Who may upload: a member to the item of their own proposal, to the
inspiration talk when they give it, to a case of their reference group, and nothing else
(403), only until dispatch; after dispatch the secretariat only, with a reason, shown as an
amendment; nothing can be removed then. Before dispatch the files are read by the secretariat
and those the item concerns only, so the downloads here are the secretariat's (who reads what:
tests/web/visibility_test.py). The meeting page: the files per item, the upload form with its
errors next to the field, CSRF, removal. `fkigov check` stops reporting
material-missing for an item once a file is on it. "Today" is moved with FKIGOV_TODAY."""
import hashlib
import http.client
import io
import json
import os
import re
import struct
import sys
import urllib.parse
import zipfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import multipart, PASSWORD, ROOT, Results, Server  # noqa: E402
from openapi_test import validate  # noqa: E402

SPEC = json.load(open(os.path.join(ROOT, "static", "openapi.json"), encoding="utf-8"))
MIB8 = 8 * 1024 * 1024
res = Results()


def schema_ok(name, value, what):
    errs = validate(SPEC, {"$ref": "#/components/schemas/" + name}, value)
    res.check(not errs, "%s matches %s: %s" % (what, name, "; ".join(errs[:5])))


def has(r, text, what):
    res.check(text in r.text, "%s: %r not in the page (%d)" % (what, text, r.status))


# ---------------------------------------------------------------- files

def pdf(tag, size=None):
    """A small PDF whose bytes depend on tag; padded to size bytes when given."""
    head = b"%PDF-1.4\n% " + tag.encode() + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size is not None:
        head += b"0" * (size - len(head))
    return head


OOXML = {
    "docx": ("word/document.xml",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
}


def ooxml(kind, text="x"):
    """A minimal Office Open XML package: [Content_Types].xml first, as Office writes it."""
    part, ct = OOXML[kind]
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Override PartName="/%s" ContentType="%s"/></Types>' % (part, ct))
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="%s"/></Relationships>' % part)
        z.writestr(part, '<?xml version="1.0"?><x>%s</x>' % text)
    return b.getvalue()


def png(shade=0):
    """A 1x1 PNG."""
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(bytes([0, shade & 255, 0, 0]))) + chunk(b"IEND", b""))


MIME = {
    "pdf": ("application/pdf", "PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word-dokument"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel-regneark"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             "PowerPoint-præsentation"),
    "png": ("image/png", "PNG-billede"),
}


def upload(c, item, name, data, reason=None, meeting=1, page=False, csrf=True,
           ctype="application/octet-stream"):
    """POSTs a file: to the API (c holds a token), or with page to the meeting page's form."""
    fields = {"item": str(item)}
    if reason is not None:
        fields["reason"] = reason
    if page:
        fields["action"] = "upload"
        if csrf:
            fields["csrf"] = c.csrf("/meetings/%d" % meeting)
    body, ct = multipart(fields, [("file", name, data, ctype)])
    path = ("/meetings/%d" % meeting) if page else ("/api/v1/meetings/%d/material" % meeting)
    return c.request("POST", path, body, ctype=ct)


def all_headers(srv, client, path):
    """Every response header of GET path as (name, value) pairs, duplicates kept."""
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    h = {}
    if client.token:
        h["Authorization"] = "Bearer " + client.token
    c.request("GET", path, headers=h)
    r = c.getresponse()
    r.read()
    out = [(k.lower(), v) for k, v in r.getheaders()]
    c.close()
    return out


def filename_of(cd):
    """The file name an RFC 6266 client reads from Content-Disposition: filename* (RFC 5987,
    UTF-8) when present, else the quoted filename."""
    m = re.search(r"filename\*=UTF-8''([^;\s]*)", cd, re.I)
    if m:
        return urllib.parse.unquote(m.group(1), encoding="utf-8", errors="strict")
    m = re.search(r'filename="((?:[^"\\]|\\.)*)"', cd)
    return re.sub(r"\\(.)", r"\1", m.group(1)) if m else None


def findings(date):
    out = json.loads(srv.fk("check", "--json", "--date", date, check=False))
    return [f for f in out["findings"] if f["rule"] == "material-missing"]


# ---------------------------------------------------------------- setup

os.environ["FKIGOV_TODAY"] = "2027-01-20"
srv = Server()
srv.fk("cycle", "plan", "2027", "--dates", "2027-03-04,2027-06-10,2027-09-09,2027-12-02", "--save")
# A case recommended by the business reference group goes on the agenda; rf01 serves in it.
srv.fk("case", "raise", "--title", "Prioritering af login", "--text", "Skal login prioriteres?",
       "--by", "rg-forretning")
srv.fk("case", "assign", "sag-1", "--to", "rg-forretning", "--text", "Undersøg og indstil")
srv.fk("case", "recommend", "sag-1", "--text", "Gruppen indstiller, at login prioriteres i 2027.")
srv.fk("user", "add", "rgmember", "--role", "member", "--person", "rf01", input=PASSWORD + "\n")
srv.tokens["rg"] = srv.fk("token", "create", "rgmember").strip()


def start(today):
    srv.kill()
    os.environ["FKIGOV_TODAY"] = today
    srv.start()
    c = {role: srv.client(role) for role in ("admin", "member", "viewer")}
    c["anonymous"] = srv.client()
    for role in ("admin", "member", "viewer", "rg"):
        t = srv.client()
        t.token = srv.tokens[role]
        c["api-" + role] = t
    return c


try:
    c = start("2027-01-20")
    admin, member, viewer, anon = c["admin"], c["member"], c["viewer"], c["anonymous"]
    api, mapi, vapi, rgapi = c["api-admin"], c["api-member"], c["api-viewer"], c["api-rg"]

    # The agenda: the standard items, the case, and the member's accepted proposal; the
    # inspiration talk first given to sg03, not to the member (sg01).
    r = mapi.post_json("/api/v1/meetings/1/proposals", {"title": "Fælles login", "text": "Status.",
                                                          "kind": "orientering", "minutes": 15})
    res.check(r.status == 201, "member's proposal: %d %s" % (r.status, r.text[:200]))
    pid = r.json().get("id")
    for form in ({"action": "agenda"}, {"action": "accept", "proposal": str(pid)},
                 {"action": "inspiration", "swap": "sg03", "reason": "Aftalt på sidste møde"}):
        r = admin.post_form("/meetings/1", form)
        res.check(r.status == 303, "%s: %d %s" % (form["action"], r.status, r.text[-300:]))
    items = api.get("/api/v1/meetings/1").json()["items"]
    num = {}
    for it in items:
        if it["source"] == "proposal":
            num["own"] = it["number"]
        elif it["source"] == "case":
            num["case"] = it["number"]
        elif it["ref"] == "inspiration":
            num["insp"] = it["number"]
    res.check(set(num) == {"own", "case", "insp"}, "agenda has proposal, case and inspiration: %s" % num)
    kl = 1
    res.check(items[0]["ref"] == "orientering-kl" and items[0]["files"] == 0, "item 1 is KL's, no files")

    # material-missing: item 2 (an orientation) has no material before the dispatch deadline.
    miss = findings("2027-02-25")
    res.check(any("Punkt 2 " in f["message"] for f in miss), "material-missing for item 2: %s" % miss)
    r = admin.get("/meetings/1")
    res.check(re.search(r'id="punkt-2">.*?Materiale mangler\.', r.text, re.S) is not None,
              "page: item 2 lacks material")

    # The secretariat uploads every allowed type through the API.
    sent = {}
    for name, data in (("notat.pdf", pdf("notat")), ("notat.docx", ooxml("docx")),
                       ("budget.xlsx", ooxml("xlsx")), ("oplæg.pptx", ooxml("pptx")),
                       ("billede.png", png(1))):
        ext = name.rsplit(".", 1)[1]
        r = upload(api, kl, name, data)
        res.check(r.status == 201, "upload %s: %d %s" % (name, r.status, r.text[:300]))
        if r.status != 201:
            continue
        j = r.json()
        schema_ok("Material", j, "POST material " + name)
        res.check((j["mime"], j["type"]) == MIME[ext], "%s sniffed as %s: %s %s" % (name, MIME[ext], j["mime"], j["type"]))
        res.check(j["sha256"] == hashlib.sha256(data).hexdigest() and j["size"] == len(data),
                  "%s: SHA-256 and size" % name)
        res.check(j["item"] == kl and j["name"] == name and j["reason"] is None, "%s: item, name" % name)
        res.check(r.headers.get("location") == j["url"] == "/material/%d" % j["id"],
                  "%s: Location %s, url %s" % (name, r.headers.get("location"), j["url"]))
        sent[j["id"]] = (name, data, j)

    # Refused: HTML named .pdf, an empty file, one byte over 8 MiB, the same file twice; a bad
    # or missing item, no file, JSON instead of a form, an unknown meeting.
    for what, name, data, field, text in (
            ("HTML named .pdf", "side.pdf", b"<!doctype html><html><body><script>alert(1)</script>", "file", "en HTML-side"),
            ("an empty file", "tom.pdf", b"", "file", "er tom"),
            ("8 MiB + 1", "stor.pdf", pdf("stor", MIB8 + 1), "file", "højst"),
            ("the same file twice", "igen.pdf", pdf("notat"), "file", "allerede den samme fil")):
        r = upload(api, kl, name, data)
        ok = r.status == 400 and field in r.json().get("fields", {}) and text in r.json()["fields"][field]
        res.check(ok, "%s refused with fields.%s: %d %s" % (what, field, r.status, r.text[:300]))
    r = upload(api, 99, "x.pdf", pdf("x"))
    res.check(r.status == 400 and "item" in r.json()["fields"], "item 99: %d %s" % (r.status, r.text[:200]))
    r = upload(api, "to", "x.pdf", pdf("x"))
    res.check(r.status == 400 and "item" in r.json()["fields"], "item 'to': %d" % r.status)
    body, ct = multipart({"item": "1"}, [])
    r = api.request("POST", "/api/v1/meetings/1/material", body, ctype=ct)
    res.check(r.status == 400 and "file" in r.json()["fields"], "no file: %d %s" % (r.status, r.text[:200]))
    r = api.post_json("/api/v1/meetings/1/material", {"item": 1})
    res.check(r.status == 400 and "multipart/form-data" in r.json()["error"], "JSON body: %d" % r.status)
    schema_ok("Error", r.json(), "400 of POST material")
    r = upload(api, 1, "x.pdf", pdf("x"), meeting=99)
    res.check(r.status == 404, "unknown meeting: %d" % r.status)
    res.check(api.get("/api/v1/meetings/99/material").status == 404, "GET unknown meeting: 404")
    res.check(api.get("/api/v1/meetings/x/material").status == 404, "GET meeting x: 404")
    # Exactly 8 MiB is kept; the same bytes on another item too (item 2 gets its material).
    big = pdf("stor", MIB8)
    r = upload(api, kl, "stor.pdf", big)
    res.check(r.status == 201 and r.json()["size"] == MIB8, "exactly 8 MiB: %d %s" % (r.status, r.text[:200]))
    if r.status == 201:
        sent[r.json()["id"]] = ("stor.pdf", big, r.json())
    r = upload(api, 2, "notat.pdf", pdf("notat"))
    res.check(r.status == 201 and r.json()["item"] == 2, "same file on another item: %d %s" % (r.status, r.text[:200]))
    miss = findings("2027-02-25")
    res.check(not any("Punkt 2 " in f["message"] or "Punkt 1 " in f["message"] for f in miss),
              "material-missing gone for items 1 and 2: %s" % miss)
    r = admin.get("/meetings/1")
    res.check(re.search(r'id="punkt-2">(?:(?!</li>).)*?Materiale mangler\.', r.text, re.S) is None,
              "page: item 2 no longer lacks material")

    # The list (the secretariat's: before dispatch a viewer's is empty, visibility_test.py);
    # the files round-trip byte for byte.
    r = api.get("/api/v1/meetings/1/material")
    res.check(r.status == 200, "the secretariat lists material: %d" % r.status)
    lst = r.json()
    schema_ok("MaterialList", lst, "GET material")
    res.check(lst["meeting"] == 1 and len(lst["material"]) == len(sent) + 1, "list has every file: %d" % len(lst["material"]))
    for mid, (name, data, j) in sent.items():
        r = admin.get(j["url"])
        res.check(r.status == 200 and r.body == data, "download %s: %d, %d bytes" % (name, r.status, len(r.body)))
        res.check(hashlib.sha256(r.body).hexdigest() == j["sha256"], "%s: SHA-256 of the download" % name)
        res.check(r.headers.get("content-type") == j["mime"], "%s: Content-Type %s" % (name, r.headers.get("content-type")))
        res.check(r.headers.get("etag") == '"%s"' % j["sha256"], "%s: ETag" % name)
        # A client that has the file is told so without the bytes: 304 for its tag (also in
        # a list, also weak), 200 for another.
        tag = '"%s"' % j["sha256"]
        for inm, want in ((tag, 304), ('"x", W/' + tag, 304), ('"%s"' % ("0" * 64), 200)):
            r2 = admin.get(j["url"], headers={"If-None-Match": inm})
            res.check(r2.status == want and (want == 200) == (r2.body == data),
                      "%s: If-None-Match %s -> %d (%d bytes)" % (name, inm[:12], r2.status, len(r2.body)))
        cd = r.headers.get("content-disposition", "")
        res.check(cd.startswith("attachment; filename=") and filename_of(cd) == name,
                  "%s: Content-Disposition %r" % (name, cd))
    # The meeting package: the agenda document and every file, byte for byte (for every
    # account after dispatch; before it with what the account may read, visibility_test.py).
    r = admin.get("/meetings/1/package")
    res.check(r.status == 200 and r.headers.get("content-type") == "application/zip",
              "package: %d %s" % (r.status, r.headers.get("content-type")))
    res.check('filename="Styregruppemoede-1-2027.zip"' in r.headers.get("content-disposition", ""),
              "package file name: %s" % r.headers.get("content-disposition"))
    z = zipfile.ZipFile(io.BytesIO(r.body))
    res.check(z.testzip() is None, "package: every entry's CRC is right")
    names = z.namelist()
    res.check(names[0] == "00 Dagsorden.html", "package: the agenda first: %s" % names[:2])
    for mid, (name, data, j) in sent.items():
        n = [x for x in names[1:] if x.startswith("%02d " % j["item"]) and x.endswith(" - " + name)]
        res.check(len(n) == 1 and z.read(n[0]) == data, "package holds %s of item %d: %r" % (name, j["item"], n))
    agenda = z.read("00 Dagsorden.html").decode()
    res.check("Dagsorden – styregruppemøde 1/2027" in agenda, "package: the agenda's heading")
    for n in names[1:]:
        res.check('href="%s"' % urllib.parse.quote(n, safe="") in agenda, "package: the agenda links %r" % n)
    res.check(len(names) == len(set(names)), "package: names unique")
    r = admin.get("/meetings/1")
    has(r, 'href="/meetings/1/package"', "meeting page links the package")
    hs = all_headers(srv, api, "/material/%d" % min(sent))
    csps = [v for k, v in hs if k == "content-security-policy"]
    res.check(len(csps) == 1 and "sandbox" in csps[0] and "default-src 'none'" in csps[0],
              "download: one CSP, the sandbox: %s" % csps)
    res.check(("x-content-type-options", "nosniff") in hs, "download nosniff")
    res.check([v for k, v in hs if k == "cache-control"] == ["private, no-cache"],
              "download: one Cache-Control, private: %s" % hs)
    res.check(not any(k == "set-cookie" for k, v in hs), "no cookie on a download")

    # File names: Danish letters, quotes and a Windows path, a path with ../, no extension.
    for sent_name, stored, fallback, data in (
            ("Årsrapport æøå.pdf", "Årsrapport æøå.pdf", "Aarsrapport aeoeaa.pdf", pdf("aar")),
            ('C:\\Users\\mk\\Dokumenter\\"Citat" notat.pdf', '"Citat" notat.pdf', "_Citat_ notat.pdf", pdf("citat")),
            ("../../etc/passwd.pdf", "passwd.pdf", "passwd.pdf", pdf("sti")),
            ("referat", "referat", "referat.pdf", pdf("uden"))):
        r = upload(api, 2, sent_name, data)
        res.check(r.status == 201 and r.json()["name"] == stored, "name %r stored as %r: %d %s" %
                  (sent_name, stored, r.status, r.text[:200]))
        if r.status != 201:
            continue
        d = admin.get(r.json()["url"])
        cd = d.headers.get("content-disposition", "")
        want = stored if "." in stored else stored + ".pdf"
        res.check('filename="%s";' % fallback in cd and filename_of(cd) == want,
                  "Content-Disposition of %r: %r (parsed %r)" % (sent_name, cd, filename_of(cd)))
        res.check(re.fullmatch(r'attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8\'\'[A-Za-z0-9!#$&+.^_`|~%-]*', cd)
                  is not None and '\\' not in cd.split("filename*")[0][21:], "header is plain ASCII: %r" % cd)
    for path in ("/material/9999", "/material/abc", "/material/0", "/material/-1"):
        r = viewer.get(path)
        res.check(r.status == 404, "%s: %d" % (path, r.status))
    has(viewer.get("/material/9999"), "Materialet findes ikke", "Danish 404")

    # Anonymous: to the login page, or 401 from the API.
    r = anon.get("/material/%d" % min(sent))
    res.check(r.status == 302 and r.headers.get("location", "").startswith("/login"), "anonymous download: %d" % r.status)
    res.check(anon.get("/api/v1/meetings/1/material").status == 401, "anonymous list: 401")
    r = upload(anon, kl, "x.pdf", pdf("anon"))
    res.check(r.status == 401, "anonymous upload: %d" % r.status)
    r = upload(vapi, kl, "x.pdf", pdf("viewer"))
    res.check(r.status == 403, "viewer upload: %d" % r.status)

    # Members: their own proposal's item; the inspiration talk only when they give it; a case
    # only when they serve in the reference group it is assigned to.
    r = upload(mapi, num["own"], "mit notat.docx", ooxml("docx", "mit"))
    res.check(r.status == 201, "member, own item: %d %s" % (r.status, r.text[:200]))
    r = upload(mapi, kl, "x.pdf", pdf("member-kl"))
    res.check(r.status == 403 and "egne forslag" in r.json().get("error", ""), "member, KL's item: %d %s" % (r.status, r.text[:200]))
    r = upload(mapi, num["insp"], "oplæg.pptx", ooxml("pptx", "sg01"))
    res.check(r.status == 403, "member, inspiration given by sg03: %d" % r.status)
    r = upload(mapi, num["case"], "x.pdf", pdf("member-case"))
    res.check(r.status == 403, "member, case of another group: %d" % r.status)
    r = upload(rgapi, num["case"], "analyse.pdf", pdf("rg-case"))
    res.check(r.status == 201, "reference group member, its case: %d %s" % (r.status, r.text[:200]))
    r = upload(rgapi, kl, "x.pdf", pdf("rg-kl"))
    res.check(r.status == 403, "reference group member, KL's item: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "inspiration", "swap": "sg01", "reason": "Byttet"})
    res.check(r.status == 303, "swap to sg01: %d" % r.status)
    r = upload(mapi, num["insp"], "oplæg.pptx", ooxml("pptx", "sg01"))
    res.check(r.status == 201, "member gives the talk: %d %s" % (r.status, r.text[:200]))

    # The meeting page: files per item; the upload form only where the user may upload.
    r = member.get("/meetings/1")
    has(r, "Læg en fil på punkt %d<" % num["own"], "member's upload form on own item")
    has(r, "Læg en fil på punkt %d<" % num["insp"], "member's upload form on the talk")
    res.check("Læg en fil på punkt %d<" % kl not in r.text and "Læg en fil på punkt %d<" % num["case"] not in r.text,
              "no member upload form on others' items")
    has(r, 'enctype="multipart/form-data"', "multipart form")
    has(r, 'accept=".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.gif,.webp"', "accept list")
    res.check('value="material-remove"' not in r.text, "members get no remove button")
    has(r, ">mit notat.docx</a>", "member sees the file")
    r = viewer.get("/meetings/1")
    res.check("Læg en fil på" not in r.text, "viewer gets no upload form")
    r = admin.get("/meetings/1")
    has(r, ">Årsrapport æøå.pdf</a> <span class=\"muted\">(PDF, ", "the page shows name and type")
    has(r, "&quot;Citat&quot; notat.pdf</a>", "quotes escaped in the page")
    # The form: errors next to the field; CSRF; other items.
    r = upload(member, num["own"], "side.pdf", b"<html><script>alert(1)</script></html>", page=True)
    res.check(r.status == 400, "page upload of HTML: %d" % r.status)
    n = num["own"]
    has(r, 'aria-describedby="i%d-up-file-hint i%d-up-file-fejl" aria-invalid="true"' % (n, n), "error linked to the file field")
    has(r, 'id="i%d-up-file-fejl"' % n, "error next to the field")
    has(r, 'href="#i%d-up-file"' % n, "summary links to the field")
    has(r, "er en HTML-side", "message names the type as a reader calls it")
    r = upload(member, n, "x.pdf", pdf("nocsrf"), page=True, csrf=False)
    res.check(r.status == 403, "page upload without CSRF: %d" % r.status)
    r = upload(member, kl, "x.pdf", pdf("page-kl"), page=True)
    res.check(r.status == 403, "page upload to KL's item: %d" % r.status)
    r = upload(member, n, "bilag ø.pdf", pdf("page-own"), page=True)
    res.check(r.status == 303 and "ok=uploaded" in r.headers.get("location", ""), "page upload: %d %s" % (r.status, r.text[-300:]))
    r = member.get("/meetings/1?ok=uploaded")
    has(r, "Filen er lagt på punktet.", "flash")
    has(r, ">bilag ø.pdf</a>", "uploaded file listed")
    r = viewer.post_form("/meetings/1", {"action": "upload", "item": str(n)})
    res.check(r.status == 403, "viewer posts the form: %d" % r.status)

    # The secretariat removes a file while the meeting is planned.
    r = admin.get("/meetings/1")
    has(r, 'value="material-remove"', "remove button for the secretariat")
    lst = api.get("/api/v1/meetings/1/material").json()["material"]
    victim = next(x for x in lst if x["name"] == "bilag ø.pdf")
    r = member.post_form("/meetings/1", {"action": "material-remove", "material": str(victim["id"])})
    res.check(r.status == 403, "member may not remove: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "material-remove", "material": str(victim["id"])}, csrf=False)
    res.check(r.status == 403, "remove without CSRF: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "material-remove", "material": str(victim["id"])})
    res.check(r.status == 303 and "ok=removed" in r.headers.get("location", ""), "remove: %d %s" % (r.status, r.text[-300:]))
    res.check(admin.get(victim["url"]).status == 404, "removed file is gone")
    r = admin.post_form("/meetings/1", {"action": "material-remove", "material": "99999"})
    res.check(r.status == 400 and "Filen findes ikke" in r.text, "remove unknown: %d" % r.status)

    # Dispatch: then only the secretariat adds files, with a reason shown as an amendment.
    r = admin.post_form("/meetings/1/dispatch", {})
    res.check(r.status == 303, "dispatch: %d %s" % (r.status, r.text[-300:]))
    r = upload(api, kl, "budget rettet.xlsx", ooxml("xlsx", "rettet"))
    res.check(r.status == 400 and "reason" in r.json().get("fields", {}), "after dispatch without reason: %d %s" % (r.status, r.text[:200]))
    r = upload(api, kl, "budget rettet.xlsx", ooxml("xlsx", "rettet"), reason="Tallene for 2027 er rettet")
    res.check(r.status == 201 and r.json()["reason"] == "Tallene for 2027 er rettet", "after dispatch with reason: %d %s" % (r.status, r.text[:200]))
    if r.status == 201:
        schema_ok("Material", r.json(), "POST material after dispatch")
    it = api.get("/api/v1/meetings/1").json()["items"][kl - 1]
    res.check("Materiale »budget rettet.xlsx« tilføjet: Tallene for 2027 er rettet" in (it["amended"] or ""),
              "the amendment is on the item: %r" % it["amended"])
    r = upload(mapi, num["own"], "sent.pdf", pdf("late-member"))
    res.check(r.status == 403 and "udsendt" in r.json().get("error", ""), "member after dispatch: %d %s" % (r.status, r.text[:200]))
    r = member.get("/meetings/1")
    res.check("Læg en fil på" not in r.text, "no member upload form after dispatch")
    has(r, "tilføjet efter udsendelse: Tallene for 2027 er rettet", "late file marked on the page")
    has(r, "Rettelse:</strong> Materiale »budget rettet.xlsx« tilføjet: Tallene for 2027 er rettet", "amendment shown")
    r = admin.get("/meetings/1")
    res.check(">Fjern<" not in r.text, "no plain remove button after dispatch")
    has(r, "Træk tilbage", "withdraw form after dispatch")
    has(r, 'id="i%d-up-reason"' % kl, "reason field after dispatch")
    # After dispatch a file can only be withdrawn, with a reason shown as an amendment.
    first = min(sent)
    r = admin.post_form("/meetings/1", {"action": "material-remove", "material": str(first)})
    res.check(r.status == 400 and "Skriv en begrundelse for at trække filen tilbage" in r.text,
              "withdraw without a reason: %d" % r.status)
    has(r, 'id="i%d-rm-reason"' % kl, "withdraw error at the item")
    has(r, 'href="#i%d-rm-reason"' % kl, "summary links to the withdraw error")
    res.check(viewer.get("/material/%d" % first).status == 200, "file kept")
    r = member.post_form("/meetings/1", {"action": "material-remove", "material": str(first), "reason": "x"})
    res.check(r.status == 403, "member may not withdraw: %d" % r.status)
    r = admin.post_form("/meetings/1", {"action": "material-remove", "material": str(first),
                                        "reason": "Indeholdt personoplysninger"})
    res.check(r.status == 303 and "ok=withdrawn" in r.headers.get("location", ""),
              "withdraw with a reason: %d %s" % (r.status, r.text[-300:]))
    res.check(viewer.get("/material/%d" % first).status == 404, "withdrawn file is gone")
    has(admin.get("/meetings/1"), "trukket tilbage: Indeholdt personoplysninger", "withdrawal shown as an amendment")
    r = upload(admin, kl, "ny.pdf", pdf("page-late"), page=True)
    res.check(r.status == 400, "page upload after dispatch without reason: %d" % r.status)
    has(r, 'aria-describedby="i%d-up-reason-hint i%d-up-reason-fejl" aria-invalid="true"' % (kl, kl), "reason error linked")
    r = upload(admin, kl, "ny.pdf", pdf("page-late"), page=True, reason="Nyt bilag fra KL")
    res.check(r.status == 303, "page upload after dispatch with reason: %d %s" % (r.status, r.text[-300:]))

    # Held: nothing more can be added.
    c = start("2027-03-04")
    admin, api = c["admin"], c["api-admin"]
    r = admin.post_form("/meetings/1", {"action": "minutes", "item": "1", "outcome": "taget-til-efterretning", "text": "Taget til efterretning."})
    res.check(r.status == 303, "minutes: %d %s" % (r.status, r.text[-300:]))
    before = len(api.get("/api/v1/meetings/1/material").json()["material"])
    r = upload(api, kl, "efter.pdf", pdf("held"), reason="For sent")
    res.check(r.status == 400, "upload after the meeting: %d %s" % (r.status, r.text[:200]))
    res.check(len(api.get("/api/v1/meetings/1/material").json()["material"]) == before, "nothing added")
    res.check("Læg en fil på" not in admin.get("/meetings/1").text, "no upload form once held")
finally:
    srv.close()
sys.exit(res.done("material"))
