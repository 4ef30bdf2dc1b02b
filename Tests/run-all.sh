#!/usr/bin/env bash
# The README's test command: sets the machine up (tools/setup.sh test: system libraries, Python
# venv in .venv, en_US.UTF-8 locale — before any build), builds everything, runs the Swift unit
# tests, then the end-to-end suite (pytest, boto3) against the debug binary.
# Prints one summary line per stage; each stage's full output goes to .build/test-logs/<stage>.log,
# and a failing stage prints its failures and the log's tail. Exits non-zero on the first failure.
# Usage: Tests/run-all.sh [extra pytest arguments]   (from any directory)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

tools/setup.sh test
export PATH="${MOCK_COGNITO_VENV:-$repo_root/.venv}/bin:$PATH"

logs="$repo_root/.build/test-logs"
mkdir -p "$logs"
started_all=$SECONDS

# stage NAME SUMMARY-FUNCTION COMMAND...: runs COMMAND with its output in $logs/NAME.log, then
# prints the summary function's line (or, on failure, the failures and the log's last lines).
stage() {
    local name="$1" summarize="$2" log="$logs/$1.log" started=$SECONDS rc=0
    shift 2
    printf '==> %-12s ' "$name"
    "$@" > "$log" 2>&1 || rc=$?
    if [[ $rc -eq 0 ]]; then
        printf 'ok    %4d s  %s\n' "$((SECONDS - started))" "$("$summarize" "$log")"
        return 0
    fi
    printf 'FAIL  %4d s  (exit %d)\n' "$((SECONDS - started))" "$rc"
    {
        grep -E '^(FAILED|ERROR) |error:|✘|failed|Fatal error' "$log" | grep -v '^\s*$' | head -40 || true
        echo "---- last lines of $log ----"
        tail -n 30 "$log"
        echo "---- full output: $log ----"
    } >&2
    exit 1
}

build_summary() {
    local warnings
    warnings=$(grep -c 'warning:' "$1" || true)
    echo "debug build with tests ($warnings warning lines; $1)"
}
swift_test_summary() {
    # Swift Testing's last line, and XCTest's count when it ran any test.
    local testing xctest
    testing=$(grep -E 'Test run with [0-9]+ tests?' "$1" | tail -1 | sed -E 's/^[^A-Za-z]*//')
    xctest=$(grep -E 'Executed [1-9][0-9]* tests?' "$1" | tail -1 | sed -E 's/^[[:space:]]*//')
    echo "${testing:-no Swift Testing summary}${xctest:+; XCTest: $xctest} ($1)"
}
pytest_summary() { echo "$(tail -n 1 "$1" | sed -E 's/^=+ | =+$//g') ($1)"; }

stage build build_summary swift build --build-tests
stage swift-test swift_test_summary swift test --skip-build

bin_dir="$(swift build --show-bin-path)"
export MOCK_COGNITO_BINARY="$bin_dir/mock-cognito"
[[ -x "$MOCK_COGNITO_BINARY" ]] || { echo "error: $MOCK_COGNITO_BINARY was not built" >&2; exit 1; }

stage end-to-end pytest_summary python -m pytest Tests/EndToEnd -q -rfE "$@"
echo "all tests passed in $((SECONDS - started_all)) s (logs in $logs)"
