"""What a reader sees of the figures' date and nature, in a real browser: the overview and the
map say, in every language, that the figures are the sheet's, from about 2020 (with the sheet's
evidence), and that they count people living abroad, not movements per year."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

# lang: (the date with its evidence, the stock wording)
SAYS = {
    "en": (
        "from about 2020: it names a meeting of June 2020 as still to come",
        "not movements per year",
    ),
    "es": (
        "de hacia 2020: menciona como aún por venir una reunión de junio de 2020",
        "no movimientos por año",
    ),
    "pt": (
        "de por volta de 2020: cita como ainda por vir uma reunião de junho de 2020",
        "não movimentos por ano",
    ),
}
STOCK_CARD = {  # a card says where the people live, without an arrow
    "en": "Colombia: people from Venezuela",
    "es": "Colombia: personas de Venezuela",
    "pt": "Colômbia: pessoas de Venezuela",
}


@pytest.mark.parametrize("lang", list(SAYS))
def test_overview_and_map_say_about_2020_and_stocks_in_every_language(server, page, lang):
    pg = page.page
    date, stock = SAYS[lang]
    pg.goto(f"{server.url}/?crisis=venezuela&lang={lang}")
    main = pg.get_by_test_id("stMain")
    expect(main.get_by_text(date)).to_be_visible(timeout=45_000)
    expect(main.get_by_test_id("stCaptionContainer").filter(has_text=stock).first).to_be_visible()
    expect(main.get_by_test_id("stMetricLabel").filter(has_text=STOCK_CARD[lang])).to_be_visible()
    expect(main.get_by_text("→")).to_have_count(0)  # no card reads as a movement

    pg.goto(f"{server.url}/map?crisis=venezuela&lang={lang}")
    caption = pg.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").filter(has_text=date)
    expect(caption).to_be_visible(timeout=45_000)
    expect(caption).to_contain_text(stock)
    assert page.real_errors() == []
    assert page.blocked == []
