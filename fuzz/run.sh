#!/usr/bin/env bash
# Runs each libFuzzer target for a set time with the committed seed corpus and dictionary.
# Usage: fuzz/run.sh [seconds per target, default 30] [target...]   (targets: http json cbor)
# Builds with --sanitize=fuzzer --sanitize=address into .build-fuzz (a plain `swift build` never
# does). SwiftPM 6.3 passed -sanitize=fuzzer without coverage instrumentation ("Is the code
# instrumented for coverage?"), hence the explicit -sanitize-coverage=…. New interesting inputs
# go to fuzz/work/<target>/ (not committed); a crash writes fuzz/work/crash-<target>-<hash> and
# makes this script exit non-zero. Turn each crash into a
# regression input: copy it to fuzz/regressions/<target>/ (Tests/FuzzRegressionTests replays them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds="${1:-30}"
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(http json cbor)

declare -A product=([http]=FuzzHTTPParser [json]=FuzzJSONInput [cbor]=FuzzCBOR)

for target in "${targets[@]}"; do
    [[ -n "${product[$target]:-}" ]] || { echo "unknown target '$target' (http, json, cbor)" >&2; exit 64; }
    swift build --sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table --scratch-path .build-fuzz --product "${product[$target]}" 2>&1 \
        | grep -v "Cannot export local symbol '__asan_extra_spill_area'" | tail -1
done

status=0
for target in "${targets[@]}"; do
    work="fuzz/work/$target"
    mkdir -p "$work"
    echo "==> ${product[$target]} for ${seconds}s (corpus $work + fuzz/corpus/$target, dict fuzz/$target.dict)"
    # -rss_limit_mb: libFuzzer + ASan on Swift stays well under it; a leak or blow-up does not.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" \
    ".build-fuzz/debug/${product[$target]}" "$work" "fuzz/corpus/$target" "fuzz/regressions/$target" \
        -dict="fuzz/$target.dict" -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 -artifact_prefix="fuzz/work/crash-$target-" \
        2> "fuzz/work/$target.log" || status=$?
    grep -E "^#[0-9]+[[:space:]]+(DONE|INITED)|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|ERROR|Test unit written" \
        "fuzz/work/$target.log" || true
done
exit $status
