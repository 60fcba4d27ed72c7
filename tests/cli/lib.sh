# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Shared helpers for the command-line tests. Sourced by each NNN-*.sh.
set -eu
fk() { "$FKIGOV" "$@"; }
fail() { echo "FEJLET: $*" >&2; exit 1; }
# expect_rc N cmd... : runs cmd, stdout to out, stderr to err; fails unless exit status is N.
expect_rc() {
	want=$1; shift
	set +e
	"$@" >out 2>err
	got=$?
	set -e
	[ "$got" -eq "$want" ] || { cat out err >&2; fail "$* gav $got, ventede $want"; }
}
# has FILE PATTERN : grep -E must match.
has() { grep -Eq -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "$1 mangler: $2"; }; }
hasnt() { ! grep -Eq -- "$2" "$1" || { cat "$1" >&2; fail "$1 burde ikke indeholde: $2"; }; }
demo() { fk init >/dev/null && fk import appointments "$ROOT/data/demo/appointments.csv" 2>/dev/null; }
header='person,name,email,organisation,municipality,body,seat,profile,start,end'
