"""Every chart readable at every width, in every language: a real browser measures the text
boxes of every plotly chart (getBoundingClientRect of each SVG text) and finds none on top of
another and none cut at the chart's or the screen's edge.

Widths: 390 px with a phone's User-Agent (the server then sends the narrow layouts), and 768,
1024 and 1440 px with a desktop's. One browser context per width; it goes from crisis to
crisis and language to language and waits for the chart each time.
"""

from __future__ import annotations

import re
import time
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from devtools.wait import wait_until
from lib.base.languages import LANGS
from lib.base.schema import CRISES
from lib.charts.flowmap import PHONE
from lib.ui.presenter import CARD
from tests.e2e.helpers import TIMINGS

pytestmark = pytest.mark.slow

PHONE_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
DESKTOPS = (768, 1024, 1440)
TAB = {  # the corridors page's second tab, by language
    "en": "South-north and south-south corridors",
    "es": "Corredores sur-norte y sur-sur",
    "pt": "Corredores sul-norte e sul-sul",
}

# Every visible text of every plotly chart on the page, its box, and what is wrong: two boxes
# sharing more than a pixel each way, or a box past the chart's edge or the screen's.
MEASURE = """() => {
  const texts = [], overlaps = [], cut = [];
  document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((chart, c) => {
    const frame = chart.getBoundingClientRect();
    const boxes = [...chart.querySelectorAll('svg text')]
      .filter(t => t.textContent.trim())
      .map(t => ({text: t.textContent.trim(), r: t.getBoundingClientRect()}))
      .filter(b => b.r.width > 0 && b.r.height > 0);
    boxes.forEach((a, i) => {
      texts.push([c, a.text, Math.round(a.r.left), Math.round(a.r.top)]);
      const left = Math.max(frame.left, 0), right = Math.min(frame.right, innerWidth);
      if (a.r.left < left - 1 || a.r.right > right + 1)
        cut.push(`${a.text} [${Math.round(a.r.left)}, ${Math.round(a.r.right)}]`);
      boxes.slice(i + 1).forEach(b => {
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1) overlaps.push(`${a.text} / ${b.text}`);
      });
    });
  });
  return {texts, overlaps, cut};
}"""


def settled(pg, what: str, timeout: float = 45) -> dict:
    """Return the charts' text boxes once there are some and two looks in a row agree
    (plotly eases its Sankey into place)."""
    last: list = []

    def same():
        nonlocal last
        now = pg.evaluate(MEASURE)
        ok = now["texts"] and now["texts"] == last
        last = now["texts"]
        return now if ok else None

    return wait_until(
        same, timeout, what, every=0.15, pause=lambda s: pg.wait_for_timeout(s * 1000)
    )


def context_for(browser, width: int):
    if width == 390:
        return browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_AGENT)
    return browser.new_context(viewport={"width": width, "height": 900})


def check(pg, where: str, problems: list[str]) -> int:
    """Measure the charts now on the page; add what is wrong to `problems`; return how many
    text boxes were measured."""
    found = settled(pg, where)
    problems += [f"{where}: overlap {o}" for o in found["overlaps"]]
    problems += [f"{where}: cut {c}" for c in found["cut"]]
    return len(found["texts"])


def shown(pg, ready: str) -> None:
    """Wait until `ready` shows."""
    expect(pg.locator(ready).first).to_be_visible(timeout=45_000)


def visit(pages: dict[int, object], url: str, ready: str, what: str, problems: list[str]) -> int:
    """Open `url` at every width at once (each in its own context, so the server and the
    browser work on them side by side), then measure each once `ready` shows."""
    for pg in pages.values():
        pg.goto(url)
    measured = 0
    for width, pg in pages.items():
        shown(pg, ready)
        measured += check(pg, f"{width} px {what}", problems)
    return measured


@pytest.mark.parametrize("lang", LANGS)
def test_no_chart_text_overlaps_or_is_cut_at_any_width(server, browser, lang):
    """Both Sankeys of /corridors for every crisis (and all of them), and /actions' chart, in
    one language, at 390 px on a phone (the narrow layouts) and at 768, 1024 and 1440 px on a
    desktop: no text box on another, none past its chart's edge or the screen's. One test per
    language, so that the three can run side by side (pytest -n)."""
    contexts = {width: context_for(browser, width) for width in (390, *DESKTOPS)}
    pages = {width: context.new_page() for width, context in contexts.items()}
    problems: list[str] = []
    measured = 0
    t0 = time.monotonic()
    for crisis in (*CRISES, "all"):
        measured += visit(
            pages,
            f"{server.url}/corridors?crisis={crisis}&lang={lang}",
            ".st-key-chart_title_sankey_nested",
            f"/corridors {crisis} {lang} nested",
            problems,
        )
        for pg in pages.values():
            pg.get_by_role("tab", name=TAB[lang]).click()
        for width, pg in pages.items():
            expect(pg.locator(".st-key-chart_title_sankey_corridors")).to_be_visible()
            measured += check(pg, f"{width} px /corridors {crisis} {lang} corridors", problems)
    measured += visit(
        pages,
        f"{server.url}/actions?crisis=venezuela&lang={lang}",
        ".st-key-chart_title_actions_chart",
        f"/actions {lang}",
        problems,
    )
    TIMINGS.append(
        (f"every Sankey at four widths, {lang} ({measured} text boxes)", time.monotonic() - t0)
    )
    for context in contexts.values():
        context.close()
    assert measured > 600  # about 700 text boxes per language
    assert problems == []


