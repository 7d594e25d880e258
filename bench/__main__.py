"""Benchmark: medians over repeated runs, as ratios to a baseline measured in the same run.

    python -m bench            # full run, writes bench/results.md and bench/results.json
    python -m bench --quick    # tiny settings (used by the smoke test), writes to --out

Parts in this version: (1) server-side re-run time of each page under AppTest, as a ratio
to an empty Streamlit page, interleaved; (3) payload of the map's deck JSON and the
Sankey spec; (4) scale: load+validate and filter time and peak memory for synthetic flows;
(5) export: one PNG and one briefing pack. The browser part (2) is not written yet.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["dashboard.py", "pages/map.py", "pages/corridors.py", "pages/actions.py", "pages/sources.py"]


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
    return {p: {"median_ms": _median_ms(v), "ratio_to_empty": round(statistics.median(v) / base, 1)} for p, v in times.items()}


def payload() -> dict:
    """Bytes the browser receives for the map (deck JSON) and the Sankey (plotly spec)."""
    from lib.charts import nested_chart
    from lib.data import load_bundle
    from lib.figures import flows_for_crisis, map_split
    from lib.maps import flow_deck

    data = load_bundle()
    out = {}
    for crisis in (None, "venezuela"):
        drawn, _ = map_split(flows_for_crisis(data.flows, crisis), data.flows, data.places)
        deck = flow_deck(drawn, data.actions, data.places, 5.1e6, {})
        out[f"deck_json_bytes_{crisis or 'all'}"] = len(deck.to_json().encode())
        out[f"sankey_spec_bytes_{crisis or 'all'}"] = len(nested_chart(data, crisis).figure.to_json().encode())
    return out


SCALE_SCRIPT = """
import json, resource, sys, time, shutil, tempfile
from pathlib import Path
sys.path.insert(0, {root!r})
from bench.synthetic import synthetic_flows
from lib.data import load_bundle
from lib.figures import flows_for_crisis
from lib.schema import DATA_DIR
tmp = Path(tempfile.mkdtemp())
shutil.copytree(DATA_DIR, tmp / "data")
places = [c for c in load_bundle().places["code"] if len(c) == 3 and not c.startswith("X")]
synthetic_flows({n}, places).to_csv(tmp / "data" / "flows.csv", index=False)
t0 = time.perf_counter(); b = load_bundle(tmp / "data"); load = time.perf_counter() - t0
times = []
for c in ["venezuela", "haiti", "northern_triangle", "structural"] * 3:
    t0 = time.perf_counter(); flows_for_crisis(b.flows, c); times.append(time.perf_counter() - t0)
times.sort()
print(json.dumps({{"rows": {n}, "load_and_validate_s": round(load, 2), "filter_median_ms": round(times[len(times)//2]*1000, 2),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}}))
shutil.rmtree(tmp)
"""


def scale(sizes: list[int]) -> list[dict]:
    """Load, validate and filter synthetic flows in a fresh process per size (peak RSS per size)."""
    out = []
    for n in sizes:
        done = subprocess.run([sys.executable, "-c", SCALE_SCRIPT.format(root=str(ROOT), n=n)],
                              capture_output=True, text=True, timeout=3000)
        out.append(json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else {"rows": n, "error": done.stderr[-300:]})
    return out


def export(repeats: int) -> dict:
    """Time for one PNG (kaleido server running) and one briefing pack."""
    from lib import export as ex
    from lib.charts import nested_chart
    from lib.data import load_bundle

    if ex.chrome_path() is None:
        return {"skipped": "no Chrome/Chromium"}
    data = load_bundle()
    fig = nested_chart(data, "venezuela").figure
    t0 = time.perf_counter()
    ex.image_bytes(fig, "png")
    first = time.perf_counter() - t0
    pngs, packs = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        ex.image_bytes(fig, "png")
        pngs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        ex.briefing_pack(data, "venezuela", "en", "http://localhost:8501/?crisis=venezuela", dt.date.today())
        packs.append(time.perf_counter() - t0)
    return {"first_png_s_including_browser_start": round(first, 2), "png_median_ms": _median_ms(pngs),
            "pack_median_s": round(statistics.median(packs), 2)}


def render(results: dict) -> str:
    """Return results.md."""
    lines = [f"# Benchmark results ({results['when']})", "", f"Machine: {results['machine']}. Medians; ratios are to a baseline "
             "measured in the same run, so they hold better than seconds on a noisy machine.", "",
             "## Server side: page re-run under AppTest (crisis=venezuela)", "", "| page | median ms | × empty page |", "| --- | --- | --- |"]
    for page, r in results["server_side"].items():
        lines.append(f"| {page} | {r['median_ms']} | {r['ratio_to_empty']} |")
    lines += ["", "## Payload", "", "| what | bytes |", "| --- | --- |"]
    lines += [f"| {k} | {v:,} |" for k, v in results["payload"].items()]
    lines += ["", "## Scale (synthetic flows, SYNTHETIC in source, never shipped)", "",
              "| rows | load + validate s | filter median ms | peak RSS MB |", "| --- | --- | --- | --- |"]
    for r in results["scale"]:
        lines.append(f"| {r['rows']:,} | {r.get('load_and_validate_s', r.get('error', ''))} | {r.get('filter_median_ms', '')} | {r.get('peak_rss_mb', '')} |")
    lines += ["", "## Export", ""] + [f"- {k}: {v}" for k, v in results["export"].items()]
    lines += ["", "Not measured yet: time to chart visible in the browser against minimal same-kind pages, and the crisis switch "
              "(the browser tests print first-chart timings in their summary).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="tiny settings, for the smoke test")
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 25
    sizes = [2_000] if args.quick else [50_000, 200_000, 500_000]
    results = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{__import__('os').cpu_count()} cores, Python {sys.version.split()[0]}",
        "server_side": server_side(repeats),
        "payload": payload(),
        "scale": scale(sizes),
        "export": export(2 if args.quick else 5),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    (args.out / "results.md").write_text(render(results))
    print((args.out / "results.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
