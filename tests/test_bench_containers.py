"""The containers section of results.md (bench/reports/containers.py): each figure beside its
target, in words; and bench/containers.py refuses a bad flag."""

from __future__ import annotations

from bench.reports.containers import render_containers as render
from bench.targets import TARGET_IMAGE_MB as TARGET_MB
from tests.helpers import run_module

RESULT = {
    "when": "2026-12-02T10:00:00",
    "podman": "podman version 4.3.1",
    "load_average": 2.4,
    "build_cold_s": 150.2,
    "cold_when": "2026-12-02T10:00:00",
    "build_warm_s": 5.1,
    "build_after_code_change_s": 20.3,
    "app": {
        "size_mb": 888,
        "gzip_mb": 310,
        "places_mb": {"Chromium (headless shell, /usr/lib/chromium)": 283},
        "packages_mb": {"pyarrow": 109},
    },
    "nginx_size_mb": 94,
    "to_healthy_s": [1.2, 0.9, 1.0],
}


def test_the_section_puts_each_figure_beside_its_target():
    text = "\n".join(render(RESULT))
    assert f"App image: 888 MB (310 MB as `podman save | gzip -1`), target ≤ {TARGET_MB} MB" in text
    assert "with Chromium inside: met." in text
    assert (
        "Build, cold (no image, no base: debootstrap, apt, pip; 2026-12-02T10:00:00): 150.2 s"
        in (text)
    )
    assert "Build, warm (every layer cached, as in the tests): 5.1 s" in text
    assert "1.2 s, 0.9 s, 1.0 s (median 1.0 s)" in text
    assert "| Chromium (headless shell, /usr/lib/chromium) | 283 |" in text
    assert "| pyarrow | 109 |" in text


def test_a_missed_target_and_a_run_without_a_cold_build_are_said():
    res = {**RESULT, "app": {**RESULT["app"], "size_mb": 1200}}
    del res["build_cold_s"]
    text = "\n".join(render(res))
    assert "with Chromium inside: **missed**." in text
    assert "Build, cold" not in text


def test_a_bad_flag_exits_2():
    done = run_module("bench.containers", "--colour", timeout=60)
    assert done.returncode == 2 and "unrecognized arguments: --colour" in done.stderr
