#!/bin/sh
# Browser tests in headless Chromium (Debian's chromium package, driven by playwright-core):
# installs the npm packages from package-lock.json when needed, then runs run.mjs.
# Arguments go to run.mjs (--filter TEXT, --keep, --verbose). Environment: FKIGOV, CHROMIUM.
set -eu
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
	npm ci --no-audit --no-fund
	touch node_modules
fi
exec node run.mjs "$@"
