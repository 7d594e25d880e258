"""The benchmark runs end to end on tiny settings and writes its two result files."""

from __future__ import annotations

import json

import pytest

from tests.helpers import run_module

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # it runs the browser benchmark once


def test_benchmark_smoke(tmp_path):
    done = run_module("bench", "--quick", "--out", str(tmp_path), timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["server_side"]["empty"]["ratio_to_empty"] == 1.0
    assert set(results["server_side"]) == {
        "empty",
        "dashboard.py",
        "pages/map.py",
        "pages/corridors.py",
        "pages/trends.py",
        "pages/actions.py",
        "pages/sources.py",
    }
    assert all(r["median_ms"] > 0 for r in results["server_side"].values())
    assert 5_000 < results["payload"]["deck_json_bytes_all"] < 100_000  # dots and hover points
    assert (
        20_000 < results["payload"]["map_bitmap_css_bytes_all"] < 300_000
    )  # the map as a PNG in CSS
    scale = results["scale"][0]
    assert scale["rows"] == 2_000 and scale["load_and_validate_s"] > 0 and scale["peak_rss_mb"] > 0
    assert set(scale["pages"]) == set(results["server_side"]) - {"empty"}
    assert all(p["filter_rerun_median_ms"] > 0 for p in scale["pages"].values())
    browser = results["browser"]
    corridors = browser["pages"]["/corridors"]
    assert corridors["baseline"] == "sankey" and corridors["samples"] == 1
    # the ratio comes from unrounded medians; the medians shown are rounded to 0.01 s
    assert abs(corridors["ratio"] - corridors["median_s"] / corridors["baseline_median_s"]) < 0.02
    assert browser["crisis_switch"]["/corridors"]["samples"] == 2
    assert browser["blocked_requests"] == []  # nothing left localhost
    ingest = results["ingest"]  # a SYNTHETIC Table 1 of 20 × 20 countries
    assert ingest["areas"] == 20 and ingest["rows"] == 20 * 20  # with a WORLD row each
    assert 0 < ingest["flows"] < ingest["cells"] // 3  # both sexes only, `..` gives none
    assert ingest["ingest_s"] > 0 and ingest["peak_rss_mb"] > 0
    assert set(ingest["read_excel_s"]) == {"calamine", "openpyxl"}
    md = (tmp_path / "results.md").read_text()
    assert "## Ingest: a SYNTHETIC UN DESA Table 1" in md
    assert "## Server side" in md and "| pages/map.py |" in md
    assert (
        "| /corridors |" in md and "≤ 1.2×" in md and "Slowest re-run" not in md
    )  # 500k rows only in a full run
