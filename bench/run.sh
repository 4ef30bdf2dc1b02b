#!/usr/bin/env bash
# Benchmarks mock-cognito (release build) against moto_server on GetUserPoolMfaConfig and
# SetUserPoolMfaConfig with wrk (-t2 -c16 --latency), and prints a markdown table.
#
#   bench/run.sh                 # 10 s per run
#   BENCH_SECONDS=3 bench/run.sh # shorter runs
#   BENCH_MOCK_BINARY=path       # skip the release build and use this binary
#
# moto answers every request with "Connection: close", so mock-cognito is measured twice: with
# keep-alive (its normal mode) and with "Connection: close" (like-for-like with moto).
# Everything listens on 127.0.0.1 only; every process started here is stopped by its PID on exit.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

BENCH_SECONDS="${BENCH_SECONDS:-10}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
PAUSE="${BENCH_PAUSE:-2}"   # seconds between runs
[[ "$BENCH_SECONDS" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_SECONDS must be a positive integer" >&2; exit 2; }

for tool in wrk moto_server python3 swift; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed (wrk: apt-get install wrk; moto_server: pip install 'moto[server]')" >&2; exit 2; }
done

work="$(mktemp -d)"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
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

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for_http() {  # url, pid, log
    local url="$1" pid="$2" log="$3"
    for _ in $(seq 200); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "error: server exited early; log:" >&2; cat "$log" >&2; return 1
        fi
        if python3 - "$url" <<'PY' 2>/dev/null; then return 0; fi
import sys, urllib.request
req = urllib.request.Request(sys.argv[1], data=b'{"MaxResults": 1}', method="POST", headers={
    "Content-Type": "application/x-amz-json-1.1",
    "X-Amz-Target": "AWSCognitoIdentityProviderService.ListUserPools"})
urllib.request.urlopen(req, timeout=1).read()
PY
        sleep 0.05
    done
    echo "error: $url did not answer; log:" >&2; cat "$log" >&2; return 1
}

if [[ -n "${BENCH_MOCK_BINARY:-}" ]]; then
    mock_bin="$BENCH_MOCK_BINARY"   # a prebuilt binary (e.g. from a container build)
else
    echo "building release binary..." >&2
    swift build -c release >&2
    mock_bin="$(swift build -c release --show-bin-path)/mock-cognito"
fi

# mock-cognito on a free port with a temporary db; the port comes from its "listening on" line.
"$mock_bin" --host 127.0.0.1 --port 0 --db "$work/bench.sqlite3" --log-level error 2>"$work/mock.log" &
pids+=("$!")
mock_pid="$!"
mock_url=""
for _ in $(seq 200); do
    mock_url="$(grep -oE 'listening on http://[^ ]+:[0-9]+' "$work/mock.log" | head -1 | sed 's/^listening on //' || true)"
    [[ -n "$mock_url" ]] && break
    kill -0 "$mock_pid" 2>/dev/null || { echo "error: mock-cognito exited:" >&2; cat "$work/mock.log" >&2; exit 1; }
    sleep 0.05
done
[[ -n "$mock_url" ]] || { echo "error: mock-cognito did not report its port" >&2; cat "$work/mock.log" >&2; exit 1; }
wait_for_http "$mock_url" "$mock_pid" "$work/mock.log"

moto_port="$(free_port)"
moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
pids+=("$!")
moto_url="http://127.0.0.1:$moto_port"
wait_for_http "$moto_url" "$!" "$work/moto.log"

# One pool in each server, created with boto3.
create_pool() {
    python3 - "$1" <<'PY'
import sys, boto3
from botocore.config import Config
c = boto3.client("cognito-idp", endpoint_url=sys.argv[1], region_name="us-east-1",
                 aws_access_key_id="testing", aws_secret_access_key="testing",
                 config=Config(retries={"max_attempts": 1}))
print(c.create_user_pool(PoolName="bench")["UserPool"]["Id"])
PY
}
mock_pool="$(create_pool "$mock_url")"
moto_pool="$(create_pool "$moto_url")"
echo "mock-cognito $mock_url pool $mock_pool; moto $moto_url pool $moto_pool" >&2

declare -A RPS P50 P99 NOTE
run_wrk() {  # key, url, operation, body, extra wrk args...
    local key="$1" url="$2" op="$3" body="$4"; shift 4
    local out line
    echo "wrk $key ($BENCH_SECONDS s)..." >&2
    out="$(OPERATION="$op" BODY="$body" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${BENCH_SECONDS}s" --latency \
        -s bench/cognito.lua "$@" "$url/")"
    line="$(grep '^BENCH ' <<<"$out" || true)"
    [[ -n "$line" ]] || { echo "error: no result from wrk for $key:" >&2; echo "$out" >&2; exit 1; }
    field() { sed -E "s/.* $1=([^ ]+).*/\\1/" <<<"$line"; }
    RPS[$key]="$(field rps)"; P50[$key]="$(field p50_ms)"; P99[$key]="$(field p99_ms)"
    local non2xx sockerr
    non2xx="$(field non2xx)"; sockerr="$(field socket_errors)"
    NOTE[$key]=""
    [[ "$non2xx" == 0 ]] || NOTE[$key]+=" non-2xx=$non2xx"
    [[ "$sockerr" == 0 ]] || NOTE[$key]+=" socket-errors=$sockerr"
}

ops=(GetUserPoolMfaConfig SetUserPoolMfaConfig)
body_for() {  # operation, pool
    if [[ "$1" == GetUserPoolMfaConfig ]]; then
        printf '{"UserPoolId":"%s"}' "$2"
    else
        printf '{"UserPoolId":"%s","MfaConfiguration":"OPTIONAL","SoftwareTokenMfaConfiguration":{"Enabled":true}}' "$2"
    fi
}

# moto first: the Connection: close runs against mock-cognito open tens of thousands of connections,
# and the TIME_WAIT sockets they leave behind would otherwise weigh on the runs that follow them.
for op in "${ops[@]}"; do
    run_wrk "moto|$op" "$moto_url" "$op" "$(body_for "$op" "$moto_pool")"; sleep "$PAUSE"
done
for op in "${ops[@]}"; do
    run_wrk "mock|$op" "$mock_url" "$op" "$(body_for "$op" "$mock_pool")"; sleep "$PAUSE"
done
for op in "${ops[@]}"; do
    run_wrk "mockclose|$op" "$mock_url" "$op" "$(body_for "$op" "$mock_pool")" -H 'Connection: close'; sleep "$PAUSE"
done

label() {
    case "$1" in
        moto) echo "moto_server (closes every connection)" ;;
        mock) echo "mock-cognito (keep-alive)" ;;
        mockclose) echo "mock-cognito (Connection: close)" ;;
    esac
}

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d${BENCH_SECONDS}s --latency, 127.0.0.1, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| server | operation | req/s | p50 | p99 | ratio to moto | notes |"
echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"
for op in "${ops[@]}"; do
    for server in moto mock mockclose; do
        key="$server|$op"
        ratio="$(python3 -c "import sys; a, b = map(float, sys.argv[1:]); print(f'{a / b:.1f}x' if b else 'n/a')" \
            "${RPS[$key]}" "${RPS[moto|$op]}")"
        printf '| %s | %s | %s | %s ms | %s ms | %s | %s |\n' "$(label "$server")" "$op" "${RPS[$key]}" \
            "${P50[$key]}" "${P99[$key]}" "$ratio" "${NOTE[$key]# }"
    done
done
