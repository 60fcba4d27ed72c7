#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""HTTP tests of the audit page's chain check against a real server: a small log is checked
on every view; past 20,000 rows the page offers "Kontrollér kæden nu" instead of hashing the
whole chain on each view, and ?verify=1 checks it; a row changed behind fkigov's back is
found either way when asked."""
import csv
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import Results, Server  # noqa: E402

res = Results()
srv = Server(demo=False).start()
try:
    viewer = srv.client("viewer")
    r = viewer.get("/audit")
    res.check(r.status == 200 and "Kæden er hel" in r.text and "Kontrollér kæden nu" not in r.text,
              "small log: checked on every view")
    # 10,001 historical appointments and their people: 20,002 more audit rows.
    path = os.path.join(srv.dir, "mange.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow("person,name,email,organisation,municipality,body,seat,profile,start,end".split(","))
        for i in range(10001):
            y = 1990 + i % 30
            w.writerow(["h%05d" % i, "Historisk %d" % i, "", "kommune", "101", "rg-forretning", "kommune",
                        "digitaliseringskonsulent", "%d-01-01" % y, "%d-06-30" % y])
    srv.fk("import", "appointments", path)
    newest = sqlite3.connect(srv.db).execute("SELECT max(id) FROM audit").fetchone()[0]
    res.check(newest > 20000, "more than 20,000 rows: %d" % newest)
    r = viewer.get("/audit")
    res.check(r.status == 200 and "Kontrollér kæden nu" in r.text and "Kæden er hel" not in r.text,
              "large log: not hashed on every view")
    res.check('name="verify" value="1"' in r.text, "the button asks for ?verify=1")
    r = viewer.get("/audit?verify=1")
    res.check(r.status == 200 and "Kæden er hel" in r.text and "alle %d rækker" % newest in r.text,
              "verify=1 checks the whole chain")
    # Tampering behind fkigov's back (the triggers are dropped first) is found when asked.
    db = sqlite3.connect(srv.db)
    db.execute("DROP TRIGGER IF EXISTS audit_no_update")
    db.execute("UPDATE audit SET actor = 'snyd' WHERE id = 5000")
    db.commit()
    db.close()
    r = viewer.get("/audit?verify=1")
    res.check("Kæden er brudt ved række 5000" in r.text, "a changed row is found")
finally:
    srv.close()
sys.exit(res.done("audit"))
