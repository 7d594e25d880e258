"""The ingest part of results.md: a SYNTHETIC Table 1 read into our schema, against its targets."""

from __future__ import annotations

from bench.reports.say import met
from bench.targets import (
    TARGET_INGEST_S,
    TARGET_RSS_MB,
)


def render_ingest(res: dict | None) -> list[str]:
    """The ingest section: a SYNTHETIC Table 1 read into our schema, against its targets."""
    if not res:
        return []
    lines = ["", "## Ingest: a SYNTHETIC UN DESA Table 1 read into our schema", ""]
    if "error" in res:
        return [*lines, f"Error: {res['error']}"]
    s, rss = res["ingest_s"], res["peak_rss_mb"]
    return [
        *lines,
        f"A workbook in Table 1's layout made by `bench/synthetic.py` (every title, name and "
        f"source says SYNTHETIC; written to a temporary folder): {res['areas']} × "
        f"{res['areas']} countries, 8 years, 3 sexes, {res['rows']:,} rows, "
        f"{res['cells']:,} figure cells, {res['xlsx_mb']} MB. Read in a fresh process by "
        "`lib.ingest.read_dataset` (archive checks, calamine, reshape, places, pandera): "
        f"{res['flows']:,} rows of flows.csv (both sexes; `..` gives none).",
        "",
        f"- Ingest: {s} s, target ≤ {TARGET_INGEST_S} s: "
        f"{met(s <= TARGET_INGEST_S, f'{abs(TARGET_INGEST_S - s):.1f} s')}"
        + (
            f" (the median of {len(res['runs_s'])} runs: "
            f"{', '.join(str(r) for r in res['runs_s'])} s; load average "
            f"{res.get('load_average_at_start')} at the start)."
            if "runs_s" in res
            else "."
        ),
        f"- Peak RSS of the process (the largest run): {rss} MB, target ≤ {TARGET_RSS_MB} MB: "
        f"{met(rss <= TARGET_RSS_MB, f'{abs(TARGET_RSS_MB - rss):.0f} MB')}.",
        f"- Writing the data folder as `python -m lib.ingest` does: {res['write_folder_s']} s "
        f"(flows.csv {res['flows_csv_mb']} MB).",
        f"- Reading the sheet once with pandas: calamine {res['read_excel_s']['calamine']} s, "
        f"openpyxl {res['read_excel_s']['openpyxl']} s: openpyxl takes "
        f"{res['openpyxl_over_calamine']}× calamine's time.",
    ]
