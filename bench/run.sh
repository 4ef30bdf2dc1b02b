#!/usr/bin/env bash
# Benchmarks mock-cognito (release build) against two peer emulators, moto_server and ministack, and
# against nginx answering a fixed JSON body (the "no-work" ceiling of this machine), in the same run,
# with the same load generator (wrk -t2 --latency, bench/cognito.lua). Prints a markdown report and writes it, with the raw figures
# and a chart, to bench/results/ (latest.md, latest.jsonl, latest.json, latest.png).
#
#   bench/run.sh                    # default: 2 rounds of 5 s runs, about 6-7 minutes
#   BENCH_SECONDS=10 bench/run.sh   # longer runs
#   BENCH_ROUNDS=3 bench/run.sh     # more rounds; every figure is the median of the rounds
#   BENCH_MOCK_BINARY=path          # skip the release build and use this binary
#   BENCH_LAUNCHES=20               # launches for the start-up time (each server)
#   BENCH_PAUSE=1                   # seconds of rest between runs
#   BENCH_BIG_USERS=100000          # users in the large pool of the ListUsers rows (the small one has 1,000)
#   BENCH_MINISTACK=path            # the ministack command (default: ministack on the PATH)
#
# Rows: GetUserPoolMfaConfig (c16 and c64), SetUserPoolMfaConfig, AdminInitiateAuth with
# ADMIN_USER_PASSWORD_AUTH answering tokens, the same answering an SMS_MFA challenge (pool MFA ON with
# SMS: every request stores a session and an outbox message), and a 70/20/10 Get/Set/sign-in mix.
# Each row runs against: mock-cognito with keep-alive, nginx with keep-alive, moto_server (which closes
# every connection), ministack, and mock-cognito with "Connection: close" (like-for-like with moto); nginx with
# "Connection: close" runs on GetUserPoolMfaConfig c16 as the ceiling of the like-for-like rows. The rounds
# interleave every server and row, and alternate the server order, so slow periods of a shared
# machine spread over all of them. Server CPU per request comes from /proc/<pid>/stat. A second
# mock-cognito at the default log level (info: one line per request) runs the Get c16 row too.
#
# After the rounds: a diagnostic run of each row against mock-cognito (not in the throughput table)
# records what each request cost the storage: fsyncs, fcntl lock calls and writes per request
# (perf's syscall tracepoints, when perf is installed), WAL checkpoints (GET /_mock/stats) and the WAL's
# size. Then the ListUsers rows: two pools of 1,000 and BENCH_BIG_USERS users (bench/create_users.py),
# one connection, every list shape against both pools in interleaved rounds: a page must cost the same.
#
# Needs wrk, nginx (apt-get install wrk nginx-light), moto_server (pip install 'moto[server]'),
# ministack (pip install ministack, in a virtual environment of its own: it pins an older botocore;
# then BENCH_MINISTACK=<venv>/bin/ministack), python3 with boto3, and matplotlib for the chart
# (pip install matplotlib; skipped with a note if missing). perf (apt-get install linux-perf) is optional.
# Everything listens on 127.0.0.1 only; every process started here is stopped by its PID on exit.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

BENCH_SECONDS="${BENCH_SECONDS:-5}"
BENCH_ROUNDS="${BENCH_ROUNDS:-2}"
BENCH_LAUNCHES="${BENCH_LAUNCHES:-20}"
THREADS="${BENCH_THREADS:-2}"
PAUSE="${BENCH_PAUSE:-1}"
USERS="${BENCH_USERS:-16}"
BIG_USERS="${BENCH_BIG_USERS:-100000}"
for var in BENCH_SECONDS BENCH_ROUNDS BENCH_LAUNCHES THREADS USERS BIG_USERS; do
    [[ "${!var}" =~ ^[1-9][0-9]*$ ]] || { echo "$var must be a positive integer" >&2; exit 2; }
done
[[ "$PAUSE" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "BENCH_PAUSE must be a number of seconds" >&2; exit 2; }

for tool in wrk nginx moto_server python3; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "error: $tool is not installed (wrk, nginx: apt-get install wrk nginx-light; moto_server: pip install 'moto[server]')" >&2
        exit 2
    }
