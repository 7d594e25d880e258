"""Every page with years and indicators (AppTest): ?year= and ?indicator= are read, checked and
kept; an unknown value gives a notice and the fallback (the newest year with figures for the
indicator); the map's own parameters (?top=, ?dir=, ?view=, ?compare=) do the same. With the
bundled sheet alone nothing changes: no year control."""

from __future__ import annotations

import pytest

from lib.base.schema import PAGE_SCRIPTS
from tests.helpers import deck_spec, open_page, plotly_specs, warnings

SHEET = "People from the country living abroad (the sheet, about 2020)"


@pytest.fixture(autouse=True)
def _timed(timed_data, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA", str(timed_data))


def year_slider(at):
    return next(s for s in at.select_slider if s.label == "Year")


@pytest.mark.parametrize("page", PAGE_SCRIPTS)
def test_every_page_takes_a_year_and_an_indicator_from_the_link(page):
    at = open_page(page, crisis="venezuela", indicator="undesa_stock", year="2010")
    assert not at.exception and warnings(at) == []
    box = next(b for b in at.selectbox if b.label == "What is counted")
    assert box.value == "undesa_stock"
    assert year_slider(at).value == "2010"
    assert year_slider(at).options == ["1990", "1995", "2000", "2010", "2015", "2020", "2024"]
    assert at.query_params["year"] == ["2010"] or at.query_params["year"] == "2010"


@pytest.mark.parametrize(
    "params, notice",
    [
        (
            {"indicator": "undesa_stock", "year": "2005"},  # `..` in the workbook: no figure
            "Unknown year “2005” in the link; showing 2024 instead.",
        ),
        (
            {"indicator": "undesa_stock", "year": "twenty"},
            "Unknown year “twenty” in the link; showing 2024 instead.",
        ),
        (
            {"indicator": "migrants_of_mars"},
            f"Unknown indicator “migrants_of_mars” in the link; showing {SHEET} instead.",
        ),
        ({"year": "1990"}, "Unknown year “1990” in the link; showing about 2020 instead."),
    ],
)
def test_an_unknown_year_or_indicator_falls_back_with_a_notice(params, notice):
    at = open_page("pages/map.py", crisis="venezuela", **params)
    assert not at.exception
    assert notice in warnings(at)


@pytest.mark.parametrize(
    "lang, notice",
    [
        (
            "en",
            "The link's indicator, Refugees under UNHCR's mandate (UNHCR), has no figures for "
            f"this crisis; showing {SHEET} instead.",
        ),
        ("es", "El indicador del enlace, Refugiados bajo el mandato del ACNUR (ACNUR), no tiene"),
        ("pt", "O indicador do link, Refugiados sob o mandato do ACNUR (ACNUR), não tem"),
    ],
)
def test_a_known_indicator_without_figures_for_the_crisis_is_not_called_unknown(lang, notice):
    at = open_page("pages/map.py", crisis="northern_triangle", indicator="refugees", lang=lang)
    assert not at.exception
    shown = warnings(at)
    assert [w for w in shown if w.startswith(notice)], shown
    assert not [w for w in shown if "refugees" in w]  # named in words, not by its slug


def test_the_map_draws_the_chosen_year_with_its_title_and_source():
    at = open_page("pages/map.py", crisis="venezuela", indicator="undesa_stock", year="2020")
    assert at.header[0].value == "Who moves where: Venezuela, 2020"
    handles = next(ly for ly in deck_spec(at)["layers"] if ly["id"] == "flows")["data"]
    assert [h["flow_id"] for h in handles] == ["undesa2024_ven_col_2020_undesa_stock"]
    assert handles[0]["tooltip"].splitlines()[1:3] == ["70 people (70)", "Status: reported"]
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Source: UN DESA, International Migrant Stock 2024") for c in captions)


def test_the_sheet_alone_has_no_year_control(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA")
    at = open_page("pages/map.py", crisis="venezuela")
    assert not at.exception and len(at.select_slider) == 0
    assert "What is counted" not in [b.label for b in at.selectbox]
    assert at.header[0].value == "Who moves where: Venezuela"


def chart_text(at) -> str:
    """A chart's title, the lines under it and its source line: text on the page around the
    figure (lib.ui.figures), its markdown escapes removed."""
    return "\n".join(e.value for e in [*at.markdown, *at.caption]).replace("\\", "")


def test_the_corridors_follow_the_year():
    at = open_page("pages/corridors.py", crisis="haiti", indicator="undesa_stock", year="1995")
    assert len(plotly_specs(at)) == 1
    assert "**Haiti: where they live, 1995" in chart_text(at)
    assert "International migrant stock, both sexes (UN DESA), 1995" in chart_text(at)


@pytest.mark.parametrize(
    "params, notice",
    [
        ({"top": "999"}, "Unknown flows drawn, at most “999” in the link; showing 60 instead."),
        ({"dir": "sideways", "country": "COL"}, "Unknown which flows of the country “sideways”"),
        ({"view": "mars"}, "Unknown extent “mars” in the link; ignored."),
        ({"compare": "1990,1999"}, "Unknown year “1999” in the link; ignored."),
    ],
)
def test_the_maps_own_parameters_fall_back_with_a_notice(params, notice):
    at = open_page("pages/map.py", indicator="undesa_stock", **params)
    assert not at.exception
    assert any(w.startswith(notice) for w in warnings(at)), warnings(at)


def test_years_side_by_side_share_one_width_scale():
    at = open_page(
        "pages/map.py", indicator="undesa_stock", compare="1990,2024", crisis="venezuela"
    )
    images = [i.proto.imgs[0] for i in at.get("image")]
    assert [i.caption for i in images] == ["1990", "2024"]
    assert [i.alt for i in images] == [
        "Who moves where: Venezuela, 1990: 1 flow drawn; the widest, 10 people.",
        "Who moves where: Venezuela, 2024: 1 flow drawn; the widest, 80 people.",
    ]


def test_over_time_draws_a_gap_not_a_zero_and_says_which_years_are_missing():
    at = open_page("pages/trends.py", crisis="venezuela", indicator="undesa_stock", year="2020")
    assert not at.exception and warnings(at) == []
    (spec,) = plotly_specs(at)
    (line,) = spec["data"]
    assert line["name"] == "Colombia" and line["connectgaps"] is False
    assert line["x"] == [1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024]
    assert line["y"] == [10, 20, 30, None, 50, 60, 70, 80]
    assert "No figure (a gap in the line, not a zero): Colombia in 2005." in chart_text(at)
    words = next(m.value for m in at.markdown if m.value.startswith("**In words:**"))
    assert "Colombia: 10 in 1990, 80 in 2024." in words.replace("\\", "")


def test_over_time_in_spanish_and_an_unknown_origin():
    at = open_page(
        "pages/trends.py", crisis="haiti", indicator="undesa_stock", lang="es", origin="ATA"
    )
    assert warnings(at) == ["«desde» desconocido en el enlace: “ATA”; se muestra Haití."]
    (spec,) = plotly_specs(at)
    assert "**Haití: los mayores destinos, 1990–2024" in chart_text(at)
    assert spec["data"][0]["name"] == "Perú"


def test_the_overview_puts_the_sheets_figure_beside_the_newest():
    at = open_page("dashboard.py", crisis="venezuela")
    captions = [c.value for c in at.caption]
    assert (
        "Colombia: 1.8 million, about 2020 (the sheet: people from Venezuela living there) · "
        "80, 2024 (International migrant stock, both sexes (UN DESA)). Two indicators: no "
        "change computed." in captions
    )
    assert not any("Change:" in c for c in captions)  # never across two indicators


def test_the_overview_of_another_indicator_says_whose_figures_they_are():
    at = open_page("dashboard.py", crisis="venezuela", indicator="undesa_stock", year="1990")
    assert [(m.label, m.value) for m in at.metric] == [("Colombia: people from Venezuela", "10")]
    assert "**Reported by UN DESA, International Migrant Stock 2024, Table 1, 1990**" in [
        m.value for m in at.markdown
    ]


def test_the_sources_table_lists_every_year_and_says_how_imported_rows_join_crises():
    at = open_page("pages/sources.py")
    note = next(m.value for m in at.markdown if m.value.startswith("**Newer figures.**"))
    assert "UN DESA, International Migrant Stock 2024, Table 1" in note
    assert "(Venezuela: VEN; Haiti: HTI; Northern Triangle: GTM, HND, SLV)" in note
    table = at.dataframe[0].value
    assert {"year", "indicator"} <= set(table.columns)
    ven_col = table[(table["from"] == "Venezuela") & (table["to"] == "Colombia")]
    assert sorted(ven_col["year"]) == [
        "1990",
        "1995",
        "2000",
        "2010",
        "2015",
        "2020",
        "2023",
        "2023",
        "2023",
        "2024",
        "about 2020",
    ]


def test_an_actions_link_to_a_crisis_stays_the_sheets_whatever_the_indicator():
    sheet = open_page("pages/actions.py", crisis="haiti")
    other = open_page("pages/actions.py", crisis="haiti", indicator="undesa_stock")
    assert sheet.caption[0].value == other.caption[0].value == "11 of 12 actions"


@pytest.mark.parametrize("layout", ["desktop", "phone"])
def test_present_shows_an_over_time_slide_as_the_deck_has_it(layout, monkeypatch):
    """/present draws the over-time slide where the deck has it (after the corridors, so
    ?slide=N names the same slide in both): its title, the chart and its own source line, on
    a desktop and on a phone."""
    from lib.ui import page

    monkeypatch.setattr(page, "layout_hint", lambda: layout)
    at = open_page(
        "pages/present.py", crisis="haiti", indicator="undesa_stock", lang="es", slide="5"
    )
    assert not at.exception, [e.stack_trace for e in at.exception]
    assert warnings(at) == []
    assert [t.value for t in at.title] == ["Haití: los mayores destinos, 1990–2024"]
    (spec,) = plotly_specs(at)
    assert [(t["name"], t["y"]) for t in spec["data"]] == [("Perú", [None, 2, 3, 4, 5, 6, 7, 8])]
    assert any(
        "Sin cifra (un hueco en la línea, no un cero): Perú en 1990." in m.value.replace("\\", "")
        for m in at.markdown
    )
