#!/usr/bin/env bash
# Make sure Debian's nginx is there (scripts/serve.sh and the tests through the proxy need it):
# installed with apt-get when missing and we are root, otherwise say how to get it (exit 2).
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "nginx not found: installing Debian's nginx-light package." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
else
  echo "scripts/serve.sh needs nginx. Install it (Debian/Ubuntu: sudo apt-get install nginx-light)." >&2
  exit 2
fi