done
python3 -c 'import boto3' 2>/dev/null || { echo "error: python3 needs boto3 (pip install boto3)" >&2; exit 2; }
ministack_bin="${BENCH_MINISTACK:-$(command -v ministack || true)}"
[[ -x "$ministack_bin" ]] || {
    echo "error: ministack not found: python3 -m venv /opt/ministack && /opt/ministack/bin/pip install ministack," \
         "then BENCH_MINISTACK=/opt/ministack/bin/ministack" >&2
    exit 2
}
# moto_server may be a pyenv shim (a shell script that execs the real one): use the real script, so
# that the start-up time is moto's own and the PID we hold is the server's.
moto_bin="$(pyenv which moto_server 2>/dev/null || command -v moto_server)"

work="$(mktemp -d)"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
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
    for _ in $(seq 400); do
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

status_kb() {  # pid, field (VmRSS, VmHWM): kB, summed over the process and its children (nginx workers)
    local total=0 pid kb
    for pid in "$1" $(ps --ppid "$1" -o pid= 2>/dev/null); do
        kb="$(awk -v f="$2:" '$1 == f { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
        total=$((total + ${kb:-0}))
    done
    echo "$total"
}

cpu_ticks() {  # pid: utime + stime in clock ticks, summed over the process and its children
    local total=0 pid t
    for pid in "$1" $(ps --ppid "$1" -o pid= 2>/dev/null); do
        # Fields after the ") " that closes the command name: state is 1, utime 12, stime 13.
        t="$(sed -E 's/^.*\) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }' || true)"
        total=$((total + ${t:-0}))
    done
    echo "$total"
}

if [[ -n "${BENCH_MOCK_BINARY:-}" ]]; then
    mock_bin="$BENCH_MOCK_BINARY"   # a prebuilt binary (e.g. from a container build)
else
    echo "building release binary..." >&2
    swift build -c release >&2
    mock_bin="$(swift build -c release --show-bin-path)/mock-cognito"
fi
[[ -x "$mock_bin" ]] || { echo "error: $mock_bin is not an executable" >&2; exit 2; }

# --- servers -------------------------------------------------------------------------------------

# mock-cognito on a free port with a temporary db; the port comes from its "listening on" line.
"$mock_bin" --host 127.0.0.1 --port 0 --db "$work/bench.sqlite3" --log-level error 2>"$work/mock.log" &
mock_pid="$!"; pids+=("$mock_pid")
mock_url=""
for _ in $(seq 400); do
    mock_url="$(grep -oE 'listening on http://[^ ]+:[0-9]+' "$work/mock.log" | head -1 | sed 's/^listening on //' || true)"
    [[ -n "$mock_url" ]] && break
    kill -0 "$mock_pid" 2>/dev/null || { echo "error: mock-cognito exited:" >&2; cat "$work/mock.log" >&2; exit 1; }
    sleep 0.05
done
[[ -n "$mock_url" ]] || { echo "error: mock-cognito did not report its port" >&2; cat "$work/mock.log" >&2; exit 1; }
wait_for_http "$mock_url" "$mock_pid" "$work/mock.log"
mock_idle_kb="$(status_kb "$mock_pid" VmRSS)"   # after start-up and one request

moto_port="$(free_port)"
"$moto_bin" -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
moto_pid="$!"; pids+=("$moto_pid")
moto_url="http://127.0.0.1:$moto_port"
wait_for_http "$moto_url" "$moto_pid" "$work/moto.log"
moto_idle_kb="$(status_kb "$moto_pid" VmRSS)"

# The same binary at the default log level (info: one line per request, to a file).
"$mock_bin" --host 127.0.0.1 --port 0 --db "$work/bench-info.sqlite3" 2>"$work/mockinfo.log" &
mockinfo_pid="$!"; pids+=("$mockinfo_pid")
mockinfo_url=""
for _ in $(seq 400); do
    mockinfo_url="$(grep -oE 'listening on http://[^ ]+:[0-9]+' "$work/mockinfo.log" | head -1 | sed 's/^listening on //' || true)"
    [[ -n "$mockinfo_url" ]] && break
    sleep 0.05
done
wait_for_http "$mockinfo_url" "$mockinfo_pid" "$work/mockinfo.log"

# ministack: configured by environment only; its state goes to a directory of this run.
ministack_port="$(free_port)"
GATEWAY_PORT="$ministack_port" BIND_HOST=127.0.0.1 IOT_MTLS_ENABLED=0 STATE_DIR="$work/ministack-state" \
    "$ministack_bin" >"$work/ministack.log" 2>&1 &
ministack_pid="$!"; pids+=("$ministack_pid")
ministack_url="http://127.0.0.1:$ministack_port"
wait_for_http "$ministack_url" "$ministack_pid" "$work/ministack.log"
ministack_idle_kb="$(status_kb "$ministack_pid" VmRSS)"

