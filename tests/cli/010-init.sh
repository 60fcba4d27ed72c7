# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# init: creates a database once; a broken model is refused with file:line:column.
. "$ROOT/tests/cli/lib.sh"
expect_rc 0 fk init
has out "oprettet"
[ -f fkigov.db ] || fail "ingen database"
expect_rc 2 fk init
has err "findes allerede|allerede"
# --db and FKIGOV_DB
expect_rc 0 fk --db other.db init
FKIGOV_DB=env.db expect_rc 0 fk init
[ -f env.db ] || fail "FKIGOV_DB blev ikke brugt"
# A syntax error in the model: line and column.
printf '{\n  "name": "x",\n  "bodies": [,]\n}\n' > bad.json
expect_rc 2 fk --db bad.db init --model bad.json
has err '^bad.json:3:[0-9]+:'
[ ! -f bad.db ] || fail "en database blev oprettet trods fejl"
# A body naming an unknown profile: the line and column of that name.
python3 - "$ROOT/model/fki.json" <<'PY' > unknown.json
import json, sys
m = json.load(open(sys.argv[1]))
b = next(b for b in m["bodies"] if b["id"] == "styregruppe")
b["profiles"] = ["it-chef"]
print(json.dumps(m, indent=1, ensure_ascii=False))
PY
grep -q '"it-chef"' unknown.json || fail "testmodellen blev ikke ændret"
line=$(grep -n '"it-chef"' unknown.json | head -1 | cut -d: -f1)
expect_rc 2 fk --db bad.db init --model unknown.json
has err "^unknown.json:$line:[0-9]+: .*it-chef"
# A missing file.
expect_rc 2 fk --db bad.db init --model nosuch.json
has err "nosuch.json"
# Commands on a database that does not exist say so.
expect_rc 2 fk --db nosuch.db check
has err "init"
expect_rc 0 fk --help
expect_rc 0 fk init --help
expect_rc 2 fk nosuchcommand
