"""Years at scale: the dashboard on a SYNTHETIC full-size UN DESA Table 1 (every destination
and origin, 8 years), brought in as an analyst would (`python -m lib.ingest`).

    python -m bench.years [--areas 230] [--share 1.0] [--quick] [--parts rerun browser live]

Writes the workbook and its data folder to a temporary folder (never to data/), then:
- rerun: every page under AppTest, the re-run after a year change (the first visit of a year,
  nothing of it cached, and a later one apart), on all crises; a fresh process, so the peak
  RSS is the pages';
- browser: /map's first view to a drawn map on the world table and on the sheet alone, each
  as a ratio to the one-point deck baseline, interleaved; and the year switch on /map (the
  slider's arrow key to the new map drawn), as bench.browser measures the crisis switch;
- live: sessions on /map going to the next year every few seconds (bench.load's client).

Writes results.json["years"] and re-renders results.md. Not a test: targets are in
bench/targets.py and results.md says how far each figure is from its target.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import reports
from bench.browser import BASELINE_READY, PAGES, _load, _page, _settle
from devtools.browser import launch_chromium
from devtools.server import start_server
from lib.base.schema import PAGE_SCRIPTS, ROOT

INDICATOR = "undesa_stock"
PARTS = ("rerun", "browser", "live")
# Checked on every animation frame after the arrow key: the ms until the map of `year` is
# drawn (its title, a new bitmap decoded, a WebGL frame after the key).
YEAR_DRAWN = """([year]) => {
  if (window.__pressed == null) return false;
  if (window.__seen) return performance.now() - window.__pressed;
  window.__seen = [...document.querySelectorAll('h2')].some(h => h.textContent.endsWith(year))
    && window.__mapReady() && window.__bgSeen !== window.__bgBefore
    && window.__drawn > window.__pressed;
  return false;
}"""


def world_folder(areas: int, share: float) -> tuple[Path, dict]:
    """Return a data folder of the sheet plus a SYNTHETIC Table 1 of `areas` countries (read
    by lib.ingest, as `python -m lib.ingest` writes it) and the workbook's counts."""
    from bench.synthetic import synthetic_table1
    from lib.ingest import read_dataset
    from lib.ingest.__main__ import write_folder

    tmp = Path(tempfile.mkdtemp(prefix="years_"))
    book = tmp / "synthetic_table1.xlsx"
    counts = synthetic_table1(book, areas=areas, share=share)
    imported = read_dataset(book.read_bytes(), book.name, dataset="SYNTHETIC Table 1")
    if not imported.ok:
        raise SystemExit(f"bench.years: the synthetic table was refused: {imported.problems[0]}")
    write_folder(imported, tmp / "data")
    counts["rows"] = len(imported.flows)
    counts["years"] = sorted(map(int, imported.flows["year"].unique()))
    return tmp / "data", counts


def reruns(folder: Path, repeats: int) -> dict:
    """Every page's re-run after a year change, under AppTest, in this process."""
    from streamlit.testing.v1 import AppTest

    from lib.model.bundle import load_bundle
    from lib.model.timeline import options_for

    os.environ["DASHBOARD_DATA"] = str(folder)
    years = options_for(load_bundle(folder).flows, None).years[INDICATOR]
    out = {}
    for page in PAGE_SCRIPTS:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        at.run()
        if page != "dashboard.py":
            at.switch_page(page)
        at.query_params["indicator"] = INDICATOR
        first, again = [], []
        for n in range(len(years) + repeats):  # every year once (first time), then again
            year = years[n % len(years)]
            at.query_params["year"] = str(year)
            t0 = time.perf_counter()
            at.run()
            took = (time.perf_counter() - t0) * 1000
            (first if n < len(years) else again).append(took)
            if at.exception:
                raise SystemExit(f"bench.years: {page}: {at.exception[0].value}")
        out[page] = {
            "first_ms": round(statistics.median(first)),
            "again_ms": round(statistics.median(again)) if again else None,
            "max_ms": round(max(first + again)),
        }
    import resource

    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def _year_switches(chromium, url: str, years: list[int], blocked: list[str]) -> list[float]:
    """Ms from the slider's arrow key to the next year's map drawn, once through the years
    after one unrecorded pass (the server's caches warm, as for a room)."""
    page = _page(chromium, blocked)
    page.goto(f"{url}/map?indicator={INDICATOR}&year={years[0]}")
    page.wait_for_function("() => window.__mapReady()", polling="raf", timeout=120_000)
    slider = page.get_by_role("slider")
    samples = []
    for rnd in range(2):
        for year in years[1:]:
            _settle(page)
            slider.focus()
            page.evaluate("""window.__pressed = null; window.__seen = false;
                window.__bgBefore = window.__bgSeen;
                document.addEventListener('keydown',
                () => { window.__pressed = performance.now(); }, {capture: true, once: true})""")
            page.keyboard.press("ArrowRight")
            took = page.wait_for_function(
                YEAR_DRAWN, arg=[str(year)], polling="raf", timeout=120_000
            ).json_value()
            if rnd:
                samples.append(took)
        page.goto(f"{url}/map?indicator={INDICATOR}&year={years[0]}")
        page.wait_for_function("() => window.__mapReady()", polling="raf", timeout=120_000)
    page.context.close()
    return samples


