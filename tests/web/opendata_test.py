#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Open data: the public register as Popolo JSON from /open-data/popolo.json, the API and
`fkigov export popolo`, every person, organization, post, membership and area validated
against the official Popolo JSON Schemas in ../shared/testdata/popolo/ (draft 3, with their
references resolved locally) by Debian's python3-jsonschema; no e-mail address anywhere;
the licence stated; ETag with 304 and Last-Modified; the explaining page without login."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import ROOT, Results, Server  # noqa: E402

SCHEMAS = os.path.join(os.path.dirname(ROOT), "shared", "testdata", "popolo")
OPARL = os.path.join(os.path.dirname(ROOT), "shared", "testdata", "oparl")

VALIDATE_OPARL = r'''
import json, os, sys
import jsonschema
d = json.load(open(sys.argv[1]))
base = sys.argv[2]
schemas = {f[:-5]: json.load(open(os.path.join(base, f))) for f in os.listdir(base)}
errors, seen = [], {}
def check(o, where):
    t = o["type"].rsplit("/", 1)[-1]
    seen[t] = seen.get(t, 0) + 1
    for e in jsonschema.Draft4Validator(schemas[t]).iter_errors(o):
        errors.append("%s (%s): %s" % (where, t, e.message))
    for k, v in o.items():  # embedded objects are checked by their own schema
        if isinstance(v, dict) and "type" in v:
            check(v, where + "." + k)
        elif isinstance(v, list):
            for i, x in enumerate(v):
                if isinstance(x, dict) and "type" in x:
                    check(x, "%s.%s[%d]" % (where, k, i))
check(d["system"], "system")
check(d["body"], "body")
for key in ("organizations", "meetings", "papers", "files"):
    for i, o in enumerate(d[key]):
        check(o, "%s[%d]" % (key, i))
print(json.dumps({"errors": errors[:20], "seen": seen}))
'''


def validate_oparl(path):
    return debian_python(VALIDATE_OPARL, path, OPARL)


