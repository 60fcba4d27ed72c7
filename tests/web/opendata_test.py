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


def validate(path):
    p = subprocess.run(["/usr/bin/python3", "-c", VALIDATE, path, SCHEMAS], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("jsonschema: " + p.stderr)
    return json.loads(p.stdout)


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
    finally:
        srv.close()
    return res.done("opendata")


if __name__ == "__main__":
    sys.exit(main())
