# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# check: exit status by severity, the JSON contract of SPEC §5.3, date validation.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
expect_rc 0 fk check --date 2026-11-27
has out 'vacancy'
expect_rc 0 fk check --json --date 2026-11-27
python3 - out <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["date"] == "2026-11-27", doc
assert doc["findings"], "vacancies expected"
for f in doc["findings"]:
    assert set(f) == {"rule", "severity", "body", "person", "message"}, f
    assert f["severity"] in ("error", "warning")
    assert f["rule"] == "vacancy" and f["person"] is None
PY
demo_rows() {
	printf '%s\n' "$header"
	printf 'p1,Anne,,kommune,751,styregruppe,kommune,it-digitaliseringschef,2021-01-01,2025-12-31\n'
	printf 'p1,Anne,,kommune,751,styregruppe,kommune,it-digitaliseringschef,2026-12-31,\n'
}
demo_rows > c.csv
expect_rc 0 fk import appointments c.csv
expect_rc 1 fk check --date 2027-01-15 --json
python3 - out <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
c = [f for f in doc["findings"] if f["rule"] == "cooloff"]
assert len(c) == 1 and c[0]["person"] == "p1" and c[0]["body"] == "styregruppe", doc
assert "1. januar 2027" in c[0]["message"], c[0]["message"]
PY
expect_rc 2 fk check --date 2027-02-30
has err 'gyldig dato'
expect_rc 2 fk check --date
expect_rc 2 fk check --bogus
expect_rc 0 fk check --body rg-forretning --date 2026-11-27
hasnt out 'styregruppe'
expect_rc 2 fk check --body nosuch
FKIGOV_TODAY=2027-01-15 expect_rc 1 fk check
