"""bench/years.py runs end to end on tiny settings and reports every figure beside its target;
a bad flag exits 2."""

from __future__ import annotations

import json

import pytest

from tests.helpers import run_module

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # it drives Chromium and live sessions


def test_quick_years_bench_reports_every_part(tmp_path):
    done = run_module("bench.years", "--quick", "--out", str(tmp_path), timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    res = json.loads((tmp_path / "results.json").read_text())["years"]
    assert res["table"]["years"] == [1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024]
    assert set(res["rerun"]) >= {"pages/map.py", "pages/trends.py", "peak_rss_mb"}
    assert 0 < res["rerun"]["pages/map.py"]["first_ms"] < 60_000
    assert res["browser"]["year_switch_samples"] == 7 and res["browser"]["blocked_requests"] == []
    assert res["live"]["errors"] == 0 and res["live"]["reruns"] >= 6
    text = (tmp_path / "results.md").read_text()
    assert "Year switch on /map (the slider's arrow key to the next year's map drawn)" in text
    assert "target ≤ 300 ms" in text and "Target p95 ≤ 1000 ms" in text


def test_a_bad_flag_exits_2():
    done = run_module("bench.years", "--parts", "everything", timeout=60)
    assert done.returncode == 2 and "invalid choice: 'everything'" in done.stderr
