"""What only the browser tests share: the timings they measure, printed at the end of the run.
The server and Chromium helpers are in devtools/ (the benchmarks and scripts use them too)."""

from __future__ import annotations

# (what, seconds) measured by the browser tests, printed at the end of the run.
TIMINGS: list[tuple[str, float]] = []
