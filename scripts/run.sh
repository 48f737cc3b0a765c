#!/usr/bin/env bash
# The main job on a fresh machine: build byline, ingest the example reports into an embedded SQLite
# store (byline.db), then show what it found: claims with their sources, and the cross-report view.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release -p byline-cli --quiet
B=./target/release/byline
DB=${BYLINE_DB:-byline.db}
"$B" ingest examples/reports --db "$DB" --published 2025-03-04 --outlet "Example Wire"
echo; echo "== claims with anonymous sources"
"$B" query claims --db "$DB" --source-kind anonymous
echo; echo "== events"
"$B" query events --db "$DB"
echo; echo "== claims across reports (independent source chains)"
"$B" claims --db "$DB"
