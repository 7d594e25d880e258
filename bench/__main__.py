"""Benchmark: medians over repeated runs, as ratios to a baseline measured in the same run.

    python -m bench            # full run, writes bench/results.md and bench/results.json
    python -m bench --quick    # tiny settings (used by the smoke test), writes to --out

Parts: (1) browser: each page's time to chart visible in headless Chromium against a
minimal same-kind page, and the crisis switch (bench/browser.py); (2) server side: each
page's re-run under AppTest against an empty Streamlit page, interleaved; (3) payload of the
map's deck JSON and the Sankey spec; (4) scale: every page on 50k/200k/500k synthetic flows
(bench/scale.py, one process per size); (5) export: one PNG and one briefing pack; (6) ingest:
a SYNTHETIC full-size UN DESA Table 1 read into our schema (bench/ingest.py, its own process),
and calamine against openpyxl on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import reports
from bench.browser import browser
from lib.base.schema import PAGE_SCRIPTS, ROOT

PAGES = list(PAGE_SCRIPTS)


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def server_side(repeats: int) -> dict:
    """Re-run time of each page (crisis=venezuela) against an empty page, interleaved."""
    from streamlit.testing.v1 import AppTest

    def app(page: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.run()
        if page != "dashboard.py":
            at.switch_page(page)
        at.query_params["crisis"] = "venezuela"
        return at.run()

    empty = AppTest.from_file(str(ROOT / "bench" / "empty_page.py"), default_timeout=60).run()
    apps = {p: app(p) for p in PAGES}
    times: dict[str, list[float]] = {p: [] for p in ["empty", *PAGES]}
    for _ in range(repeats):
        for name, at in [("empty", empty), *apps.items()]:
            t0 = time.perf_counter()
            at.run()
            times[name].append(time.perf_counter() - t0)
    base = statistics.median(times["empty"])
    return {
        p: {"median_ms": _median_ms(v), "ratio_to_empty": round(statistics.median(v) / base, 1)}
        for p, v in times.items()
    }


def payload() -> dict:
    """Bytes the browser receives for the map (deck JSON) and the Sankey (plotly spec)."""
    from lib.charts.corridors import nested_chart
    from lib.charts.map_view import map_view
    from lib.model.bundle import load_bundle
    from lib.ui.css import map_background

    data = load_bundle()
    names = dict(zip(data.cases["crisis"], data.cases["name"], strict=True))
    out = {}
    for crisis in (None, "venezuela"):
        view = map_view(data, crisis, names)
        out[f"deck_json_bytes_{crisis or 'all'}"] = len(view.deck.to_json().encode())
        out[f"map_bitmap_css_bytes_{crisis or 'all'}"] = len(map_background(view).encode())
        out[f"sankey_spec_bytes_{crisis or 'all'}"] = len(
            nested_chart(data, crisis).figure.to_json().encode()
        )
    return out


def scale(sizes: list[int], repeats: int) -> list[dict]:
    """Every page on synthetic flows, one fresh process per size (so peak RSS is per size)."""
    out = []
    for n in sizes:
        done = subprocess.run(
            [sys.executable, "-m", "bench.scale", "--rows", str(n), "--repeats", str(repeats)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=3000,
        )
        out.append(
            json.loads(done.stdout.strip().splitlines()[-1])
            if done.returncode == 0
            else {"rows": n, "error": done.stderr[-500:]}
        )
    return out


def export(repeats: int) -> dict:
    """Time for one PNG (kaleido server running) and one briefing pack."""
    from lib.charts.corridors import nested_chart
    from lib.export import pack as export
    from lib.export import render
    from lib.model.bundle import load_bundle

    if render.chrome_path() is None:
        return {"skipped": "no Chrome/Chromium"}
    data = load_bundle()
    fig = nested_chart(data, "venezuela").figure
    t0 = time.perf_counter()
    render.image_bytes(fig, "png")
    first = time.perf_counter() - t0
    pngs, packs = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        render.image_bytes(fig, "png")
        pngs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        export.briefing_pack(data, "venezuela", "en", "http://localhost:8501", dt.date.today())
        packs.append(time.perf_counter() - t0)
    return {
        "first_png_s_including_browser_start": round(first, 2),
        "png_median_ms": _median_ms(pngs),
        "pack_median_s": round(statistics.median(packs), 2),
    }


def ingest(areas: int, runs: int = 3) -> dict:
    """A SYNTHETIC Table 1 of `areas` × `areas` countries read by lib.ingest, each run in a
    fresh process (so its peak RSS is the ingest's): the median run, every run's seconds, the
    largest peak and the load average at the start."""
    load = round(os.getloadavg()[0], 1)
    done = []
    for _ in range(runs):
        run = subprocess.run(
            [sys.executable, "-m", "bench.ingest", "--areas", str(areas)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        if run.returncode != 0:
            return {"error": run.stderr[-500:]}
        done.append(json.loads(run.stdout.strip().splitlines()[-1]))
    done.sort(key=lambda r: r["ingest_s"])
    return {
        **done[len(done) // 2],
        "runs_s": [r["ingest_s"] for r in done],
        "peak_rss_mb": max(r["peak_rss_mb"] for r in done),
        "load_average_at_start": load,
    }


PARTS = ["browser", "server_side", "payload", "scale", "export", "ingest"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="tiny settings, for the smoke test")
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    parser.add_argument(
        "--parts",
        nargs="*",
        choices=PARTS,
        help="measure only these parts and keep the others from the results.json already in --out",
    )
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 25
    scale_repeats = 3 if args.quick else 12
    sizes = [2_000] if args.quick else [50_000, 200_000, 500_000]
    measure = {
        "browser": lambda: browser(1, ["/corridors"]) if args.quick else browser(7),
        "server_side": lambda: server_side(repeats),
        "payload": payload,
        "scale": lambda: scale(sizes, scale_repeats),
        "export": lambda: export(2 if args.quick else 5),
        "ingest": lambda: ingest(20, 1) if args.quick else ingest(230, 3),
    }
    previous = args.out / "results.json"
    results = json.loads(previous.read_text()) if args.parts and previous.exists() else {}
    results.update(
        {
            "when": dt.datetime.now().isoformat(timespec="seconds"),
            "machine": (
                f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, Chromium on SwiftShader "
                "(no GPU)"
            ),
            "load_average": round(os.getloadavg()[0], 1),
            "repeats": repeats,
            "scale_repeats": scale_repeats,
        }
    )
    for part in args.parts or PARTS:
        results[part] = measure[part]()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    (args.out / "results.md").write_text(reports.render(results))
    print((args.out / "results.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
