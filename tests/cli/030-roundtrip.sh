# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# export -> import -> export is identical; semicolon and BOM files read the same.
. "$ROOT/tests/cli/lib.sh"
demo
expect_rc 0 fk export appointments a.csv
expect_rc 0 fk --db two.db init
expect_rc 0 fk --db two.db import appointments a.csv
expect_rc 0 fk --db two.db export appointments b.csv
cmp a.csv b.csv || fail "rundtur gav en anden fil"
fk export appointments > c.csv
cmp a.csv c.csv || fail "export til stdout afviger"
[ "$(wc -l < a.csv)" -eq 36 ] || fail "forventede 35 udpegninger + overskrift"
# Danish Excel: semicolons, BOM and CRLF.
{ printf '\357\273\277'; sed 's/,/;/g; s/$/\r/' "$ROOT/data/demo/appointments.csv"; } > excel.csv
expect_rc 0 fk --db three.db init
expect_rc 0 fk --db three.db import appointments excel.csv
expect_rc 0 fk --db three.db export appointments d.csv
cmp a.csv d.csv || fail "semikolon/BOM-fil gav et andet register"
# Importing the same file again changes nothing; a changed end is an update.
expect_rc 0 fk import appointments a.csv
has err '0 nye udpegninger, 0 ændrede, 35 uændrede'
sed 's/^sg01,\(.*\),2022-01-01,$/sg01,\1,2022-01-01,2026-12-31/' a.csv > e.csv
expect_rc 0 fk import appointments e.csv
has err '0 nye udpegninger, 1 ændrede'
fk export appointments | grep -q '^sg01,.*,2022-01-01,2026-12-31$' || fail "opdateringen blev ikke gemt"
# Quoted fields survive.
printf '%s\nq1,"Hansen, Anne ""Ann""",,KL,,styregruppe,KL,,2020-01-01,2020-12-31\n' "$header" > q.csv
expect_rc 0 fk import appointments q.csv
fk export appointments | grep -qF 'q1,"Hansen, Anne ""Ann""",' || fail "citerede felter"
