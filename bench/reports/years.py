"""The years part of results.md (python -m bench.years): the pages with many years of figures."""

from __future__ import annotations

from bench.reports.say import met
from bench.targets import (
    TARGET_P95_MS,
    TARGET_RERUN_MS,
    TARGET_SWITCH_MS,
)


def render_years(res: dict) -> list[str]:
    """Return the results.md lines for the dashboard on a full-size table with years, every
    figure beside its target."""
    table = res["table"]
    lines = [
        "## Years at scale: a SYNTHETIC full-size Table 1 (`python -m bench.years`)",
        "",
        f"{res['when']}, load average {res['load_average']:.1f} at the start. The sheet plus a "
        f"SYNTHETIC UN DESA Table 1 of {table['areas']} countries read by lib.ingest: "
        f"{table['rows']:,} rows of flows.csv over {len(table['years'])} years "
        f"({table['years'][0]}–{table['years'][-1]}); every figure random, written to a "
        "temporary folder.",
        "",
    ]
    if "rerun" in res:
        rerun = res["rerun"]
        pages = [k for k in rerun if k != "peak_rss_mb"]
        worst = max(rerun[p]["first_ms"] for p in pages)
        lines += [
            "Page re-run after a year change (AppTest, all crises; the first visit of a year, "
            "nothing of it cached / a later one), median ms:",
            "",
            "| page | first time | again | max |",
            "| --- | --- | --- | --- |",
            *(
                f"| {p} | {rerun[p]['first_ms']} | {rerun[p]['again_ms']} | {rerun[p]['max_ms']} |"
                for p in pages
            ),
            "",
            f"- Slowest first-time re-run: {worst} ms, target ≤ {TARGET_RERUN_MS} ms: "
            f"{met(worst <= TARGET_RERUN_MS, f'{abs(TARGET_RERUN_MS - worst)} ms')}. Peak RSS "
            f"of the process: {rerun['peak_rss_mb']} MB.",
            "",
        ]
    if "browser" in res:
        b = res["browser"]
        switch = b["year_switch_median_ms"]
        ok = b["ratio_world"] <= b["ratio_sheet"] * 1.1
        lines += [
            f"- /map's first view, to the map drawn (median of {b['repeats']}, interleaved with "
            f"the one-point deck baseline): {b['first_view_s']['world']} s on the world table, "
            f"{b['first_view_s']['sheet']} s on the sheet alone; ratios to the baseline "
            f"{b['ratio_world']}× and {b['ratio_sheet']}×. Target: the world table no slower "
            f"than the sheet (within 10 %): {'met' if ok else '**not met**'}.",
            f"- Year switch on /map (the slider's arrow key to the next year's map drawn): median "
            f"{switch} ms, max {b['year_switch_max_ms']} ms over {b['year_switch_samples']} "
            f"switches; target ≤ {TARGET_SWITCH_MS} ms: "
            f"{met(switch <= TARGET_SWITCH_MS, f'{abs(TARGET_SWITCH_MS - switch)} ms')}.",
            "",
        ]
    if "live" in res:
        live = res["live"]
        p95 = live["p95_ms"] or 0
        lines += [
            f"- {live['sessions']} live sessions on /map (peak {live['peak_concurrent']} at once), "
            f"each going to the next year every {live['interval_s']:.0f} s ({live['plan']}): "
            f"{live['reruns']} re-runs, p50 {live['p50_ms']} ms, p95 {p95} ms, "
            f"{live['errors']} errors, server peak RSS {live['server_peak_rss_mb']} MB. Target "
            f"p95 ≤ {TARGET_P95_MS} ms: "
            f"{met(p95 <= TARGET_P95_MS and not live['errors'], f'{abs(TARGET_P95_MS - p95):.0f} ms')}."  # noqa: E501
        ]
    return lines
