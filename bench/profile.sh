#!/usr/bin/env bash
# Profiles mock-cognito on one benchmark row with perf: starts a release server on a temporary
# database, creates the benchmark fixtures, optionally warms up, then records `perf record -g` on
# the server while wrk runs the row, and prints the top of `perf report`.
#
#   bench/profile.sh signin_mfa          # get | set | signin | signin_mfa | mixed
#   PROFILE_SECONDS=10 PROFILE_CONNS=16 PROFILE_WARMUP=0 PROFILE_CALLGRAPH=dwarf bench/profile.sh signin
#   BENCH_MOCK_BINARY=path               # a prebuilt binary (default .build/release/mock-cognito)
#
# PROFILE_WARMUP seconds of the same load run before recording (e.g. to let tables grow).
# The perf data and reports stay in bench/results/profile-<row>.* (gitignored).
# Everything listens on 127.0.0.1; every process started here is stopped by its PID on exit.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

row="${1:?usage: bench/profile.sh get|set|signin|signin_mfa|mixed}"
SECONDS_="${PROFILE_SECONDS:-10}"
CONNS="${PROFILE_CONNS:-16}"
WARMUP="${PROFILE_WARMUP:-0}"
CALLGRAPH="${PROFILE_CALLGRAPH:-dwarf}"
mock_bin="${BENCH_MOCK_BINARY:-.build/release/mock-cognito}"
for tool in perf wrk python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed" >&2; exit 2; }
done
[[ -x "$mock_bin" ]] || { echo "error: $mock_bin missing (swift build -c release)" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$mock_bin" --host 127.0.0.1 --port 0 --db "$work/p.sqlite3" --log-level error 2>"$work/mock.log" &
mock_pid="$!"; pids+=("$mock_pid")
url=""
for _ in $(seq 400); do
    url="$(grep -oE 'listening on http://[^ ]+:[0-9]+' "$work/mock.log" | head -1 | sed 's/^listening on //' || true)"
    [[ -n "$url" ]] && break
    sleep 0.05
done
[[ -n "$url" ]] || { echo "error: mock-cognito did not start" >&2; cat "$work/mock.log" >&2; exit 1; }
timeout 300 python3 bench/fixtures.py "$url" --requests-dir "$work/req" >/dev/null

load() {  # seconds
    REQUESTS="$work/req/$row.tsv" timeout $(($1 + 60)) wrk -t2 -c"$CONNS" -d"${1}s" --timeout 10s --latency \
        -s bench/cognito.lua "$url/" | grep '^BENCH'
}
if (( WARMUP > 0 )); then echo "warm-up:" >&2; load "$WARMUP" >&2; fi

mkdir -p bench/results
data="bench/results/profile-$row.data"
perf record -q -F 499 --call-graph "$CALLGRAPH" -p "$mock_pid" -o "$data" -- sleep "$((SECONDS_ + 1))" 2>"$work/perf.log" &
perf_pid="$!"; pids+=("$perf_pid")
sleep 0.5
load "$SECONDS_"
wait "$perf_pid" || true
perf report -i "$data" --no-children --percent-limit 0.7 --stdio -g none --sort dso,symbol 2>/dev/null \
    | grep -v '^$' | head -60 | tee "bench/results/profile-$row.self.txt"
perf report -i "$data" --children --percent-limit 4 --stdio -g none --sort symbol 2>/dev/null \
    | grep -v '^$' | head -70 >"bench/results/profile-$row.children.txt"
echo "inclusive costs: bench/results/profile-$row.children.txt; data: $data" >&2
