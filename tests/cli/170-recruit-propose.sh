# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Issue 13, SPEC §7.3: fkigov recruit propose on a candidates file. The JSON contract
# (body, date, seats, selected sorted by id, ineligible in file order with reason and
# message), every reason of §7.1 with the day a former member may return, --seats and
# --min-score, a semicolon file with a BOM, and bad input refused with exit 2 and
# file:line:column.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
h='person,name,email,organisation,municipality,body,seat,profile,start,end'
printf '%s\n%s\n%s\n%s\n%s\n' "$h" \
	'aa,Anne Aarhus,,kommune,751,rg-forretning,kommune,digitaliseringskonsulent,2025-01-01,' \
	'bb,Bo Borg,,kommune,101,rg-forretning,kommune,fagperson-digital,2019-03-01,2026-06-29' \
	'cc,Carl Cool,,kommune,461,rg-forretning,kommune,fagperson-digital,2022-03-01,2027-02-28' \
	'kl,Kim KL,,KL,,rg-forretning,KL,,2020-01-01,' > reg.csv
fk import appointments reg.csv >/dev/null
expect_rc 0 fk recruit --help
has out 'recruit propose --body ORGAN --date'
printf 'candidate,person,name,municipality,profile,score\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n' \
	'k4,,Dina,851,fagperson-digital,70' \
	'k1,aa,Anne,751,digitaliseringskonsulent,90' \
	'k2,bb,Bo,101,fagperson-digital,88' \
	'k3,cc,Carl,461,fagperson-digital,85' \
	'k5,,Eva,999,fagperson-digital,99' \
	'k6,,Finn,330,it-arkitekt,99' \
	'k10,,Gry,615,fagperson-digital,70' \
	'k7,,Hans,147,digitaliseringskonsulent,59.9' > c.csv
expect_rc 0 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates c.csv --json --min-score 60
python3 - out <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["body"] == "rg-forretning" and d["date"] == "2027-03-01", d
assert d["seats"] == 5, d  # six municipal seats, Anne stays
inel = [(x["candidate"], x["reason"]) for x in d["ineligible"]]
assert inel == [("k1", "serving"), ("k2", "cooloff"), ("k3", "term-limit"), ("k5", "municipality"),
                ("k6", "profile"), ("k7", "score")], inel
k2 = d["ineligible"][1]
assert k2["eligible_from"] == "2027-06-30" and "30. juni 2027" in k2["message"], k2  # left 2026-06-29
# eligible: k4 (851) and k10 (615): both selected, sorted by id as strings
assert d["selected"] == ["k10", "k4"], d["selected"]
PY
# --seats 1: the one that brings a new region (Nordjylland) over a second Midtjylland
expect_rc 0 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates c.csv --json --seats 1
python3 -c "import json,sys; d=json.load(open('out')); assert d['seats']==1 and d['selected']==['k4'], d"
# A renewal within the term (3 years here): Dan's stint from 2024-03-02 may run to 2027-03-01, so
# an appointment from the day after his last day renews it; Carl's (from 2022-03-01) not.
printf '%s\n%s\n' "$h" 'dd,Dan Dal,,kommune,657,rg-forretning,kommune,fagperson-digital,2024-03-02,2027-02-28' > dan.csv
fk import appointments dan.csv >/dev/null 2>&1
printf 'candidate,person,municipality,profile,score\nk3,cc,461,fagperson-digital,85\nk8,dd,657,fagperson-digital,80\n' > renew.csv
expect_rc 0 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates renew.csv --json
python3 -c "import json,sys; d=json.load(open('out')); assert [(x['candidate'], x['reason'], x.get('last_allowed')) for x in d['ineligible']] == [('k3', 'term-limit', '2025-02-28')] and d['selected'] == ['k8'], d"
# The text form says why.
expect_rc 0 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates c.csv --seats 1
has out 'Anbefalet \(1\)'
has out 'k4: .*bringer Region Nordjylland ind'
has out 'k2 \(cooloff\): .*kan udpeges fra 30\. juni 2027'
# Excel's file: semicolons and a byte-order mark, columns in another order.
printf '\357\273\277score;profile;municipality;candidate\n62.5;fagperson-digital;851;x\n' > excel.csv
expect_rc 0 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates excel.csv --json
python3 -c "import json; d=json.load(open('out')); assert d['selected']==['x'], d"
# Bad input: exit 2, file:line:column, nothing else.
printf 'candidate,name,municipality,profile,score\nk1,A,851,fagperson-digital,70\nk1,B,852,fagperson-digital,100.5\nk3,C,85,fagperson-digital,7,5\n' > bad.csv
expect_rc 2 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates bad.csv
has err '^bad.csv:3:1: .*Kandidaten »k1« står også på linje 2'
has err '^bad.csv:3:[0-9]+: .*Scoren »100.5«'
has err '^bad.csv:4:[0-9]+: .*Kommunekoden »85« skal være tre cifre'
printf 'candidate,person,municipality,profile,score\na,bb,851,fagperson-digital,70\nb,bb,101,fagperson-digital,70\n' > twice.csv
expect_rc 2 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates twice.csv
has err '^twice.csv:3:3: .*Personen »bb« står også på linje 2'
printf 'candidate,person,municipality,profile,score\na,ukendt,851,fagperson-digital,70\nb,ukendt,101,fagperson-digital,70\n' > twice2.csv
expect_rc 2 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates twice2.csv
has err '^twice2.csv:3:3: .*Personen »ukendt« står også på linje 2'
printf 'candidate,municipality,profil,score\n' > cols.csv
expect_rc 2 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates cols.csv
has err 'Ukendt kolonne »profil«'
has err 'Kolonnen »profile« mangler'
expect_rc 2 fk recruit propose --body kl-direktion --date 2027-03-01 --candidates c.csv
has err 'ikke et organ med kommunale pladser'
expect_rc 2 fk recruit propose --body rg-forretning --date 2027-02-30 --candidates c.csv
expect_rc 2 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates c.csv --min-score 101
expect_rc 2 fk recruit propose --body rg-forretning --date 2027-03-01 --candidates findes-ikke.csv
expect_rc 2 fk recruit propose --body rg-forretning --candidates c.csv