def oparl(srv, res):
    """Two meetings with material: the first's minutes published, the second's only approved;
    a file withdrawn after dispatch; a proposal. Only the published meeting and its remaining
    files are in the OParl document."""
    env = dict(os.environ, FKIGOV_ACTOR="test")

    def fk(*args, today):
        p = subprocess.run([srv.bin, "--db", srv.db, *args], capture_output=True, text=True,
                           env=dict(env, FKIGOV_TODAY=today, FKIGOV_NOW=today + "T10:00:00Z"), cwd=srv.dir)
        if p.returncode != 0:
            raise RuntimeError("fkigov %s: %s%s" % (" ".join(args), p.stdout, p.stderr))
        return p.stdout
    from pdfgen import make_pdf
    fk("cycle", "plan", "2027", "--dates", "2027-03-09,2027-06-08,2027-09-14,2027-12-07", "--save", today="2026-12-03")
    ids = [m["id"] for m in json.loads(fk("meeting", "list", "--json", today="2027-01-10"))["meetings"]]
    m1, m2 = str(ids[0]), str(ids[1])
    for mid, day in ((m1, "2027-01-10"), (m2, "2027-04-10")):
        fk("meeting", "agenda", mid, today=day)
        fk("meeting", "propose", mid, "--person", "sg01", "--title", "Hemmeligt forslag", "--text",
           "Et forslag, der ikke er offentligt.", today=day)
    keep = make_pdf(os.path.join(srv.dir, "Offentligt notat.pdf"), ["Offentligt"])
    gone = make_pdf(os.path.join(srv.dir, "Trukket tilbage.pdf"), ["Tilbagetrukket indhold"])
    fk("meeting", "material", "add", m1, "--item", "1", keep, today="2027-01-10")
    fk("meeting", "material", "add", m1, "--item", "2", gone, today="2027-01-10")
    secret = make_pdf(os.path.join(srv.dir, "Ikke offentliggjort.pdf"), ["Udkast"])
    fk("meeting", "material", "add", m2, "--item", "1", secret, today="2027-04-10")
    fk("meeting", "dispatch", m1, today="2027-02-20")
    mats = json.loads(fk("meeting", "material", "list", m1, "--json", today="2027-02-21"))
    gid = [x["id"] for x in (mats if isinstance(mats, list) else mats.get("files", mats.get("material", []))) if x["name"].startswith("Trukket")]
    if gid:
        fk("meeting", "material", "remove", str(gid[0]), "--reason", "Forkert bilag", today="2027-02-21")
    n1 = len(json.loads(fk("meeting", "show", m1, "--json", today="2027-03-09"))["items"])
    for i in range(1, n1 + 1):
        fk("meeting", "minutes", m1, "--item", str(i), "--outcome", "taget-til-efterretning", "--text",
           "Styregruppen tog punkt %d til efterretning." % i, today="2027-03-09")
    fk("meeting", "approve", m1, today="2027-03-10")
    fk("meeting", "publish", m1, today="2027-03-11")
    path = os.path.join(srv.dir, "oparl.json")
    fk("export", "oparl", path, today="2027-03-12")
    v = validate_oparl(path)
    res.check(not v["errors"], "every OParl object valid against its schema: %s" % v["errors"])
    d = json.load(open(path, encoding="utf-8"))
    text = json.dumps(d, ensure_ascii=False)
    res.check(len(d["meetings"]) == 1 and d["meetings"][0]["id"].endswith("/meeting/%s" % m1),
              "only the meeting whose minutes are published: %s" % [m["id"] for m in d["meetings"]])
    res.check(len(d["meetings"][0]["agendaItem"]) == n1 and "Styregruppen tog punkt 1 til efterretning." in text,
              "its agenda items with the minutes' text")
    res.check("Offentligt notat.pdf" in text and "Trukket tilbage" not in text and "Ikke offentliggjort" not in text,
              "its remaining material; not the withdrawn file, nothing of the unpublished meeting")
    res.check("Hemmeligt forslag" not in text and "@" not in text.replace("https://", ""),
              "no proposal and no e-mail address")
    res.check(v["seen"].get("Meeting") == 1 and v["seen"].get("AgendaItem") == n1 and v["seen"].get("Paper") == 1,
              "System, Body, Organization, Meeting, AgendaItem, Paper and File: %s" % v["seen"])
    srv.start()
    try:
        c = srv.client()
        r = c.get("/open-data/oparl.json")
        web = json.loads(r.body)
        res.check(r.status == 200 and web["meetings"] == d["meetings"] and r.headers.get("etag"),
                  "/open-data/oparl.json without login, with an ETag")
        paper = d["papers"][0]["mainFile"]["accessUrl"]
        path_ = paper[paper.index("/open-data/"):]
        f = c.get(path_)
        res.check(f.status == 200 and f.body.startswith(b"%PDF-"), "a paper's file can be fetched without login")
        minutes = d["meetings"][0]["resultsProtocol"]["accessUrl"]
        f = c.get(minutes[minutes.index("/open-data/"):])
        res.check(f.status == 200 and f.body.startswith(b"%PDF-"), "the published minutes as PDF without login")
        other = json.loads(subprocess.run([srv.bin, "--db", srv.db, "meeting", "material", "list", m2, "--json"],
                                          capture_output=True, text=True).stdout)
        oid = (other if isinstance(other, list) else other.get("files", other.get("material", [])))[0]["id"]
        res.check(c.get("/open-data/oparl/file/%s" % oid).status == 404 and
                  c.get("/open-data/oparl/file/minutes-%s" % m2).status == 404,
                  "nothing of an unpublished meeting through the file route")
    finally:
        srv.kill()