# nginx: 2 workers, no access log, keep-alive connections never closed by request count; it answers
# every POST / with the body mock-cognito answers to the benchmarked GetUserPoolMfaConfig.
nginx_port="$(free_port)"
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$nginx_port;
        location = / {
            default_type application/x-amz-json-1.1;
            add_header x-amzn-RequestId \$request_id;
            return 200 '{"SoftwareTokenMfaConfiguration":{"Enabled":true},"MfaConfiguration":"OPTIONAL"}';
        }
    }
}
EOF
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" >"$work/nginx.log" 2>&1 &
nginx_pid="$!"; pids+=("$nginx_pid")
nginx_url="http://127.0.0.1:$nginx_port"
wait_for_http "$nginx_url" "$nginx_pid" "$work/nginx.log"

# --- fixtures ------------------------------------------------------------------------------------

echo "creating pools, clients and $USERS users in each server..." >&2
timeout 300 python3 bench/fixtures.py "$mock_url" --users "$USERS" --requests-dir "$work/req-mock" >"$work/fixtures-mock.json"
timeout 300 python3 bench/fixtures.py "$moto_url" --users "$USERS" --requests-dir "$work/req-moto" >"$work/fixtures-moto.json"
timeout 300 python3 bench/fixtures.py "$ministack_url" --users "$USERS" --requests-dir "$work/req-ministack" >"$work/fixtures-ministack.json"
timeout 300 python3 bench/fixtures.py "$mockinfo_url" --users 1 --requests-dir "$work/req-mockinfo" >/dev/null
python3 - "$work/fixtures-mock.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
if (d["plain"]["signin"], d["plain"]["signin_after_set"], d["mfa"]["signin"]) != ("tokens", "tokens", "SMS_MFA"):
    sys.exit(f"error: mock-cognito sign-in answers are not tokens/tokens/SMS_MFA: {d}")
PY
echo "mock-cognito $mock_url (info: $mockinfo_url); moto $moto_url; ministack $ministack_url; nginx $nginx_url" >&2

# --- runs ----------------------------------------------------------------------------------------

results="$work/results.jsonl"
: >"$results"

run_wrk() {  # round, server, case, connections, url, requests-file, pid, extra wrk args...
    local round="$1" server="$2" case="$3" conns="$4" url="$5" reqfile="$6" pid="$7"; shift 7
    local out line before after
    echo "round $round: $server $case c$conns (${BENCH_SECONDS} s)..." >&2
    before="$(cpu_ticks "$pid")"
    out="$(REQUESTS="$reqfile" timeout $((BENCH_SECONDS + 60)) wrk -t"$THREADS" -c"$conns" -d"${BENCH_SECONDS}s" \
        --timeout 10s --latency -s bench/cognito.lua "$@" "$url/")" || {
        echo "error: wrk failed for $server $case c$conns:" >&2; echo "$out" >&2; exit 1; }
    after="$(cpu_ticks "$pid")"
    line="$(grep '^BENCH ' <<<"$out" || true)"
    [[ -n "$line" ]] || { echo "error: no result from wrk for $server $case:" >&2; echo "$out" >&2; exit 1; }
    python3 - "$line" "$round" "$server" "$case" "$conns" "$((after - before))" "$(getconf CLK_TCK)" >>"$results" <<'PY'
import json, sys
line, rnd, server, case, conns, ticks, hz = sys.argv[1:]
fields = dict(part.split("=", 1) for part in line.split()[1:])
row = {k: (float(v) if "." in v else int(v)) for k, v in fields.items()}
row.update(round=int(rnd), server=server, case=case, conns=int(conns),
           cpu_us_per_req=(int(ticks) * 1e6 / int(hz) / row["requests"]) if row["requests"] else None)
print(json.dumps(row))
PY
    sleep "$PAUSE"
}

run_server() {  # round, server, case, connections
    local reqfile="$work/req-mock/$3.tsv"
    case "$2" in
        mock)      run_wrk "$1" "$2" "$3" "$4" "$mock_url" "$reqfile" "$mock_pid" ;;
        mockclose) run_wrk "$1" "$2" "$3" "$4" "$mock_url" "$reqfile" "$mock_pid" -H "Connection: close" ;;
        nginx)     run_wrk "$1" "$2" "$3" "$4" "$nginx_url" "$reqfile" "$nginx_pid" ;;
        nginxclose) run_wrk "$1" "$2" "$3" "$4" "$nginx_url" "$reqfile" "$nginx_pid" -H "Connection: close" ;;
        moto)      run_wrk "$1" "$2" "$3" "$4" "$moto_url" "$work/req-moto/$3.tsv" "$moto_pid" ;;
        ministack) run_wrk "$1" "$2" "$3" "$4" "$ministack_url" "$work/req-ministack/$3.tsv" "$ministack_pid" ;;
        mockinfo)  run_wrk "$1" "$2" "$3" "$4" "$mockinfo_url" "$work/req-mockinfo/$3.tsv" "$mockinfo_pid" ;;
    esac
}

