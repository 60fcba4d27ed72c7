# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Working groups end to end on the command line: a reference group proposes, the staffing
# plan and priority, the written hearing (deadline in working days, answers changed until the
# deadline, late answers refused), the decision, start, members, delivery, dissolution; show
# and list in text and JSON; check reports wg-unapproved and wg-overdue; everything audited.
. "$ROOT/tests/cli/lib.sh"
export FKIGOV_TODAY=2027-03-01
demo
expect_rc 0 fk wg list
has out '^0 arbejdsgrupper\.$'

expect_rc 0 fk wg propose --reference-group rg-forretning --topic "Fælles klassifikation af sager" \
	--question "Hvordan kan kommunerne klassificere sager ens?" --start 2027-04-01 --end 2027-09-30 \
	--hours 300 --kr 150.000
has out '^ag-1$'
has err 'wg staff-plan ag-1'
expect_rc 0 fk wg propose --reference-group rg-drift-forvaltning --proposer rg-forretning --topic Driftsdata \
	--question "Hvilke driftsdata?" --start 2027-05-01 --end 2027-10-31 --kr "1.234,50"
has out '^ag-2$'

# The hearing needs a staffing plan; the plan is rows of persons or profiles.
expect_rc 2 fk wg hearing open ag-1
has err 'intet bemandingsforslag'
expect_rc 0 fk wg staff-plan ag-1 --person rf02 --org referencegruppe --note Formand
has out 'række 1'
expect_rc 0 fk wg staff-plan ag-1 --profile it-arkitekt --org KOMBIT
expect_rc 0 fk wg staff-plan ag-1 --profile driftschef --org KL
expect_rc 0 fk wg staff-plan ag-1 --remove 3
expect_rc 2 fk wg staff-plan ag-1 --remove 3
has err 'ingen række 3'

# Priority: ag-2 first, ag-1 moves down.
expect_rc 0 fk wg priority ag-2 --rank 1
expect_rc 0 fk wg list
has out '^1 +ag-2 '
has out '^2 +ag-1 '
expect_rc 2 fk wg priority ag-2 --rank 3
has err 'fra 1 \(højest\) til 2'

# The hearing: ten working days (Monday 1 March -> Monday 15 March 2027).
expect_rc 2 fk wg start ag-1
has err 'Arbejdsgruppen kan ikke startes, før styregruppen har godkendt den i en skriftlig høring\.'
expect_rc 0 fk wg hearing open ag-1
has out 'Fristen for styregruppens svar er 15\. marts 2027'
expect_rc 2 fk wg staff-plan ag-1 --person rf03 --org KL
has err 'før den skriftlige høring er åbnet'
expect_rc 0 fk wg answer ag-1 sg01 --position støtter --text "God idé"
expect_rc 0 fk wg answer ag-1 sg01 --position bemaerkning --text "Husk snitfladerne" --date 2027-03-15
expect_rc 2 fk wg answer ag-1 sg03 --position indsigelse --text "For sent" --date 2027-03-16
has err 'Fristen for svar i høringen var 15\. marts 2027\. Kontakt Sekretariat FKI'
expect_rc 2 fk wg answer ag-1 rf01 --position støtter --text "x"
has err 'ikke medlem af Kommunestyregruppe'
expect_rc 2 fk wg answer ag-1 sg03 --position ja --text "x"
has err '^fkigov: --position'
expect_rc 0 fk wg answer ag-1 sg03 --position indsigelse --text "For dyrt" --date 2027-03-02
expect_rc 0 fk wg show ag-1
has out 'Høring: +åbnet 2027-03-01, frist 2027-03-15 \(åben\)'
has out 'sg01 +Mette Kjær +bemærkning +Husk snitfladerne'
hasnt out 'Mangler svar fra:.*Sofie Dahl'
has out 'Opgørelse: 0 støtter, 1 indsigelse, 1 bemærkning; 10 har ikke svaret'

