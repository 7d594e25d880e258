#!/usr/bin/env bash
# checkov (PyPI, pinned below) on deploy/: Dockerfiles, Kubernetes manifests, kustomization.
# It has many dependencies, so it lives in its own virtualenv, .cache/checkov-venv (made on
# the first run, about 30 s), not in .venv. Settings and the skipped checks, each with its
# reason: deploy/checkov.yaml. Exit 0 when nothing fails; extra arguments go to checkov.
#   scripts/checkov.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOV_VERSION=3.3.30
venv=.cache/checkov-venv
stamp="$venv/.installed-checkov-$CHECKOV_VERSION"
if [ ! -f "$stamp" ]; then
  rm -rf "$venv"
  "${PYTHON:-python3}" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "checkov==$CHECKOV_VERSION" >&2
  touch "$stamp"
fi
exec "$venv/bin/checkov" --config-file deploy/checkov.yaml "$@"