cases=("get 16" "get 64" "set 16" "signin 16" "signin_mfa 16" "mixed 16")
servers=(mock nginx moto ministack mockclose nginxclose mockinfo)
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$BENCH_ROUNDS"); do
    order=("${servers[@]}")
    if (( round % 2 == 0 )); then order=(mockinfo nginxclose mockclose ministack moto nginx mock); fi
    for c in "${cases[@]}"; do
        read -r case conns <<<"$c"
        for server in "${order[@]}"; do
            # nginx with "Connection: close" is the ceiling of the like-for-like rows: one row is enough.
            [[ "$server" == nginxclose && "$c" != "get 16" ]] && continue
            # The info-level instance answers the question "what does the request log cost": Get c16.
            [[ "$server" == mockinfo && "$c" != "get 16" ]] && continue
            run_server "$round" "$server" "$case" "$conns"
        done
    done
done

# --- diagnostics: what each row's requests cost the storage (not part of the throughput table) ---

stats_field() {  # field of GET /_mock/stats: passive | holdingWriters
    python3 -c 'import json, sys, urllib.request
print(json.load(urllib.request.urlopen(sys.argv[1] + "/_mock/stats", timeout=5))["walCheckpoints"][sys.argv[2]])' "$mock_url" "$1"
}
diag="$work/diagnostics.jsonl"
: >"$diag"
for c in "${cases[@]}"; do
    read -r case conns <<<"$c"
    echo "diagnostics: mock $case c$conns (${BENCH_SECONDS} s)..." >&2
    passive_before="$(stats_field passive)"; locked_before="$(stats_field holdingWriters)"
    perf_out="$work/perf-$case-$conns.csv"
    perf_pid=""
    if command -v perf >/dev/null 2>&1; then
        perf stat -x, -o "$perf_out" -p "$mock_pid" -e 'syscalls:sys_enter_fdatasync,syscalls:sys_enter_fsync,syscalls:sys_enter_fcntl,syscalls:sys_enter_pwrite64,context-switches' \
            -- sleep $((BENCH_SECONDS + 1)) 2>/dev/null &
        perf_pid="$!"
        sleep 0.3
    fi
    out="$(REQUESTS="$work/req-mock/$case.tsv" wrk -t"$THREADS" -c"$conns" -d"${BENCH_SECONDS}s" --latency \
        -s bench/cognito.lua "$mock_url/" | grep '^BENCH ')"
    [[ -n "$perf_pid" ]] && wait "$perf_pid" || true
    wal_bytes="$(stat -c %s "$work/bench.sqlite3-wal" 2>/dev/null || echo 0)"
    python3 - "$out" "$case" "$conns" "$perf_out" "$wal_bytes" "$passive_before" "$(stats_field passive)" \
        "$locked_before" "$(stats_field holdingWriters)" >>"$diag" <<'PY'
import json, os, sys
line, case, conns, perf_out, wal, p0, p1, l0, l1 = sys.argv[1:]
fields = dict(part.split("=", 1) for part in line.split()[1:])
requests = int(fields["requests"])
row = {"case": case, "conns": int(conns), "requests": requests, "rps": float(fields["rps"]),
       "p99_ms": float(fields["p99_ms"]), "wal_bytes_after": int(wal),
       "checkpoints_passive": int(p1) - int(p0), "checkpoints_holding_writers": int(l1) - int(l0)}
if os.path.exists(perf_out):
    # perf stat -x, lines: count,unit,event,...; the counts cover the perf window (run + 1 s).
    for entry in open(perf_out):
        parts = entry.strip().split(",")
        if len(parts) > 2 and parts[0].isdigit():
            name = parts[2].replace("syscalls:sys_enter_", "")
            row[f"{name}_per_req"] = int(parts[0]) / requests if requests else None
print(json.dumps(row))
PY
    sleep "$PAUSE"
done

# --- ListUsers and the other lists: a page must cost the same at 1,000 and at BIG_USERS users ---