# The decision: not before the deadline while answers are missing; after it, yes.
expect_rc 2 fk wg decide ag-1 --approved
has err '10 af styregruppens medlemmer har ikke svaret endnu'
expect_rc 2 fk wg decide ag-1 --approved --rejected
expect_rc 0 fk wg decide ag-1 --approved --date 2027-03-16
has out 'godkendt \(0 støtter, 1 indsigelse, 1 bemærkning; 10 har ikke svaret\)'
expect_rc 2 fk wg decide ag-1 --rejected --date 2027-03-17
has err 'allerede truffet sin beslutning'

# Start, members, delivery, dissolution.
expect_rc 2 fk wg member add ag-1 rf02 --org kommune --role Formand --start 2027-04-01
has err 'kan få medlemmer'
expect_rc 0 fk wg start ag-1 --date 2027-04-01
expect_rc 0 fk wg member add ag-1 rf02 --org kommune --municipality 751 --role Formand --start 2027-04-01
expect_rc 2 fk wg member add ag-1 rf02 --org kommune --role Formand --start 2027-06-01
has err 'overlappe'
expect_rc 2 fk wg member add ag-1 nobody --org KL --role x --start 2027-04-01
has err 'findes ikke'
expect_rc 0 fk wg member add ag-1 kl02 --org KL --role "KL's repræsentant" --start 2027-04-01 --end 2027-12-31
expect_rc 0 fk wg member end ag-1 kl02 --end 2027-08-31
expect_rc 2 fk wg dissolve ag-1 --date 2027-09-30
has err 'Registrér afleveringen først'
expect_rc 2 fk wg deliver ag-1
has err 'skal have --text'
expect_rc 0 fk wg deliver ag-1 --text "Anbefaling: fælles brug af KLE" --date 2027-09-15
expect_rc 0 fk wg dissolve ag-1 --date 2027-09-30
expect_rc 0 fk wg show ag-1 --json
python3 - out <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))
assert w["state"] == "dissolved" and w["rank"] is None, w
assert [s["event"] for s in w["timeline"]] == ["propose", "open_hearing", "approve", "start", "deliver", "dissolve"], w["timeline"]
assert [(m["person"], m["end"]) for m in w["members"]] == [("rf02", "2027-09-30"), ("kl02", "2027-08-31")], w["members"]
assert w["members"][0]["municipality"]["name"] == "Aarhus", w["members"][0]
assert w["decision"]["decision"] == "approved" and w["delivery"].startswith("Anbefaling"), w
assert w["hearing"]["deadline"] == "2027-03-15" and w["resources"]["ore"] == 15000000, w
PY
expect_rc 0 fk wg list --json
python3 -c "
import json; d = json.load(open('out'))
assert [w['id'] for w in d['working_groups']] == ['ag-2', 'ag-1'], d
assert d['working_groups'][0]['resources']['kr'] == '1.234,50 kr.', d"

# The rules: ag-2 should have started (1 May) without approval, and ended (31 October). (The
# demo register has error findings of its own, so check exits 1 throughout.)
expect_rc 1 fk check --date 2027-04-30 --json
hasnt out '"body": "ag-'
expect_rc 1 fk check --date 2027-05-01 --json
python3 -c "
import json; f = json.load(open('out'))['findings']
mine = [(x['rule'], x['severity'], x['body'], x['person']) for x in f if x['body'].startswith('ag-')]
assert mine == [('wg-unapproved', 'error', 'ag-2', None)], mine"
expect_rc 1 fk check --date 2027-11-01
has out 'wg-overdue'
has out 'Driftsdata'
expect_rc 0 fk wg withdraw ag-2 --text "Ikke længere relevant"
expect_rc 1 fk check --date 2027-11-01 --json
hasnt out '"body": "ag-'

# Everything audited, and the chain holds.
expect_rc 0 fk audit log --entity working-group
has out 'ag-1'
expect_rc 0 fk audit log --entity wg-answer
has out 'ag-1/sg01'
expect_rc 0 fk audit log --entity wg-member
expect_rc 0 fk audit log --entity wg-priority
expect_rc 0 fk audit verify
