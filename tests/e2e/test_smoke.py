"""The browser tier works: the dashboard opens and shows the sheet's Venezuela figures."""

from __future__ import annotations

from playwright.sync_api import expect


def test_venezuela_figures_are_visible_with_no_console_error(server, page):
    pg = page.page
    pg.goto(server.url + "/")
    for value in ("5.1 million", "4.3 million", "1.8 million"):
        expect(pg.get_by_test_id("stMetricValue").filter(has_text=value).first).to_be_visible(
            timeout=30_000
        )
    assert page.real_errors() == []
    assert page.blocked == []
