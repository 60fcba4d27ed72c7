# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# The steering group's goals: add, status reports over time, list, show; bad input exit 2.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
export FKIGOV_ACTOR=sekretariat

expect_rc 0 fk goal --help
has out 'goal add ÅR'
expect_rc 2 fk goal add 27 --text x --indicator y --target z
has err '^fkigov: ÅR: »27« er ikke et årstal mellem 2000 og 2199'
expect_rc 2 fk goal add 2027 --text " " --indicator y --target z --set-on 2026-11-28
has err '^fkigov: --text: Skriv målet\.$'
has err '^fkigov: --set-on: Datoen, målet blev fastlagt, ligger efter i dag'
expect_rc 2 fk goal add 2027 --text x
has err 'angiv ÅR, --text, --indicator og --target'
expect_rc 0 fk goal list
has out '^0 mål\.$'

expect_rc 0 fk goal add 2027 --text "Alle kommuner på NgDP" --indicator "Antal kommuner" \
	--target "98 ved udgangen af 2027" --set-on 2026-11-20
has out '^Mål 1 for 2027 er gemt\.$'
expect_rc 0 fk goal add 2026 --text "Færre nedbrud" --indicator "Timer nede" --target "Under 10"
has out '^Mål 2 for 2026 er gemt\.$'

expect_rc 2 fk goal status 1 --status grøn --note x
has err '^fkigov: --status: »grøn« er ikke en status\. Vælg på-sporet, forsinket, nået eller opgivet\.$'
expect_rc 2 fk goal status 1 --status nået --note x --date 2026-11-19
has err 'før målet blev fastlagt \(20\. november 2026\)'
expect_rc 2 fk goal status 9 --status nået --note x
has err 'mål 9 findes ikke'
expect_rc 2 fk goal status en --status nået --note x
expect_rc 0 fk goal status 1 --status på-sporet --note "God fremdrift" --date 2026-11-21
expect_rc 0 fk goal status 1 --status forsinket --note "To kommuner mangler"
has out 'Forsinket'

expect_rc 0 fk goal list --year 2027 --json
python3 - out <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))["goals"]
assert len(g) == 1 and g[0]["id"] == 1 and g[0]["year"] == 2027, g
x = g[0]
assert x["status"] == "forsinket" and x["status_date"] == "2026-11-27", x
assert [h["status"] for h in x["history"]] == ["på-sporet", "forsinket"], x["history"]
assert x["set_on"] == "2026-11-20" and x["history"][0]["actor"] == "sekretariat"
PY
expect_rc 0 fk goal list
has out '^2  2026  Ingen status endnu$'
has out '^2 mål\.$'
expect_rc 0 fk goal show 1
has out 'Indikator: +Antal kommuner'
has out '21\. november 2026  På sporet \(sekretariat\)'
expect_rc 2 fk goal show 3
expect_rc 2 fk goal list --year 27

expect_rc 0 fk audit log --entity goal --json
python3 - out <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["audit"]
assert [r["action"] for r in rows] == ["create", "create", "update", "update"], rows
assert rows[3]["before"]["status"] == "på-sporet" and rows[3]["after"]["status"] == "forsinket"
assert rows[2]["before"]["status"] is None
PY
expect_rc 0 fk audit verify
