"""The flow map in a real browser: a country deep link on a fresh server, a click on a
country's dot, the keyboard alone, the phone layout, no console errors, nothing fetched."""

from __future__ import annotations

import io
import re
import time

from PIL import Image
from playwright.sync_api import expect

from lib.charts.flowmap import DESKTOP, PHONE
from lib.charts.map_view import flow_model
from lib.model.bundle import load_bundle
from tests.e2e.helpers import MAP, SELECTED, TIMINGS, tab_to, wait_for_map

PHONE_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) "
    "Version/17.0 Mobile/15E148 Safari/604.1"
)


def _has_colour(png: bytes, colour: tuple[int, int, int], tolerance: int = 12) -> bool:
    img = Image.open(io.BytesIO(png)).convert("RGB")
    return any(
        all(abs(a - b) <= tolerance for a, b in zip(px, colour, strict=False))
        for px in img.get_flattened_data()
    )


def test_country_deep_link_on_a_fresh_server_lists_its_actions_and_highlights_it(
    fresh_server, page
):
    pg = page.page
    t0 = time.monotonic()
    pg.goto(fresh_server.url + "/map?crisis=all&country=CHL")
    wait_for_map(pg, None, code="CHL", colour=SELECTED, selected="CHL")
    TIMINGS.append(
        (
            "deep link /map?crisis=all&country=CHL on a fresh server: map drawn",
            time.monotonic() - t0,
        )
    )
    expect(pg.get_by_role("heading", name="Chile", exact=True)).to_be_visible()
    links = pg.get_by_test_id("stMain").locator("a[href*='action=']")
    expect(links).to_have_count(7)
    assert all(
        re.match(r"^/?actions\?(.*&)?action=", link.get_attribute("href") or "")
        for link in links.all()
    )
    expect(pg.get_by_text("Other flows (not to or from the selected country)")).to_be_visible()
    assert _has_colour(pg.locator(MAP).screenshot(), SELECTED)  # Chile's dot, drawn by deck.gl
    links.first.click()  # the action opens in full in the explorer
    expect(pg).to_have_url(re.compile(r"/actions\?.*action="))
    expect(pg.get_by_text("How the sheet was read")).to_be_visible(timeout=30_000)
    assert page.real_errors() == []
    assert page.blocked == []


def test_clicking_a_countrys_dot_selects_it(server, page):
    pg = page.page
    pg.goto(server.url + "/map?crisis=venezuela")
    wait_for_map(pg)
    model = flow_model(load_bundle(), "venezuela", {"venezuela": "Venezuela"}, layout=DESKTOP)[0]
    pin = next(p for p in model.pins if p.code == "PER")
    box = pg.locator(MAP).bounding_box()
    # deck.gl centres the view in the chart; the model's frame is centred on the same point
    pg.mouse.click(
        box["x"] + box["width"] / 2 + pin.x - model.view.width / 2,
        box["y"] + box["height"] / 2 + pin.y - model.view.height / 2,
    )
    expect(pg).to_have_url(re.compile(r"country=PER"), timeout=30_000)
    expect(pg.get_by_role("heading", name="Peru", exact=True)).to_be_visible()
    assert page.real_errors() == []


def test_choosing_a_country_with_the_keyboard_alone(server, page):
    pg = page.page
    pg.goto(server.url + "/map?crisis=haiti")
    wait_for_map(pg, "haiti", code="HTI")
    box = pg.get_by_role("combobox", name="Country")
    tab_to(pg, box, "the country box")
    pg.keyboard.type("Bra")
    pg.keyboard.press("Enter")
    expect(pg).to_have_url(re.compile(r"country=BRA"), timeout=30_000)
    expect(pg.get_by_role("heading", name="Brazil", exact=True)).to_be_visible()
    assert page.real_errors() == []
    assert page.blocked == []


def test_phone_layout_starts_with_the_sidebar_closed_and_the_map_full_width(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_AGENT)
    pg = context.new_page()
    pg.goto(server.url + "/map?crisis=venezuela")
    wait_for_map(pg, layout=PHONE)
    expect(pg.get_by_test_id("stSidebarContent")).not_to_be_in_viewport()
    box = pg.locator(MAP).bounding_box()
    assert box["width"] >= 340 and box["x"] <= 30  # fills the width
    legend = pg.get_by_text("Dashed: magnitude not reported")
    assert (
        legend.bounding_box()["x"] + legend.bounding_box()["width"] <= 390
    )  # the legend wraps inside the screen
    context.close()
