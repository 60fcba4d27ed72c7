# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# The agenda from the model, the inspiration rotation, members' proposals and the deadline;
# proposals only from members of the steering group on the day (the seed), also when the
# secretariat registers one on someone's behalf with --person.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
fk person add k1 --name "Anne Kommune" >/dev/null
fk person add k2 --name "Bo Kommune" >/dev/null
fk person add k3 --name "Carl Kommune" >/dev/null
fk person add kl1 --name "Dorte KL" >/dev/null
fk person add r1 --name "Rikke Reference" >/dev/null
fk appoint k1 styregruppe --seat kommune --municipality 751 --profile it-digitaliseringschef --start 2024-01-01 >/dev/null
fk appoint k2 styregruppe --seat kommune --municipality 101 --profile it-digitaliseringschef --start 2023-01-01 >/dev/null
fk appoint k3 styregruppe --seat kommune --municipality 461 --profile it-digitaliseringschef --start 2025-01-01 --end 2027-04-30 >/dev/null
fk appoint kl1 styregruppe --seat KL --start 2020-01-01 >/dev/null
fk appoint r1 rg-forretning --seat kommune --municipality 461 --profile digitaliseringskonsulent --start 2024-01-01 >/dev/null
fk cycle plan 2027 --dates 2027-03-04,2027-06-10,2027-09-09,2027-12-02 --save 2>/dev/null >/dev/null
# Meeting 4's agenda: the standard items and meeting 4's own (buffet price, goals, economy).
expect_rc 0 fk meeting agenda 4 --json
python3 - out <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = [i["title"] for i in d["items"]]
assert len(t) == 8 and t[0] == "Kort orientering fra KL" and t[2] == "Inspirationsoplæg fra en kommune", t
assert t[5].startswith("Behandling af det kommende års buffetpris") and t[6] == "Fastlæggelse af mål for styregruppen", t
assert d["minutes_total"] == 230 and d["items"][5]["kind"] == "beslutning" and d["items"][5]["kind_da"] == "beslutning", d
PY
expect_rc 0 fk meeting agenda 1
has out 'Dagsorden \(210 af 240 minutter\)'
has out '6\. Status på målsætninger \[opfølgning, 20 min\., sekretariat\]'
# Rotation: the earliest stint (k2) first, then k1 (k3 started last); k3 has left by
# meeting 2, so k2, whose talk is the oldest, is next there and (June before September)
# again at meeting 4.
expect_rc 0 fk meeting inspiration 1
has out 'Bo Kommune \(k2\)'
expect_rc 0 fk meeting inspiration 1
has out 'k2'
expect_rc 0 fk meeting inspiration 3
has out 'k1'
expect_rc 0 fk meeting inspiration 2
has out 'k2'
expect_rc 0 fk meeting inspiration 4
has out 'k2'
# Swap: a reason is required, and only municipal members serving that day.
expect_rc 2 fk meeting inspiration 4 --swap k1
has err 'begrundelse'
expect_rc 2 fk meeting inspiration 4 --swap kl1 --reason "KL vil gerne"
has err 'ikke kommunalt medlem'
expect_rc 2 fk meeting inspiration 4 --swap k3 --reason "x"
expect_rc 0 fk meeting inspiration 4 --swap k1 --reason "Aarhus har et aktuelt projekt"
has out 'k1'
expect_rc 0 fk meeting show 4
has out 'Inspirationsoplæg: Anne Kommune \(k1\), byttet: Aarhus har et aktuelt projekt'
# Proposals until the deadline (4 February 2027, inclusive).
FKIGOV_TODAY=2027-02-04 expect_rc 0 fk meeting propose 1 --person k1 --title "Fælles login" --text "Vi foreslår en drøftelse." --minutes 20 --kind beslutning
has out 'Forslag 1 er indsendt'
FKIGOV_TODAY=2027-02-05 expect_rc 2 fk meeting propose 1 --person k1 --title "Sent" --text "x"
has err 'Fristen for forslag var 4\. februar 2027\. Kontakt Sekretariat FKI, hvis punktet skal med alligevel\.'
expect_rc 2 fk meeting propose 2 --person nobody --title "T" --text "x"
has err 'ingen person'
expect_rc 2 fk meeting propose 2 --person k1 --title "T" --text "x" --kind fest
has err '^fkigov: --kind: '
expect_rc 2 fk meeting propose 2 --person k1 --title "  " --text "x"
has err '^fkigov: --title: '
expect_rc 2 fk meeting propose 2 --person k1 --title "T"
# A member of a reference group only, and a member who has left the steering group by the
# day of submission (k3 until 30 April 2027), may not propose; nothing is written.
expect_rc 2 fk meeting propose 2 --person r1 --title "Fra referencegruppen" --text "x"
has err '^fkigov: --person: Rikke Reference \(r1\) er ikke medlem af Kommunestyregruppe den 27\. november 2026, og kun styregruppens medlemmer kan stille forslag til dagsordenen\.'
FKIGOV_TODAY=2027-05-03 expect_rc 2 fk meeting propose 2 --person k3 --title "Efter udtræden" --text "x"
has err 'Carl Kommune \(k3\) er ikke medlem af Kommunestyregruppe den 3\. maj 2027'
FKIGOV_TODAY=2027-05-03 expect_rc 2 fk meeting propose 2 --person r1 --title "Sent og forkert" --text "x" --late
has err 'er ikke medlem af Kommunestyregruppe'
expect_rc 0 fk meeting show 2 --json
python3 -c "import json; d=json.load(open('out')); assert d['proposals'] == [], d['proposals']"
expect_rc 0 fk meeting propose 2 --person k2 --title "Afvises" --text "x"
expect_rc 0 fk meeting accept 1 1
has out 'optaget'
expect_rc 2 fk meeting accept 1 1
has err 'allerede optaget'
expect_rc 2 fk meeting accept 1 2
has err 'intet forslag med nummer 2'
expect_rc 0 fk meeting reject 2 2 --reason "Hører til referencegruppen"
FKIGOV_TODAY=2027-04-30 expect_rc 0 fk meeting propose 2 --person k3 --title "Sidste dag" --text "x"
expect_rc 0 fk meeting show 1 --json
python3 - out <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
it = d["items"][-1]
assert it["title"] == "Fælles login" and it["source"] == "proposal" and it["presenter"] == "Anne Kommune" and it["minutes"] == 20, it
assert d["minutes_total"] == 230 and d["proposals"][0]["state"] == "accepted" and not d["proposals"][0]["late"], d
assert d["inspiration"]["person"] == "k2", d
PY
# Edits before dispatch survive a refresh; bad input names the field.
expect_rc 0 fk meeting item 1 --item 5 --minutes 45 --material "https://fki.dk/oplaeg.pdf"
expect_rc 0 fk meeting item 1 --item 8 --recommendation "Det indstilles, at styregruppen anbefaler fælles login."
expect_rc 0 fk meeting agenda 1 --json
python3 -c "import json; d=json.load(open('out')); i=d['items']; assert i[4]['minutes']==45 and i[4]['material'].endswith('.pdf') and i[7]['recommendation'].startswith('Det indstilles'), i"
expect_rc 2 fk meeting item 1 --item 99 --minutes 5
has err 'ikke noget punkt 99'
expect_rc 2 fk meeting item 1 --item 1 --kind fest
has err '^fkigov: --kind: '
expect_rc 2 fk meeting item 1 --item 1 --minutes -3
expect_rc 2 fk meeting amend 1 --item 1 --reason "x" --minutes 5
has err 'ikke udsendt endnu'
expect_rc 2 fk meeting item 3 --item 1 --minutes 5
has err 'ingen dagsorden endnu'
# Over time: agenda-overtime in check (an error).
expect_rc 0 fk meeting item 4 --item 5 --minutes 75
FKIGOV_TODAY=2027-01-10 expect_rc 1 fk check --date 2027-01-10 --json
python3 -c "import json; d=json.load(open('out')); f=[x for x in d['findings'] if x['rule']=='agenda-overtime']; assert len(f)==1 and f[0]['body']=='meeting-4' and '245 minutter' in f[0]['message'], d"
expect_rc 0 fk audit verify
