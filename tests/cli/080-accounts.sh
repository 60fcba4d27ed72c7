# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Accounts and API tokens: user add (password on stdin, argon2id), user list, token create;
# audited without any hash.
. "$ROOT/tests/cli/lib.sh"
fk init >/dev/null
fk person add p7 --name "Anne Hansen" >/dev/null

# A password on the first line of stdin; the account is created.
echo 'correct horse battery' | expect_rc 0 fk user add admin --role admin
has out 'admin'
# Too short a password: refused in Danish, nothing stored.
echo 'kort' | expect_rc 2 fk user add viewer1 --role viewer
has err 'mindst 12 tegn'
# No password at all.
expect_rc 2 fk user add viewer1 --role viewer </dev/null
has err 'standard-input'
# A duplicate login.
echo 'correct horse battery' | expect_rc 2 fk user add admin --role viewer
has err 'findes allerede'
# Roles: unknown role, member without a person, member with an unknown person.
echo 'correct horse battery' | expect_rc 2 fk user add x --role root
has err 'admin, member eller viewer'
echo 'correct horse battery' | expect_rc 2 fk user add anne --role member
has err 'person med --person ID'
echo 'correct horse battery' | expect_rc 2 fk user add anne --role member --person nobody
has err 'personen »nobody« findes ikke'
echo 'correct horse battery' | expect_rc 2 fk user add 'bad login' --role viewer
# A member linked to a person; a viewer.
echo 'correct horse battery' | expect_rc 0 fk user add anne --role member --person p7
echo 'en anden lang adgangskode' | expect_rc 0 fk user add laeser --role viewer

# user list: logins, roles, persons, no hashes.
expect_rc 0 fk user list
has out '^admin +admin +-'
has out '^anne +member +p7'
has out '^laeser +viewer'
has out '^3 konti\.$'
hasnt out 'argon2'
expect_rc 0 fk user list --json
hasnt out 'argon2|pwhash'
python3 - out <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
u = {x["login"]: x for x in d["users"]}
assert set(u) == {"admin", "anne", "laeser"}, u
assert u["anne"]["role"] == "member" and u["anne"]["person"] == "p7", u
assert u["admin"]["person"] is None and u["admin"]["disabled"] is False, u
PY

# token create: a token on stdout, fkg_ and 64 hex digits; only its hash is kept.
expect_rc 0 fk token create anne --label ESDH
has out '^fkg_[0-9a-f]{64}$'
has err 'kun denne ene gang'
tok=$(cat out)
expect_rc 0 fk token create admin
has out '^fkg_'
[ "$(cat out)" != "$tok" ] || fail "to tokens er ens"
expect_rc 2 fk token create nobody
has err 'kontoen »nobody« findes ikke'
expect_rc 2 fk token create
expect_rc 2 fk token delete anne

# The audit log has the accounts and tokens, without any hash or token.
expect_rc 0 fk audit log --entity account
has out 'create +account +admin'
has out '"login":"anne","person":"p7","role":"member"'
hasnt out 'argon2|pwhash|hash"'
expect_rc 0 fk audit log --entity token --json
has out 'ESDH'
hasnt out "$tok"
hasnt out 'argon2'
expect_rc 0 fk audit verify

# --help on each command.
expect_rc 0 fk user --help
has out 'Brug: fkigov'
expect_rc 0 fk token --help
has out 'Bearer'
expect_rc 2 fk user
expect_rc 2 fk user remove admin
# A new password: the old one no longer works for login (checked over HTTP elsewhere); the
# change is audited without the hash.
echo 'et helt nyt kodeord' | expect_rc 0 fk user passwd admin
echo 'kort' | expect_rc 2 fk user passwd admin
echo 'et helt nyt kodeord' | expect_rc 2 fk user passwd nosuchuser
expect_rc 0 fk audit log --entity account --json
has out 'password_changed'
hasnt out 'argon2'
