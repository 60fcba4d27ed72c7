# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Corrections of the register (issue 10, finding 7): person add makes the id from the name
# and refuses a likely duplicate without --confirm; person edit corrects name and e-mail;
# person merge moves the appointments to the one kept and removes the other; appointment
# delete removes a mistake with a reason. Bad input exits 2 and changes nothing.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
expect_rc 0 fk person add --name "Søren Ærø" --email soeren@aarhus.dk
has out '\(soeren-aeroe\)'
# The same e-mail (other case) or the same name: refused, with the match shown.
expect_rc 2 fk person add --name "S. Ærø" --email SOEREN@aarhus.dk
has err 'samme navn eller e-mail'
has err 'Søren Ærø \(soeren-aeroe\)'
expect_rc 2 fk person add --name "søren ærø"
expect_rc 0 fk person list
has out '^1 personer'
expect_rc 0 fk person add --name "Søren Ærø" --confirm
has out '\(soeren-aeroe-2\)'
expect_rc 0 fk appoint soeren-aeroe styregruppe --seat kommune --municipality 751 --profile it-digitaliseringschef --start 2022-01-01 --end 2024-12-31
expect_rc 0 fk appoint soeren-aeroe-2 styregruppe --seat kommune --municipality 751 --profile it-digitaliseringschef --start 2025-09-01

# edit
expect_rc 2 fk person edit soeren-aeroe
expect_rc 2 fk person edit nobody --name X
expect_rc 2 fk person edit soeren-aeroe --email "ikke en adresse"
has err '^fkigov: --email: '
expect_rc 2 fk person edit soeren-aeroe --name "$(printf 'To\nlinjer')"
expect_rc 0 fk person edit soeren-aeroe --name "Søren Ærøe" --email s.aeroe@aarhus.dk
expect_rc 0 fk person show soeren-aeroe --json
has out '"name": "Søren Ærøe"'
has out 's.aeroe@aarhus.dk'

# merge: bad input first, nothing changed
expect_rc 2 fk person merge soeren-aeroe
expect_rc 2 fk person merge soeren-aeroe nobody
has err 'ingen person'
expect_rc 2 fk person merge soeren-aeroe soeren-aeroe
expect_rc 0 fk person merge soeren-aeroe soeren-aeroe-2
has out '1 udpegning\(er\) er flyttet'
expect_rc 2 fk person show soeren-aeroe-2
expect_rc 0 fk person show soeren-aeroe
has out '2025-09-01'
has out '2022-01-01–2024-12-31'
expect_rc 0 fk audit log --entity person
has out 'merge +person +soeren-aeroe-2'
has out '"merged_into":"soeren-aeroe"'
# A merge that would make two appointments to one body overlap is refused.
expect_rc 0 fk person add p9 --name "Bo Berg"
expect_rc 0 fk appoint p9 styregruppe --seat KL --start 2024-01-01
expect_rc 2 fk person merge soeren-aeroe p9
has err 'overlapper'
expect_rc 0 fk person show p9

# delete an appointment entered by mistake
expect_rc 0 fk person show p9
id=$(sed -n 's/^  \[\([0-9]*\)\] Kommunestyregruppe.*/\1/p' out)
[ -n "$id" ] || fail "intet udpegningsnummer i person show"
expect_rc 2 fk appointment delete "$id"
has err 'reason'
expect_rc 2 fk appointment delete 9999 --reason "Fejl"
expect_rc 2 fk appointment delete abc --reason "Fejl"
expect_rc 0 fk appointment delete "$id" --reason "Oprettet på den forkerte person"
expect_rc 0 fk person show p9 --json
hasnt out 'styregruppe'
expect_rc 0 fk audit log --entity appointment
has out 'delete +appointment +p9/styregruppe/2024-01-01'
has out 'Oprettet på den forkerte person'
expect_rc 0 fk audit verify
