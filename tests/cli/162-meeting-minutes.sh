# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Dispatch freezes the agenda (later changes are amendments with a reason); minutes per item,
# approval and publication; the decision log across years (FTS5); the meeting rules of check.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
fk person add k1 --name "Anne Kommune" >/dev/null
fk appoint k1 styregruppe --seat kommune --municipality 751 --profile it-digitaliseringschef --start 2024-01-01 >/dev/null
fk cycle plan 2027 --dates 2027-03-04,2027-06-10,2027-09-09,2027-12-02 --save >/dev/null 2>&1
fk cycle plan 2028 --dates 2028-03-02 --save >/dev/null 2>&1
# Before any deadline the meetings are fine; 2028 has too few meetings (a warning).
expect_rc 0 fk check --date 2027-01-10 --json
python3 -c "import json; d=json.load(open('out')); r=[x['rule'] for x in d['findings'] if x['body'].startswith('meeting')]; assert r==[], r"
expect_rc 0 fk check --date 2028-01-10 --json
python3 -c "import json; d=json.load(open('out')); f=[x for x in d['findings'] if x['rule']=='meetings-per-year']; assert len(f)==1 and f[0]['severity']=='warning' and f[0]['body']=='meetings-2028', f"
# Past the dispatch deadline, not dispatched: dispatch-late (error), material-missing for the
# two orientations, inspiration-missing.
fk meeting agenda 1 >/dev/null
expect_rc 2 fk meeting dispatch 2
has err 'ingen dagsorden at udsende'
expect_rc 1 fk check --date 2027-02-19 --json
python3 - out <<'PY'
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["body"] == "meeting-1"]
r = sorted(x["rule"] for x in f)
assert r == ["dispatch-late", "inspiration-missing", "material-missing", "material-missing"], r
assert all(x["person"] is None for x in f)
PY
has out 'Udsend den nu'
fk meeting item 1 --item 1 --material "kl.pdf" >/dev/null 2>&1
fk meeting item 1 --item 2 --material "kombit.pdf" >/dev/null 2>&1
fk meeting inspiration 1 >/dev/null
FKIGOV_TODAY=2027-02-04 expect_rc 0 fk meeting propose 1 --person k1 --title "Akut: NemLog-in" --text "x" --kind orientering --minutes 10
# Dispatch: on a date after the meeting refused; then frozen.
expect_rc 2 fk meeting dispatch 1 --date 2027-03-05
has err 'efter mødet'
expect_rc 2 fk meeting dispatch 1 --date 2027-02-30
FKIGOV_TODAY=2027-02-17 expect_rc 0 fk meeting dispatch 1
has out 'udsendt og låst'
expect_rc 2 fk meeting dispatch 1
has err 'allerede udsendt'
expect_rc 0 fk check --date 2027-02-19 --json
python3 -c "import json; d=json.load(open('out')); r=[x['rule'] for x in d['findings'] if x['body']=='meeting-1']; assert r==[], r"
expect_rc 2 fk meeting item 1 --item 4 --minutes 20
has err 'som en rettelse med en begrundelse'
expect_rc 2 fk meeting agenda 1
has err 'udsendt'
expect_rc 2 fk meeting amend 1 --item 4 --minutes 20
has err '^fkigov: --reason: '
expect_rc 0 fk meeting amend 1 --item 4 --minutes 20 --reason "Porteføljen er kortere denne gang"
expect_rc 0 fk meeting show 1
has out 'Rettelse: Porteføljen er kortere denne gang'
# A proposal accepted after dispatch: only with a reason, shown as an amendment.
FKIGOV_TODAY=2027-02-20 expect_rc 2 fk meeting propose 1 --person k1 --title "Sent" --text "x"
has err 'Fristen for forslag var 4\. februar 2027'
expect_rc 2 fk meeting accept 1 1
has err 'Dagsordenen er udsendt'
expect_rc 0 fk meeting accept 1 1 --reason "Aftalt med formanden"
expect_rc 0 fk meeting show 1 --json
python3 -c "import json; d=json.load(open('out')); i=d['items'][-1]; assert i['title']=='Akut: NemLog-in' and i['amended']=='Aftalt med formanden' and not d['proposals'][0]['late'], d"
# A proposal made late by moving the meeting earlier: accepted only with a reason.
FKIGOV_TODAY=2027-05-13 expect_rc 0 fk meeting propose 2 --person k1 --title "Data" --text "x"
expect_rc 2 fk cycle plan 2027 --dates 2027-03-04,2027-06-03,2027-09-09,2027-12-02 --save
has err 'Møde 2 den 10\. juni 2027 har allerede en dagsorden eller forslag'
expect_rc 0 fk cycle plan 2027 --dates 2027-03-04,2027-06-03,2027-09-09,2027-12-02 --save --force
expect_rc 2 fk meeting accept 2 2
has err 'efter fristen 5\. maj 2027' # 6 May is Kristi himmelfartsdag
expect_rc 0 fk meeting accept 2 2 --reason "Mødet blev flyttet"
expect_rc 0 fk meeting show 2 --json
python3 -c "import json; d=json.load(open('out')); p=d['proposals'][0]; assert p['late'] and p['reason']=='Mødet blev flyttet' and p['state']=='accepted', d"
# The secretariat registers a member's proposal after the deadline (--late); it is then
# accepted only with a recorded reason.
FKIGOV_TODAY=2027-08-20 expect_rc 2 fk meeting propose 3 --person k1 --title "Efter fristen" --text "x"
has err 'Fristen for forslag var'
FKIGOV_TODAY=2027-08-20 expect_rc 0 fk meeting propose 3 --person k1 --title "Efter fristen" --text "x" --late
pid=$(sed -n 's/^Forslag \([0-9]*\) er indsendt.*/\1/p' out)
[ -n "$pid" ] || fail "intet forslagsnummer"
expect_rc 2 fk meeting accept 3 "$pid"
expect_rc 0 fk meeting accept 3 "$pid" --reason "Sekretariatet har aftalt det med formanden"
expect_rc 0 fk meeting show 3 --json
python3 -c "import json; d=json.load(open('out')); p=[x for x in d['proposals'] if x['title']=='Efter fristen'][0]; assert p['late'] and p['state']=='accepted' and p['reason'].startswith('Sekretariatet'), p"
# Minutes: not before the meeting day; then per item; approval needs every item.
expect_rc 2 fk meeting minutes 1 --item 1 --outcome beslutning --text "x"
has err 'fra mødedagen'
export FKIGOV_TODAY=2027-03-04
expect_rc 2 fk meeting minutes 1 --item 1 --outcome vedtaget --text "x"
has err '^fkigov: --outcome: '
expect_rc 2 fk meeting approve 1
has err 'intet referat'
expect_rc 0 fk meeting minutes 1 --item 6 --outcome beslutning --text "Styregruppen godkendte målene for fællesoffentlig login-løsning."
expect_rc 2 fk meeting approve 1
has err 'Punkt 1 »Kort orientering fra KL« mangler referat'
for i in 1 2 3 4 5 7 8; do
	fk meeting minutes 1 --item $i --outcome taget-til-efterretning --text "Taget til efterretning." >/dev/null
