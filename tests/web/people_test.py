#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Register corrections over HTTP against a real server (issue 10, findings 7, 9, 12, 15):
a new person whose name or e-mail someone already has is not created before the form (or the
API) is told it is someone else; name and e-mail are edited through the page and the API; two
registrations of one person are merged (appointments moved, the other removed, audited; an
overlap refused); an appointment entered by mistake is deleted with a reason (audited); ids
are made from names; people are found by municipality and e-mail and sorted; the person page
explains a stint made of two appointments. Each refusal changes nothing. Roles: only the
secretariat."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import ROOT, Results, Server  # noqa: E402
from openapi_test import validate  # noqa: E402

SPEC = json.load(open(os.path.join(ROOT, "static", "openapi.json"), encoding="utf-8"))


def schema_ok(res, name, value, what):
    errs = validate(SPEC, {"$ref": "#/components/schemas/" + name}, value)
    res.check(not errs, "%s matches %s: %s" % (what, name, "; ".join(errs[:5])))


def main():
    res = Results()
    srv = Server()
    srv.start()
    try:
        run(srv, res)
    finally:
        srv.close()
    return res.done("people")


def npersons(api):
    return len(api.get("/api/v1/people").json()["people"])


def run(srv, res):
    admin = srv.client("admin")
    member = srv.client("member")
    api = srv.client()
    api.token = srv.tokens["admin"]
    api_viewer = srv.client()
    api_viewer.token = srv.tokens["viewer"]
    n0 = npersons(api)

    # ------------------------------------------------------------ a likely duplicate
    # sg01 is Mette Kjær, mkj@demo-koebenhavn.dk. The same e-mail in other case: asked first.
    r = admin.post_form("/person-new", {"key": "", "name": "M. Kjær", "email": "MKJ@demo-koebenhavn.dk"})
    res.check(r.status == 409, "same e-mail: the form asks first (%d)" % r.status)
    res.check('href="/people/sg01"' in r.text and "Findes personen allerede?" in r.text,
              "the form links to the one there")
    res.check('name="confirm" value="1"' in r.text and "Opret alligevel" in r.text,
              "the form asks to confirm")
    res.check(npersons(api) == n0, "nothing was created")
    r = admin.post_form("/person-new", {"key": "", "name": "mette kjær", "email": ""})
    res.check(r.status == 409, "same name (other case): asked first (%d)" % r.status)
    # Confirmed: created, the id made from the name.
    r = admin.post_form("/person-new", {"key": "", "name": "Mette Kjær", "email": "mette.k@demo-koebenhavn.dk",
                                        "confirm": "1"})
    res.check(r.status == 303 and "person=mette-kjaer" in r.headers.get("location", ""),
              "confirmed: created as mette-kjaer (%d %s)" % (r.status, r.headers.get("location")))
    r = admin.post_form("/person-new", {"key": "", "name": "Mette Kjær", "email": "", "confirm": "1"})
    res.check("person=mette-kjaer-2" in r.headers.get("location", ""), "the next gets -2")

    # API: 409 with the matches, then confirm.
    r = api.post_json("/api/v1/people", {"name": "Lars  Holm", "email": "lho@demo-aarhus.dk"})
    res.check(r.status == 409 and any(x["person"] == "sg02" for x in r.json()["similar"]),
              "API: same e-mail answers 409 with sg02: %d %s" % (r.status, r.text[:200]))
    if r.status == 409:
        schema_ok(res, "PersonDuplicate", r.json(), "409 of POST /api/v1/people")
    r = api.post_json("/api/v1/people", {"name": "Ny Person", "email": "ikke-en-adresse"})
    res.check(r.status == 400 and "email" in r.json()["fields"], "API: a bad e-mail is 400")
    r = api.post_json("/api/v1/people", {"name": "Åse Ærø Øby"})
    res.check(r.status == 201 and r.json()["person"] == "aase-aeroe-oeby",
              "API: id from the name: %d %s" % (r.status, r.text[:200]))
    if r.status == 201:
        schema_ok(res, "PersonCreated", r.json(), "201 of POST /api/v1/people")
    r = api_viewer.post_json("/api/v1/people", {"name": "Viewer Forsøg"})
    res.check(r.status == 403, "API: a viewer may not create (%d)" % r.status)

    # ------------------------------------------------------------ edit
    r = admin.get("/people/mette-kjaer-2/edit")
    res.check(r.status == 200 and 'value="Mette Kjær"' in r.text, "edit form with the name")
    r = admin.post_form("/people/mette-kjaer-2/edit", {"name": "", "email": "x@y"})
    res.check(r.status == 400 and "Skriv personens fulde navn" in r.text and "ligner ikke en e-mailadresse" in r.text,
              "edit: both errors shown (%d)" % r.status)
    r = admin.post_form("/people/mette-kjaer-2/edit", {"name": "Mette Bruun Kjær", "email": "mbk@demo-koebenhavn.dk"})
    res.check(r.status == 303 and r.headers.get("location") == "/people/mette-kjaer-2?rettet=1",
              "edit saved: %d %s" % (r.status, r.headers.get("location")))
    p = api.get("/api/v1/people/mette-kjaer-2").json()
    res.check(p["name"] == "Mette Bruun Kjær" and p["email"] == "mbk@demo-koebenhavn.dk", "edit stored: %s" % p)
    r = member.post_form("/people/mette-kjaer-2/edit", {"name": "Hack", "email": ""})
    res.check(r.status == 403, "a member may not edit (%d)" % r.status)
    r = api.post_json("/api/v1/people/mette-kjaer-2", {"email": None})
    res.check(r.status == 200 and r.json()["email"] is None and r.json()["name"] == "Mette Bruun Kjær",
              "API edit removes the e-mail, keeps the name: %d %s" % (r.status, r.text[:200]))
    if r.status == 200:
        schema_ok(res, "PersonEdited", r.json(), "200 of POST /api/v1/people/{id}")
    r = api.post_json("/api/v1/people/mette-kjaer-2", {"name": "Mette Kjær"})
    res.check(r.status == 200 and any(x["person"] == "sg01" for x in r.json()["similar"]),
              "API edit tells of the others with the same name")
    r = api.post_json("/api/v1/people/nobody", {"name": "X"})
    res.check(r.status == 404, "API edit of an unknown person: %d" % r.status)
    r = admin.get("/people/mette-kjaer-2")
    res.check("læg sammen med Mette Kjær" in r.text and "/people/mette-kjaer-2/merge?other=sg01" in r.text,
              "the person page offers the merge with the namesake")

    # ------------------------------------------------------------ merge
    # mette-kjaer gets an appointment to a reference group; merged into sg01 it moves there.
    r = api.post_json("/api/v1/appointments", {"person": "mette-kjaer", "organisation": "kommune",
                                               "municipality": "101", "body": "rg-forretning", "seat": "kommune",
                                               "profile": "digitaliseringskonsulent", "start": "2025-01-01",
                                               "end": "2025-06-30"})
    res.check(r.status == 201, "appointment for the duplicate: %d %s" % (r.status, r.text[:300]))
    # An overlapping appointment to the same body: the merge is refused, nothing changes.
    r = api.post_json("/api/v1/appointments", {"person": "mette-kjaer-2", "organisation": "kommune",
                                               "municipality": "101", "body": "styregruppe", "seat": "kommune",
                                               "profile": "it-digitaliseringschef", "start": "2024-01-01"})
    res.check(r.status == 201, "overlapping appointment for the second duplicate: %d" % r.status)
    overlap_id = r.json().get("id") if r.status == 201 else None
    r = admin.post_form("/people/sg01/merge", {"gone": "mette-kjaer-2"})
    res.check(r.status == 400 and "overlapper" in r.text, "an overlap refuses the merge (%d)" % r.status)
    res.check(api.get("/api/v1/people/mette-kjaer-2").status == 200, "nothing changed")
    r = admin.post_form("/people/sg01/merge", {"gone": ""})
    res.check(r.status == 400 and "Vælg den registrering" in r.text, "merge without a choice: 400")
    r = admin.get("/people/sg01/merge?other=mette-kjaer")
    res.check(r.status == 200 and re.search(r'<option value="mette-kjaer" selected>', r.text),
              "the merge form preselects ?other=")
    res.check("Mette Kjær – København (sg01)" not in r.text, "the one kept is not offered")
    r = admin.post_form("/people/sg01/merge", {"gone": "mette-kjaer"})
    res.check(r.status == 303 and r.headers.get("location") == "/people/sg01?sammenlagt=1",
              "merged: %d %s" % (r.status, r.headers.get("location")))
    res.check(api.get("/api/v1/people/mette-kjaer").status == 404, "the duplicate is gone")
    bodies = [a["body"] for a in api.get("/api/v1/people/sg01").json()["appointments"]]
    res.check("rg-forretning" in bodies and "styregruppe" in bodies, "the appointment moved: %s" % bodies)
    r = admin.get("/people/sg01?sammenlagt=1")
    res.check("Personerne er lagt sammen" in r.text, "the person page says so")
    rows = api.get("/api/v1/audit?entity=person&limit=50").json()["audit"]
    res.check(any(x["action"] == "merge" and x["entity_id"] == "mette-kjaer" for x in rows),
              "the merge is audited")

    # API merge: delete the overlap first (with a reason), then merge.
    r = api.post_json("/api/v1/appointments/%s/delete" % overlap_id, {})
    res.check(r.status == 400 and "reason" in r.json()["fields"], "API delete without a reason: 400")
    r = api.post_json("/api/v1/appointments/%s/delete" % overlap_id, {"reason": "Oprettet på dubletten ved en fejl"})
    res.check(r.status == 200 and r.json()["deleted"] == overlap_id, "API delete: %d %s" % (r.status, r.text[:200]))
    if r.status == 200:
        schema_ok(res, "DeleteResult", r.json(), "200 of POST /api/v1/appointments/{id}/delete")
    r = api.post_json("/api/v1/appointments/%s/delete" % overlap_id, {"reason": "igen"})
    res.check(r.status == 404, "API delete twice: 404 (%d)" % r.status)
    r = api.post_json("/api/v1/people/sg01/merge", {"gone": "sg01"})
    res.check(r.status == 400, "API merge with itself: 400")
    r = api.post_json("/api/v1/people/sg01/merge", {"gone": "nobody"})
    res.check(r.status == 400 and "nobody" in r.json()["fields"]["gone"], "API merge of an unknown: 400")
    r = api.post_json("/api/v1/people/nobody/merge", {"gone": "sg01"})
    res.check(r.status == 404, "API merge into an unknown: 404 (%d)" % r.status)
    r = api.post_json("/api/v1/people/sg01/merge", {"gone": "mette-kjaer-2"})
    res.check(r.status == 200 and r.json() == {"person": "sg01", "merged": "mette-kjaer-2", "moved": 0},
              "API merge: %d %s" % (r.status, r.text[:200]))

    # ------------------------------------------------------------ delete through the page
    appts = api.get("/api/v1/appointments?person=sg01").json()["appointments"]
    rf = next(a for a in appts if a["body"] == "rg-forretning")
    r = admin.get("/appointments/%d/delete" % rf["id"])
    res.check(r.status == 200 and "skriv den sidste dag" in r.text, "the delete page points to ending instead")
    r = admin.post_form("/appointments/%d/delete" % rf["id"], {"reason": ""})
    res.check(r.status == 400 and "Skriv, hvorfor udpegningen slettes" in r.text, "delete without a reason: 400")
    r = admin.post_form("/appointments/%d/delete" % rf["id"], {"reason": "Registreret to gange"})
    res.check(r.status == 303 and r.headers.get("location") == "/people/sg01?slettet=1", "deleted: %d" % r.status)
    rows = api.get("/api/v1/audit?entity=appointment&limit=200").json()["audit"]
    res.check(any(x["action"] == "delete" and "Registreret to gange" in (x.get("after") and json.dumps(x["after"], ensure_ascii=False) or "")
                  for x in rows), "the deletion and its reason are audited")

    # ------------------------------------------------------------ find and sort
    r = admin.get("/people?q=aarhus")
    res.check("sg02" in r.text and "Mette" not in r.text, "found by municipality")
    r = admin.get("/people?q=demo-odense")
    res.check("sg03" in r.text, "found by e-mail when logged in")
    r = srv.client().get("/people?q=demo-odense")
    res.check("sg03" not in r.text, "not by e-mail when anonymous (e-mails are private)")
    r = admin.get("/people?sort=navn&dir=desc")
    names = re.findall(r'<th scope="row"><a href="/people/([^"]+)"', r.text)
    res.check(len(names) > 5 and names[0] != "rf03", "sorted by name descending: %s" % names[:3])
    res.check('aria-sort="descending"' in r.text and "sort&#61;navn&amp;dir&#61;asc" in r.text,
              "aria-sort and the link that turns the order")

    # ------------------------------------------------------------ a stint of two appointments
    srv.fk("person", "add", "p10", "--name", "Bo Periode")
    srv.fk("appoint", "p10", "rg-forretning", "--seat", "kommune", "--municipality", "101",
           "--profile", "fagperson-digital", "--start", "2022-01-01", "--end", "2025-12-31", check=False)
    srv.fk("appoint", "p10", "rg-forretning", "--seat", "kommune", "--municipality", "101",
           "--profile", "fagperson-digital", "--start", "2026-09-01", check=False)
    r = admin.get("/people/p10")
    res.check("Pausen fra 1. jan. 2026 til 31. aug. 2026 var under et år, så de to udpegninger tæller som én periode."
              in r.text, "the stint is explained")
    res.check("perioden startede 1. jan. 2022" in r.text, "the last allowed day says where it counts from")
    out = srv.fk("audit", "verify")
    res.check("hel" in out, "the audit chain holds")


if __name__ == "__main__":
    sys.exit(main())
