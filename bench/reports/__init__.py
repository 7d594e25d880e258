"""bench/results.md: every measured figure beside its target, and why a missed one is missed.
`python -m bench`, `bench.load` and `bench.containers` each write their part into
bench/results.json, then this whole file from it."""

from __future__ import annotations

from bench.browser import render_browser
from bench.reports.browser import why_browser
from bench.reports.containers import render_containers
from bench.reports.ingest import render_ingest
from bench.reports.load import render_load
from bench.reports.say import met, scaled
from bench.reports.years import render_years
from bench.targets import (
    TARGET_PACK_S,
    TARGET_RERUN_MS,
    TARGET_RSS_MB,
)


def render(results: dict) -> str:
    """Return results.md: every figure beside its target, and how far from it. Each command
    (python -m bench, bench.load, bench.containers) writes its part into results.json and
    this whole file from it."""
    lines = [
        f"# Benchmark results ({results['when']})",
        "",
        f"Machine: {results['machine']}; load average (1 min) at the start: "
        f"{results['load_average']}. Medians; ratios are to a baseline measured in the same run, "
        "so they hold better than seconds on a noisy machine. How to read this file: README, "
        "section Benchmark.",
        "",
    ]
    lines += render_browser(results["browser"])
    lines += why_browser(results["browser"])
    lines += [
        "## Server side: page re-run under AppTest (crisis=venezuela)",
        "",
        f"Median of {results['repeats']} re-runs, interleaved with an empty Streamlit page "
        "(bench/empty_page.py).",
        "",
        "| page | median ms | × empty page |",
        "| --- | --- | --- |",
    ]
    for page, r in results["server_side"].items():
        lines.append(f"| {page} | {r['median_ms']} | {r['ratio_to_empty']} |")
    lines += [
        "",
        "## Payload: what the server sends for the charts",
        "",
        "| what | bytes |",
        "| --- | --- |",
    ]
    lines += [f"| {k} | {v:,} |" for k, v in results["payload"].items()]
    lines += [
        "",
        "## Scale: synthetic flows (marked SYNTHETIC, written to a temporary folder, never "
        "shipped)",
        "",
        "Each size in a fresh process: read + validate the tables, the first page view on a cold "
        f"cache, then each page's re-run after a crisis change ({results['scale_repeats']} changes "
        "through four crises), as *first time / again* ms: the median for a crisis not drawn "
        "before in this process (nothing of it cached) and for one drawn before (charts come "
        f"from `lib.ui.cache.memo`); and the process's peak RSS. Targets: re-run ≤ "
        f"{TARGET_RERUN_MS} ms at "
        f"500k rows (the first-time figure counts), peak RSS ≤ {TARGET_RSS_MB} MB.",
        "",
        "| rows | CSV MB | load + validate s | cold first view s | "
        + " | ".join(f"{p} ms" for p in scaled(results["scale"]))
        + " | peak RSS MB |",
        "| --- " * (5 + len(scaled(results["scale"]))) + "|",
    ]
    for r in results["scale"]:
        if "error" in r:
            lines.append(f"| {r['rows']:,} | error: {r['error'][-200:]!r} |")
            continue
        reruns = [
            f"{r['pages'][p]['filter_rerun_median_ms']:.0f} / "
            f"{r['pages'][p]['filter_rerun_again_median_ms']:.0f}"
            for p in scaled(results["scale"])
        ]
        lines.append(
            f"| {r['rows']:,} | {r['csv_mb']} | {r['load_and_validate_s']} | "
            f"{r['cold_first_view_s']} | " + " | ".join(reruns) + f" | {r['peak_rss_mb']} |"
        )
    big = [r for r in results["scale"] if "error" not in r and r["rows"] >= 500_000]
    if big:
        worst = max(r["pages"][p]["filter_rerun_median_ms"] for r in big for p in r["pages"])
        rss = max(r["peak_rss_mb"] for r in big)
        lines += [
            "",
            f"- Slowest first-time re-run at 500k rows: {worst} ms, target ≤ {TARGET_RERUN_MS} ms: "
            f"{met(worst <= TARGET_RERUN_MS, f'{abs(TARGET_RERUN_MS - worst):.0f} ms')}.",
            f"- Peak RSS at 500k rows: {rss} MB, target ≤ {TARGET_RSS_MB} MB: "
            f"{met(rss <= TARGET_RSS_MB, f'{abs(TARGET_RSS_MB - rss):.0f} MB')}.",
        ]
    ex = results["export"]
    lines += ["", "## Export", ""]
    if "skipped" in ex:
        lines.append(f"Skipped: {ex['skipped']}")
    else:
        pack = ex["pack_median_s"]
        lines += [
            "- First PNG in a fresh process (starts kaleido's browser): "
            f"{ex['first_png_s_including_browser_start']} s.",
            f"- One PNG (1920×1080) afterwards: median {ex['png_median_ms']} ms.",
            "- One briefing pack (Venezuela, every chart as PNG and SVG, tables, SOURCES.md, the "
            f"PPTX deck and the PDF handout): median {pack} s, target ≤ {TARGET_PACK_S} s: "
            f"{met(pack <= TARGET_PACK_S, f'{abs(TARGET_PACK_S - pack):.1f} s')}.",
        ]
    lines += render_ingest(results.get("ingest"))
    if "load" in results:
        lines += ["", *render_load(results["load"])]
    if "years" in results:
        lines += ["", *render_years(results["years"])]
    if "containers" in results:
        lines += ["", *render_containers(results["containers"])]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- live sessions


# --------------------------------------------------------------------------- containers


# --------------------------------------------------------------------------- years
