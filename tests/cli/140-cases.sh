# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Cases (sager): raise, assign, recommend, send back, decide, close, withdraw; every move
# the case cannot make refused with exit 2 and the reason, nothing written; list, show,
# the decision log, the audit log.
. "$ROOT/tests/cli/lib.sh"
demo
export FKIGOV_ACTOR=sekretariat

expect_rc 0 fk case --help
has out 'case raise --title'
expect_rc 2 fk case
expect_rc 2 fk case frobnicate sag-1
expect_rc 0 fk case tags
has out '^Referencegruppe Drift og Forvaltning \(rg-drift-forvaltning\):'
has out "^  SLA'er og servicemål$"

# Bad input names each option, and nothing is stored.
expect_rc 2 fk case raise --title "" --text " " --by kl-direktion --tag Kaffe
has err '^fkigov: --title: Skriv titlen\.$'
has err '^fkigov: --text: Skriv beskrivelsen af sagen\.$'
has err '^fkigov: --by: »kl-direktion« kan ikke rejse en sag'
has err "^fkigov: --tag: »Kaffe« er ikke et af referencegruppernes emner\. Vælg blandt: .*»SLA'er og servicemål«.* og »Non-funktionelle krav til infrastrukturen«\.$"
expect_rc 2 fk case raise --title x --text y
has err 'angiv --title, --text og --by'
expect_rc 0 fk case list
has out '^0 sager\.$'

# Raised by the steering group, with two topic areas (any case of letters).
expect_rc 0 fk case raise --title "Fælles servicemål" --text "Skal der være fælles servicemål?" \
	--by styregruppe --tag "sla'er og servicemål" --tag Standardisering
has out '^Sagen sag-1 »Fælles servicemål« er rejst\.$'
# Raised by a person, the text from standard input.
printf 'Linje 1\nLinje 2\n' >text.txt
expect_rc 0 fk case raise --title "Data i driften" --text - --by rd01 <text.txt
has out 'sag-2'

# The state machine: no decision before a recommendation, and so on.
expect_rc 2 fk case decide sag-1 --kind beslutning --text "Ja"
has err '^fkigov: sag-1: Sagen kan ikke besluttes, før der er en indstilling fra referencegruppen\. .*\(status nu: Rejst\)$'
expect_rc 2 fk case recommend sag-1 --text "For tidligt"
has err 'Tildel sagen først'
expect_rc 2 fk case close sag-1
has err 'kan ikke lukkes, før styregruppen har truffet afgørelse'
expect_rc 2 fk case send-back sag-1 --text x
has err 'ingen indstilling at sende tilbage'

# Assign: a reference group or a working group, and what the group is to do.
expect_rc 2 fk case assign sag-1 --to styregruppe --text "Undersøg"
has err '^fkigov: --to: »styregruppe« er hverken en referencegruppe eller en arbejdsgruppe'
expect_rc 2 fk case assign sag-1 --to rg-drift-forvaltning
has err '^fkigov: --text: Skriv opgaven til gruppen\.$'
expect_rc 0 fk case assign sag-1 --to rg-drift-forvaltning --text "Undersøg behovet"
has out '^Sagen sag-1 er tildelt Referencegruppe Drift og Forvaltning \(Tildelt\)\.$'
expect_rc 2 fk case assign sag-1 --to rg-forretning --text "Igen"
has err 'allerede tildelt'
expect_rc 0 fk case assign sag-2 --to ag-3 --text "Arbejdsgruppen ser på det"
has out 'Arbejdsgruppe ag-3'

# Recommend, send back, recommend again.
expect_rc 0 fk case recommend sag-1 --text "Vi indstiller fælles SLA'er."
expect_rc 2 fk case recommend sag-1 --text "En til"
has err 'har allerede en indstilling'
expect_rc 2 fk case withdraw sag-1 --text "Nej"
has err 'kan ikke trækkes tilbage, når der er en indstilling'
expect_rc 0 fk case send-back sag-1 --text "Se også på support."
has out 'sendt tilbage til Referencegruppe Drift og Forvaltning \(Tildelt\)'
expect_rc 0 fk case recommend sag-1 --text "Vi indstiller fælles SLA'er og support."

# Decide: the kind, the text, a date not in the future nor before the case was raised.
expect_rc 2 fk case decide sag-1 --kind anbefaling --text "x"
has err '^fkigov: --kind: »anbefaling« er ikke en slags afgørelse\. Vælg rådgivning eller beslutning\.$'
expect_rc 2 fk case decide sag-1 --kind beslutning --text "x" --date 2026-11-28
has err '^fkigov: --date: Datoen for afgørelsen ligger efter i dag \(27\. november 2026\)'
expect_rc 2 fk case decide sag-1 --kind beslutning --text "x" --date 2026-11-26
has err 'før sagen blev rejst'
expect_rc 2 fk case decide sag-1 --kind beslutning --text "x" --date 27.11.2026
has err 'ikke en gyldig dato'
expect_rc 0 fk case decide sag-1 --kind Beslutning --text "Fælles SLA'er fra 2027." \
	--meeting "Styregruppemøde 4, 2026"
