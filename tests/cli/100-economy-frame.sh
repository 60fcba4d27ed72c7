# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# economy frame: the contract of `economy frame YEAR --json` with the shipped figures, rates by
# year with their decisions, population imports (all rows or none) and bad input (exit 2).
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
# frame_json YEAR EXPECTED: the JSON printed must be exactly EXPECTED (keys in this order).
frame_json() {
	expect_rc 0 fk economy frame "$1" --json
	python3 - "$2" <<'PY'
import json, sys
got = json.load(open("out"), object_pairs_hook=list)
want = json.loads(sys.argv[1], object_pairs_hook=list)
assert got == want, (got, want)
PY
}
frame_json 2026 '{"year": 2026, "rate_ore": 500, "citizens": 6025511, "population_date": "2026-01-01", "frame_ore": 3012755500, "allocated_ore": 0, "remaining_ore": 3012755500}'
frame_json 2027 '{"year": 2027, "rate_ore": 500, "citizens": 6025511, "population_date": "2026-01-01", "frame_ore": 3012755500, "allocated_ore": 0, "remaining_ore": 3012755500}'
expect_rc 0 fk economy frame 2027
has out '^Rammen for 2027: 30\.127\.555,00 kr\.$'
has out 'modellens sats'
# No figures on or before 1 January 2025: exit 2, which dates exist and how to import.
expect_rc 2 fk economy frame 2025 --json
has err '1\. januar 2025'
has err 'pr\. 1\. januar 2026'
has err 'Indlæs befolkningstal pr\. 1\. januar 2025 eller før'
[ ! -s out ] || fail "no JSON on stdout when there is no frame"
for y in 1899 2200 20x7 "" 02027 -2027; do
	expect_rc 2 fk economy frame "$y"
done
expect_rc 2 fk economy frame
expect_rc 0 fk economy --help
has out 'economy frame ÅR'

# Rates: from a year until another; a later record of the same year replaces it.
expect_rc 2 fk economy rate set 2028 --kr 5,50
has err -- '--decision'
expect_rc 2 fk economy rate set 2028 --kr 5,501 --decision x
has err -- '--kr: .*to decimaler'
expect_rc 2 fk economy rate set 2028 --kr 5 --ore 500 --decision x
expect_rc 2 fk economy rate set 2028 --ore 5.5 --decision x
expect_rc 2 fk economy rate set 2028 --kr 10.000,01 --decision x
has err 'for stort'
expect_rc 0 fk economy rate set 2028 --kr 5,50 --decision "Styregruppemøde 4, 2027, punkt 6" --date 2027-12-01
expect_rc 0 fk economy rate set 2030 --ore 600 --decision "Styregruppemøde 4, 2029"
frame_json 2027 '{"year": 2027, "rate_ore": 500, "citizens": 6025511, "population_date": "2026-01-01", "frame_ore": 3012755500, "allocated_ore": 0, "remaining_ore": 3012755500}'
frame_json 2028 '{"year": 2028, "rate_ore": 550, "citizens": 6025511, "population_date": "2026-01-01", "frame_ore": 3314031050, "allocated_ore": 0, "remaining_ore": 3314031050}'
frame_json 2029 '{"year": 2029, "rate_ore": 550, "citizens": 6025511, "population_date": "2026-01-01", "frame_ore": 3314031050, "allocated_ore": 0, "remaining_ore": 3314031050}'
frame_json 2030 '{"year": 2030, "rate_ore": 600, "citizens": 6025511, "population_date": "2026-01-01", "frame_ore": 3615306600, "allocated_ore": 0, "remaining_ore": 3615306600}'
expect_rc 0 fk economy rate set 2028 --kr 5,25 --decision "Rettelse"
frame_json 2029 '{"year": 2029, "rate_ore": 525, "citizens": 6025511, "population_date": "2026-01-01", "frame_ore": 3163393275, "allocated_ore": 0, "remaining_ore": 3163393275}'
expect_rc 0 fk economy rate list
has out 'fra 2028: 5,50 kr\. .*Styregruppemøde 4, 2027, punkt 6 \(1\. december 2027\)  \(erstattet\)'
has out 'fra 2028: 5,25 kr\.'
expect_rc 0 fk economy rate list --json
python3 -c "import json; d=json.load(open('out')); assert d['model_rate_ore']==500 and [r['ore'] for r in d['rates']]==[550,600,525], d"

# Population figures: a file per date, all 98 municipalities, all rows or none.
python3 - "$ROOT/data/kommuner.csv" <<'PY'
import sys
rows = [l.split(",") for l in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]]
with open("p2027.csv", "w", encoding="utf-8") as f:
    f.write("\ufeffkode;navn;indbyggere\n")
    for r in rows:
        f.write("%s;%s;%d\n" % (r[0], r[1], int(r[3]) + 1))
with open("p2024.csv", "w") as f:
    f.write("code,population\n")
    for r in rows:
        f.write("%s,1000\n" % r[0])
with open("bad.csv", "w") as f:
    f.write("kode,indbyggere\n")
    for i, r in enumerate(rows[1:]):
        v = {3: "-5", 4: "12.5", 5: ""}.get(i, r[3])
        f.write("%s,%s\n" % ("999" if i == 6 else r[0], v))
    f.write("147,1\n")
PY
expect_rc 2 fk economy population import bad.csv --date 2027-01-01
has err '^bad\.csv:5:5: indbyggere: .*kan ikke være negativt'
has err '^bad\.csv:6:5: indbyggere: .*helt tal'
has err '^bad\.csv:7:5: indbyggere: .*mangler'
has err '^bad\.csv:8:1: kode: .*999.* findes ikke'
has err '^bad\.csv:99:1: kode: Frederiksberg \(147\) står også på linje 2'
has err 'København \(101\) mangler'
has err 'intet er gemt'
expect_rc 2 fk economy population import p2027.csv
has err -- '--date'
expect_rc 2 fk economy population import nosuch.csv --date 2027-01-01
expect_rc 0 fk economy population list --json
python3 -c "import json; d=json.load(open('out')); assert len(d['sets'])==1 and d['sets'][0]['builtin'], d"
expect_rc 0 fk economy population import p2027.csv --date 2027-01-01 --source "Danmarks Statistik, FOLK1A 2027K1"
has out '98 kommuner, 6\.025\.609 indbyggere'
expect_rc 2 fk economy population import p2027.csv --date 2027-01-01
has err 'allerede'
frame_json 2027 '{"year": 2027, "rate_ore": 500, "citizens": 6025609, "population_date": "2027-01-01", "frame_ore": 3012804500, "allocated_ore": 0, "remaining_ore": 3012804500}'
frame_json 2026 '{"year": 2026, "rate_ore": 500, "citizens": 6025511, "population_date": "2026-01-01", "frame_ore": 3012755500, "allocated_ore": 0, "remaining_ore": 3012755500}'
# Older figures make older frames possible.
expect_rc 0 fk economy population import p2024.csv --date 2024-01-01
frame_json 2025 '{"year": 2025, "rate_ore": 500, "citizens": 98000, "population_date": "2024-01-01", "frame_ore": 49000000, "allocated_ore": 0, "remaining_ore": 49000000}'
expect_rc 0 fk economy population list
has out '^2024-01-01 +98\.000 indbyggere +p2024\.csv$'
has out '^2027-01-01 +6\.025\.609 indbyggere +Danmarks Statistik, FOLK1A 2027K1$'
expect_rc 0 fk audit log --entity population
has out '2027-01-01'
expect_rc 0 fk audit log --entity rate
has out '2030'
