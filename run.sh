#!/usr/bin/env bash
# The README's first command: installs what is missing (tools/setup.sh run: the system libraries;
# as root with apt-get, otherwise it prints the apt-get line and stops), then builds a release
# binary and serves on http://127.0.0.1:9229 with the database in ~/.local/share/mock-cognito/.
# Arguments are passed to mock-cognito: ./run.sh --port 9300 --seed fixtures/example-seed.json
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo_root"
tools/setup.sh run
exec swift run -c release mock-cognito "$@"
