#!/usr/bin/env bash
# Sourced by docker/test.sh. Picks a container engine that works and, for podman, sets it up the
# podman needs on the development machines (no Docker daemon, no registry), idempotently:
#   - installs podman buildah debootstrap runc through apt when no engine works;
#   - writes /etc/containers/containers.conf (runc, capped ulimits) unless it already says runc;
#   - makes the base images the Dockerfile names (debian:bookworm-slim, swift:6.3-bookworm) when
#     they are missing: a pull first, then debootstrap + `podman import` (the builder image from the
#     installed Swift toolchain).
# Sets ENGINE (docker or podman). Needs root (or sudo) only for what it has to install or write.

engine_as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

engine_log() { printf '[engine %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

DEBIAN_IMAGE="docker.io/library/debian:bookworm-slim"
SWIFT_IMAGE="docker.io/library/swift:6.3-bookworm"
ENGINE_STATE_DIR="${MOCK_COGNITO_ENGINE_STATE:-/var/tmp/mock-cognito-engine}"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# A docker that talks to a real daemon wins; otherwise podman.
engine_pick() {
    if [[ -z "${MOCK_COGNITO_ENGINE:-}" || "${MOCK_COGNITO_ENGINE}" == docker ]]; then
        if command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1 \
            && ! timeout 10 docker version 2>/dev/null | grep -qi podman; then
            ENGINE=docker
            return
        fi
    fi
    ENGINE=podman
}

engine_install_podman() {
    if command -v podman >/dev/null 2>&1 && command -v runc >/dev/null 2>&1 \
        && command -v debootstrap >/dev/null 2>&1; then
        return
    fi
    engine_log "installing podman buildah debootstrap runc"
    engine_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    engine_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        podman buildah debootstrap runc >/dev/null
}

engine_configure_podman() {
    local conf=/etc/containers/containers.conf
    if [[ -f "$conf" ]] && grep -q '^runtime *= *"runc"' "$conf"; then
        return
    fi
    engine_log "writing $conf (runc, capped ulimits)"
    engine_as_root mkdir -p /etc/containers
    if [[ -f "$conf" ]]; then engine_as_root cp "$conf" "$conf.before-mock-cognito"; fi
    engine_as_root tee "$conf" >/dev/null <<'CONF'
# Written by mock-cognito docker/container-engine.sh:
# crun cannot run on a hybrid cgroup layout, and without CAP_SYS_RESOURCE podman's default
# nofile limit cannot be applied.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
}

# A minimal bookworm root file system, made once and reused by both images.
engine_rootfs() {
    local rootfs="$ENGINE_STATE_DIR/rootfs-slim"
    if [[ ! -f "$rootfs/.complete" ]]; then
        engine_log "debootstrap bookworm into $rootfs"
        engine_as_root rm -rf "$rootfs"
        engine_as_root mkdir -p "$ENGINE_STATE_DIR"
        engine_as_root debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >/dev/null
        engine_as_root chroot "$rootfs" apt-get clean
        # What the official slim image leaves out, and keeps out of later installs (dpkg path-exclude).
        engine_as_root rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
            "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/info/* "$rootfs"/var/cache/apt/*.bin
        engine_as_root tee "$rootfs/etc/dpkg/dpkg.cfg.d/slim" >/dev/null <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
DPKG
        # The official image's hook: no package caches left behind by apt in image layers.
        printf '%s\n' 'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };' \
            'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };' \
            'Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";' | engine_as_root tee "$rootfs/etc/apt/apt.conf.d/docker-clean" >/dev/null
        engine_as_root touch "$rootfs/.complete"
    fi
    printf '%s\n' "$rootfs"
}

engine_try_pull() {
    [[ "${MOCK_COGNITO_NO_PULL:-}" == 1 ]] && return 1
    timeout "${MOCK_COGNITO_PULL_TIMEOUT:-60}" podman pull -q "$1" >/dev/null 2>&1
}

engine_debian_image() {
    if podman image exists "$DEBIAN_IMAGE"; then return; fi
    if engine_try_pull "$DEBIAN_IMAGE"; then engine_log "pulled $DEBIAN_IMAGE"; return; fi
    local rootfs
    rootfs="$(engine_rootfs)"
    engine_log "importing $DEBIAN_IMAGE from $rootfs"
    engine_as_root tar -C "$rootfs" --exclude ./.complete -c . \
        | podman import --quiet --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
}

engine_swift_image() {
    if podman image exists "$SWIFT_IMAGE"; then return; fi
    if engine_try_pull "$SWIFT_IMAGE"; then engine_log "pulled $SWIFT_IMAGE"; return; fi
    local swift_usr rootfs work
    swift_usr="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
    if [[ ! -x "$swift_usr/bin/swift" ]]; then
        echo "error: no $SWIFT_IMAGE, no registry, and no installed Swift toolchain to make it from" >&2
        return 1
    fi
    rootfs="$(engine_rootfs)"
    work="$ENGINE_STATE_DIR/rootfs-swift"
    engine_log "making $SWIFT_IMAGE from the toolchain in $swift_usr"
    engine_as_root rm -rf "$work"
    engine_as_root cp -a "$rootfs" "$work"
    engine_as_root cp /etc/resolv.conf "$work/etc/resolv.conf"
    # The official image's package list (libncurses6 is needed by the swift driver).
    engine_as_root chroot "$work" bash -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq &&
        apt-get install -y -qq --no-install-recommends binutils git gnupg2 libc6-dev libcurl4-openssl-dev \
          libedit2 libgcc-12-dev libpython3-dev libsqlite3-0 libstdc++-12-dev libxml2-dev libz3-dev \
          pkg-config tzdata zlib1g-dev unzip ca-certificates libncurses6 >/dev/null &&
        apt-get clean && rm -rf /var/lib/apt/lists/*'
    engine_as_root cp -a "$swift_usr"/. "$work/usr/"
    engine_as_root tar -C "$work" --exclude ./.complete -c . \
        | podman import --quiet --change 'CMD ["bash"]' - "$SWIFT_IMAGE" >/dev/null
    engine_as_root rm -rf "$work"
}

# Everything above, in order. Leaves ENGINE set.
engine_setup() {
    engine_pick
    if [[ "$ENGINE" == docker ]]; then
        engine_log "using docker ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
        return
    fi
    engine_install_podman
    engine_configure_podman
    engine_debian_image
    engine_swift_image
    engine_log "using podman $(podman --version | awk '{print $3}')"
}
