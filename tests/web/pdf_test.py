#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""The meeting packet and the minutes as PDF, read back with tools that are not ours
(Debian's qpdf and poppler-utils): a meeting with several PDFs (one landscape by /Rotate),
a DOCX, an image, a damaged PDF and one encrypted with a password, Danish letters everywhere
and a title of 150 characters. qpdf --check passes; pdftotext finds every item title and
"Side N af M" on every page; the contents' page numbers are the pages where the items really
start; the outline has every item and every merged attachment; pdffonts: every font embedded;
pdfinfo: title, author, subject, tagged; the language is Danish. The routes by role before
and after dispatch; an amendment makes version 2, which says what changed, and version 1
stays as it was; the minutes by role before and after approval; the command line writes the
same bytes and never overwrites a file. Every page is rendered with pdftoppm into
build/look/pdf/ to be looked at."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import ROOT, run_test  # noqa: E402
from pdfgen import make_pdf  # noqa: E402

DATES = "2027-03-09,2027-06-08,2027-09-14,2027-12-07"
PLACE = "Rådhuset, Æblevej 1, 8000 Aarhus C"
LONG = ("Økonomi og prioritering af fælleskommunale løsninger: årsregnskab, budgetopfølgning "
        "og genbesøg af æøå-sikre integrationer på tværs af regionerne, kommunerne og KOMBIT")[:150]
MATERIAL = os.path.join(ROOT, "tests", "data", "material")
LOOK = os.path.join(ROOT, "build", "look", "pdf")


def run(*cmd, check=True, **kw):
    p = subprocess.run(cmd, capture_output=True, **kw)
    if check and p.returncode != 0:
        raise RuntimeError("%s: %d %s" % (" ".join(cmd), p.returncode, p.stderr.decode("utf-8", "replace")))
    return p


def text_of(path, page=None, layout=False):
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return run(*args, path, "-").stdout.decode("utf-8")


def flat(s):
    return re.sub(r"\s+", " ", s).strip()


def fk(srv, *args, today, check=True):
    env = dict(os.environ, FKIGOV_ACTOR="test", FKIGOV_TODAY=today, FKIGOV_NOW=today + "T10:00:00Z")
    p = subprocess.run([srv.bin, "--db", srv.db, *args], capture_output=True, text=True, env=env, cwd=srv.dir)
    if check and p.returncode != 0:
        raise RuntimeError("fkigov %s: %d\n%s%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def material(srv):
    """The files: two PDFs with embedded fonts (one landscape by /Rotate 90), a damaged PDF,
    one encrypted with a user password, a DOCX and an image."""
    d = srv.dir
    make_pdf(os.path.join(d, "raw1.pdf"), ["Første bilag med æøå", "Anden side", "Tredje side"],
             title="Notat om økonomi")
    make_pdf(os.path.join(d, "raw2.pdf"), ["Et liggende skema"], title="Skema", size=(595, 842), rotate=90)
    run("pdftocairo", "-pdf", os.path.join(d, "raw1.pdf"), os.path.join(d, "Økonominotat.pdf"))
    run("pdftocairo", "-pdf", os.path.join(d, "raw2.pdf"), os.path.join(d, "Skema liggende.pdf"))
    with open(os.path.join(d, "Økonominotat.pdf"), "rb") as f:
        good = f.read()
    with open(os.path.join(d, "Beskadiget.pdf"), "wb") as f:
        f.write(good[:400] + b"\x00garbage" * 50)
    run("qpdf", "--encrypt", "bruger", "ejer", "256", "--", os.path.join(d, "Økonominotat.pdf"),
        os.path.join(d, "Hemmelig.pdf"))
    shutil.copy(os.path.join(MATERIAL, "notat.docx"), os.path.join(d, "Referat fra sidste møde.docx"))
    # A real photograph-like JPEG: the first page rendered by poppler's pdftoppm.
    run("pdftoppm", "-jpeg", "-r", "40", "-singlefile", os.path.join(d, "raw1.pdf"), os.path.join(d, "Foto af tavlen"))


def check_packet(res, path, titles, what):
    """The packet at path, as a member reads it. Returns its number of pages."""
    chk = run("qpdf", "--check", path, check=False)
    res.check(chk.returncode == 0, "%s: qpdf --check passes (%s)" % (what, chk.stdout.decode()[-200:]))
    info = run("pdfinfo", path).stdout.decode("utf-8")
    meta = dict((k.strip(), v.strip()) for k, v in (ln.split(":", 1) for ln in info.splitlines() if ":" in ln))
    pages = int(meta.get("Pages", "0"))
    res.check(meta.get("Title") == "Dagsorden med bilag: Styregruppemøde 1/2027" and
              meta.get("Author") == "Sekretariat FKI" and meta.get("Subject") == "Dagsorden med bilag" and
              meta.get("Tagged") == "yes", "%s: metadata %r" % (what, {k: meta.get(k) for k in ("Title", "Author", "Subject", "Tagged")}))
    fonts = run("pdffonts", path).stdout.decode().splitlines()[2:]
    res.check(fonts and all(ln.split()[-5] == "yes" for ln in fonts),
              "%s: every font embedded (%d fonts)" % (what, len(fonts)))
    qdf = run("qpdf", "--qdf", "--object-streams=disable", path, "-").stdout
    res.check(b"/Lang (da-DK)" in qdf and b"/DisplayDocTitle true" in qdf, "%s: language Danish, title shown" % what)
    # Every page: "Side N af M" in the footer, merged pages too.
    missing = [i for i in range(1, pages + 1) if "Side %d af %d" % (i, pages) not in text_of(path, i)]
    res.check(pages > 5 and not missing, "%s: 'Side N af %d' on every page (missing %s)" % (what, pages, missing))
    whole = flat(text_of(path))
    res.check(all(flat(t) in whole for t in titles), "%s: every item title in the text" % what)
    # The contents: the page number of each item is where it starts.
    toc = text_of(path, 2, layout=True)
    entries = {}
    for ln in toc.splitlines():
        m = re.match(r"^\s*(\d+)\.\s+(\d+\.\d\d)\s+(.+?)\s{2,}(\d+)\s*$", ln)
        if m:
            entries[int(m.group(1))] = int(m.group(4))
    res.check(sorted(entries) == list(range(1, len(titles) + 1)), "%s: the contents list every item: %s" % (what, sorted(entries)))
    wrong = [(pos, pg) for pos, pg in entries.items()
             if not flat(text_of(path, pg)).startswith("%d. %s" % (pos, flat(titles[pos - 1])[:30]))]
    res.check(entries and not wrong, "%s: each contents page number is where the item starts (wrong: %s)" % (what, wrong))
    # The outline: every item, each merged attachment under its item, pointing at its page.
    js = json.loads(run("qpdf", "--json=2", "--json-key=outlines", path).stdout)
    top = js["outlines"]
    tops = [o["title"] for o in top]
    res.check(tops[:2] == ["Forside", "Indhold"] and
              all(any(t.startswith("%d. " % (i + 1)) for t in tops) for i in range(len(titles))),
              "%s: the outline has the cover, the contents and every item" % what)
    item_dest = {int(o["title"].split(".")[0]): o["destpageposfrom1"] for o in top if o["title"][0].isdigit()}
    res.check(item_dest == entries, "%s: the outline's items go to the pages of the contents" % what)
    kids = [k["title"] for o in top for k in o["kids"]]
    res.check("Bilag 1.1: Økonominotat.pdf" in kids and "Bilag 1.2: Skema liggende.pdf" in kids,
              "%s: the merged attachments are in the outline: %s" % (what, kids))
    # The merged pages are there: the attachment's own text, the landscape page turned.
    res.check("Notat om økonomi - side 3" in whole and "Skema - side 1" in whole,
              "%s: the attachments' pages are merged" % what)
    kid = [k for o in top for k in o["kids"] if k["title"] == "Bilag 1.2: Skema liggende.pdf"]
    if kid:
        pg = kid[0]["destpageposfrom1"]
        size = re.search(r"Page\s+%d size:\s+([\d.]+) x ([\d.]+)" % pg,
                         run("pdfinfo", "-f", str(pg), "-l", str(pg), path).stdout.decode())
        res.check(size and float(size.group(1)) > float(size.group(2)), "%s: the rotated page is shown landscape" % what)
    res.check("Filen er beskadiget" in whole and "beskyttet med adgangskode" in whole,
              "%s: the damaged and the encrypted file say so in their place" % what)
    return pages


def render(path, name):
    os.makedirs(LOOK, exist_ok=True)
    run("pdftoppm", "-r", "50", "-png", path, os.path.join(LOOK, name))
    return [f for f in os.listdir(LOOK) if re.match(re.escape(name) + r"-\d+\.png$", f)]


def test(srv, res):
    material(srv)
    fk(srv, "cycle", "plan", "2027", "--dates", DATES, "--place", PLACE, "--save", today="2026-12-03")
    mid = str(json.loads(fk(srv, "meeting", "list", "--json", today="2027-01-10").stdout)["meetings"][0]["id"])
    fk(srv, "meeting", "agenda", mid, today="2027-01-10")
    fk(srv, "meeting", "item", mid, "--item", "2", "--title", LONG, today="2027-01-10")
    for item, name in ((1, "Økonominotat.pdf"), (1, "Skema liggende.pdf"), (1, "Beskadiget.pdf"),
                       (2, "Hemmelig.pdf"), (2, "Referat fra sidste møde.docx"), (2, "Foto af tavlen.jpg")):
        fk(srv, "meeting", "material", "add", mid, "--item", str(item), os.path.join(srv.dir, name), today="2027-01-10")
    titles = [it["title"] for it in json.loads(fk(srv, "meeting", "show", mid, "--json", today="2027-01-10").stdout)["items"]]
    res.check(len(LONG) == 150 and titles[1] == LONG, "item 2 has the 150-character title")

    srv.start()
    try:
        anon, viewer, member, admin = srv.client(), srv.client("viewer"), srv.client("member"), srv.client("admin")
        url = "/meetings/%s/packet.pdf" % mid
        # Before dispatch: the secretariat's preview only.
        r = anon.get(url)
        res.check(r.status in (302, 303) or "Log ind" in r.text, "anonymous: to the login (%d)" % r.status)
        for c, who in ((viewer, "viewer"), (member, "member")):
            r = c.get(url)
            res.check(r.status == 403 and "når sekretariatet har udsendt dagsordenen" in r.text,
                      "%s before dispatch: 403 with the reason (%d)" % (who, r.status))
        r = admin.get(url)
        res.check(r.status == 200 and r.headers.get("content-type") == "application/pdf" and
                  r.body.startswith(b"%PDF-"), "the secretariat previews the packet (%d)" % r.status)
        preview = os.path.join(srv.dir, "preview.pdf")
        with open(preview, "wb") as f:
            f.write(r.body)
        res.check("Forhåndsvisning" in text_of(preview, 1), "the preview says it is not dispatched")
        res.check(admin.get("/meetings/%s/minutes.pdf" % mid).status == 404, "no minutes before the meeting")
        page = admin.get("/meetings/%s" % mid).text
        res.check('href="%s"' % url in page and "Forhåndsvis dagsorden med bilag som PDF" in page,
                  "the meeting page links the preview")
    finally:
        srv.kill()

    out = fk(srv, "meeting", "dispatch", mid, today="2027-02-20").stdout
    res.check("udgave 1" in out and "SHA-256" in out, "the dispatch says the packet's version and SHA-256: %s" % out.strip())
    srv.start()
    try:
        member, admin, viewer = srv.client("member"), srv.client("admin"), srv.client("viewer")
        r = member.get(url)
        v1 = r.body
        res.check(r.status == 200 and v1.startswith(b"%PDF-"), "a member downloads the packet after dispatch (%d)" % r.status)
        res.check(admin.get(url).body == v1 and viewer.get(url).body == v1,
                  "everyone gets the same bytes: the version sent out")
        sha1 = hashlib.sha256(v1).hexdigest()
        res.check(r.headers.get("etag") == '"%s"' % sha1, "its ETag is its SHA-256")
        page = member.get("/meetings/%s" % mid).text
        res.check(sha1 in page and "udgave 1" in page, "the meeting page shows version 1 and its SHA-256")
        p1 = os.path.join(srv.dir, "v1.pdf")
        with open(p1, "wb") as f:
            f.write(v1)
        pages = check_packet(res, p1, titles, "version 1")
        shown = render(p1, "pakke")
        res.check(len(shown) == pages, "every page rendered to build/look/pdf (%d)" % len(shown))
        imgs = run("pdfimages", "-list", p1).stdout.decode()
        res.check(" jpeg " in imgs, "the image is placed on a page, as JPEG")
        docx = open(os.path.join(srv.dir, "Referat fra sidste møde.docx"), "rb").read()
        res.check(hashlib.sha256(docx).hexdigest() in text_of(p1) and "Referat fra sidste møde.docx" in text_of(p1),
                  "the DOCX is listed with its name and SHA-256")
        res.check(member.get(url + "?version=9").status == 404 and member.get(url + "?version=x").status == 400,
                  "an unknown version: 404; a bad one: 400")
    finally:
        srv.kill()

    # The command line writes the same bytes, and never over a file.
    p = fk(srv, "meeting", "pdf", mid, "--out", "cli.pdf", today="2027-02-21")
    res.check(open(os.path.join(srv.dir, "cli.pdf"), "rb").read() == v1 and sha1 in p.stdout,
              "meeting pdf writes the version sent out: %s" % p.stdout.strip())
    p = fk(srv, "meeting", "pdf", mid, "--out", "cli.pdf", today="2027-02-21", check=False)
    res.check(p.returncode == 2 and "vælg et andet navn" in p.stderr, "an existing file is not overwritten (%d)" % p.returncode)
    p = fk(srv, "meeting", "pdf", "99", today="2027-02-21", check=False)
    res.check(p.returncode == 2 and "intet møde" in p.stderr, "an unknown meeting: exit 2")

    # An amendment: version 2 says what changed; version 1 stays as it was.
    fk(srv, "meeting", "amend", mid, "--item", "3", "--reason", "Ny oplægsholder fra Ærø", "--presenter",
       "Søren Ærøskøbing", today="2027-02-25")
    srv.start()
    try:
        member = srv.client("member")
        v2 = member.get(url).body
        res.check(v2 != v1 and member.get(url + "?version=1").body == v1, "the newest is version 2; version 1 is kept")
        p2 = os.path.join(srv.dir, "v2.pdf")
        with open(p2, "wb") as f:
            f.write(v2)
        cover = flat(text_of(p2, 1))
        res.check("Ændret siden forrige version" in cover and "Punkt 3: Ny oplægsholder fra Ærø" in cover and
                  "2 (kontrolsummen står på mødets side i fkigov)" in cover, "version 2's cover says what changed: %s" % cover[:300])
        res.check("Rettet efter udsendelsen" in text_of(p2), "the amended item says so")
        check_packet(res, p2, titles, "version 2")
        page = member.get("/meetings/%s" % mid).text
        res.check(hashlib.sha256(v2).hexdigest() in page and "Tidligere udgaver" in page,
                  "the meeting page shows version 2's SHA-256 and the earlier versions")
        render(p2, "pakke-v2")
    finally:
        srv.kill()

    # Attendance: an apology before the day, then the secretariat records the rest.
    people = json.loads(fk(srv, "meeting", "attendance", mid, "--json", today="2027-03-01").stdout)["members"]
    a, b, c = people[0], people[1], people[2]
    fk(srv, "meeting", "apology", mid, a["person"], "--reason", "Byrådsmøde", today="2027-03-01")
    fk(srv, "meeting", "attendance", mid, "--present", ",".join(x["person"] for x in people[2:]),
       "--absent", b["person"], "--substitute", "%s=Åse Ærenpris" % b["person"],
       "--guest", "Kim Øster;Digitaliseringsstyrelsen", today="2027-03-09")
    # The minutes: held, written, approved.
    for i in range(1, len(titles) + 1):
        fk(srv, "meeting", "minutes", mid, "--item", str(i), "--outcome",
           "beslutning" if i == 2 else "taget-til-efterretning",
           "--text", "Styregruppen godkendte årsregnskabet." if i == 2 else "Taget til efterretning.",
           today="2027-03-09")
    p = fk(srv, "meeting", "minutes-pdf", mid, today="2027-03-09", check=False)
    res.check(p.returncode == 2 and "ikke godkendt" in p.stderr, "minutes-pdf before approval: exit 2 (%d)" % p.returncode)
    srv.start()
    try:
        murl = "/meetings/%s/minutes.pdf" % mid
        r = srv.client("member").get(murl)
        res.check(r.status == 403 and "godkendt" in r.text, "a member before approval: 403 (%d)" % r.status)
        r = srv.client("admin").get(murl)
        draft = os.path.join(srv.dir, "draft.pdf")
        with open(draft, "wb") as f:
            f.write(r.body)
        res.check(r.status == 200 and "Udkast" in text_of(draft), "the secretariat reads the draft (%d)" % r.status)
    finally:
        srv.kill()
    fk(srv, "meeting", "approve", mid, today="2027-03-10")
    p = fk(srv, "meeting", "minutes-pdf", mid, today="2027-03-10")
    mpath = os.path.join(srv.dir, "Referat-Styregruppemoede-1-2027.pdf")
    res.check(os.path.exists(mpath), "minutes-pdf writes its default file: %s" % p.stdout.strip())
    if os.path.exists(mpath):
        res.check(run("qpdf", "--check", mpath, check=False).returncode == 0, "the minutes pass qpdf --check")
        mt = flat(text_of(mpath))
        res.check("Referat: Styregruppemøde 1/2027" in mt and "Styregruppen godkendte årsregnskabet." in mt and
                  "Beslutning fra møde 1/2027, punkt 2" in mt,
                  "the minutes: outcomes, texts, the decision named as in the log")
        res.check("Til stede" in mt and c["name"] in mt and "Åse Ærenpris (stedfortræder for %s)" % b["name"] in mt and
                  "Gæst: Kim Øster, Digitaliseringsstyrelsen" in mt and "%s (afbud)" % a["name"] in mt and
                  "Afbud og fravær" in mt, "the minutes list participants, a substitute, a guest and absentees")
        render(mpath, "referat")
    srv.start()
    try:
        r = srv.client("viewer").get("/meetings/%s/minutes.pdf" % mid)
        res.check(r.status == 200 and r.body.startswith(b"%PDF-"), "approved minutes for every account (%d)" % r.status)
        res.check("/meetings/%s/minutes.pdf" % mid in srv.client("member").get("/meetings/%s" % mid).text,
                  "the meeting page links the approved minutes")
    finally:
        srv.kill()


def main():
    return run_test(test, "pdf")


if __name__ == "__main__":
    sys.exit(main())
