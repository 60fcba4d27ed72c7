# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# The audit log: every change recorded; verify names the first tampered row.
. "$ROOT/tests/cli/lib.sh"
demo
expect_rc 0 fk audit verify
has out 'hel'
expect_rc 0 fk audit log --entity appointment --json
python3 - out <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["audit"]
assert len(rows) == 35, len(rows)
assert all(r["action"] == "create" and r["after"]["body"] for r in rows)
PY
FKIGOV_ACTOR=sekretariat expect_rc 0 fk appointment end sg01 styregruppe --end 2026-12-31
expect_rc 0 fk audit log --actor sekretariat
has out 'update'
has out 'før'
# UPDATE and DELETE on the log are refused by the database itself.
if sqlite3 fkigov.db "UPDATE audit SET actor='x' WHERE id=3" 2>/dev/null; then fail "UPDATE blev tilladt"; fi
if sqlite3 fkigov.db "DELETE FROM audit WHERE id=3" 2>/dev/null; then fail "DELETE blev tilladt"; fi
# Someone drops the guard and edits row 5: verify finds row 5.
trig=$(sqlite3 fkigov.db "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit'")
for t in $trig; do sqlite3 fkigov.db "DROP TRIGGER $t"; done
sqlite3 fkigov.db "UPDATE audit SET actor='indbrud' WHERE id=5"
expect_rc 1 fk audit verify
has out 'række 5'
# A deleted row is found too.
fk --db two.db init >/dev/null
fk --db two.db import appointments "$ROOT/data/demo/appointments.csv" 2>/dev/null
for t in $(sqlite3 two.db "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit'"); do sqlite3 two.db "DROP TRIGGER $t"; done
sqlite3 two.db "DELETE FROM audit WHERE id=7"
expect_rc 1 fk --db two.db audit verify
has out 'række 8'