echo "creating 1,000 and $BIG_USERS users for the list rows..." >&2
list_pools="$(python3 - "$mock_url" <<'PY'
import sys, boto3
c = boto3.client("cognito-idp", endpoint_url=sys.argv[1], region_name="us-east-1",
                 aws_access_key_id="bench", aws_secret_access_key="bench")
print(c.create_user_pool(PoolName="bench-list-small")["UserPool"]["Id"],
      c.create_user_pool(PoolName="bench-list-big")["UserPool"]["Id"])
PY
)"
read -r small_pool big_pool <<<"$list_pools"
timeout 1200 python3 bench/create_users.py "$mock_url" "$small_pool" 1000 >"$work/create-small.txt"
timeout 3600 python3 bench/create_users.py "$mock_url" "$big_pool" "$BIG_USERS" >"$work/create-big.txt"
cat "$work/create-small.txt" "$work/create-big.txt" >&2
list_rows="$work/lists.jsonl"
: >"$list_rows"
python3 - "$work/req-lists" "$small_pool" 1000 "$big_pool" "$BIG_USERS" <<'PY'
import base64, json, sys
from pathlib import Path
out, pools = Path(sys.argv[1]), [(sys.argv[2], int(sys.argv[3])), (sys.argv[4], int(sys.argv[5]))]
out.mkdir(parents=True, exist_ok=True)
for pool, users in pools:
    # Pagination tokens are "users:<pool>:<seq>" in base64 (Support/PaginationToken.swift); the middle
    # of the pool is a page no index scan from the start could reach cheaply.
    middle = base64.b64encode(f"users:{pool}:{users // 2}".encode()).decode()
    shapes = {
        "list_first60": {"UserPoolId": pool, "Limit": 60},
        "list_middle60": {"UserPoolId": pool, "Limit": 60, "PaginationToken": middle},
        "list_email": {"UserPoolId": pool, "Filter": 'email = "u-000500@example.com"'},
        "list_prefix10": {"UserPoolId": pool, "Filter": 'username ^= "u-00012"', "Limit": 10},
        "list_given_name60": {"UserPoolId": pool, "Filter": 'given_name = "G7"', "Limit": 60},
        "list_status60": {"UserPoolId": pool, "Filter": 'cognito:user_status = "FORCE_CHANGE_PASSWORD"', "Limit": 60},
        "list_pools60": {"MaxResults": 60},
        "list_clients60": {"UserPoolId": pool, "MaxResults": 60},
    }
    for name, body in shapes.items():
        operation = {"list_pools60": "ListUserPools", "list_clients60": "ListUserPoolClients"}.get(name, "ListUsers")
        (out / f"{name}-{users}.tsv").write_text(f"{operation}\t{json.dumps(body, separators=(',', ':'))}\n")
PY
list_cases=(list_first60 list_middle60 list_email list_prefix10 list_given_name60 list_status60 list_pools60 list_clients60)
for round in $(seq "$BENCH_ROUNDS"); do
    sizes=(1000 "$BIG_USERS")
    if (( round % 2 == 0 )); then sizes=("$BIG_USERS" 1000); fi
    for lc in "${list_cases[@]}"; do
        for size in "${sizes[@]}"; do
            echo "round $round: list $lc with $size users (3 s, 1 connection)..." >&2
            out="$(REQUESTS="$work/req-lists/$lc-$size.tsv" wrk -t1 -c1 -d3s --latency -s bench/cognito.lua "$mock_url/" \
                | grep '^BENCH ')"
            python3 - "$out" "$round" "$lc" "$size" >>"$list_rows" <<'PY'
import json, sys
line, rnd, case, users = sys.argv[1:]
fields = dict(part.split("=", 1) for part in line.split()[1:])
row = {k: (float(v) if "." in v else int(v)) for k, v in fields.items()}
row.update(round=int(rnd), case=case, users=int(users))
print(json.dumps(row))
PY
        done
    done
done

# The cryptographic floor of a sign-in (bench/crypto_floor.c), measured now, on the same machine state.
floor_json='{}'
if command -v cc >/dev/null 2>&1 && cc -O2 bench/crypto_floor.c -o "$work/crypto_floor" -lcrypto 2>"$work/floor.log"; then
    floor_json="$("$work/crypto_floor")"
else
    echo "note: no C compiler or libcrypto headers: the sign-in floor is not measured" >&2
fi

