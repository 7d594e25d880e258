"""Every chart readable at every width, in every language: a real browser measures the text
boxes of every plotly chart (getBoundingClientRect of each SVG text) and finds none on top of
another and none cut at the chart's or the screen's edge.

Widths: 390 px with a phone's User-Agent (the server then sends the narrow layouts), and 768,
1024 and 1440 px with a desktop's. One browser context per width; it goes from crisis to
crisis and language to language and waits for the chart each time.
"""

from __future__ import annotations

import time
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from devtools.wait import wait_until
from lib.flowmap import PHONE
from lib.schema import CRISES
from lib.ui.presenter import CARD
from tests.e2e.helpers import TIMINGS

pytestmark = pytest.mark.slow

PHONE_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
LANGS = ("en", "es", "pt")
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


@pytest.mark.parametrize("width", [390, *DESKTOPS])
def test_no_chart_text_overlaps_or_is_cut_at_any_width(server, browser, width):
    """Both Sankeys of /corridors for every crisis (and all of them) in EN, ES and PT, and
    /present's Sankey slides, at one width; on a phone, the narrow layout."""
    context = context_for(browser, width)
    pg = context.new_page()
    problems: list[str] = []
    measured = 0
    t0 = time.monotonic()
    for crisis in (*CRISES, "all"):
        for lang in LANGS:
            pg.goto(f"{server.url}/corridors?crisis={crisis}&lang={lang}")
            expect(pg.locator(".st-key-chart_title_sankey_nested")).to_be_visible(timeout=45_000)
            measured += check(pg, f"{width} /corridors {crisis} {lang} nested", problems)
            pg.get_by_role("tab", name=TAB[lang]).click()
            expect(pg.locator(".st-key-chart_title_sankey_corridors")).to_be_visible()
            measured += check(pg, f"{width} /corridors {crisis} {lang} corridors", problems)
    for lang in LANGS:
        for slide in (3, 4):
            pg.goto(f"{server.url}/present?crisis=venezuela&slide={slide}&lang={lang}")
            expect(pg.locator(".st-key-slide_counter")).to_have_text(f"{slide} / 8")
            measured += check(pg, f"{width} /present slide {slide} {lang}", problems)
        pg.goto(f"{server.url}/actions?crisis=venezuela&lang={lang}")
        expect(pg.locator(".st-key-chart_title_actions_chart")).to_be_visible(timeout=45_000)
        measured += check(pg, f"{width} /actions {lang}", problems)
    TIMINGS.append(
        (f"{width} px: every Sankey measured ({measured} text boxes)", time.monotonic() - t0)
    )
    context.close()
    assert measured > 400
    assert problems == []


NEXT = {"en": "Next", "es": "Siguiente", "pt": "Próximo"}
PREVIOUS = {"en": "Previous", "es": "Anterior", "pt": "Anterior"}


def no_sideways_scroll(pg) -> bool:
    """Whether the page, and Streamlit's main area (the element that scrolls), are no wider
    than the screen."""
    return pg.evaluate(
        """() => {
          const main = document.querySelector('[data-testid="stMain"]');
          return document.scrollingElement.scrollWidth <= innerWidth
            && (!main || main.scrollWidth <= main.clientWidth);
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
        for number in range(1, 9):
            expect(pg.locator(".st-key-slide_counter")).to_have_text(f"{number} / 8")
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
            if not no_sideways_scroll(pg):
                problems.append(f"{where}: wider than the screen")
            if number < 8:
                pg.get_by_role("button", name=NEXT[lang]).click()
        pg.get_by_role("button", name=PREVIOUS[lang]).click()
        expect(pg.locator(".st-key-slide_counter")).to_have_text("7 / 8")
        assert "slide=7" in pg.evaluate("location.href")
    TIMINGS.append(("390 px: /present's slides in three languages", time.monotonic() - t0))
    context.close()
    assert problems == []


READY = {  # what each page shows once it is drawn
    "/": "[data-testid='stMetricValue']",
    "/map": ".st-key-flowmap [data-testid='stDeckGlJsonChart']",
    "/corridors": ".st-key-chart_title_sankey_nested",
    "/actions": "[data-testid='stTable']",
    "/sources": "[data-testid='stDataFrame']",
    "/present": ".st-key-slide_counter",
}


def test_no_page_scrolls_sideways_on_a_phone(server, browser):
    """Every page at 390 px with a phone's User-Agent, for one crisis in Spanish: nothing is
    wider than the screen."""
    context = context_for(browser, 390)
    pg = context.new_page()
    wide = []
    for path, ready in READY.items():
        pg.goto(f"{server.url}{path}?crisis=venezuela&lang=es")
        expect(pg.locator(ready).first).to_be_visible(timeout=45_000)
        pg.wait_for_load_state("networkidle")
        if not no_sideways_scroll(pg):
            wide.append(path)
    context.close()
    assert wide == []
