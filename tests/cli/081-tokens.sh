# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# API tokens expire and can be revoked; accounts can be disabled: token create with a last
# day (--days, --expires, $FKIGOV_TOKEN_DAYS, else 365 days), token list, token revoke,
# user disable|enable and a new password ending an account's tokens, with their exit codes
# and audit rows. "Now" is fixed, so the dates are known.
. "$ROOT/tests/cli/lib.sh"
export FKIGOV_NOW=2026-11-27T10:00:00Z
fk init >/dev/null
echo 'correct horse battery' | fk user add anne --role admin >/dev/null
echo 'correct horse battery' | fk user add bo --role viewer >/dev/null

# A token lives 365 days unless told otherwise; the last day is said when it is made.
expect_rc 0 fk token create anne --label ESDH
has out '^fkg_[0-9a-f]{64}$'
has err 'Token nr\. 1 til anne .* til og med 27\. november 2027'
tok1=$(cat out)
expect_rc 0 fk token create anne --days 1
has err 'til og med 28\. november 2026'
# --expires is the last day the token works; today is allowed.
expect_rc 0 fk token create bo --expires 2026-11-27
has err 'til og med 27\. november 2026'
# $FKIGOV_TOKEN_DAYS sets the default.
(FKIGOV_TOKEN_DAYS=30 && export FKIGOV_TOKEN_DAYS && expect_rc 0 fk token create bo)
has err 'til og med 27\. december 2026'

# Bad dates, days and labels: exit 2, in Danish, nothing stored.
expect_rc 2 fk token create anne --expires 2026-11-26
has err 'allerede passeret'
expect_rc 2 fk token create anne --expires 2026-02-30
has err 'ikke en gyldig dato'
expect_rc 2 fk token create anne --expires 2036-11-27
has err 'højst gælde 3650 dage'
expect_rc 2 fk token create anne --days 0
has err 'helt tal fra 1 til 3650'
expect_rc 2 fk token create anne --days 3651
expect_rc 2 fk token create anne --days 2 --expires 2027-01-01
has err 'enten --days eller --expires'
(FKIGOV_TOKEN_DAYS=et-år && export FKIGOV_TOKEN_DAYS && expect_rc 2 fk token create anne)
has err 'FKIGOV_TOKEN_DAYS'
expect_rc 2 fk token create anne --label "$(printf '%0201d' 0)"
has err 'højst være 200 byte'
expect_rc 2 fk token create nobody
has err 'kontoen »nobody« findes ikke'

# token list: every token, or one account's; number, account, created, last day, last use,
# state and note, never the token or its hash.
expect_rc 0 fk token list
has out '^1 +anne +2026-11-27T10:00:00Z +2027-11-27 +aldrig +gyldigt +ESDH$'
has out '^2 +anne +2026-11-27T10:00:00Z +2026-11-28 +aldrig +gyldigt'
has out '^4 +bo +.* +2026-12-27 '
has out '^4 tokens\.$'
hasnt out "$tok1"
expect_rc 0 fk token list bo
has out '^2 tokens\.$'
hasnt out 'anne'
expect_rc 2 fk token list nobody
has err 'findes ikke'
expect_rc 2 fk token list anne bo
# The day after its last day, a token is expired.
(FKIGOV_NOW=2026-11-28T00:00:00Z && export FKIGOV_NOW && expect_rc 0 fk token list)
has out '^3 +bo +.* +udløbet'
has out '^2 +anne .* +gyldigt'
expect_rc 0 fk token list --json
python3 - out <<'PY'
import json, sys
t = {x["id"]: x for x in json.load(open(sys.argv[1]))["tokens"]}
assert set(t) == {1, 2, 3, 4}, t
assert t[1]["label"] == "ESDH" and t[1]["expires"] == "2027-11-27", t[1]
assert t[1]["state"] == "valid" and t[1]["last_used"] is None and t[1]["revoked"] is None, t[1]
assert t[2]["label"] is None and t[3]["login"] == "bo", t
assert all("hash" not in x for x in t.values()), t
PY

# token revoke: at once; again changes nothing (exit 0); an unknown number is exit 2.
expect_rc 0 fk token revoke 1
has out 'Token nr\. 1 \(anne\) er tilbagekaldt'
expect_rc 0 fk token revoke 1
has out 'allerede tilbagekaldt'
expect_rc 2 fk token revoke 99
has err 'token nr\. 99 findes ikke'
expect_rc 2 fk token revoke et
has err 'gyldigt nummer'
expect_rc 2 fk token revoke
expect_rc 2 fk token revoke 1 2
expect_rc 0 fk token list anne
has out '^1 +anne .* +tilbagekaldt +ESDH$'

# user disable: ends the account's tokens at once; it gets no new ones until enabled.
expect_rc 0 fk user disable bo
has out 'Kontoen bo er spærret\. 0 sessioner er afsluttet, og 2 tokens er tilbagekaldt\.'
expect_rc 0 fk user disable bo
has out 'allerede spærret'
expect_rc 0 fk user list
has out '^bo +viewer .*\(spærret\)'
expect_rc 2 fk token create bo
has err 'spærret'
expect_rc 2 fk user disable nobody
has err 'findes ikke'
expect_rc 2 fk user disable
expect_rc 2 fk user enable bo anne
expect_rc 0 fk user enable bo
has out 'kan logge ind igen'
expect_rc 0 fk user enable bo
has out 'allerede åben'
expect_rc 0 fk token list bo
has out '^3 +bo .* +tilbagekaldt'
has out '^4 +bo .* +tilbagekaldt'
expect_rc 0 fk token create bo
expect_rc 0 fk token list bo
has out '^5 +bo .* +gyldigt'

# A new password revokes the account's tokens (the one still in force here).
echo 'et helt nyt kodeord' | expect_rc 0 fk user passwd anne
has out '0 sessioner er afsluttet, og 1 token er tilbagekaldt'
expect_rc 0 fk token list anne
hasnt out 'gyldigt'

# All of it is in the audit log, with the reason, and without any token or hash.
expect_rc 0 fk audit log --entity token
has out '"reason":"revoked"'
has out '"reason":"disabled"'
has out '"reason":"password"'
has out '"expires":"2027-11-27"'
hasnt out "$tok1"
hasnt out 'argon2'
expect_rc 0 fk audit log --entity account
has out '"disabled":true'
has out '"disabled":false'
has out '"tokens_revoked":2'
expect_rc 0 fk audit verify

expect_rc 0 fk token --help
has out 'token revoke ID'
has out 'FKIGOV_TOKEN_DAYS'
expect_rc 0 fk user --help
has out 'user disable.enable LOGIN'