mock_peak_kb="$(status_kb "$mock_pid" VmHWM)"
mock_after_kb="$(status_kb "$mock_pid" VmRSS)"
moto_peak_kb="$(status_kb "$moto_pid" VmHWM)"
nginx_peak_kb="$(status_kb "$nginx_pid" VmHWM)"
ministack_peak_kb="$(status_kb "$ministack_pid" VmHWM)"
mockinfo_peak_kb="$(status_kb "$mockinfo_pid" VmHWM)"
mock_db_kb="$(du -sk "$work"/bench.sqlite3* | awk '{ s += $1 } END { print s }')"

# Stop the benchmark servers before timing start-ups, so they do not compete for the cores.
for pid in "$mock_pid" "$mockinfo_pid" "$moto_pid" "$ministack_pid" "$nginx_pid"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "$mock_pid" "$mockinfo_pid" "$moto_pid" "$ministack_pid" "$nginx_pid"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done

echo "start-up: $BENCH_LAUNCHES launches of each server..." >&2
timeout 600 python3 bench/startup.py --launches "$BENCH_LAUNCHES" -- \
    "$mock_bin" --host 127.0.0.1 --port '{port}' --db '{dir}/db.sqlite3' --log-level error >"$work/startup-mock.json"
timeout 600 python3 bench/startup.py --launches "$BENCH_LAUNCHES" -- \
    "$moto_bin" -H 127.0.0.1 -p '{port}' >"$work/startup-moto.json"
timeout 600 python3 bench/startup.py --launches "$BENCH_LAUNCHES" -- \
    env 'GATEWAY_PORT={port}' BIND_HOST=127.0.0.1 IOT_MTLS_ENABLED=0 'STATE_DIR={dir}/state' "$ministack_bin" >"$work/startup-ministack.json"

# --- report --------------------------------------------------------------------------------------

python3 - "$work" >"$work/meta.json" <<PY
import json, os, platform, subprocess, sys
work = sys.argv[1]
def load(name):
    with open(os.path.join(work, name)) as f:
        return json.load(f)
def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        line = (out.stdout + out.stderr).strip().splitlines()[0]
        return line.replace("nginx version: ", "").split(" [")[0].replace("wrk debian/", "wrk ")
    except Exception:
        return "?"
print(json.dumps({
    "started": "$started", "seconds": $BENCH_SECONDS, "rounds": $BENCH_ROUNDS, "threads": $THREADS,
    "users": $USERS, "cores": os.cpu_count(), "kernel": platform.release(),
    "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?"),
    "load_before": "$load_before", "load_after": "$(cut -d' ' -f1-3 /proc/loadavg)",
    "versions": {"mock": version(["$mock_bin", "--version"]), "moto": version(["python3", "-c", "import moto; print('moto', moto.__version__)"]),
                 "nginx": version(["nginx", "-v"]), "wrk": version(["wrk", "-v"]),
                 "ministack": version(["$(dirname "$ministack_bin")/python3", "-c", "import importlib.metadata as m; print('ministack', m.version('ministack'))"])},
    "fixtures": {"mock": load("fixtures-mock.json"), "moto": load("fixtures-moto.json"),
                 "ministack": load("fixtures-ministack.json")},
    "memory_kb": {"mock_idle": $mock_idle_kb, "mock_peak": $mock_peak_kb, "mock_after": $mock_after_kb,
                  "moto_idle": $moto_idle_kb, "moto_peak": $moto_peak_kb, "nginx_peak": $nginx_peak_kb,
                  "mock_db": $mock_db_kb, "ministack_idle": $ministack_idle_kb, "ministack_peak": $ministack_peak_kb,
                  "mockinfo_peak": $mockinfo_peak_kb},
    "startup": {"mock": load("startup-mock.json"), "moto": load("startup-moto.json"),
                "ministack": load("startup-ministack.json")},
    "diagnostics": [json.loads(l) for l in open(os.path.join(work, "diagnostics.jsonl")) if l.strip()],
    "lists": [json.loads(l) for l in open(os.path.join(work, "lists.jsonl")) if l.strip()],
    "crypto_floor": $floor_json,
    "created": open(os.path.join(work, "create-small.txt")).read().strip() + "; " + open(os.path.join(work, "create-big.txt")).read().strip(),
}))
PY

mkdir -p bench/results
cp "$results" bench/results/latest.jsonl
cp "$work/meta.json" bench/results/latest.json
python3 bench/report.py bench/results/latest.jsonl bench/results/latest.json \
    --markdown bench/results/latest.md --chart bench/results/latest.png
