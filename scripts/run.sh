#!/usr/bin/env bash
# Set up (first time only) and start the dashboard on the bundled data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements.txt
exec .venv/bin/python -m streamlit run dashboard.py "$@"