has out 'er afgjort \(Afgjort\)'
expect_rc 2 fk case decide sag-1 --kind beslutning --text "Igen"
has err 'allerede truffet afgørelse'

# The decision log links each decision to its case.
expect_rc 0 fk case decisions --year 2026 --json
python3 - out <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["decisions"]
assert len(d) == 1, d
x = d[0]
assert x["case"] == "sag-1" and x["kind"] == "beslutning" and x["date"] == "2026-11-27", x
assert x["meeting"] == "Styregruppemøde 4, 2026" and x["title"] == "Fælles servicemål", x
PY
expect_rc 0 fk case decisions --year 2025
has out '^0 afgørelser\.$'
expect_rc 0 fk case decisions --q "sla'er"
has out '^2026-11-27  sag-1 +Beslutning +Fælles servicemål$'
expect_rc 2 fk case decisions --year tyve

# Close; a closed case cannot be changed.
expect_rc 0 fk case close sag-1 --text "Beslutningen er sendt videre."
expect_rc 2 fk case close sag-1
has err 'Sagen er lukket og kan ikke ændres'

# Withdraw the other one.
expect_rc 2 fk case withdraw sag-2
has err '^fkigov: --text: Skriv begrundelsen\.$'
expect_rc 0 fk case withdraw sag-2 --text "Løst på anden vis."
has out 'trukket tilbage'

# Show: the history as a readable timeline, and as JSON.
expect_rc 0 fk case show sag-1
has out '^Status: +Lukket \(closed\)$'
has out "^Emner: +SLA'er og servicemål; Standardisering$"
has out '^Afgørelse: +Beslutning, 27\. november 2026, Styregruppemøde 4, 2026$'
has out 'Sendt tilbage til gruppen \(sekretariat\)'
expect_rc 0 fk case show 1 --json
python3 - out <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
ev = [e["event"] for e in c["events"]]
assert ev == ["raise", "assign", "recommend", "send-back", "recommend", "decide", "close"], ev
assert [e["to"] for e in c["events"]][-1] == "closed"
assert c["events"][3]["from"] == "recommended" and c["events"][3]["to"] == "assigned"
assert all(e["actor"] == "sekretariat" for e in c["events"])
assert c["recommendation"] == "Vi indstiller fælles SLA'er og support.", c["recommendation"]
assert c["next_events"] == [] and c["decision"]["kind"] == "beslutning"
assert c["raised_by"] == {"id": "styregruppe", "kind": "body", "name": "Kommunestyregruppe", "body_kind": "steering-group"}
PY
expect_rc 0 fk case show sag-2 --json
python3 - out <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
assert c["text"] == "Linje 1\nLinje 2", repr(c["text"])
assert c["raised_by"]["kind"] == "person" and c["raised_by"]["id"] == "rd01", c["raised_by"]
assert c["assignee"]["kind"] == "working-group" and c["state"] == "withdrawn", c
PY
expect_rc 2 fk case show sag-9
has err 'sagen »sag-9« findes ikke'
expect_rc 2 fk case show nine
has err 'ikke et sagsnummer'

# Lists and filters.
expect_rc 0 fk case list --state closed --json
python3 -c "import json; d=json.load(open('out'))['cases']; assert [c['id'] for c in d]==['sag-1'], d"
expect_rc 0 fk case list --tag standardisering
has out '^sag-1 '
has out '^1 sag\.$'
expect_rc 0 fk case list --to ag-3
has out '^sag-2 +Trukket tilbage +ag-3 +Data i driften$'
expect_rc 2 fk case list --state open
has err 'ikke en status'
expect_rc 2 fk case list --tag Kaffe

# Every change is in the audit log, and the chain holds.
expect_rc 0 fk audit log --entity case --json
python3 - out <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["audit"]
assert len(rows) == 2 + 6 + 2, len(rows)  # two raised, six moves of sag-1, two of sag-2
assert rows[0]["action"] == "create" and rows[0]["entity_id"] == "sag-1"
dec = [r for r in rows if r["after"].get("event") == "decide"][0]
assert dec["before"]["state"] == "recommended" and dec["after"]["decision"]["kind"] == "beslutning"
assert all(r["actor"] == "sekretariat" for r in rows)
PY
expect_rc 0 fk audit verify
