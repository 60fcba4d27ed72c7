# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Issue 12: apologies (afbud) until the meeting day, the secretariat's record of attendance
# from the meeting day with a substitute and a guest, the inspiration talk passing to the next
# in turn when its speaker sends apologies, and bad input refused with exit 2.
. "$ROOT/tests/cli/lib.sh"
demo
fk cycle plan 2027 --dates 2027-03-04,2027-06-10,2027-09-09,2027-12-02 --save >/dev/null 2>&1
expect_rc 0 fk meeting attendance --help
has out 'meeting apology ID PERSON'
expect_rc 0 fk meeting --help
has out 'apology ID PERSON'
export FKIGOV_TODAY=2027-01-20
expect_rc 0 fk meeting inspiration 1
has out 'sg01'
# The speaker sends apologies: the talk goes to the next in turn, audited, reason "afbud".
expect_rc 0 fk meeting apology 1 sg01 --reason "Ferie"
has out 'Afbud fra sg01'
has out 'Inspirationsoplægget går nu til sg05'
expect_rc 0 fk meeting show 1 --json
python3 -c "import json; d=json.load(open('out')); i=d['inspiration']; assert i['person']=='sg05' and i['reason']=='afbud', i"
expect_rc 0 fk meeting attendance 1 --json
python3 -c "
import json; d=json.load(open('out'))
m={x['person']: x for x in d['members']}
assert m['sg01']['status']=='apology' and m['sg01']['note']=='Ferie' and m['sg01']['status_label']=='afbud', m['sg01']
assert m['sg03']['status']=='none' and m['sg03']['status_label']=='ikke registreret'
assert 'sg02' not in m  # left the steering group in 2026
"
# Withdrawing and sending again; not summoned, unknown, bad usage.
expect_rc 0 fk meeting apology 1 sg03
expect_rc 0 fk meeting apology 1 sg03 --withdraw
has out 'trukket tilbage'
expect_rc 2 fk meeting apology 1 sg02
has err 'ikke indkaldt'
expect_rc 2 fk meeting apology 1 nobody
expect_rc 2 fk meeting apology 1
expect_rc 2 fk meeting apology x sg01
expect_rc 2 fk meeting apology 1 sg01 --withdraw --reason x
expect_rc 2 fk meeting apology 99 sg01
has err 'intet møde'
# Attendance is recorded from the meeting day, apologies only until it.
expect_rc 2 fk meeting attendance 1 --present sg04
has err 'fra mødedagen'
FKIGOV_TODAY=2027-03-05 expect_rc 2 fk meeting apology 1 sg04
has err 'Mødet var 4. marts 2027'
FKIGOV_TODAY=2027-03-04 expect_rc 0 fk meeting apology 1 sg04 --reason "Syg"
FKIGOV_TODAY=2027-03-04 expect_rc 2 fk meeting attendance 1 --present sg05 --substitute sg05="Ole Hansen"
has err '^fkigov: --substitute: En stedfortræder kan kun'
FKIGOV_TODAY=2027-03-04 expect_rc 2 fk meeting attendance 1 --present nobody
has err 'ikke indkaldt'
FKIGOV_TODAY=2027-03-04 expect_rc 2 fk meeting attendance 1 --substitute sg01
has err '^fkigov: --substitute: skriv PERSON=TEKST'
FKIGOV_TODAY=2027-03-04 expect_rc 2 fk meeting attendance 1 --guest ";KL"
has err '^fkigov: --guest: Skriv gæstens navn'
FKIGOV_TODAY=2027-03-04 expect_rc 0 fk meeting attendance 1 --present sg05,sg03 --absent sg06 \
	--substitute sg01="Ole Hansen" --guest "Kim Berg;Digitaliseringsstyrelsen"
has out 'er gemt'
expect_rc 0 fk meeting attendance 1 --json
python3 -c "
import json; d=json.load(open('out'))
mn=d['minutes']
assert 'Ole Hansen (stedfortræder for Mette Kjær)' in mn['participants'], mn
assert 'Gæst: Kim Berg, Digitaliseringsstyrelsen' in mn['participants'], mn
assert 'Hanne Vestergaard' in mn['participants'] and 'Sofie Dahl' in mn['participants'], mn
assert mn['absentees'] == ['Jens Mølgaard (afbud)', 'Mette Kjær (afbud)', 'Peter Brandt (fraværende)'], mn
assert d['guests'][0]['id'] == 1
"
FKIGOV_TODAY=2027-03-04 expect_rc 0 fk meeting attendance 1 --remove-guest 1
FKIGOV_TODAY=2027-03-04 expect_rc 2 fk meeting attendance 1 --remove-guest 1
has err 'Gæsten findes ikke'
expect_rc 0 fk meeting attendance 1
has out 'Ole Hansen'
hasnt out 'Kim Berg'
expect_rc 0 fk audit log --entity attendance
has out 'apology'
has out 'record'
has out 'guest-add'
has out 'guest-remove'
expect_rc 0 fk audit verify
