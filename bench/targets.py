"""Every speed and size target of the benchmarks, in one place. Targets live here, in a
benchmark that reports medians and ratios, never in a test that fails on a slow day."""

from __future__ import annotations

# Browser (bench/browser.py): first view as a ratio to a one-element baseline page, and the
# crisis switch on the map.
TARGET_RATIO, TARGET_SWITCH_MS = 1.2, 300
# The map's first view is held to 1.5× its one-point baseline: it has a country bitmap, two
# layers and a legend the baseline has not.
PAGE_TARGETS = {"/map": 1.5}
# Server side and scale (bench/__main__.py): a re-run at 500k rows, the process's peak RSS,
# one briefing pack.
TARGET_RERUN_MS, TARGET_RSS_MB, TARGET_PACK_S = 500, 1024, 10
# Ingest (bench/ingest.py): a full-size UN DESA Table 1 read into our schema (RSS: TARGET_RSS_MB).
TARGET_INGEST_S = 10
# Live sessions (bench/load.py): p95 of a re-run with this many sessions on one process, and
# the soak test's RSS drift.
TARGET_P95_MS, TARGET_SESSIONS, TARGET_RSS_DRIFT = 1000, 100, 0.10
# Replicas behind nginx (bench/proxy.py): sessions at p95 ≤ TARGET_P95_MS with two replicas
# over one, and how much smaller nginx's gzip makes a first load.
TARGET_SCALING, TARGET_TRANSFER = 1.8, 3.0
# Containers (bench/containers.py): the app image with Chromium inside.
TARGET_IMAGE_MB = 900
