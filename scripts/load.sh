#!/usr/bin/env bash
# Load test of `byline serve` (a benchmark, not part of the tests): builds the demo store, starts
# the server on 127.0.0.1, and runs wrk with 200 concurrent connections for 30 s against
# GET /api/claims. Needs wrk (scripts/setup.sh installs it). Only loopback traffic.
#   bash scripts/load.sh            # defaults: 200 connections, 30 s, port 18080
#   CONNS=50 SECS=10 PORT=18181 bash scripts/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS=${CONNS:-200}
SECS=${SECS:-30}
PORT=${PORT:-18080}
PATH_Q=${LOAD_PATH:-/api/claims}
command -v wrk >/dev/null || { echo "load.sh: wrk not found (run scripts/setup.sh)" >&2; exit 1; }
nice -n 10 cargo build --release -p byline-cli --quiet
B=./target/release/byline
DIR=$(mktemp -d)
DB="$DIR/demo.db"
"$B" demo --db "$DB" --build-only >/dev/null
ulimit -n 4096 2>/dev/null || true
"$B" serve --db "$DB" --bind "127.0.0.1:$PORT" 2>"$DIR/serve.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  sleep 0.1
done
echo "load.sh: $CONNS connections, ${SECS}s, GET http://127.0.0.1:$PORT$PATH_Q ($(nproc) cores)"
wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s --latency "http://127.0.0.1:$PORT$PATH_Q"
