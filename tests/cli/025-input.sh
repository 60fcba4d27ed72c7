# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# One rule for text (util/text.h) on the command line and in CSV files: a NUL, a line break
# in a one-line field, a control or bidirectional character is refused with exit 2 and
# where (the option, or file:line:column and the column's name), never cut or kept; cells a
# spreadsheet would run as formulas are exported with a ' and read back unchanged; a named
# pipe is refused at once; a file saved as UTF-16 is named as such.
. "$ROOT/tests/cli/lib.sh"
demo
unchanged() { # what: the database is as before
	now=$(sha256sum fkigov.db | cut -d' ' -f1)
	[ "$now" = "$before" ] || fail "$1: databasen blev ændret"
}
before=$(sha256sum fkigov.db | cut -d' ' -f1)
rlo=$(printf '\342\200\256')   # U+202E RIGHT-TO-LEFT OVERRIDE
lrm=$(printf '\342\200\216')   # U+200E LEFT-TO-RIGHT MARK

# Arguments: the option is named, with the character and what to do.
expect_rc 2 fk person add p90 --name "Anne${rlo}nesnah"
has err '^fkigov: --name: Tegn nr\. 5 er et usynligt tegn, der ændrer skriveretningen \(U\+202E'
expect_rc 2 fk person add p90 --name "Anne
Hansen"
has err '^fkigov: --name: Teksten skal stå på én linje, men tegn nr\. 5 er et linjeskift'
expect_rc 2 fk person add p90 --name="$(printf 'Anne\tHansen')"
has err '^fkigov: --name: Tegn nr\. 5 er en tabulator'
expect_rc 2 fk person add p90 --name "$(printf 'Anne\033[31m')"
has err '^fkigov: --name: .*kontroltegn \(U\+001B\)'
expect_rc 2 fk case raise --title "Sag${lrm}" --text "Tekst" --by styregruppe
has err '^fkigov: --title: .*U\+200E'
unchanged "argumenter"
# A multi-line option keeps its line breaks; a positional argument is one line.
expect_rc 0 fk case raise --title "Sag" --text "Linje 1
Linje 2" --by styregruppe
before=$(sha256sum fkigov.db | cut -d' ' -f1)
expect_rc 2 fk person show "p
1"
has err '^fkigov: argument nr\. 3: .*linjeskift'
# Text on standard input: a NUL is refused, not cut at.
set +e
printf 'Før\000efter' | fk case raise --title "Sag 2" --text - --by styregruppe >out 2>err
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "--text - med NUL gav $rc"
has err '^fkigov: --text: .*NUL-tegn'
unchanged "standard input"

# CSV: file:line:column, the column's name, the reason; nothing imported.
check_bad() { # name pattern  (the file is $1.csv)
	expect_rc 2 fk import appointments "$1.csv"
	has err "$2"
	unchanged "$1"
}
row_tail=',,KL,,styregruppe,KL,,2026-01-01,'
printf '%s\nn2,"Anne\rHansen"%s\n' "$header" "$row_tail" > cr.csv
check_bad cr '^cr\.csv:2:4: name: Teksten skal stå på én linje, men tegn nr\. 5 er et linjeskift'
printf '%s\nn2,"Anne\nHansen"%s\n' "$header" "$row_tail" > lf.csv
check_bad lf '^lf\.csv:2:4: name: .*linjeskift'
printf '%s\nn2,Anne Hansen%s\nn3,Bo%sJensen%s\n' "$header" "$row_tail" "$rlo" "$row_tail" > bidi.csv
check_bad bidi '^bidi\.csv:3:4: name: Tegn nr\. 3 er et usynligt tegn, der ændrer skriveretningen \(U\+202E'
printf '%s\nn2,Anne\001Hansen%s\n' "$header" "$row_tail" > ctl.csv
check_bad ctl '^ctl\.csv:2:4: name: .*kontroltegn \(U\+0001\)'
printf '%s\nn2,Anne\000Hansen%s\n' "$header" "$row_tail" > nul.csv
check_bad nul '^nul\.csv:2:8: Filen indeholder et NUL-tegn'
printf '%s\nn2,Anne Hansen,,KL,,styregruppe,KL,,2026-01-01\t,\n' "$header" > tab.csv
check_bad tab '^tab\.csv:2:37: start: Tegn nr\. 11 er en tabulator'

