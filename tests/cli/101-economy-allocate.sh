# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# economy allocate/spend/report: allocations only to special initiatives, at exactly the frame
# and refused one øre over with the amount over; spending against allocations; the report with
# each municipality's share; frame-exceeded in the check when the frame shrinks; all audited.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
expect_rc 0 fk initiative add fki-1 --name "Fælles login" --body styregruppe --special
expect_rc 0 fk initiative add fki-2 --name "Driftsovervågning" --body rg-drift-forvaltning
# The 2027 frame is 3012755500 øre: first all but one øre, then the last øre, then one more.
expect_rc 0 fk economy allocate fki-1 2027 --ore 3012755499 --decision "Styregruppemøde 4, 2026, punkt 6" --date 2026-12-01
has out '30\.127.554,99 kr\. er bevilget til fki-1 for 2027'
expect_rc 2 fk economy allocate fki-1 2027 --ore 2 --decision "Møde 1"
has err 'Bevillingen overstiger rammen for 2027 med 0,01 kr\.; rammen er'
has err 'Intet er gemt'
expect_rc 2 fk economy allocate fki-1 2027 --kr 1.234,57 --decision "Møde 1"
has err 'overstiger rammen for 2027 med 1\.234,56 kr\.;'
expect_rc 0 fk economy allocate fki-1 2027 --kr 0,01 --decision "Møde 1"
expect_rc 0 fk economy frame 2027 --json
python3 -c "import json; d=json.load(open('out')); assert d['allocated_ore']==3012755500 and d['remaining_ore']==0, d"
expect_rc 2 fk economy allocate fki-1 2027 --ore 1 --decision "Møde 2"
has err 'med 0,01 kr\.;'
# Refusals: not special, unknown, no figures, bad amounts and years, no decision.
expect_rc 2 fk economy allocate fki-2 2027 --kr 100 --decision "Møde 1"
has err 'ikke en særlig indsats'
expect_rc 2 fk economy allocate nosuch 2027 --kr 100 --decision "Møde 1"
has err 'initiative list'
expect_rc 2 fk economy allocate fki-1 2025 --kr 100 --decision "Møde 1"
has err 'ingen befolkningstal'
expect_rc 2 fk economy allocate fki-1 2028 --kr 0 --decision "Møde 1"
has err 'større end 0'
expect_rc 2 fk economy allocate fki-1 2028 --kr -5 --decision "Møde 1"
expect_rc 2 fk economy allocate fki-1 2028 --kr 5
has err -- '--decision'
expect_rc 2 fk economy allocate fki-1 28 --kr 5 --decision x
expect_rc 2 fk economy allocate fki-1 2028 --kr 5 --decision x --date 2028-02-30
# Spending against the allocation.
expect_rc 2 fk economy spend fki-1 2027 --kr 100
has err -- '--date'
expect_rc 0 fk economy spend fki-1 2027 --kr 250.000 --date 2027-02-01 --note "Faktura 17"
expect_rc 2 fk economy spend fki-1 2028 --kr 1 --date 2027-02-01
has err 'ingen bevilling for 2028'
expect_rc 2 fk economy spend fki-1 2027 --ore 3012755500 --date 2027-03-01
has err 'Forbruget overstiger bevillingen til »Fælles login« for 2027 med 250\.000,00 kr\.;'
expect_rc 0 fk economy report 2027
has out 'Forbrugt: +250\.000,00 kr\.'
has out '101 København +Region Hovedstaden +671\.714 +3\.358\.570,00 kr\.'
expect_rc 0 fk economy report 2027 --json
python3 - <<'PY'
import json
d = json.load(open("out"))
assert d["frame_ore"] == 3012755500 and d["allocated_ore"] == 3012755500 and d["spent_ore"] == 25000000, d
assert d["remaining_ore"] == 0 and d["unspent_ore"] == 3012755500 - 25000000
assert d["initiatives"] == [{"id": "fki-1", "name": "Fælles login", "body": "styregruppe",
    "body_name": "Kommunestyregruppe", "allocated_ore": 3012755500, "spent_ore": 25000000,
    "unspent_ore": 3012755500 - 25000000}], d["initiatives"]
ms = d["municipalities"]
assert len(ms) == 98 and sum(m["share_ore"] for m in ms) == d["frame_ore"]
assert all(m["share_ore"] == 500 * m["citizens"] for m in ms)
assert ms[0] == {"code": "101", "name": "København", "region": "Region Hovedstaden",
                 "citizens": 671714, "share_ore": 335857000}, ms[0]
assert [a["decision"] for a in d["allocations"]] == ["Styregruppemøde 4, 2026, punkt 6", "Møde 1"]
assert d["spending"][0]["note"] == "Faktura 17"
PY
# The frame shrinks (a lower rate from 2027): frame-exceeded, an error (exit 1).
expect_rc 0 fk check --date 2026-11-27
hasnt out 'frame-exceeded'
expect_rc 0 fk economy rate set 2027 --kr 4,99 --decision "Styregruppemøde 4, 2026, rettelse"
expect_rc 1 fk check --date 2026-11-27 --json
python3 - <<'PY'
import json
d = json.load(open("out"))
f = [x for x in d["findings"] if x["rule"] == "frame-exceeded"]
assert len(f) == 1, f
f = f[0]
assert f["severity"] == "error" and f["body"] == "economy" and f["person"] is None, f
assert "2027" in f["message"] and "60.255,11 kr." in f["message"], f["message"]
PY
expect_rc 1 fk check --date 2027-12-31 --body economy
has out 'FEJL +frame-exceeded'
# A year that is over is history.
expect_rc 0 fk check --date 2028-01-01
hasnt out 'frame-exceeded'
expect_rc 0 fk audit log --entity allocation
has out 'Møde 1'
expect_rc 0 fk audit log --entity spending
has out 'Faktura 17'
expect_rc 0 fk audit verify
