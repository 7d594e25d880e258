#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite: unit, AppTest and browser tests.
# The browser tests drive a local Chromium. If none is found and we are root on Debian,
# it is installed with apt-get; otherwise the script stops and says how to get one.
# The same for nginx (scripts/ensure_nginx.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium not found: installing Debian's chromium package for the browser tests." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium)," >&2
    echo "or run '.venv/bin/python -m playwright install chromium', or set CHROMIUM_PATH." >&2
    exit 2
  fi
fi
# The tests through the proxy (scripts/serve.sh, bench.load's proxy part) need Debian's nginx.
scripts/ensure_nginx.sh
exec .venv/bin/python -m pytest "$@"
