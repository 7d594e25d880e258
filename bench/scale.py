"""Scale: every page on SYNTHETIC flows of a given size, in this (fresh) process.

    python -m bench.scale --rows 500000 [--repeats 5] [--profile pages/map.py]

Writes the synthetic tables to a temporary folder (never to data/), points the dashboard at
it with $DASHBOARD_DATA and, per page under AppTest: the first run (read + validate + draw),
then the re-run after a crisis change (the filter), cycling through four crises: the first visit
of each crisis (nothing cached for it) and the later ones (lib.ui.cache.memo hits) apart. Prints
one JSON line.
Peak RSS is this process's, so run one size per process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lib.base.schema import PAGE_SCRIPTS, ROOT

PAGES = list(PAGE_SCRIPTS)
SWITCH = ["haiti", "venezuela", "northern_triangle", "structural"]


def synthetic_folder(rows: int) -> Path:
    """Return a temporary copy of data/ whose flows.csv holds `rows` synthetic flows."""
    from bench.synthetic import synthetic_flows
    from lib.base.schema import DATA_DIR
    from lib.model.bundle import load_bundle

    tmp = Path(tempfile.mkdtemp(prefix="synthetic_flows_"))
    shutil.copytree(DATA_DIR, tmp / "data")
    places = [c for c in load_bundle().places["code"] if len(c) == 3 and not c.startswith("X")]
    synthetic_flows(rows, places).to_csv(tmp / "data" / "flows.csv", index=False)
    return tmp / "data"


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure(rows: int, repeats: int, pages: list[str], profile: str | None = None) -> dict:
    """Return load, first-run and re-run-after-filter times per page, and the peak RSS."""
    from streamlit.testing.v1 import AppTest

    folder = synthetic_folder(rows)
    os.environ["DASHBOARD_DATA"] = str(folder)
    try:
        from lib.model.bundle import load_bundle

        t0 = time.perf_counter()
        load_bundle(folder)
        load = time.perf_counter() - t0
        out: dict = {
            "rows": rows,
            "load_and_validate_s": round(load, 2),
            "csv_mb": round((folder / "flows.csv").stat().st_size / 1e6, 1),
            "pages": {},
        }
        for page in pages:
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
            t0 = time.perf_counter()
            at.run()
            out.setdefault(
                "cold_first_view_s", round(time.perf_counter() - t0, 2)
            )  # read + validate + draw
            if page != "dashboard.py":
                at.switch_page(page)
            at.query_params["crisis"] = "venezuela"
            t0 = time.perf_counter()
            at.run()
            first = time.perf_counter() - t0
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].message}")
            times, seen = [], {"venezuela"}  # drawn by the first run
            for i in range(repeats):
                at.query_params["crisis"] = SWITCH[i % len(SWITCH)]
                if profile == page and i == repeats - 1:
                    import cProfile
                    import pstats

                    prof = cProfile.Profile()
                    prof.enable()
                t0 = time.perf_counter()
                at.run()
                times.append((time.perf_counter() - t0, SWITCH[i % len(SWITCH)] in seen))
                seen.add(SWITCH[i % len(SWITCH)])
                if profile == page and i == repeats - 1:
                    prof.disable()
                    pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
            new = [s for s, again in times if not again]  # a crisis this process has not drawn yet
            again = [s for s, was in times if was] or new
            out["pages"][page] = {
                "first_run_s": round(first, 2),
                "filter_rerun_median_ms": round(statistics.median(new) * 1000, 1),
                "filter_rerun_again_median_ms": round(statistics.median(again) * 1000, 1),
            }
        out["peak_rss_mb"] = peak_rss_mb()
        return out
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", nargs="*", default=PAGES)
    parser.add_argument(
        "--profile", help="print a cProfile of the last re-run of this page to stderr"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    print(json.dumps(measure(args.rows, args.repeats, args.pages, args.profile)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
