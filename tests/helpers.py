"""What the tests share: running a module as a user would, editing a copy of the data,
writing a flows CSV, opening a page as a deep link does, reading what a page shows, reading a
QR code and the link it opens. Tests
import these from here, never from another test module (tests/e2e/helpers.py: the browser's)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
from babel.messages.extract import extract_from_dir
from streamlit.testing.v1 import AppTest

from lib.base.schema import ROOT, TABLES


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


def decoded(image) -> list[str]:
    """Return the text of every QR code zxing-cpp finds in a picture (a PIL image)."""
    import zxingcpp

    return [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


def view_of(link: str) -> tuple[str, dict[str, list[str]]]:
    """Return a link's address without its query, and its query's parameters."""
    parts = urlsplit(link)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", parse_qs(parts.query)


def first_slide_qr_links(pptx: bytes) -> list[str]:
    """Return what the QR codes among the pictures of a deck's first slide open."""
    from PIL import Image
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    first = Presentation(io.BytesIO(pptx)).slides[0]
    return [
        text
        for shape in first.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
        for text in decoded(Image.open(io.BytesIO(shape.image.blob)))
    ]


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


TIMEOUT = 30


def open_page(page: str, **params: str | list[str]) -> AppTest:
    """Run the app, then the page with the given URL parameters, as a deep link would."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    if page != "dashboard.py":
        at.run()
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def crisis_box(at: AppTest):
    """Return the sidebar's crisis selector."""
    return next(box for box in at.sidebar.selectbox if box.label in ("Crisis", "Crise"))


def param(at: AppTest, name: str) -> list[str]:
    """Return the values of a URL parameter after a run (AppTest gives a str for one value)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def deck_spec(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def warnings(at) -> list[str]:
    """Return the page's notices as a reader sees them (the Markdown escapes undone)."""
    return [w.value.replace("\\_", "_") for w in at.warning]


def code_msgids() -> set[str]:
    """Every interface string marked in the code (what `scripts/i18n_extract.sh` extracts)."""
    ids = set()
    for sub in ("lib", "pages"):
        for _, _, msg, _, _ in extract_from_dir(
            ROOT / sub, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            ids.add(msg if isinstance(msg, str) else msg[0])
    with (ROOT / "dashboard.py").open("rb") as fh:
        from babel.messages.extract import extract_python

        for _, _, msg, _ in extract_python(fh, KEYWORDS.keys(), [], {}):
            ids.add(msg if isinstance(msg, str) else msg[0])
    return ids


KEYWORDS = {"t": None, "N_": None, "translate": (2,), "ngettext": (1, 2)}
