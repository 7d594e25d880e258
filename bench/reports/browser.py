"""The browser part of results.md: why a page misses its target, from what was measured."""

from __future__ import annotations

from bench.browser import target
from bench.targets import (
    TARGET_SWITCH_MS,
)

# Why a browser target is missed, from what was measured (Chromium traces, trimmed test pages,
# byte counts); printed under the table for each page that misses it.
WHY = {
    "/map": (
        "The map's own drawing cost is gone: everything static (countries, shading, flows, "
        "labels) is one PNG, the chart's CSS background (54 KB for Venezuela), and deck.gl "
        "compiles one shader program (ScatterplotLayer: the dots and the flows' hover points), "
        "the one the baseline compiles too; there is no base map (no MapLibre). What remains is "
        "what every page of ours pays over a bare baseline: the shared sidebar (language, crisis, "
        "page links, upload, briefing pack) and the elements before the chart (country box, "
        "legend), which the overview pays too over its one-metric baseline (the table above); "
        "the map's further share is its own elements before the chart and the decoding of its "
        "bitmap. "
        "Before this change the map was 3.06× (10.4 s; six, then four, shader programs); with the "
        "bitmap as a BitmapLayer instead of the CSS background, two runs on a busy machine gave "
        "about 2.1×."
    ),
    "/map switch": (
        "A crisis switch sends a new bitmap (a PNG in the chart's CSS) and the dots' JSON; "
        "nothing is re-tessellated. The server's part is the re-run (see Server side)."
    ),
    "/": (
        "The overview's sidebar (language, crisis, five page links, the upload expander, the "
        "briefing-pack button) arrives before the first card; the one-metric baseline has none of "
        "it. About 0.5 s of the difference is between the sidebar showing and the first card (see "
        "the sidebar column)."
    ),
    "/actions": (
        "The chart is the page's last element: it comes after four multiselects, the search box, "
        "the action table and the action picker, and it is described in words under it. The "
        "table is an HTML table now (12 rows, read by screen readers), so the data grid's code is "
        "no longer loaded for it; the page still receives 1.3 MB more than the bar baseline (the "
        "multiselects' and download buttons' code). Its ratio went from 1.42× (data grid) to "
        "1.37× (re-measured for /sources and /actions alone, after the provenance table went "
        "back to the grid). The run of 2026-12-07, the first without request interception, gave "
        "1.53× (2.53 s against 1.66 s): one run on a shared machine, not traced. Not met; what "
        "the remaining 1.3 MB is made of was not traced this round."
    ),
    "/sources": (
        "The table of every flow keeps the data grid: its twelve columns of the sheet's words do "
        "not fit a page as an HTML table (tried: it ran past the page's edge, or scrolled "
        "sideways where the keyboard could not follow). The effects blocks are HTML tables, sent "
        "only when their expanders are opened. The ratio went from 1.39× to 1.31× this round. "
        "What remains is ours: the shared sidebar and the page's long text (method, seven "
        "principles, data files), against a one-row grid. Not met."
    ),
    "/corridors": (
        "Within noise of the target: the sidebar and the table behind the chart (data-grid code) "
        "are our cost."
    ),
}


def why_browser(res: dict) -> list[str]:
    """The 'why' lines for every browser target missed in this run."""
    if "skipped" in res:
        return []
    missed = [
        (f"{p} is {r['ratio']}× its baseline", WHY.get(p, ""))
        for p, r in res["pages"].items()
        if r["ratio"] > target(p)
    ]
    missed += [
        (f"{p} crisis switch takes {r['median_ms']} ms", WHY.get(f"{p} switch", ""))
        for p, r in res["crisis_switch"].items()
        if r["median_ms"] > TARGET_SWITCH_MS
    ]
    if not missed:
        return []
    return (
        ["### Why the browser targets are missed", ""]
        + [f"- **{what}.** {why}" for what, why in missed]
        + [""]
    )
