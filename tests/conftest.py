"""Shared fixtures: the bundled data, and a writable copy of it for breaking."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lib.base.schema import DATA_DIR, ROOT, TABLES
from lib.model.bundle import Bundle, load_bundle


def run_module(module: str, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run `python -m module args` from the project's root, as a user would; return what it
    printed (text) and its exit code."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def in_own_thread(fn, *args):
    """Return fn(*args), run in a thread of its own: the browser tests' Playwright leaves an
    event loop running in this one, and asyncio.run and Playwright's sync API both refuse to
    start inside a running loop."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


def libreoffice_pdf(pptx: Path) -> tuple[Path, subprocess.CompletedProcess]:
    """Convert a deck to PDF with LibreOffice, headless, in a profile of its own beside the
    deck (so two runs never share one); return the PDF's path and what LibreOffice said."""
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{pptx.parent}/lo",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pptx.parent),
            str(pptx),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    return pptx.with_suffix(".pdf"), done


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


HEADER = ",".join(TABLES["flows"])


def flow_row(**cells: str) -> str:
    """Return one CSV line of flows.csv: an unquantified Venezuela → Peru flow, with `cells`
    changed (quoted where a cell needs it)."""
    base = dict(
        flow_id="my_flow",
        crisis="venezuela",
        origin="VEN",
        destination="PER",
        via="",
        corridor="south_south",
        direction="one_way",
        people="",
        status="unquantified",
        part_of="",
        formula="",
        agreement="",
        source="Census X",
        quote="the words",
        note="",
        year="2020",
        indicator="sheet_stock",
    )
    base.update(cells)
    return ",".join(
        f'"{base[c]}"' if any(ch in base[c] for ch in ',"\n') else base[c] for c in TABLES["flows"]
    )


def flows_csv(*rows: str, header: str = HEADER) -> bytes:
    """Return a flows CSV file: the header and `rows` (flow_row lines)."""
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


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
