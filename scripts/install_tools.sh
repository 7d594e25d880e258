#!/usr/bin/env bash
# The one place that installs the system tools the tests and scripts need, from Debian's
# packages (and axe-core from npm). Used by scripts/test.sh, .ci/run and scripts/serve.sh.
#
#   scripts/install_tools.sh [group ...]     default: chromium nginx documents axe
#
# Groups and what needs them:
#   chromium   the browser tests, PNG/SVG export (kaleido), the handout (print to PDF)
#   nginx      scripts/serve.sh and the tests through the proxy
#   documents  the deck and handout tests: pdftotext (poppler-utils), LibreOffice (headless)
#   axe        the accessibility tests: npm, then axe-core (pinned) into .cache/axe/
#   containers scripts/build_image.sh and tests/test_containers.py: podman with runc (crun
#              fails here: "cgroups in hybrid mode not supported"), netavark, aardvark-dns and
#              iptables (the containers find each other by name, as in compose), catatonit (the
#              pods' pause process, for podman kube play), debootstrap
#              (the base image is made locally: no container registry is reachable).
#
# A tool already there is left alone. A missing one is installed with apt-get when we are
# root on Debian; otherwise the script says how to get it and exits 2 (documents only warns:
# the tests that need them skip).
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.14.1
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
updated=""
apt_install() {
  if [ -z "$updated" ]; then
    apt-get update -qq
    updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
# need WHAT "how to get it by hand" package... : install the packages, or explain and exit 2.
need() {
  local what="$1" hint="$2"
  shift 2
  if can_apt; then
    echo "$what not found: installing Debian's $* ." >&2
    apt_install "$@"
  else
    echo "$what is needed and missing. $hint" >&2
    exit 2
  fi
}
# type -P looks for a file only: `command -v chromium` would find this script's own function
# chromium() below and never install the browser.
have() { type -P "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]; }

chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] || have chromium; then return; fi
  need Chromium "Install it (Debian/Ubuntu: sudo apt-get install chromium), or run \
'.venv/bin/python -m playwright install chromium', or set CHROMIUM_PATH." chromium
}
nginx() {
  if have nginx; then return; fi
  need nginx "Install it (Debian/Ubuntu: sudo apt-get install nginx-light)." nginx-light
}
documents() {
  if have pdftotext && have soffice; then return; fi
  if can_apt; then
    echo "pdftotext or LibreOffice not found: installing poppler-utils and libreoffice-impress-nogui." >&2
    apt_install poppler-utils libreoffice-impress-nogui
  else  # optional: the tests that need them skip and say why
    echo "pdftotext or soffice missing: the deck and handout tests that need them will skip." >&2
  fi
}
axe() {
  if grep -qs "axe v$AXE_VERSION" .cache/axe/node_modules/axe-core/axe.min.js; then return; fi
  have npm || need npm "Install Node.js and npm, then run: \
npm install --prefix .cache/axe axe-core@$AXE_VERSION" npm
  npm install --prefix .cache/axe --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
}

containers() {
  # netavark and aardvark-dns live in /usr/lib/podman, off the PATH; netavark needs iptables.
  if have podman && have runc && have debootstrap && have iptables && have catatonit \
    && [ -x /usr/lib/podman/netavark ] && [ -x /usr/lib/podman/aardvark-dns ]; then
    return
  fi
  need "podman, runc, netavark, aardvark-dns, iptables, catatonit or debootstrap" "Install them \
(Debian/Ubuntu: sudo apt-get install podman runc netavark aardvark-dns iptables catatonit debootstrap)." \
    podman runc netavark aardvark-dns iptables catatonit debootstrap
}

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(chromium nginx documents axe)
for group in "${groups[@]}"; do
  case "$group" in
    chromium | nginx | documents | axe | containers) "$group" ;;
    *)
      echo "install_tools.sh: unknown group '$group' (chromium, nginx, documents, axe, containers)" >&2
      exit 2
      ;;
  esac
done
