"""Shared fixtures: the bundled data, and a writable copy of it for breaking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lib.base.schema import DATA_DIR
from lib.model.bundle import Bundle, load_bundle
from tests.helpers import run_module


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may edit."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst


@pytest.fixture(scope="session")
def timed_data(tmp_path_factory) -> Path:
    """A data folder as an analyst would make one with `python -m lib.ingest`: the bundled
    sheet, UN DESA's Table 1 (tests/ingest_files.py: 1990-2024, with gaps) and, added with
    --base, UNHCR's population CSV (2023-2024)."""
    from tests.ingest_files import UNHCR_API, desa_xlsx

    root = tmp_path_factory.mktemp("timed")
    (root / "undesa_ims_2024.xlsx").write_bytes(desa_xlsx())
    (root / "unhcr_population.csv").write_text(UNHCR_API)
    first = run_module(
        "lib.ingest", str(root / "undesa_ims_2024.xlsx"), "--out", str(root / "desa"), timeout=120
    )
    assert first.returncode == 0, first.stderr
    both = run_module(
        "lib.ingest",
        str(root / "unhcr_population.csv"),
        "--dataset",
        "UNHCR refugee population statistics (API CSV)",
        "--base",
        str(root / "desa"),
        "--out",
        str(root / "data"),
        timeout=120,
    )
    assert both.returncode == 0, both.stderr
    return root / "data"
