# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Import: bad input gets file:line:column and why, exit 2, and the database is unchanged.
. "$ROOT/tests/cli/lib.sh"
demo
before=$(sha256sum fkigov.db | cut -d' ' -f1)
check_bad() { # name pattern  (the file is $1.csv)
	expect_rc 2 fk import appointments "$1.csv"
	has err "$2"
	now=$(sha256sum fkigov.db | cut -d' ' -f1)
	[ "$now" = "$before" ] || fail "$1: databasen blev ændret"
	[ ! -f fkigov.db-wal ] || [ ! -s fkigov.db-wal ] || fail "$1: WAL efterladt med indhold"
}
ok='n1,Ny Person,,kommune,101,rg-forretning,kommune,fagperson-digital,2026-01-01,'
printf '%s\n%s\nn2,Anden,,kommune,101,styregruppe,kommune,it-digitaliseringschef,2026-13-01,\n' "$header" "$ok" > baddate.csv
check_bad baddate '^baddate.csv:3:[0-9]+: start: .*2026-13-01'
printf '%s\n%s\nn2,Anden,,kommune,999,styregruppe,kommune,it-digitaliseringschef,2026-01-01,\n' "$header" "$ok" > badmun.csv
check_bad badmun '^badmun.csv:3:19: municipality: .*999'
printf '%s\nn2,Anden,,kommune,101,nosuchbody,kommune,x,2026-01-01,\n' "$header" > badbody.csv
check_bad badbody '^badbody.csv:2:[0-9]+: body: .*nosuchbody'
printf '%s\nn2,Anden,,kommune,101,styregruppe,kommune,it-digitaliseringschef,01-02-2026,\n' "$header" > dkdate.csv
check_bad dkdate 'Mente du 2026-02-01'
printf '%s\nn2,Anden,,kommune,101,styregruppe,kommune,it-digitaliseringschef,2026-02-01,2026-01-01\n' "$header" > endbefore.csv
check_bad endbefore 'end: Slutdatoen'
printf '%s\nn2,Anden,,kommune,101,styregruppe,kommune,it-digitaliseringschef,2026-01-01,\nn2,Andet Navn,,kommune,101,rg-forretning,kommune,fagperson-digital,2026-01-01,\n' "$header" > names.csv
check_bad names '^names.csv:3:[0-9]+: name: .*linje 2'
printf '%s\nn2,Anden,,kommune,101,styregruppe,kommune,it-digitaliseringschef,2026-01-01,2026-12-31\nn2,Anden,,kommune,101,styregruppe,kommune,it-digitaliseringschef,2026-06-01,\n' "$header" > overlap.csv
check_bad overlap '^overlap.csv:3:[0-9]+: start: .*overlapper'
# Overlap with what is already stored (sg01 serves from 2022-01-01).
printf '%s\nsg01,Mette Kjær,mkj@demo-koebenhavn.dk,kommune,101,styregruppe,kommune,it-digitaliseringschef,2025-01-01,\n' "$header" > overlap2.csv
check_bad overlap2 'overlapper'
printf 'person,name,organisation\nn2,Anden,kommune\n' > missingcol.csv
check_bad missingcol '^missingcol.csv:1:1: Kolonnen »body« mangler'
printf '%s,extra\n' "$header" > unknowncol.csv
check_bad unknowncol '^unknowncol.csv:1:73: Ukendt kolonne'
printf '%s\nn2,"Anden,kommune\n' "$header" > quote.csv
check_bad quote '^quote.csv:2:4: '
printf '%s\nn2,Anden,,kommune,101,styregruppe\n' "$header" > short.csv
check_bad short '^short.csv:2:1: Linjen har 6 felter'
printf '%s\nn2,An\377den,,kommune,101,styregruppe,kommune,it-digitaliseringschef,2026-01-01,\n' "$header" > utf8.csv
check_bad utf8 '^utf8.csv:2:[0-9]+: .*UTF-8'
printf '' > empty.csv
check_bad empty 'tom'
printf '%s\nn2,Anden,,KL,101,styregruppe,KL,,2026-01-01,\n' "$header" > klmun.csv
check_bad klmun 'municipality: Der er angivet en kommune'
printf '%s\nn 2,Anden,,kommune,101,styregruppe,kommune,it-digitaliseringschef,2026-01-01,\n' "$header" > badid.csv
check_bad badid 'person: Person-id'
# Every error is reported, not only the first.
cat baddate.csv > many.csv; tail -n 1 badmun.csv >> many.csv
expect_rc 2 fk import appointments many.csv
[ "$(grep -c '^many.csv:' err)" -ge 2 ] || fail "kun én fejl rapporteret"
expect_rc 2 fk import appointments nosuchfile.csv
has err nosuchfile.csv
# A value longer than allowed is refused, never silently cut.
long=$(python3 -c "print('A' * 250)")
printf '%s\nn2,%s,,KL,,styregruppe,KL,,2026-01-01,\n' "$header" "$long" > longname.csv
check_bad longname '^longname.csv:2:4: name: Navnet er for langt'
