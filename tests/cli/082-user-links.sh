# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Accounts without a typed password (issue 10): user add --link and user reset print a
# one-time link (/password/ and 64 hex digits, only its SHA-256 stored, audited, 72 hours,
# a newer one cancels the older); user role and user link change an account's role and
# person (a member needs a person), audited, with exit codes 0 (also when nothing changed)
# and 2 (nothing changed). "Now" is fixed, so the times are known.
. "$ROOT/tests/cli/lib.sh"
export FKIGOV_NOW=2026-11-27T10:00:00Z
demo >/dev/null
echo 'correct horse battery' | fk user add anne --role admin >/dev/null

# user add --link: no password is read; the link is printed once, on standard output.
expect_rc 0 fk user add nina --role member --person sg02 --link </dev/null
has out '^Kontoen nina \(member, person sg02\) er oprettet\.$'
has out '^/password/[0-9a-f]{64}$'
has err 'virker én gang, til 2026-11-30T10:00:00Z'
has err 'Giv det til personen selv'
link1=$(grep '^/password/' out)
expect_rc 0 fk user list
has out '^nina +member +sg02 .*\(uden adgangskode\)$'
hasnt out '^anne .*uden adgangskode'
expect_rc 0 fk user list --json
has out '"login": "nina"'
has out '"password": false'
# The link itself is stored nowhere; only its SHA-256.
sqlite3 fkigov.db 'SELECT hash FROM password_link' >hashes 2>/dev/null || true
hasnt hashes "${link1#/password/}"
expect_rc 0 fk audit log --entity password_link
has out 'create +password_link 1'
has out '"purpose":"new"'
hasnt out "${link1#/password/}"

# user reset: a new link; it cancels the older (audited, reason replaced).
expect_rc 0 fk user reset nina
has out '^/password/[0-9a-f]{64}$'
link2=$(cat out)
[ "$link1" != "$link2" ] || fail "two links are the same"
expect_rc 0 fk audit log --entity password_link
has out '"reason":"replaced"'
# With $FKIGOV_PUBLIC_URL the whole address is printed.
(FKIGOV_PUBLIC_URL=https://fkigov.example.dk/ && export FKIGOV_PUBLIC_URL && expect_rc 0 fk user reset nina &&
	has out '^https://fkigov\.example\.dk/password/[0-9a-f]{64}$')
expect_rc 2 fk user reset nobody
has err 'kontoen »nobody« findes ikke'
expect_rc 2 fk user reset
# A disabled account gets no link, and disabling cancels its links.
expect_rc 0 fk user disable nina
expect_rc 0 fk audit log --entity password_link
has out '"reason":"disabled"'
expect_rc 2 fk user reset nina
has err 'spærret'
expect_rc 0 fk user enable nina

# user role: a new role, audited before and after; a member needs a person.
expect_rc 0 fk user role nina --role viewer
has out 'Kontoen nina har nu rollen viewer'
expect_rc 0 fk user role nina --role viewer
has out 'allerede rollen viewer'
expect_rc 0 fk audit log --entity account
has out '"role":"member"'
has out '"role":"viewer"'
expect_rc 2 fk user role nina --role root
has err 'rollen »root« findes ikke'
expect_rc 2 fk user role nobody --role viewer
has err 'findes ikke'
expect_rc 2 fk user role nina

# user link: another person, or none; a member cannot be without one.
expect_rc 0 fk user link nina --person sg03
has out 'knyttet til personen sg03'
expect_rc 0 fk user list
has out '^nina +viewer +sg03 '
expect_rc 0 fk user link nina --no-person
has out 'ikke længere knyttet'
expect_rc 2 fk user role nina --role member
has err 'skal være knyttet til en person'
expect_rc 0 fk user link nina --person sg02
expect_rc 0 fk user role nina --role member
expect_rc 2 fk user link nina --no-person
has err 'rollen member'
expect_rc 2 fk user link nina --person nobody
has err 'personen »nobody« findes ikke'
expect_rc 2 fk user link nobody --person sg02
has err 'kontoen »nobody« findes ikke'
expect_rc 2 fk user link nina
has err 'enten --person ID eller --no-person'
expect_rc 0 fk audit log --entity account
has out '"person":"sg03"'
has out '"person":null'
expect_rc 0 fk audit verify
