#!/usr/bin/env bash
# Installs what byline's build and tests need on a fresh Debian machine (run as root or with sudo).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
# PostgreSQL server for the store tests (scripts/pg.sh starts a throwaway cluster on 127.0.0.1)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# headless Chromium and its WebDriver for the web UI's browser tests (crates/serve/tests/browser.rs)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
# HTTP load generator for scripts/load.sh (a benchmark, not run by the tests)
command -v wrk >/dev/null || need+=(wrk)
command -v cargo >/dev/null || { echo "setup: cargo is required (https://rustup.rs)"; exit 1; }
rustup component list --installed 2>/dev/null | grep -q clippy || rustup component add clippy rustfmt 2>/dev/null || true
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
