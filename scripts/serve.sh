#!/usr/bin/env bash
# For operators: N replicas of the dashboard behind nginx on this machine, in the foreground.
#   scripts/serve.sh --replicas 2 --port 8080 [--pin]
# The replicas share one cookie secret: $DASHBOARD_COOKIE_SECRET, else one generated for this
# run (never written to disk). nginx comes from Debian: installed with apt-get when missing and
# we are root, otherwise the script says how to get it. Ctrl-C or SIGTERM stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements.txt
case " $* " in *" -h "*|*" --help "*) exec .venv/bin/python -m deploy.serve "$@" ;; esac
# Bad flags are refused (exit 2) before anything is installed or started.
.venv/bin/python -c 'import sys; from deploy.serve import parser; parser().parse_args(sys.argv[1:])' "$@"
scripts/install_tools.sh nginx
exec .venv/bin/python -m deploy.serve "$@"
