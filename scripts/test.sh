#!/usr/bin/env bash
# Set up (first time only), check the code's style (ruff) and run the test suite.
#   scripts/test.sh            every test: unit, AppTest and browser (the README's command)
#   scripts/test.sh --fast     unit and AppTest only, no Chromium, LibreOffice or server
#                              (pytest -m "not browser and not slow"): about a minute
# Other arguments go to pytest: scripts/test.sh tests/model/test_bundle.py -q
# Tests run in two processes (pytest-xdist, one per core here; TEST_WORKERS=0 runs them in
# this one, in order): most of a browser test's time is waiting for a server or Chromium.
# The container tests (mark `containers`) then run alone: the veth pairs podman makes change
# the host's interfaces, and a Chromium loading a page in the other process drops its loads
# (net::ERR_NETWORK_CHANGED), a tab that stays blank.
# System tools (Chromium, nginx, poppler-utils, LibreOffice, axe-core) come from
# scripts/install_tools.sh: installed with apt-get/npm when missing and we are root on Debian;
# otherwise it stops and says how to get them. --fast needs none of them.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
fast=()
if [ "${1:-}" = "--fast" ]; then
  shift
  fast=(-m "not browser and not slow")
fi
scripts/setup.sh requirements-dev.txt
[ ${#fast[@]} -gt 0 ] || scripts/install_tools.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
status=0
if [ ${#fast[@]} -gt 0 ]; then
  .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" --dist worksteal "${fast[@]}" "$@" || status=$?
else
  together=0 alone=0
  .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" --dist worksteal -m "not containers" "$@" \
    || together=$?
  .venv/bin/python -m pytest -p no:xdist -m containers "$@" || alone=$?
  # pytest's 5 is "no test chosen": fine for one part, a failure for both.
  for part in "$together" "$alone"; do [ "$part" = 0 ] || [ "$part" = 5 ] || status=$part; done
  [ "$together$alone" != 55 ] || status=5
fi
elapsed=$((SECONDS - started))
echo "scripts/test.sh: $((elapsed / 60)) min $((elapsed % 60)) s in all, set-up included" >&2
exit "$status"