done
expect_rc 0 fk meeting minutes 1 --item 5 --outcome rådgivning --text "Styregruppen rådgav FKI om arkitekturen."
expect_rc 2 fk meeting publish 1
has err 'godkendes'
expect_rc 0 fk meeting approve 1
expect_rc 2 fk meeting minutes 1 --item 5 --outcome udsat --text "x"
has err 'godkendt'
expect_rc 0 fk meeting publish 1
expect_rc 0 fk meeting show 1 --json
python3 -c "import json; d=json.load(open('out')); assert d['state']=='published' and d['items'][4]['outcome']=='rådgivning', d"
# The decision log: words anywhere, prefix, across years, --year, --published.
expect_rc 0 fk decisions search "login"
has out 'møde 1/2027 \(id 1\), punkt 6: Status på målsætninger'
expect_rc 0 fk decisions search "arkitekt" --json
python3 -c "import json; d=json.load(open('out'))['decisions']; assert len(d)==1 and d[0]['outcome']=='rådgivning' and d[0]['item']==5, d"
expect_rc 0 fk decisions search "login" --year 2028 --json
python3 -c "import json; d=json.load(open('out')); assert d['decisions']==[] and d['year']==2028, d"
expect_rc 0 fk decisions search "2027 efterretning" --published --json
python3 -c "import json; d=json.load(open('out'))['decisions']; assert len(d)==6, d"
expect_rc 0 fk decisions search 'he"st OR'
has out 'Ingen beslutninger'
expect_rc 2 fk decisions search '  '
expect_rc 2 fk decisions list
expect_rc 0 fk audit log --entity meeting
has out 'publish'
has out 'amend'
expect_rc 0 fk audit verify
