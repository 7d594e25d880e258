"""What only a browser shows: deep links on a fresh server, charts drawn, crisis switching,
no console errors and no request leaving localhost."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import CHART, TIMINGS, first_sankey_nodes


def first_chart_nodes(pg):
    """Nodes of the first chart: a Sankey's, or the text points of a chart whose flows have no
    figure (drawn with hairlines, not as a Sankey)."""
    return pg.get_by_test_id("stPlotlyChart").first.locator("g.sankey-node, g.textpoint")


def sidebar_crisis(pg):
    return pg.get_by_test_id("stSidebar").get_by_role("combobox", name="Crisis")


def test_first_request_deep_link_opens_the_map_with_sidebar_and_haiti(fresh_server, page):
    pg = page.page
    t0 = time.monotonic()
    pg.goto(fresh_server.url + "/map?crisis=haiti")
    expect(pg.locator(CHART["/map"]).first).to_be_visible(timeout=45_000)
    TIMINGS.append(
        ("deep link /map?crisis=haiti on a fresh server: map canvas visible", time.monotonic() - t0)
    )
    expect(pg.get_by_role("heading", name="Who moves where: Haiti")).to_be_visible()
    expect(sidebar_crisis(pg)).to_have_value("Haiti")
    expect(
        pg.get_by_test_id("stSidebar").get_by_role("link", name="Action explorer")
    ).to_be_visible()
    assert "crisis=haiti" in pg.url
    assert page.real_errors() == []
    assert page.blocked == []


@pytest.mark.parametrize("path", list(CHART))
def test_each_page_draws_its_chart_offline_without_console_errors(server, page, path):
    pg = page.page
    t0 = time.monotonic()
    pg.goto(server.url + path + "?crisis=venezuela")
    expect(pg.locator(CHART[path]).first).to_be_visible(timeout=45_000)
    TIMINGS.append(
        (f"{path}?crisis=venezuela: first chart visible (fresh context)", time.monotonic() - t0)
    )
    if path == "/corridors":
        expect(first_sankey_nodes(pg).filter(has_text="1.8 million")).to_have_count(1)
    if path == "/":  # the sheet's three Venezuela figures, as cards
        for value in ("5.1 million", "4.3 million", "1.8 million"):
            expect(pg.get_by_test_id("stMetricValue").filter(has_text=value).first).to_be_visible()
    pg.wait_for_load_state("networkidle")  # late requests and errors have surfaced
    assert page.real_errors() == []
    assert page.blocked == [], page.blocked
    assert all(
        re.match(r"^(https?://127\.0\.0\.1:\d+/|data:|blob:|ws://127\.0\.0\.1)", u)
        for u in page.requests
    )


def test_switching_the_crisis_redraws_the_chart_and_updates_the_url(server, page):
    pg = page.page
    pg.goto(server.url + "/corridors?crisis=venezuela")
    expect(first_sankey_nodes(pg).filter(has_text="1.8 million")).to_have_count(1, timeout=45_000)
    sidebar_crisis(pg).click()
    t0 = time.monotonic()
    pg.get_by_role("option", name="Haiti").click()
    expect(first_chart_nodes(pg).filter(has_text="Haiti")).to_have_count(1, timeout=20_000)
    TIMINGS.append(("crisis switch Venezuela → Haiti: Sankey redrawn", time.monotonic() - t0))
    expect(first_sankey_nodes(pg).filter(has_text="1.8 million")).to_have_count(0)
    expect(pg).to_have_url(re.compile(r"/corridors\?crisis=haiti$"))
    assert page.real_errors() == []


def test_moving_between_pages_keeps_the_crisis(server, page):
    pg = page.page
    pg.goto(server.url + "/?crisis=northern_triangle")
    expect(pg.get_by_role("heading", name="Northern Triangle")).to_be_visible(timeout=45_000)
    pg.get_by_test_id("stSidebar").get_by_role("link", name="Flow map").click()
    expect(pg.locator(CHART["/map"]).first).to_be_visible(timeout=45_000)
    expect(pg).to_have_url(re.compile(r"/map\?crisis=northern_triangle$"))
    expect(sidebar_crisis(pg)).to_have_value("Northern Triangle")
    pg.get_by_test_id("stSidebar").get_by_role("link", name="Action explorer").click()
    expect(pg).to_have_url(re.compile(r"/actions\?crisis=northern_triangle$"))
    expect(pg.get_by_text("2 of 12 actions")).to_be_visible(timeout=20_000)
    assert page.real_errors() == []


def test_an_unknown_crisis_shows_a_notice_not_a_traceback(server, page):
    pg = page.page
    pg.goto(server.url + "/corridors?crisis=%3Cscript%3Ealert(1)%3C/script%3E")
    expect(pg.get_by_text("Unknown crisis “<script>alert(1)</script>” in the link")).to_be_visible(
        timeout=45_000
    )
    expect(first_chart_nodes(pg).first).to_be_visible()
    assert pg.get_by_test_id("stException").count() == 0
    assert page.real_errors() == []


def test_a_copied_actions_link_reopens_the_same_filtered_view(server, page):
    pg = page.page
    pg.goto(server.url + "/actions?crisis=haiti&country=CHL&theme=access_to_justice")
    expect(pg.get_by_text("2 of 12 actions")).to_be_visible(timeout=45_000)
    expect(pg.get_by_test_id("stMultiSelect").first).to_contain_text("Chile")


def test_portuguese_link_on_a_fresh_server(fresh_server, page):
    pg = page.page
    pg.goto(fresh_server.url + "/?crisis=venezuela&lang=pt")
    expect(
        pg.get_by_role(
            "heading",
            name=(
                "Fluxos migratórios na América Latina e as ações de política pública que lhes "
                "respondem"
            ),
        )
    ).to_be_visible(timeout=45_000)
    expect(pg.get_by_test_id("stMetricValue").filter(has_text="5,1 milhões")).to_be_visible()
    expect(pg.get_by_test_id("stMetricValue").filter(has_text="1,8 milhão")).to_be_visible()
    sidebar = pg.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("link", name="Visão geral")).to_be_visible()
    expect(sidebar.get_by_role("combobox", name="Crise")).to_have_value("Venezuela")
    sidebar.get_by_role("link", name="Corredores").click()
    expect(pg).to_have_url(re.compile(r"/corridors\?crisis=venezuela&lang=pt$"))
    expect(first_sankey_nodes(pg).filter(has_text="1,8 milhão")).to_have_count(1)
    assert page.real_errors() == []
    assert page.blocked == []


def test_choosing_spanish_in_the_sidebar_translates_the_page_and_the_url(server, page):
    pg = page.page
    pg.goto(server.url + "/actions?crisis=haiti")
    expect(pg.get_by_text("11 of 12 actions")).to_be_visible(timeout=45_000)
    pg.get_by_test_id("stSidebar").get_by_role("combobox", name="Language · Idioma").click()
    pg.get_by_role("option", name="Español").click()
    expect(pg.get_by_text("11 de 12 acciones")).to_be_visible()
    expect(pg).to_have_url(re.compile(r"/actions\?crisis=haiti&lang=es$"))


def test_a_request_to_another_host_is_refused_by_the_browser_and_recorded(page):
    """The watch the other tests rely on for "nothing left localhost": a page that asks for a
    named host and an IP address gets neither (Chromium resolves them to "not found" at once,
    not after a time-out), and both are recorded as refused."""
    pg = page.page
    wanted = ["http://example.org/tracker.js", "http://192.0.2.1/pixel.png"]
    with pg.expect_event("requestfailed", lambda r: r.url == wanted[1]):
        pg.set_content(f'<script src="{wanted[0]}"></script><img src="{wanted[1]}">')
    assert sorted(page.blocked) == sorted(wanted)
    assert sorted(page.failed) == sorted(f"{u}: net::ERR_NAME_NOT_RESOLVED" for u in wanted)
