#!/usr/bin/env bash
# Runs byline's whole test suite (after scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
