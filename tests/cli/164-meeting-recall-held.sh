# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Issue 10: a dispatch is taken back with a reason while the meeting is ahead (audited), and a
# meeting that was held without a dispatch in fkigov (a year planned mid-way, a meeting taken
# over from Word) is recorded as held, so its minutes can be written.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
fk cycle plan 2027 --dates 2027-03-04,2027-06-10,2027-09-09,2027-12-02 --save >/dev/null 2>&1
fk meeting agenda 1 >/dev/null
fk meeting agenda 2 >/dev/null
# Recall: only after a dispatch, only with a reason, only before the meeting day.
FKIGOV_TODAY=2027-02-01 expect_rc 2 fk meeting recall 1 --reason "x"
has err 'ikke udsendt'
FKIGOV_TODAY=2027-02-01 expect_rc 0 fk meeting dispatch 1
FKIGOV_TODAY=2027-02-02 expect_rc 2 fk meeting recall 1
has err '^fkigov: --reason: '
FKIGOV_TODAY=2027-03-04 expect_rc 2 fk meeting recall 1 --reason "For sent"
has err 'før mødedagen'
FKIGOV_TODAY=2027-02-02 expect_rc 0 fk meeting recall 1 --reason "Udsendt ved en fejl"
has out 'tilbagekaldt'
expect_rc 0 fk meeting show 1 --json
python3 -c "import json; d=json.load(open('out')); assert d['state']=='planned' and d['dispatched_on'] is None, d"
FKIGOV_TODAY=2027-02-02 expect_rc 0 fk meeting item 1 --item 1 --material "kl.pdf"
expect_rc 0 fk audit log --entity meeting
has out 'recall'
has out 'Udsendt ved en fejl'
# A meeting that has been: no dispatch, but recorded as held, and then its minutes.
FKIGOV_TODAY=2027-06-20 expect_rc 2 fk meeting dispatch 2
has err 'Registrér i stedet mødet som afholdt'
FKIGOV_TODAY=2027-06-20 expect_rc 2 fk meeting minutes 2 --item 1 --outcome taget-til-efterretning --text "x"
has err 'registrér det som afholdt'
FKIGOV_TODAY=2027-06-09 expect_rc 2 fk meeting held 2
has err 'fra mødedagen'
FKIGOV_TODAY=2027-09-20 expect_rc 2 fk meeting held 3
has err 'ingen dagsorden'
FKIGOV_TODAY=2027-06-20 expect_rc 0 fk meeting held 2
has out 'registreret som afholdt'
FKIGOV_TODAY=2027-06-20 expect_rc 2 fk meeting held 2
has err 'allerede registreret som afholdt'
FKIGOV_TODAY=2027-06-20 expect_rc 0 fk meeting minutes 2 --item 1 --outcome taget-til-efterretning --text "KL orienterede."
expect_rc 0 fk meeting show 2 --json
python3 -c "import json; d=json.load(open('out')); assert d['state']=='held' and d['dispatched_on'] is None and d['items'][0]['minutes_text']=='KL orienterede.', d"
expect_rc 0 fk audit log --entity meeting
has out 'held'
expect_rc 0 fk audit verify