VALIDATE = r'''
import json, os, sys
import jsonschema
d = json.load(open(sys.argv[1]))
base = sys.argv[2]
store = {}
for f in os.listdir(base):
    s = json.load(open(os.path.join(base, f)))
    store[s["id"].split("#")[0]] = s
errors = []
for key, schema in (("persons", "person"), ("organizations", "organization"), ("posts", "post"),
                    ("memberships", "membership"), ("areas", "area")):
    s = json.load(open(os.path.join(base, schema + ".json")))
    resolver = jsonschema.RefResolver.from_schema(s, store=store)
    v = jsonschema.Draft3Validator(s, resolver=resolver)
    for i, x in enumerate(d[key]):
        for e in v.iter_errors(x):
            errors.append("%s[%d]: %s" % (key, i, e.message))
print(json.dumps({"errors": errors[:20], "n": {k: len(d[k]) for k in ("persons", "organizations", "posts", "memberships", "areas")}}))
'''


def debian_python(script, *args):
    """Runs script with Debian's Python, which has python3-jsonschema; its JSON output."""
    p = subprocess.run(["/usr/bin/python3", "-c", script, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("jsonschema: " + p.stderr)
    return json.loads(p.stdout)


def validate(path):
    return debian_python(VALIDATE, path, SCHEMAS)


def test(srv, res):
    srv.fk("person", "edit", "sg01", "--email", "hemmelig@demo-aarhus.dk", check=False)
    emails = [ln.split(",")[2] for ln in srv.fk("export", "appointments").splitlines()[1:] if ln.split(",")[2]]
    res.check(len(emails) > 0, "the register has e-mail addresses (%d)" % len(emails))
    path = os.path.join(srv.dir, "popolo.json")
    srv.fk("export", "popolo", path)
    v = validate(path)
    res.check(not v["errors"], "every object valid against the Popolo schemas: %s" % v["errors"])
    res.check(v["n"]["persons"] > 0 and v["n"]["memberships"] > 0 and v["n"]["organizations"] >= 12 and
              v["n"]["areas"] == 98 + 5, "persons, organizations, posts, memberships and areas: %s" % v["n"])
    text = open(path, encoding="utf-8").read()
    res.check(not any(e in text for e in emails) and "@" not in text, "no e-mail address in the document")
    d = json.loads(text)
    res.check(d["meta"]["license"] == "CC-BY-4.0", "the licence is stated")
    ids = {o["id"] for o in d["organizations"]}
    res.check(all(o.get("parent_id") in ids for o in d["organizations"] if "parent_id" in o),
              "every parent is an organization of the document")
    persons = {p["id"] for p in d["persons"]}
    res.check(all(m["person_id"] in persons and m["organization_id"] in ids for m in d["memberships"]),
              "every membership names a person and an organization of the document")
    res.check(any(m.get("area_id") == "area/kommune/751" for m in d["memberships"]),
              "a municipal seat carries its municipality as area")
    srv.start()
    try:
        c = srv.client()
        r = c.get("/open-data/popolo.json")
        res.check(r.status == 200 and json.loads(r.body) == d, "the page serves the same document without login")
        etag, lm = r.headers.get("etag"), r.headers.get("last-modified")
        res.check(etag and lm and lm.endswith("GMT"), "ETag %s and Last-Modified %s" % (etag, lm))
        r2 = c.request("GET", "/open-data/popolo.json", headers={"If-None-Match": etag})
        res.check(r2.status == 304, "If-None-Match: 304 (%d)" % r2.status)
        r3 = c.get("/api/v1/open-data/popolo")
        res.check(r3.status == 200 and json.loads(r3.body) == d, "the same document through the API")
        page = c.get("/open-data/")
        res.check(page.status == 200 and "Popolo" in page.text and "Navngivelse 4.0" in page.text,
                  "the explaining page, with the licence")
    finally:
        srv.kill()


def main():
    res = Results()
    srv = Server()
    try:
        test(srv, res)
        oparl(srv, res)
    finally:
        srv.close()
    return res.done("opendata")


if __name__ == "__main__":
    sys.exit(main())
