#!/usr/bin/env bash
# Build the dashboard's image (deploy/Dockerfile) and nginx's (deploy/nginx.Dockerfile) with
# podman; print the app image's name on the last line of stdout (podman's output goes to stderr).
#
#   scripts/build_image.sh [--tag TAG]       default tag: local
#   image=$(scripts/build_image.sh | tail -n 1)
#
# No container registry is reachable from our machines, so the base, Debian bookworm, is made
# here with debootstrap from Debian's mirror and imported into podman as
# localhost/migration-dashboard-base:bookworm, once (it stays in podman's image store).
# DASHBOARD_BASE=<image> builds on another base instead, e.g. the public debian:bookworm-slim.
# podman, runc and debootstrap come from scripts/install_tools.sh (group containers); podman's
# two settings for these machines are in deploy/podman/containers.conf ($CONTAINERS_CONF).
# Layers are cached in podman's store: a change to the app's code re-copies the app only.
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: scripts/build_image.sh [--tag TAG]"
tag=local
while [ $# -gt 0 ]; do
  case "$1" in
    --tag)
      if [ $# -lt 2 ] || ! [[ "$2" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; then
        echo "$usage" >&2
        echo "build_image.sh: --tag needs a tag: letters, digits, '_', '.', '-' (at most 128)" >&2
        exit 2
      fi
      tag="$2"
      shift 2
      ;;
    -h | --help)
      sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "$usage" >&2
      echo "build_image.sh: unrecognized argument '$1'" >&2
      exit 2
      ;;
  esac
done

scripts/install_tools.sh containers
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/deploy/podman/containers.conf}"

APP_IMAGE="localhost/migration-dashboard:$tag"
NGINX_IMAGE="localhost/migration-dashboard-nginx:$tag"
BASE_IMAGE="localhost/migration-dashboard-base:bookworm"
SUITE=bookworm
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"

# make_base: Debian bookworm by debootstrap, made like the public slim image (no docs, man pages
# or translations: debuerreotype's slimify lists), with the security and point-release updates
# applied, imported into podman as $BASE_IMAGE.
make_base() {
  local rootfs
  rootfs="$(mktemp -d /var/tmp/dashboard-base.XXXXXX)"
  # shellcheck disable=SC2064  # expand now: the trap must remove this folder
  trap "rm -rf '$rootfs'" EXIT
  echo "build_image.sh: making $BASE_IMAGE with debootstrap from $MIRROR (once)" >&2
  debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >&2
  rm -f "$rootfs/etc/apt/sources.list" "$rootfs/etc/resolv.conf" "$rootfs/etc/hostname"
  cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY_MIRROR
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/slim" <<'EOF'
# As the public debian:*-slim images (debuerreotype's .slimify-excludes and -includes).
path-exclude /usr/share/doc/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
path-include /usr/share/doc/*/copyright
path-include /usr/share/locale/locale.alias
EOF
  # apt as in the public images (debuerreotype's minimizing config): no package kept after an
  # install, no translations, compressed lists, no service started by an install.
  local clean='"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true";'
  cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<EOF
DPkg::Post-Invoke { $clean };
APT::Update::Post-Invoke { $clean };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  echo 'Acquire::Languages "none";' >"$rootfs/etc/apt/apt.conf.d/docker-no-languages"
  echo 'Acquire::GzipIndexes "true";' >"$rootfs/etc/apt/apt.conf.d/docker-gzip-indexes"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' \
    >"$rootfs/etc/apt/apt.conf.d/docker-autoremove-suggests"
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
  chmod 0755 "$rootfs/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"  # for the upgrade below only
  chroot "$rootfs" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive chroot "$rootfs" apt-get upgrade -y -qq >&2
  chroot "$rootfs" apt-get clean
  rm -f "$rootfs/etc/resolv.conf"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/log/*.log \
    "$rootfs"/var/log/apt/* "$rootfs"/tmp/* "$rootfs"/var/tmp/*
  find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias \
    -exec rm -rf {} +
  rm -rf "$rootfs"/usr/share/{groff,info,linda,man}/* "$rootfs"/usr/share/lintian/overrides/*
  tar --numeric-owner -C "$rootfs" -c . |
    podman import --change 'CMD ["bash"]' - "$BASE_IMAGE" >&2
  rm -rf "$rootfs"
  trap - EXIT
}

base="${DASHBOARD_BASE:-$BASE_IMAGE}"
if [ -z "${DASHBOARD_BASE:-}" ] && ! podman image exists "$BASE_IMAGE"; then
  make_base
fi

# A TLS-inspecting proxy between the build and PyPI (as on our machines) needs its CA: pip's
# own bundle does not have it. The host's bundle goes in as a build secret, never into a layer.
ca="${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}"
secret=()
if [ -s "$ca" ]; then
  secret=(--secret "id=pip_ca,src=$ca")
fi

build() {  # build DOCKERFILE IMAGE
  # --format docker: the OCI format has no HEALTHCHECK, and podman drops it.
  podman build --format docker --layers --build-arg "BASE=$base" "${secret[@]}" \
    -f "$1" -t "$2" . >&2
}
build deploy/Dockerfile "$APP_IMAGE"
build deploy/nginx.Dockerfile "$NGINX_IMAGE"
echo "$APP_IMAGE"
