# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# cycle plan: the contract of SPEC §5.1, with and without a database.
. "$ROOT/tests/cli/lib.sh"
expect_rc 0 fk cycle plan 2027 --dates 2027-03-04,2027-06-10,2027-09-09,2027-12-02 --json
python3 - out <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["year"] == 2027 and len(doc["meetings"]) == 4, doc
m = doc["meetings"][0]
assert m == {"number": 1, "date": "2027-03-04", "start": "09:00", "end": "13:00",
             "deadlines": {"proposals": "2027-02-04", "statuses": "2027-02-04", "dispatch": "2027-02-18"}}, m
assert [x["number"] for x in doc["meetings"]] == [1, 2, 3, 4]
PY
# Numbered in date order, whatever order they are given in; --time moves start and end.
expect_rc 0 fk cycle plan 2027 --dates 2027-12-02,2027-03-04 --time 13:30 --json
python3 -c "import json; d=json.load(open('out')); m=d['meetings']; assert m[0]['date']=='2027-03-04' and m[1]['number']==2 and m[0]['start']=='13:30' and m[0]['end']=='17:30', d"
has err 'meetings-per-year'
# Not a working day, outside the year, bad input: exit 2.
expect_rc 2 fk cycle plan 2027 --dates 2027-03-25
has err 'Skærtorsdag'
expect_rc 2 fk cycle plan 2027 --dates 2028-01-05
expect_rc 2 fk cycle plan 2027 --dates 2027-03-27
expect_rc 2 fk cycle plan 2027 --dates 2027-02-30
expect_rc 2 fk cycle plan 2027 --dates 2027-03-04 --time 25:00
expect_rc 2 fk cycle plan 20x7
expect_rc 2 fk cycle plan
# Suggested dates when none are given: four working days.
expect_rc 0 fk cycle plan 2028 --json
python3 -c "import json; d=json.load(open('out')); assert len(d['meetings'])==4"
# With a database, its model is used.
fk init >/dev/null
expect_rc 0 fk cycle plan 2027 --dates 2027-03-04 --json
