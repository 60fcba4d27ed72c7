# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# cycle plan --save: the year's meetings stored and audited; re-planning a year whose meetings
# have agendas is refused unless --force; meeting list and show.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
dates=2027-03-04,2027-06-10,2027-09-09,2027-12-02
expect_rc 2 fk cycle plan 2027 --save
has err 'kræver --dates'
expect_rc 2 fk cycle plan 2027 --dates $dates --force
expect_rc 2 fk cycle plan 2027 --dates 2027-03-25 --save
has err 'Skærtorsdag'
expect_rc 0 fk meeting list
has out 'Ingen møder planlagt'
expect_rc 0 fk cycle plan 2027 --dates $dates --save --json
has err '4 møder i 2027 er gemt'
expect_rc 0 fk meeting list --year 2027 --json
python3 - out <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["meetings"]
assert [m["number"] for m in d] == [1, 2, 3, 4], d
m = d[0]
assert m["date"] == "2027-03-04" and m["start"] == "09:00" and m["end"] == "13:00", m
assert m["deadlines"] == {"proposals": "2027-02-04", "statuses": "2027-02-04", "dispatch": "2027-02-18"}, m
assert m["state"] == "planned" and m["inspiration"] is None and m["minutes_available"] == 240, m
PY
expect_rc 0 fk meeting list
has out '^1 +1/2027 +4\. marts 2027 +09\.00-13\.00 +4\. februar 2027 +18\. februar 2027 +planlagt'
expect_rc 0 fk audit log --entity meeting
has out 'create'
# Re-planning without agendas: the same ids, new dates.
expect_rc 0 fk cycle plan 2027 --dates 2027-03-11,2027-06-10,2027-09-09,2027-12-02 --save
expect_rc 0 fk meeting show 1 --json
python3 -c "import json; d=json.load(open('out')); assert d['id']==1 and d['date']=='2027-03-11' and d['items']==[], d"
# With an agenda: refused unless --force; an unchanged meeting may keep its agenda.
expect_rc 0 fk meeting agenda 1
expect_rc 2 fk cycle plan 2027 --dates 2027-03-04,2027-06-10,2027-09-09,2027-12-02 --save
has err 'Møde 1 den 11\. marts 2027 har allerede en dagsorden'
expect_rc 0 fk meeting show 1 --json
python3 -c "import json; d=json.load(open('out')); assert d['date']=='2027-03-11', d"
expect_rc 0 fk cycle plan 2027 --dates 2027-03-11,2027-06-17,2027-09-09,2027-12-02 --save
expect_rc 0 fk cycle plan 2027 --dates 2027-03-04,2027-06-10 --save --force
expect_rc 0 fk meeting list --year 2027 --json
python3 -c "import json; d=json.load(open('out'))['meetings']; assert [(m['id'],m['date']) for m in d]==[(1,'2027-03-04'),(2,'2027-06-10')], d"
expect_rc 0 fk meeting show 1 --json
python3 -c "import json; d=json.load(open('out')); assert len(d['items'])==7, d"
expect_rc 0 fk audit log --entity meeting
has out 'delete'
expect_rc 2 fk meeting show 99
has err 'intet møde med nummer 99'
expect_rc 2 fk meeting show x
expect_rc 2 fk meeting frobnicate 1
expect_rc 0 fk meeting --help
expect_rc 0 fk audit verify
