"""Shared fixtures: the bundled data, and a writable copy of it for breaking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from lib.data import Bundle, load_bundle
from lib.schema import DATA_DIR


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may edit."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst


def edit_csv(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell, addressing the row as a spreadsheet user does (header = row 1)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[row - 2, column] = value
    df.to_csv(path, index=False)


def row_of(path: Path, column: str, value: str) -> int:
    """Return the spreadsheet row whose `column` equals `value`."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return int(df.index[df[column] == value][0]) + 2
