#!/usr/bin/env bash
# Set up (first time only), check the code's style (ruff) and run the whole test suite: unit,
# AppTest and browser tests.
# The browser tests drive a local Chromium. If none is found and we are root on Debian,
# it is installed with apt-get; otherwise the script stops and says how to get one.
# The same for nginx (scripts/ensure_nginx.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
# Debian packages the tests need are installed with apt-get only when we are root on Debian.
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
apt_install() { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if can_apt; then
    echo "Chromium not found: installing Debian's chromium package for the browser tests." >&2
    apt_install chromium
  else
    echo "The browser tests need Chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium)," >&2
    echo "or run '.venv/bin/python -m playwright install chromium', or set CHROMIUM_PATH." >&2
    exit 2
  fi
fi
# The deck and handout tests read PDFs with poppler-utils (pdftotext) and open the PPTX with
# LibreOffice (headless); installed like Chromium when root on Debian, else those tests skip.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1; then
  if can_apt; then
    echo "Installing poppler-utils and libreoffice-impress-nogui for the deck and handout tests." >&2
    apt_install --no-install-recommends poppler-utils libreoffice-impress-nogui
  else
    echo "pdftotext or soffice missing: the deck and handout tests that need them will skip." >&2
  fi
fi
# The accessibility tests inject axe-core from the npm package, pinned, into .cache/axe/
# (git-ignored); never from a CDN. npm comes from Debian like Chromium when root.
AXE_VERSION=4.14.1
if ! grep -qs "axe v$AXE_VERSION" .cache/axe/node_modules/axe-core/axe.min.js; then
  if ! command -v npm >/dev/null 2>&1 && can_apt; then
    echo "npm not found: installing Debian's npm package for axe-core." >&2
    apt_install npm
  elif ! command -v npm >/dev/null 2>&1; then
    echo "The accessibility tests need axe-core from npm. Install Node.js and npm, then run:" >&2
    echo "  npm install --prefix .cache/axe axe-core@$AXE_VERSION" >&2
    exit 2
  fi
  npm install --prefix .cache/axe --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
