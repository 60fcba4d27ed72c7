# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# person, appoint, appointment end, body list/show.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
expect_rc 0 fk person add p1 --name "Anne Hansen" --email anne@example.dk
expect_rc 2 fk person add p1 --name "Anne Igen"
has err 'findes allerede'
expect_rc 2 fk person add "bad id" --name X
expect_rc 0 fk appoint p1 styregruppe --seat kommune --municipality 751 --profile it-digitaliseringschef --start 2022-01-01
has out 'udpeget'
expect_rc 2 fk appoint nobody styregruppe --seat KL --start 2022-01-01
has err 'person add'
expect_rc 2 fk appoint p1 rg-forretning --seat kommune --municipality 999 --profile fagperson-digital --start 2022-01-01
has err '^fkigov: --municipality: '
expect_rc 2 fk appoint p1 styregruppe --seat kommune --municipality 751 --profile it-digitaliseringschef --start 2023-01-01
has err 'overlapper'
expect_rc 0 fk person list
has out 'p1 +Anne Hansen +styregruppe'
expect_rc 0 fk person show p1 --json
has out 'anne@example.dk'
expect_rc 2 fk person show nobody
expect_rc 0 fk body list
has out 'styregruppe +Kommunestyregruppe +1 af 11 pladser besat'
FKIGOV_TODAY=2026-11-27 expect_rc 0 fk body show styregruppe
has out 'Anne Hansen +Aarhus +Region Midtjylland +kommune +it-digitaliseringschef +2022-01-01 +2026-12-31 +4 år og 10 måneder'
has out 'ADVARSEL term-expiring'
expect_rc 0 fk body show styregruppe --json --date 2026-11-27
python3 - out <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
assert b["id"] == "styregruppe" and b["seats"] == {"kommune": 9, "KL": 1, "UDK": 1}, b
m = b["members"][0]
assert m["person"] == "p1" and m["last_allowed_day"] == "2026-12-31" and m["municipality"]["region"] == "Region Midtjylland", m
assert {"seat": "kommune", "count": 8} in b["vacancies"], b["vacancies"]
PY
expect_rc 2 fk body show nosuch
expect_rc 2 fk appointment end p1 styregruppe --end 2021-12-31
has err 'før'
expect_rc 0 fk appointment end p1 styregruppe --end 2026-12-31
expect_rc 0 fk export appointments
has out '^p1,Anne Hansen,anne@example.dk,kommune,751,styregruppe,kommune,it-digitaliseringschef,2022-01-01,2026-12-31$'
expect_rc 0 fk municipalities
has out '^101  København'
has out '98 kommuner, 6025511 indbyggere pr. 2026-01-01'
expect_rc 0 fk municipalities --region Nordjylland --json
python3 -c "import json,sys; d=json.load(open('out')); assert len(d['municipalities'])==11"
expect_rc 2 fk municipalities --region Atlantis
