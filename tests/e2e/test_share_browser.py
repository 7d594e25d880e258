"""The view is the link, in a real browser: on each page with a chart, a view with every one of
its parameters set (lib.base.params) is shared; its link, opened in a fresh browser (no
session, nothing cached), and its embed snippet's /embed show the same chart: the same data
table and the same words."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from lib.base.i18n import translate
from lib.charts.registry import CHARTS

pytestmark = pytest.mark.slow  # a server on a data folder with years, and Chromium

# (page, chart, every parameter of the page's view) on the timed data (tests/conftest.py):
# UN DESA's stock of Venezuelans in Colombia and Haitians in Peru, 1990-2024.
VIEWS = [
    (
        "map",
        "map",
        {
            "crisis": "venezuela",
            "lang": "es",
            "indicator": "undesa_stock",
            "year": "2010",
            "country": "COL",
            "dir": "in",
            "top": "20",
            "view": "americas",
            "compare": "2000,2020",
        },
    ),
    (
        "corridors",
        "nested",
        {"crisis": "haiti", "lang": "pt", "indicator": "undesa_stock", "year": "2020"},
    ),
    (
        "trends",
        "trend",
        # all crises (no ?crisis=), so that an origin other than the first can be chosen: a
        # value equal to the page's default is left out of its URL and of the link alike
        {"lang": "pt", "indicator": "undesa_stock", "year": "2010", "origin": "HTI"},
    ),
    (
        "actions",
        "actions",
        {
            "crisis": "venezuela",
            "lang": "es",
            "country": "CHL",
            "scope": "national",
            "q": "migra",
            "action": "chl_migrant_skills_accreditation",
        },
    ),
]


def chart_view(pg, lang: str, chart: str) -> tuple[str, str]:
    """Return the chart's table (its expander opened) and its words, as the page shows them."""
    said = translate(lang, "In words")
    words = pg.get_by_test_id("stMarkdownContainer").filter(has_text=re.compile(f"^{said}:"))
    expect(words.first).to_be_visible(timeout=60_000)
    title = translate(lang, CHARTS[chart].table)
    summary = pg.locator("summary").filter(has_text=re.compile(f": {title}$"))
    box = pg.get_by_test_id("stExpander").filter(has=summary).first
    summary.first.click()
    table = box.locator("table").first  # st.table's, or the data grid's for screen readers
    expect(table).to_be_attached(timeout=30_000)
    expect(table.locator("td").first).to_be_attached(timeout=30_000)
    return table.text_content(), words.first.inner_text()


def shared(pg, lang: str) -> tuple[str, str]:
    """Open "Share or embed" by the chart (each of these pages has one open); return the link
    and the embed's address."""
    pg.get_by_text(translate(lang, "Share or embed: {title}", title="")).first.click()
    codes = pg.get_by_test_id("stCode")
    expect(codes).to_have_count(2, timeout=30_000)
    link = " ".join(codes.nth(0).inner_text().split())
    snippet = codes.nth(1).inner_text()
    src = unescape(re.search(r'src="([^"]+)"', snippet).group(1))
    return link, src


def query(link: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(link).query)


@pytest.mark.parametrize(("slug", "chart", "params"), VIEWS, ids=[v[1] for v in VIEWS])
def test_a_shared_view_and_its_embed_show_the_same_chart(
    timed_server, browser, page, slug, chart, params
):
    pg, lang = page.page, params["lang"]
    pg.goto(f"{timed_server.url}/{slug}?{urlencode(params)}")
    table, words = chart_view(pg, lang, chart)
    assert pg.get_by_test_id("stAlert").filter(has_text="⚠️").count() == 0  # no value refused
    link, src = shared(pg, lang)
    want = {k: [v] for k, v in params.items()}
    assert urlsplit(link).path == f"/{slug}" and query(link) == want  # every parameter
    assert urlsplit(src).path == "/embed" and query(src) == {"chart": [chart], **want}
    for address in (link, src):
        fresh = browser.new_context(viewport={"width": 1440, "height": 900})
        try:
            other = fresh.new_page()
            other.goto(address)
            assert chart_view(other, lang, chart) == (table, words), address
        finally:
            fresh.close()
    assert page.real_errors() == []