def browser(folder: Path, repeats: int, years: list[int]) -> dict:
    """/map's first view on the world table and on the sheet, each against the one-point deck
    baseline (interleaved), and the year switch on /map."""
    from playwright.sync_api import sync_playwright

    quiet = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    world = start_server({**quiet, "DASHBOARD_DATA": str(folder)})
    sheet = start_server(quiet)
    minimal = start_server(quiet, script="bench/minimal_app.py")
    blocked: list[str] = []
    selector = PAGES["/map"][0]
    base_sel = BASELINE_READY["deck"]
    urls = {
        "world": (f"{world.url}/map?indicator={INDICATOR}&year={years[-1]}", selector),
        "sheet": (f"{sheet.url}/map", selector),
        "baseline": (f"{minimal.url}/?kind=deck", base_sel),
    }
    times: dict[str, list[float]] = {k: [] for k in urls}
    try:
        with sync_playwright() as p:
            chromium = launch_chromium(p)
            for url, sel in urls.values():  # one unrecorded view each: server caches
                _load(chromium, url, sel, blocked, sidebar=False)
            for r in range(repeats):
                order = list(urls)[r % 3 :] + list(urls)[: r % 3]
                for key in order:
                    url, sel = urls[key]
                    times[key].append(_load(chromium, url, sel, blocked, sidebar=False)[0])
            switch = _year_switches(chromium, world.url, years, blocked)
            chromium.close()
    finally:
        world.stop()
        sheet.stop()
        minimal.stop()
    med = {k: statistics.median(v) for k, v in times.items()}
    return {
        "first_view_s": {k: round(v, 2) for k, v in med.items()},
        "ratio_world": round(med["world"] / med["baseline"], 2),
        "ratio_sheet": round(med["sheet"] / med["baseline"], 2),
        "year_switch_median_ms": round(statistics.median(switch)),
        "year_switch_max_ms": round(max(switch)),
        "year_switch_samples": len(switch),
        "repeats": repeats,
        "blocked_requests": sorted(set(blocked)),
    }


def live(folder: Path, sessions: int, interval: float, lifetime: float, years: list[int]) -> dict:
    """Sessions on /map going to the next year every `interval` s (bench.load's client)."""
    from bench import load

    queries = tuple(f"crisis=all&indicator={INDICATOR}&year={y}" for y in years)
    plan = load.pin_plan()
    res = load.measure_pages(
        ["/map"],
        sessions,
        ramp=min(20.0, lifetime / 3),
        lifetime=lifetime,
        interval=interval,
        options=[],
        plan=plan,
        queries=queries,
        env={"DASHBOARD_DATA": str(folder)},
    )["/map"]
    return {**res, "sessions_asked": sessions, "interval_s": interval, "plan": plan["note"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.years", description=__doc__.split("\n")[0])
    p.add_argument("--areas", type=int, default=230, help="countries of the synthetic table")
    p.add_argument("--share", type=float, default=1.0, help="share of origins per destination")
    p.add_argument("--quick", action="store_true", help="tiny settings (the smoke test)")
    p.add_argument("--parts", nargs="*", choices=PARTS, help="measure only these parts")
    p.add_argument("--out", type=Path, default=ROOT / "bench")
    p.add_argument("--rerun-only", type=Path, help=argparse.SUPPRESS)  # the child process
    args = p.parse_args(argv)
    if args.rerun_only:
        print(json.dumps(reruns(args.rerun_only, 1 if args.quick else 3)))
        return 0
    areas, share = (12, 0.5) if args.quick else (args.areas, args.share)
    folder, counts = world_folder(areas, share)
    years = counts["years"]
    res = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "load_average": os.getloadavg()[0]}
    res["table"] = {k: counts[k] for k in ("rows", "areas", "years")}
    for part in args.parts or PARTS:
        print(f"bench.years: {part}", file=sys.stderr)
        if part == "rerun":
            cmd = [sys.executable, "-m", "bench.years", "--rerun-only", str(folder)]
            done = subprocess.run(
                [*cmd, *(["--quick"] if args.quick else [])],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=3600,
            )
            if done.returncode:
                raise SystemExit(done.stderr[-2000:])
            res["rerun"] = json.loads(done.stdout.strip().splitlines()[-1])
        elif part == "browser":
            res["browser"] = browser(folder, 2 if args.quick else 5, years)
        else:
            n, every, life = (3, 1.0, 6.0) if args.quick else (100, 5.0, 60.0)
            res["live"] = live(folder, n, every, life, years)
    previous = args.out / "results.json"
    results = json.loads(previous.read_text()) if previous.exists() else {}
    results["years"] = {**results.get("years", {}), **res}
    args.out.mkdir(parents=True, exist_ok=True)
    previous.write_text(json.dumps(results, indent=2))
    if {"browser", "server_side"} <= results.keys():
        (args.out / "results.md").write_text(reports.render(results))
    else:
        (args.out / "results.md").write_text("\n".join(reports.render_years(results["years"])))
    print("\n".join(reports.render_years(results["years"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
