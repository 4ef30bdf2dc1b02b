#!/usr/bin/env bash
# Proves that the README's two commands set up a fresh machine by themselves: takes the commands
# from the README's "The two commands" block, and runs them as root in a clean container of the
# Swift image (swift:6.3-bookworm, nothing else installed) holding a copy of this checkout:
#   1. the run command must serve (GET /_mock/health answers, a pool can be created, the default
#      database file exists); it is then stopped with SIGTERM;
#   2. the test command must pass.
# Prints how long each command took. The container uses the host's network (--network host; the
# run command is told a free port through MOCK_COGNITO_PORT) and, when the host has one, its CA
# bundle (package registries behind a TLS proxy). Uses docker/container-engine.sh for the engine
# and the base image. Usage: docker/fresh-machine.sh   (root or sudo; about 15 min on 2 cores)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=docker/container-engine.sh
source docker/container-engine.sh

CONTAINER="mc-fresh-$$"
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
work="$(mktemp -d)"
say() { printf '==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

cleanup() {
    local rc=$?
    if [[ -n "${ENGINE:-}" ]]; then "$ENGINE" rm -f -t 0 "$CONTAINER" >/dev/null 2>&1 || true; fi
    if [[ $rc -ne 0 && -d "$work" ]]; then
        for log in "$work"/*.log; do [[ -f "$log" ]] && { echo "---- last lines of $(basename "$log") ----"; tail -n 40 "$log"; } >&2; done
    fi
    rm -rf "$work"
    if [[ $rc -eq 0 ]]; then echo "docker/fresh-machine.sh: PASS"; else echo "docker/fresh-machine.sh: FAIL (exit $rc)" >&2; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The README's block: the first two non-empty lines after "## The two commands", comments dropped.
mapfile -t commands < <(awk '/^## The two commands/ {inside=1; next} inside && /^```sh/ {block=1; next}
    block && /^```/ {exit} block && NF {sub(/[[:space:]]+#.*$/, ""); print}' README.md)
[[ ${#commands[@]} -eq 2 ]] || { echo "error: expected two commands in README.md's 'The two commands' block, found ${#commands[@]}" >&2; exit 1; }
run_command="${commands[0]}"
test_command="${commands[1]}"
say "README run command:  $run_command"
say "README test command: $test_command"

say "container engine"
engine_setup >/dev/null
ca_options=()
if [[ -f "$CA_BUNDLE" ]]; then
    ca_options=(-v "$CA_BUNDLE:/etc/ssl/certs/ca-certificates.crt:ro" -e PIP_CERT=/etc/ssl/certs/ca-certificates.crt
                -e SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt -e REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt)
fi
"$ENGINE" run -d --name "$CONTAINER" --network host "${ca_options[@]}" "$SWIFT_IMAGE" sleep infinity >/dev/null
"$ENGINE" exec "$CONTAINER" mkdir /src
# The checkout as a user has it after cloning: tracked and new files, nothing ignored (no .build, no .venv).
git ls-files -z --cached --others --exclude-standard | xargs -0 tar -c --ignore-failed-read -f - 2>/dev/null \
    | "$ENGINE" exec -i "$CONTAINER" tar -x -C /src
in_container() { "$ENGINE" exec -w /src "$CONTAINER" bash -c "$1"; }
in_container 'command -v python3 >/dev/null && echo "note: the image has python3" || echo "the image has no python3";
    dpkg-query -W libsqlite3-dev >/dev/null 2>&1 && echo "note: the image has libsqlite3-dev" || echo "the image has no libsqlite3-dev"'

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
say "1. run command (MOCK_COGNITO_PORT=$port)"
began=$SECONDS
# setsid: the command and everything it starts form one process group, stopped together below.
"$ENGINE" exec -w /src -e MOCK_COGNITO_PORT="$port" "$CONTAINER" \
    setsid -w bash -c 'echo $$ > /tmp/run-command.pgid; exec '"$run_command" > "$work/run-command.log" 2>&1 &
exec_pid=$!
served=""
while kill -0 "$exec_pid" 2>/dev/null && (( SECONDS - began < 1800 )); do
    if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
        "http://127.0.0.1:$port/_mock/health" >/dev/null 2>&1; then served=yes; break; fi
    sleep 2
done
[[ -n "$served" ]] || { echo "error: the run command did not serve on port $port" >&2; exit 1; }
run_seconds=$((SECONDS - began))
say "serving after $run_seconds s"
python3 - "http://127.0.0.1:$port" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request(sys.argv[1], method="POST", data=b'{"PoolName": "fresh"}', headers={
    "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.CreateUserPool"})
pool = json.load(urllib.request.urlopen(request, timeout=5))["UserPool"]
assert pool["Name"] == "fresh" and pool["Id"].startswith("us-east-1_"), pool
print("CreateUserPool answered", pool["Id"])
PY
in_container 'test -f ~/.local/share/mock-cognito/mock-cognito.sqlite3 && echo "default database: ~/.local/share/mock-cognito/mock-cognito.sqlite3"'
in_container 'kill -TERM -- "-$(cat /tmp/run-command.pgid)"'
wait "$exec_pid" || true
grep -q 'stopped' "$work/run-command.log" || { echo "error: the server did not stop cleanly on SIGTERM" >&2; exit 1; }

say "2. test command"
began=$SECONDS
if ! in_container "$test_command" > "$work/test-command.log" 2>&1; then
    echo "error: the test command failed" >&2
    exit 1
fi
test_seconds=$((SECONDS - began))
tail -n 5 "$work/test-command.log"
say "fresh machine: run command served after ${run_seconds} s; test command passed in ${test_seconds} s"
