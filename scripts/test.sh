#!/usr/bin/env bash
# Runs the whole test suite (release build: the numeric tests are sized for it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
swift build -c release --build-tests
swift test -c release --skip-build --disable-swift-testing
