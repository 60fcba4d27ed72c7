#!/bin/sh
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Browser tests in headless Chromium (Debian's chromium package, driven by playwright-core):
# installs the npm packages from package-lock.json when needed, then runs run.mjs.
# Arguments go to run.mjs (--filter TEXT, --keep, --verbose). Environment: FKIGOV, CHROMIUM.
set -u
cd "$(dirname "$0")"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
if [ ! -x "$CHROMIUM" ]; then
	echo "browser: $CHROMIUM findes ikke. Installér Debians chromium (scripts/deps check eller apt-get install -y chromium), eller sæt CHROMIUM=STI." >&2
	echo "browser: 0 passed, 1 failed"
	exit 1
fi
if ! command -v node >/dev/null 2>&1; then
	echo "browser: node findes ikke (Debian-pakken nodejs, version 18 eller nyere)." >&2
	echo "browser: 0 passed, 1 failed"
	exit 1
fi
# npm ci when node_modules is missing or older than package-lock.json.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ] ||
	[ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
	npm ci --no-audit --no-fund || {
		echo "browser: npm ci mislykkedes (npm-registret skal kunne nås første gang)." >&2
		echo "browser: 0 passed, 1 failed"
		exit 1
	}
	touch node_modules
fi
# With arguments: only run.mjs (its --filter, --keep, --verbose). Without: every suite, and
# one closing line with the totals.
if [ $# -gt 0 ]; then
	exec node run.mjs "$@"
fi
pass=0 fail=0
for t in run.mjs wg_flow.mjs cases.mjs meetings.mjs meetings10.mjs ical.mjs material.mjs portfolio.mjs accounts10.mjs danish10.mjs people10.mjs messages11.mjs attendance.mjs documents12.mjs rounds13.mjs; do
	log=$(mktemp)
	node "$t" >"$log" 2>&1
	rc=$?
	last=$(tail -n 1 "$log")
	p=$(echo "$last" | sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p')
	f=$(echo "$last" | sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p')
	if [ -z "$p" ] || [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
		f=$((${f:-0} + 1))
	fi
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	if [ "$rc" -ne 0 ]; then
		echo "FEJL i $t:" >&2
		tail -n 30 "$log" >&2
	else
		echo "$t: $last"
	fi
	rm -f "$log"
done
echo "browser: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
