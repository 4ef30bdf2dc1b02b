#!/usr/bin/env bash
# Soak test: bench/soak.sh [minutes, default 10]. A mixed keep-alive load (wrk + bench/soak.lua)
# plus hostile clients (slowloris, floods past --max-connections, garbage, half-closed sockets,
# huge heads and bodies, deep JSON, invalid UTF-8, resets, pipelining, connection churn) against
# one server; RSS and descriptors are sampled every 10 s. Fails when descriptors do not come back
# after the load or RSS keeps growing (criterion in bench/soak.py). Results: bench/results/soak-*.json.
# Uses the release build unless MOCK_COGNITO_BINARY names a binary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
minutes="${1:-10}"
binary="${MOCK_COGNITO_BINARY:-}"
if [[ -z "$binary" ]]; then
    swift build -c release --product mock-cognito 2>&1 | tail -1
    binary="$(swift build -c release --show-bin-path)/mock-cognito"
fi
command -v wrk >/dev/null || { echo "soak.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
mkdir -p bench/results
exec python3 bench/soak.py --minutes "$minutes" --binary "$binary" \
    --json "bench/results/soak-$(date -u +%Y%m%dT%H%M%SZ).json"
