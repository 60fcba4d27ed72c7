# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Working groups: bad usage and bad input exit 2 with a Danish message naming the option,
# and change nothing (the audit log and the lists stay as they were).
. "$ROOT/tests/cli/lib.sh"
export FKIGOV_TODAY=2027-03-01
demo
expect_rc 0 fk wg --help
has out 'wg propose --reference-group RG'
expect_rc 2 fk wg
expect_rc 2 fk wg fly
has err 'ukendt underkommando'
expect_rc 0 fk audit log
before=$(wc -l <out)

P="--reference-group rg-forretning --topic Emne --question Spørgsmål --start 2027-04-01 --end 2027-09-30"
expect_rc 2 fk wg propose --topic Emne --question Q --start 2027-04-01 --end 2027-09-30
has err 'skal have --reference-group'
expect_rc 2 fk wg propose $P --kr 12,3,4
has err '^fkigov: --kr: '
expect_rc 2 fk wg propose $P --kr -5
has err 'uden fortegn'
expect_rc 2 fk wg propose $P --hours 1.5
has err '^fkigov: --hours: '
expect_rc 2 fk wg propose $P --start 2027-02-30
has err '^fkigov: --start: '
expect_rc 2 fk wg propose --reference-group rg-forretning --topic Emne --question Q --start 2027-04-01 --end 2027-03-31
has err '^fkigov: --end: Slutdatoen \(31\. marts 2027\) ligger før startdatoen'
expect_rc 2 fk wg propose --reference-group styregruppe --topic Emne --question Q --start 2027-04-01 --end 2027-09-30
has err '^fkigov: --reference-group: »styregruppe« er ikke en referencegruppe'
expect_rc 2 fk wg propose $P --proposer kl-direktion
has err '^fkigov: --proposer: '
expect_rc 2 fk wg propose --reference-group rg-forretning --topic "To
linjer" --question Q --start 2027-04-01 --end 2027-09-30
has err '^fkigov: --topic: .*på én linje'
expect_rc 2 fk wg propose --reference-group rg-forretning --topic "   " --question Q --start 2027-04-01 --end 2027-09-30
has err 'Skriv emnet'
expect_rc 2 fk wg propose $P --bogus 1
has err 'ukendt argument'

# Unknown groups and bad ids.
for id in ag-1 ag-0 ag-01 x; do
	expect_rc 2 fk wg start $id
	has err 'findes ikke'
done
expect_rc 2 fk wg show ag-9
has err 'wg list'
expect_rc 2 fk wg hearing ag-1
expect_rc 2 fk wg staff-plan ag-1 --person p --profile it-arkitekt --org KL
expect_rc 2 fk wg staff-plan ag-1 --profile it-arkitekt --org Kommunen
has err '^fkigov: --org: '
expect_rc 2 fk wg member add ag-1 rf01 --org Kommunen --role x --start 2027-04-01
has err '^fkigov: --org: '
expect_rc 2 fk wg member add ag-1 rf01 --org kommune --role x --start 2027-04-01 --municipality 1000
has err '^fkigov: --municipality: '
expect_rc 2 fk wg answer ag-1 sg01 --position støtter
expect_rc 2 fk wg decide ag-1
expect_rc 2 fk wg priority ag-1 --rank 0

# Nothing was written.
expect_rc 0 fk audit log
[ "$(wc -l <out)" -eq "$before" ] || fail "en afvist kommando skrev i audit-loggen"
expect_rc 0 fk wg list
has out '^0 arbejdsgrupper\.$'

# A proposal that is refused by the store leaves nothing behind either.
expect_rc 0 fk wg propose $P --kr "1 234,50"
has out '^ag-1$'
expect_rc 0 fk wg show ag-1
has out 'Ressourcer: +0 timer, 1\.234,50 kr\.'
expect_rc 2 fk wg hearing open ag-1
has err 'bemandingsforslag'
expect_rc 2 fk wg staff-plan ag-1 --profile no-such-profile --org KL
has err 'findes ikke i modellen'
expect_rc 2 fk wg staff-plan ag-1 --person nobody --org KL
has err 'findes ikke i registret'
expect_rc 2 fk wg edit ag-1 --end 2027-03-01
has err 'ligger før startdatoen'
expect_rc 0 fk wg edit ag-1 --topic "Nyt emne" --hours 10
expect_rc 0 fk wg show ag-1 --json
python3 -c "
import json; w = json.load(open('out'))
assert w['topic'] == 'Nyt emne' and w['resources']['hours'] == 10 and w['staffing'] == [], w"
