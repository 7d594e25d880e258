#!/usr/bin/env bash
# Set up (first time only), check the code's style (ruff) and run the whole test suite: unit,
# AppTest and browser tests.
# System tools (Chromium, nginx, poppler-utils, LibreOffice, axe-core) come from
# scripts/install_tools.sh: installed with apt-get/npm when missing and we are root on Debian;
# otherwise it stops and says how to get them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
scripts/install_tools.sh  # Chromium, nginx, pdftotext/LibreOffice, axe-core
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
