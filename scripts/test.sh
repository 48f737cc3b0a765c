#!/usr/bin/env bash
# Runs byline's whole test suite (after scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# store tests run on PostgreSQL too when it is installed (they print "skipped" otherwise)
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then . scripts/pg.sh; fi
# the browser tests fail (rather than skip) when Chromium or chromedriver is missing
export BYLINE_REQUIRE_BROWSER=1
cargo test --workspace