# Formulas: exported with a ', read back unchanged, so export -> import -> export is the same.
# (A cell that begins with ' before = + - @ loses that one ' when read: ''=Dora is '=Dora.)
printf '%s\n' "$header" > f.csv
n=0
for name in '=HYPERLINK("http://x.example","klik")' '+45 12 34 56 78' '-Bo' '@Carl' "''=Dora" 'Eva=1'; do
	n=$((n + 1))
	python3 -c 'import csv,sys; csv.writer(sys.stdout, lineterminator="\n").writerow(sys.argv[1:])' \
		"f$n" "$name" '' KL '' styregruppe KL '' "20$((10 + n))-01-01" "20$((10 + n))-12-31" >> f.csv
done
expect_rc 0 fk --db f.db init
expect_rc 0 fk --db f.db import appointments f.csv
expect_rc 0 fk --db f.db export appointments f-out.csv
has f-out.csv "^f1,\"'=HYPERLINK\(\"\"http://x.example\"\",\"\"klik\"\"\)\","
has f-out.csv "^f2,'\+45 12 34 56 78,"
has f-out.csv "^f3,'-Bo,"
has f-out.csv "^f4,'@Carl,"
has f-out.csv "^f5,''=Dora,"
has f-out.csv "^f6,Eva=1,"
expect_rc 0 fk --db f2.db init
expect_rc 0 fk --db f2.db import appointments f-out.csv
expect_rc 0 fk --db f2.db export appointments f-out2.csv
cmp f-out.csv f-out2.csv || fail "eksport -> import -> eksport gav en anden fil"
fk --db f2.db person list --json > people.json
python3 - <<'EOF'
import json
names = {p["person"]: p["name"] for p in json.load(open("people.json"))["persons"]}
want = {"f1": '=HYPERLINK("http://x.example","klik")', "f2": "+45 12 34 56 78", "f3": "-Bo",
        "f4": "@Carl", "f5": "'=Dora", "f6": "Eva=1"}
assert names == want, names
EOF

# A named pipe is refused at once, for every command that reads a file by name.
mkfifo pipe.csv
expect_rc 2 timeout 10 "$FKIGOV" import appointments pipe.csv
has err 'pipe.csv er en navngiven pipe \(FIFO\), ikke en almindelig fil'
expect_rc 2 timeout 10 "$FKIGOV" economy population import pipe.csv --date 2027-01-01
has err 'navngiven pipe'
expect_rc 2 timeout 10 "$FKIGOV" --db new.db init --model pipe.csv
has err 'navngiven pipe'
expect_rc 2 timeout 10 "$FKIGOV" import appointments .
has err 'er en mappe'
expect_rc 2 timeout 10 "$FKIGOV" --db pipe.csv person list
has err 'databasen pipe.csv er en navngiven pipe'
unchanged "pipe"

# UTF-16 (Excel's "Unicode-tekst"), with and without a byte-order mark, is named as such.
python3 -c "import sys; open('u16.csv','wb').write('$header\nn2,Åse\n'.encode('utf-16'))"
check_bad u16 '^u16\.csv:1:1: Filen er UTF-16 \(little endian\) og ikke UTF-8\. Gem den som CSV UTF-8 i Excel'
python3 -c "import sys; open('u16be.csv','wb').write('$header\nn2,Åse\n'.encode('utf-16-be'))"
check_bad u16be '^u16be\.csv:1:1: Filen er UTF-16 \(big endian\)'
python3 -c "import sys; open('u16pop.csv','wb').write('kode;indbyggere\n101;1\n'.encode('utf-16-le'))"
expect_rc 2 fk economy population import u16pop.csv --date 2027-01-01
has err '^u16pop\.csv:1:1: Filen er UTF-16'
