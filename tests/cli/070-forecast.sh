# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# forecast: leavers per quarter, earliest return, quota failures.
. "$ROOT/tests/cli/lib.sh"
demo
expect_rc 0 fk forecast --from 2026-11-27 --years 2 --json
python3 - out <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["from"] == "2026-11-27" and doc["years"] == 2
sg = next(b for b in doc["bodies"] if b["body"] == "styregruppe")
q = sg["quarters"][0]
assert q["quarter"] == "2026-K4" and q["start"] == "2026-11-27" and q["end"] == "2026-12-31", q
l = [x for x in q["leavers"] if x["person"] == "sg01"]
assert l and l[0]["reason"] == "term-limit" and l[0]["last_day"] == "2026-12-31" and l[0]["earliest_return"] == "2028-01-01", q
assert len(sg["quarters"]) == 9
for b in doc["bodies"]:
    for q in b["quarters"]:
        assert q["quota_ok"] == (q["senior"] >= q["required"])
PY
expect_rc 0 fk forecast --from 2026-11-27
has out 'Mette Kjær \(sg01\) fratræder 31. december 2026 \(valgperioden er udløbet\); kan genudpeges fra 1. januar 2028'
expect_rc 2 fk forecast --years 0
expect_rc 2 fk forecast --from 2026-02-30
