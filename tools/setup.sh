#!/usr/bin/env bash
# Makes a machine ready for one of the project's commands, before anything is built:
#   tools/setup.sh run    system libraries for building and serving (./run.sh)
#   tools/setup.sh test   the above, plus Python 3 with venv, the en_US.UTF-8 locale and the
#                         test virtual environment .venv (Tests/run-all.sh)
#   tools/setup.sh ci     the above, plus the CI-only tools (.ci/run)
#   tools/setup.sh venv   only the virtual environment (docker/test.sh, bench scripts)
# What is needed is data, one line per item: Debian packages in tools/setup/apt-packages.txt,
# Python packages in Tests/requirements.txt. Python packages go into the project's own .venv
# (MOCK_COGNITO_VENV overrides the path), never into the user's site-packages.
# As root, missing Debian packages are installed with apt-get and the locale is generated; as
# another user the script stops at once with the exact command to run. Quiet when nothing is missing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stage="${1:-}"
case "$stage" in run|test|ci|venv) ;; *) echo "usage: tools/setup.sh run|test|ci|venv" >&2; exit 64 ;; esac

venv="${MOCK_COGNITO_VENV:-$repo_root/.venv}"
requirements="$repo_root/Tests/requirements.txt"
say() { printf 'setup: %s\n' "$*" >&2; }
is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Stages a package line applies to: a "run" package is needed by every command.
stage_covers() {
    case "$1:$2" in
        run:run|run:test|run:ci|test:test|test:ci|ci:ci) return 0 ;;
        *) return 1 ;;
    esac
}

missing_packages() {
    local package needed_by check
    while read -r package needed_by check; do
        [[ -z "$package" || "$package" == \#* ]] && continue
        stage_covers "$needed_by" "$stage" || continue
        if [[ -n "$check" ]]; then
            bash -c "$check" >/dev/null 2>&1 && continue
        elif dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            continue
        fi
        printf '%s\n' "$package"
    done < "$repo_root/tools/setup/apt-packages.txt"
}

system_packages() {
    local missing
    mapfile -t missing < <(missing_packages)
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        say "missing system packages (Debian names): ${missing[*]}; install their equivalents and run this again"
        exit 69
    fi
    if ! is_root; then
        say "missing system packages; run this, then the same command again:"
        echo "sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 69
    fi
    say "installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# warrant-lite (an SRP test client) switches to en_US.UTF-8 while it signs.
locale_en_us() {
    locale -a 2>/dev/null | grep -qix 'en_US.utf-\?8' && return 0
    if ! is_root; then
        say "the en_US.UTF-8 locale is missing; run this, then the same command again:"
        echo "sudo sed -i 's/^# *en_US.UTF-8/en_US.UTF-8/' /etc/locale.gen && sudo locale-gen" >&2
        exit 69
    fi
    say "generating the en_US.UTF-8 locale"
    grep -q '^# *en_US.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null || grep -q '^en_US.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null \
        || echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen
    sed -i 's/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen
    locale-gen >/dev/null
}

# The venv is (re)built when Tests/requirements.txt changed since it was last filled.
virtual_environment() {
    local stamp="$venv/.requirements.sha256" wanted
    wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
    if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then return 0; fi
    if [[ ! -x "$venv/bin/python" ]]; then
        say "creating the test virtual environment $venv"
        python3 -m venv "$venv"
    fi
    say "installing Tests/requirements.txt into $venv (PyPI)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$wanted" > "$stamp"
}

# ministack (the Lambda service the trigger tests invoke) pins an older botocore than the test
# packages, so it gets a virtual environment of its own: .build-ministack/venv, where
# Tests/EndToEnd/lambda_service.py looks for it. Its packages are in Tests/requirements-ministack.txt.
ministack_environment() {
    local dir="$repo_root/.build-ministack/venv" list="$repo_root/Tests/requirements-ministack.txt"
    local stamp="$dir/.requirements.sha256" wanted
    wanted="$(sha256sum "$list" | cut -d' ' -f1)"
    if [[ -x "$dir/bin/ministack" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then return 0; fi
    say "installing Tests/requirements-ministack.txt into $dir (PyPI)"
    [[ -x "$dir/bin/python" ]] || python3 -m venv "$dir"
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -r "$list"
    echo "$wanted" > "$stamp"
}

started=$SECONDS
case "$stage" in
    run) system_packages ;;
    test|ci) system_packages; locale_en_us; virtual_environment; ministack_environment ;;
    venv) virtual_environment ;;
esac
(( SECONDS - started > 2 )) && say "ready for '$stage' after $((SECONDS - started)) s"
exit 0