def test_present_sankey_slides_on_a_1920_screen(server, browser):
    """/present's Sankey slides as a room sees them (1920×1080, text at the slides' size,
    laid out by lib.export.slides.SLIDE_FIT), in EN, ES and PT."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    pg = context.new_page()
    problems: list[str] = []
    for lang in LANGS:
        for slide in (3, 4):
            pg.goto(f"{server.url}/present?crisis=venezuela&slide={slide}&lang={lang}")
            shown(pg, ".st-key-slide_counter")
            expect(pg.locator(".st-key-slide_counter")).to_have_text(re.compile(f"^{slide} / "))
            check(pg, f"1920 px /present slide {slide} {lang}", problems)
    context.close()
    assert problems == []


NEXT = {"en": "Next", "es": "Siguiente", "pt": "Próximo"}
PREVIOUS = {"en": "Previous", "es": "Anterior", "pt": "Anterior"}


def wider_than_the_screen(pg) -> list[str]:
    """Return what is wider than the screen: the page, Streamlit's main area (the element
    that scrolls), or any element of it reaching past its right edge, where Streamlit would
    cut it off unseen; inside a chart's drawing or the data grid (which scrolls in its own
    box), only that box counts. Empty when nothing is."""
    return pg.evaluate(
        """() => {
          const main = document.querySelector('[data-testid="stMain"]');
          const out = [];
          if (document.scrollingElement.scrollWidth > innerWidth) out.push('the page');
          if (main && main.scrollWidth > main.clientWidth) out.push('the main area');
          (main ? [...main.querySelectorAll('*')] : []).forEach(e => {
            const r = e.getBoundingClientRect();
            const grid = e.parentElement.closest('[data-testid="stDataFrame"]');
            const inside = e.closest('svg') || grid;
            if (!inside && r.width > 0 && r.height > 0 && r.right > innerWidth + 1)
              out.push(`${e.tagName} ${e.textContent.slice(0, 40)} [${Math.round(r.right)}]`);
          });
          return out;
        }"""
    )


def test_present_on_a_phone_is_one_readable_slide_at_a_time(server, browser):
    """At 390 px with a phone's User-Agent, in EN, ES and PT: the key figures as cards one
    under another, the map in its phone frame, the Sankeys in their narrow layout, no text
    overlapping, nothing wider than the screen; Next and Previous move between slides."""
    context = context_for(browser, 390)
    pg = context.new_page()
    problems: list[str] = []
    t0 = time.monotonic()
    for lang in LANGS:
        pg.goto(f"{server.url}/present?crisis=venezuela&slide=1&lang={lang}")
        shown(pg, ".st-key-slide_counter")
        counter = pg.locator(".st-key-slide_counter")
        expect(counter).to_have_text(re.compile(r"^1 / \d+\s*$"), timeout=45_000)
        count = int(
            counter.inner_text().split("/")[1]
        )  # slides fit by language (lib.export.slides)
        for number in range(1, count + 1):
            expect(counter).to_have_text(f"{number} / {count}")
            where = f"/present slide {number} {lang}"
            if number == 1:  # seven cards, stacked: one left edge, each below the last
                cards = pg.locator(f"[class*='st-key-{CARD}']")
                expect(cards).to_have_count(7)
                boxes = [c.bounding_box() for c in cards.all()]
                assert len({round(b["x"]) for b in boxes}) == 1, where
                assert all(a["y"] + a["height"] <= b["y"] for a, b in pairwise(boxes)), where
                assert all(b["width"] >= 300 for b in boxes), where
            elif number == 2:  # the map's phone frame, as wide as the screen allows
                deck = pg.locator(".st-key-flowmap [data-testid='stDeckGlJsonChart']")
                expect(deck).to_be_visible(timeout=45_000)
                box = deck.bounding_box()
                assert box["width"] <= 390 and round(box["height"]) == PHONE.height, box
            elif number in (3, 4):  # the narrow layout: one row per place
                check(pg, where, problems)
                texts = settled(pg, where)["texts"]
                assert len({top for _, _, _, top in texts}) == len(texts), where
            else:  # actions and sources as text, no picture
                expect(pg.locator(".st-key-slide_items")).to_be_visible()
                assert pg.locator(".st-key-slide [data-testid='stPlotlyChart']").count() == 0
            problems += [f"{where}: wider than the screen: {w}" for w in wider_than_the_screen(pg)]
            if number < count:
                pg.get_by_role("button", name=NEXT[lang]).click()
        pg.get_by_role("button", name=PREVIOUS[lang]).click()
        expect(counter).to_have_text(f"{count - 1} / {count}")
        assert f"slide={count - 1}" in pg.evaluate("location.href")
    TIMINGS.append(("390 px: /present's slides in three languages", time.monotonic() - t0))
    context.close()
    assert problems == []


READY = {  # what each page shows once it is drawn
    "/": "[data-testid='stMetricValue']",
    "/map": ".st-key-flowmap [data-testid='stDeckGlJsonChart']",
    "/corridors": ".st-key-chart_title_sankey_nested",
    "/trends": "[data-testid='stAlert']",  # the sheet alone has one year: it says so
    "/actions": "[data-testid='stTable']",
    "/sources": "[data-testid='stDataFrame']",
    "/present": ".st-key-slide_counter",
    "/embed": ".st-key-chart_title_embed_nested",
}


def test_no_page_scrolls_sideways_on_a_phone(server, browser):
    """Every page at 390 px with a phone's User-Agent, for one crisis in Spanish: nothing is
    wider than the screen."""
    context = context_for(browser, 390)
    pg = context.new_page()
    wide = []
    for path, ready in READY.items():
        chart = "&chart=nested" if path == "/embed" else ""
        pg.goto(f"{server.url}{path}?crisis=venezuela&lang=es{chart}")
        shown(pg, ready)
        pg.wait_for_load_state("networkidle")
        wide += [f"{path}: {w}" for w in wider_than_the_screen(pg)]
    context.close()
    assert wide == []
