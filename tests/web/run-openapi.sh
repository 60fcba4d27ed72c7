#!/bin/sh
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# The JSON API against static/openapi.json on a live server: creates a temporary database
# with the demo data, an admin and a viewer account with a token each, starts
# `fkigov serve` on a free local port, waits until it answers, runs
# tests/web/openapi_test.py against it and stops the server (also on failure).
#
#   tests/web/run-openapi.sh [path/to/fkigov]      default: build/fkigov
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-build/fkigov}
case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
if [ ! -x "$BIN" ]; then
	echo "run-openapi: $BIN findes ikke; byg med make først." >&2
	exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/fkigov-openapi.XXXXXX")
PID=
cleanup() {
	if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
		kill "$PID" 2>/dev/null || true
		wait "$PID" 2>/dev/null || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DB=$TMP/fkigov.db
# Runs a setup command quietly; shows its output and stops when it fails.
setup() {
	if ! "$@" >"$TMP/setup.log" 2>&1; then
		echo "run-openapi: fejlede: $*" >&2
		cat "$TMP/setup.log" >&2
		exit 1
	fi
}
setup "$BIN" --db "$DB" init
setup "$BIN" --db "$DB" import appointments "$ROOT/data/demo/appointments.csv"
echo 'correct horse battery' >"$TMP/pw"
setup sh -c '"$1" --db "$2" user add admin --role admin <"$3"' sh "$BIN" "$DB" "$TMP/pw"
setup sh -c '"$1" --db "$2" user add viewer --role viewer <"$3"' sh "$BIN" "$DB" "$TMP/pw"
TOKEN=$("$BIN" --db "$DB" token create admin 2>/dev/null)
VIEWER_TOKEN=$("$BIN" --db "$DB" token create viewer 2>/dev/null)
if [ -z "$TOKEN" ] || [ -z "$VIEWER_TOKEN" ]; then
	echo "run-openapi: fkigov token create gav intet token." >&2
	exit 1
fi

# A free port (asked of the kernel), retried if another process takes it first.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
up=
for attempt in 1 2 3; do
	PORT=$(free_port)
	"$BIN" --db "$DB" serve --listen "127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
	PID=$!
	# Wait until it answers (at most 10 s), or until it has died.
	if python3 - "$PORT" "$PID" <<'EOF'; then
import os, sys, time, urllib.request, urllib.error
port, pid = sys.argv[1], int(sys.argv[2])
for _ in range(100):
    try:
        urllib.request.urlopen("http://127.0.0.1:%s/api/v1/openapi.json" % port, timeout=1)
        sys.exit(0)
    except urllib.error.HTTPError:
        sys.exit(0)
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            sys.exit(1)
        time.sleep(0.1)
sys.exit(1)
EOF
		up=1
		break
	fi
	kill "$PID" 2>/dev/null || true
	wait "$PID" 2>/dev/null || true
	PID=
done
if [ -z "$up" ]; then
	echo "run-openapi: fkigov serve svarede ikke:" >&2
	cat "$TMP/serve.log" >&2
	exit 1
fi

rc=0
python3 "$ROOT/tests/web/openapi_test.py" --spec "$ROOT/static/openapi.json" \
	--routes "$ROOT/src/web/route.c" --base "http://127.0.0.1:$PORT" --token "$TOKEN" \
	--viewer-token "$VIEWER_TOKEN" --bin "$BIN" --db "$DB" || rc=$?
if [ "$rc" -ne 0 ] && [ -s "$TMP/serve.log" ]; then
	echo "--- fkigov serve log ---" >&2
	tail -n 40 "$TMP/serve.log" >&2
fi
exit "$rc"
