#!/usr/bin/env bash
# The main job on a fresh machine: build byline, build the demo store (an embedded SQLite file made
# from the demo story in examples/demo: one story told by seven reports of four outlets), show what
# byline found in it, then serve the web UI and the JSON API on http://127.0.0.1:8080 until Ctrl-C.
#   BYLINE_DB=FILE.db      the store to build (default byline-demo.db)
#   BYLINE_BIND=ADDR       where to serve (default 127.0.0.1:8080)
#   BYLINE_NO_SERVE=1      stop after the summary
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release -p byline-cli --quiet
B=./target/release/byline
DB=${BYLINE_DB:-byline-demo.db}
"$B" demo --build-only --db "$DB" >/dev/null
echo "== claims with anonymous sources"
"$B" query claims --db "$DB" --source-kind anonymous
echo; echo "== events"
"$B" query events --db "$DB"
echo; echo "== claims across reports (independent source chains)"
"$B" claims --db "$DB"
if [ -n "${BYLINE_NO_SERVE:-}" ]; then
    exit 0
fi
echo
exec "$B" demo --db "$DB" --bind "${BYLINE_BIND:-127.0.0.1:8080}"
