#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Sortable tables without JavaScript (issue 10): the column headers of /cases and /people
are links with ?sort=&dir=, aria-sort marks the sorted column, the rows follow, and an
unknown sort key falls back to the default order without an error."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import Results, Server  # noqa: E402

res = Results()
srv = Server()
try:
    for title, day in (("Beta om drift", "2027-01-05"), ("Alfa om data", "2027-01-06"),
                       ("Gamma om login", "2027-01-04")):
        os.environ["FKIGOV_TODAY"] = day
        srv.fk("case", "raise", "--title", title, "--text", "Tekst.", "--by", "rg-drift-forvaltning")
    os.environ.pop("FKIGOV_TODAY", None)
    srv.start()
    admin = srv.client("admin")

    def titles(path):
        r = admin.get(path)
        res.check(r.status == 200, "%s: %d" % (path, r.status))
        body = r.text.split("<tbody>", 1)[-1]
        return re.findall(r'<th scope="row"><a href="/cases/[^"]+">([^<]+)</a>', body), r.text

    def unescaped(page):
        return page.replace("&#61;", "=").replace("&amp;", "&")

    t, page = titles("/cases")
    page = unescaped(page)
    res.check(len(t) == 3, "three cases listed: %s" % t)
    default = t
    res.check('aria-sort="descending"' in page and "sort=rejst&dir=asc" in page,
              "by default newest first, marked on Rejst")
    t, page = titles("/cases?sort=sag&dir=asc")
    page = unescaped(page)
    res.check(t == ["Alfa om data", "Beta om drift", "Gamma om login"], "by title: %s" % t)
    res.check(re.search(r'aria-sort="ascending"><a class="sort" href="/cases\?sort=sag&dir=desc"', page)
              is not None, "the sorted header turns the order on the next click")
    t, _ = titles("/cases?sort=sag&dir=desc")
    res.check(t == ["Gamma om login", "Beta om drift", "Alfa om data"], "by title, descending: %s" % t)
    t, _ = titles("/cases?sort=findes-ikke&dir=asc")
    res.check(t == default, "unknown sort key: the default order: %s" % t)
    t, page = titles("/cases?q=om&sort=sag&dir=asc")
    res.check("q=om&sort=" in unescaped(page), "the search is kept in the header links")

    r = admin.get("/people?sort=navn&dir=desc")
    names = re.findall(r'<th scope="row"[^>]*><a href="/people/[^"]+">([^<]+)</a>', r.text)
    res.check(r.status == 200 and names == sorted(names, key=str.lower, reverse=True) and len(names) > 5,
              "/people by name, descending")
finally:
    srv.close()
sys.exit(res.done("sort"))
