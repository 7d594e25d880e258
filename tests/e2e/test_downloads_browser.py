"""Downloads in the browser: each button yields a file with the expected name and content,
and the offline HTML files render with every network request blocked."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import expect

from lib.export import render
from tests.e2e.helpers import TIMINGS

TODAY = dt.date.today().isoformat()
needs_chrome = pytest.mark.skipif(
    render.chrome_path() is None, reason="image export needs Chromium"
)


def _download(pg, button, timeout=60_000):
    with pg.expect_download(timeout=timeout) as info:
        button.click()
    return info.value


def _open_corridors(server, page):
    pg = page.page
    pg.goto(server.url + "/corridors?crisis=venezuela")
    expect(pg.get_by_test_id("stPlotlyChart").first.locator("g.sankey-node").first).to_be_visible(
        timeout=45_000
    )
    return pg


def test_csv_button_gives_the_table_shown(server, page, tmp_path):
    pg = _open_corridors(server, page)
    dl = _download(pg, pg.get_by_role("button", name="Data, CSV").first)
    assert dl.suggested_filename == f"venezuela_nested_en_{TODAY}.csv"
    path = tmp_path / dl.suggested_filename
    dl.save_as(path)
    df = pd.read_csv(path, encoding="utf-8-sig")
    assert len(df) == 8 and df.loc[df["flow"] == "ven_col", "people"].item() == 1_800_000


@needs_chrome
def test_png_and_svg_buttons_give_slide_images(server, page, tmp_path):
    pg = _open_corridors(server, page)
    t0 = time.monotonic()
    png = _download(pg, pg.get_by_role("button", name="PNG, 1920 px").first)
    TIMINGS.append(
        (
            "PNG download of the Sankey, first in the server process (starts kaleido)",
            time.monotonic() - t0,
        )
    )
    assert png.suggested_filename == f"venezuela_nested_en_{TODAY}.png"
    img = Image.open(Path(png.path()))
    assert img.size == (1920, 1080)
    t0 = time.monotonic()
    svg = _download(pg, pg.get_by_role("button", name="SVG").first)
    TIMINGS.append(("SVG download of the Sankey, kaleido running", time.monotonic() - t0))
    assert svg.suggested_filename == f"venezuela_nested_en_{TODAY}.svg"
    svg_text = Path(svg.path()).read_text(encoding="utf-8")
    assert "Colombia" in svg_text and "1.8 million" in svg_text
    assert page.real_errors() == []


@needs_chrome
def test_briefing_pack_button_gives_the_zip(server, page):
    pg = _open_corridors(server, page)
    t0 = time.monotonic()
    dl = _download(
        pg,
        pg.get_by_test_id("stSidebar").get_by_role("button", name="Briefing pack: Venezuela (ZIP)"),
        timeout=120_000,
    )
    TIMINGS.append(("briefing pack ZIP download, Venezuela", time.monotonic() - t0))
    assert dl.suggested_filename == f"venezuela_briefing_en_{TODAY}.zip"
    with zipfile.ZipFile(Path(dl.path())) as zf:
        names = set(zf.namelist())
        link = zf.read("LINK.txt").decode().strip()
    assert f"venezuela_map_en_{TODAY}.png" in names and "SOURCES.md" in names and len(names) == 18
    assert {f"venezuela_slides_en_{TODAY}.pptx", f"venezuela_handout_en_{TODAY}.pdf"} <= names
    assert link.endswith("/corridors?crisis=venezuela") and link.startswith("http://127.0.0.1:")


def _render_offline(browser, path: Path, selector: str) -> list[str]:
    """Open a downloaded HTML file with every network request refused; return the refused URLs."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    refused: list[str] = []

    def refuse(route):
        refused.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(("file:", "data:", "blob:")), refuse)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(path.as_uri())
    expect(pg.locator(selector).first).to_be_visible(timeout=30_000)
    pg.wait_for_load_state("networkidle")  # late requests and errors have surfaced
    context.close()
    assert errors == []
    return refused


def test_sankey_html_renders_offline(server, page, browser, tmp_path):
    pg = _open_corridors(server, page)
    dl = _download(pg, pg.get_by_role("button", name="Interactive HTML").first)
    assert dl.suggested_filename == f"venezuela_nested_en_{TODAY}.html"
    path = tmp_path / dl.suggested_filename
    dl.save_as(path)
    assert _render_offline(browser, path, "g.sankey-node") == []


def test_map_html_renders_offline(server, page, browser, tmp_path):
    pg = page.page
    pg.goto(server.url + "/map?crisis=haiti")
    expect(pg.get_by_test_id("stDeckGlJsonChart")).to_be_visible(timeout=45_000)
    dl = _download(pg, pg.get_by_role("button", name="Interactive HTML"))
    assert dl.suggested_filename == f"haiti_map_en_{TODAY}.html"
    path = tmp_path / dl.suggested_filename
    dl.save_as(path)
    assert _render_offline(browser, path, "canvas") == []


@needs_chrome
def test_map_png_is_the_static_map_at_slide_size(server, page):
    pg = page.page
    pg.goto(server.url + "/map?crisis=venezuela")
    expect(pg.get_by_test_id("stDeckGlJsonChart")).to_be_visible(timeout=45_000)
    dl = _download(pg, pg.get_by_role("button", name="PNG, 1920 px"))
    assert dl.suggested_filename == f"venezuela_map_en_{TODAY}.png"
    assert Image.open(Path(dl.path())).size == (1920, 1080)
