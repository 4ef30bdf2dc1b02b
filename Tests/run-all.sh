#!/usr/bin/env bash
# Builds mock-cognito, runs the Swift unit tests, then the end-to-end suite against the debug binary.
# Usage: Tests/run-all.sh  (from any directory). Exits non-zero on the first failing stage.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

stage() { printf '\n==> %s\n' "$*"; }

stage "swift build"
swift build

stage "swift test"
swift test

bin_dir="$(swift build --show-bin-path)"
export MOCK_COGNITO_BINARY="$bin_dir/mock-cognito"
if [[ ! -x "$MOCK_COGNITO_BINARY" ]]; then
    echo "error: $MOCK_COGNITO_BINARY was not built" >&2
    exit 1
fi

stage "end-to-end tests (pytest) against $MOCK_COGNITO_BINARY"
python3 -m pytest Tests/EndToEnd -q
