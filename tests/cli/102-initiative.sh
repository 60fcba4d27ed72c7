# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# initiative add|list|show|status|milestone|budget: the portfolio from the command line; every
# refused input says why (exit 2) and changes nothing.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
expect_rc 0 fk initiative --help
expect_rc 2 fk initiative add
expect_rc 2 fk initiative add "bad id" --name X --body styregruppe
has err -- '--id: '
expect_rc 2 fk initiative add fki-1 --body styregruppe
has err -- '--name: Skriv initiativets navn'
expect_rc 2 fk initiative add fki-1 --name X --body nowhere
has err -- '--body: Gruppen »nowhere« findes ikke'
expect_rc 0 fk initiative add fki-1 --name "Fælles login" --body styregruppe --special --description "Et login til borgerservice."
expect_rc 2 fk initiative add fki-1 --name "Igen" --body styregruppe
has err 'findes allerede'
expect_rc 0 fk initiative add fki-2 --name "Driftsovervågning" --body rg-drift-forvaltning
# Status reports: gul and rød need a reason; not after today (FKIGOV_TODAY=2026-11-27).
expect_rc 2 fk initiative status fki-1 --status gul
has err -- '--reason: Skriv en begrundelse'
expect_rc 2 fk initiative status fki-1 --status rød --reason "   "
expect_rc 2 fk initiative status fki-1 --status lilla --reason x
has err -- '--status: .*ikke en status'
expect_rc 2 fk initiative status fki-1 --status grøn --date 2026-11-28
has err -- '--date: .*efter i dag'
expect_rc 2 fk initiative status nosuch --status grøn
has err 'findes ikke'
expect_rc 0 fk initiative status fki-1 --status grøn --date 2026-06-01
expect_rc 0 fk initiative status fki-1 --status GUL --reason "Leverandøren er forsinket" --date 2026-09-01
expect_rc 0 fk initiative status fki-1 --status rød --reason "Test stoppet"
# Milestones: a new title adds, the same title updates; done not after today.
expect_rc 2 fk initiative milestone fki-1 --title Pilot
expect_rc 2 fk initiative milestone fki-1 --title Pilot --due 31.12.2026
expect_rc 2 fk initiative milestone fki-1 --title Pilot --due 2026-12-31 --done 2026-12-01
has err -- '--done: '
expect_rc 0 fk initiative milestone fki-1 --title Pilot --due 2026-10-01
has out 'registreret'
expect_rc 0 fk initiative milestone fki-1 --title Drift --due 2027-06-01
expect_rc 0 fk initiative milestone fki-1 --title Pilot --due 2026-10-01 --done 2026-10-15
has out 'opdateret'
# Budgets in kroner or øre; a new amount for a year replaces the old.
expect_rc 2 fk initiative budget fki-1 2027 --kr 12,345.6
expect_rc 2 fk initiative budget fki-1 2027
expect_rc 0 fk initiative budget fki-1 2027 --kr 1.000.000
expect_rc 0 fk initiative budget fki-1 2027 --ore 150000000
expect_rc 0 fk initiative budget fki-1 2028 --kr 500000
expect_rc 0 fk initiative show fki-1 --json
python3 - <<'PY'
import json
d = json.load(open("out"))
assert d["id"] == "fki-1" and d["special"] is True and d["body_name"] == "Kommunestyregruppe", d
assert d["status"]["status"] == "rød" and d["status"]["date"] == "2026-11-27" and d["trend"] == "worse", d
assert [r["status"] for r in d["reports"]] == ["grøn", "gul", "rød"]
assert [r["trend"] for r in d["reports"]] == ["new", "worse", "worse"]
assert d["next_milestone"]["title"] == "Drift" and not d["next_milestone"]["overdue"], d["next_milestone"]
assert d["milestones"][0] == {"title": "Pilot", "due": "2026-10-01", "done": "2026-10-15", "overdue": False}
assert d["budget"] == [{"year": 2027, "ore": 150000000}, {"year": 2028, "ore": 50000000}], d["budget"]
PY
expect_rc 0 fk initiative list
has out '^fki-1 +rød +værre +styregruppe +Fælles login \(særlig indsats\); næste milepæl 2027-06-01: Drift$'
has out '^fki-2 +ingen'
has out '^2 initiativer\.$'
expect_rc 0 fk initiative list --json
python3 -c "import json; d=json.load(open('out')); assert [i['id'] for i in d['initiatives']]==['fki-1','fki-2'] and d['initiatives'][1]['status'] is None, d"
expect_rc 0 fk initiative show fki-1
has out 'Ejer: +Kommunestyregruppe \(styregruppe\)'
has out '2026-09-01  gul   Leverandøren er forsinket'
expect_rc 0 fk audit log --entity initiative_status
has out 'Test stoppet'
expect_rc 0 fk audit log --entity milestone
has out 'update'
expect_rc 0 fk audit log --entity budget --id fki-1/2027
expect_rc 0 fk audit verify
