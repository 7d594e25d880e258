#!/usr/bin/env bash
# Set up (first time only) and start the dashboard on the bundled data.
#   scripts/run.sh            production settings from .streamlit/config.toml (no file watcher)
#   scripts/run.sh --dev      for development: watch the source files and re-run on save
# Any other arguments go to `streamlit run` (for example --server.port 8600).
set -euo pipefail
cd "$(dirname "$0")/.."
dev=()
if [ "${1:-}" = "--dev" ]; then
  shift
  dev=(--server.fileWatcherType auto --server.runOnSave true)
fi
scripts/setup.sh requirements.txt
exec .venv/bin/python -m streamlit run dashboard.py "${dev[@]}" "$@"
