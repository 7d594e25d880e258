"""/embed through AppTest, and the share panel by every chart: what a site that embeds a
chart gets, and what a reader copies. The links themselves are lib/base/links.py's (pure)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from lib.base.i18n import translate
from lib.base.links import (
    embed_url,
    iframe_snippet,
    page_url,
    present_link,
    view_params,
)
from lib.charts.registry import CHARTS
from tests.helpers import open_page

PAGE = "pages/embed.py"


def link_button(at) -> str:
    [button] = at.get("link_button")
    return button.proto.url


def headings(at) -> list[str]:
    return [t.value for t in at.title]


# --------------------------------------------------------------------------- lib/base/links.py


def test_view_params_carry_crisis_language_and_more_in_one_order():
    assert view_params("haiti", "es") == {"crisis": "haiti", "lang": "es"}
    assert view_params(None, "en") == {}  # all crises, English: the defaults
    assert view_params("haiti", "pt", indicator="oip", year="2024") == {
        "crisis": "haiti",
        "lang": "pt",
        "year": "2024",
        "indicator": "oip",
    }


def test_page_url_repeats_a_parameter_and_keeps_the_prefix():
    base = "https://data.example.org/dashboard/"
    assert page_url(base, "actions", {"country": ["CHL", "PER"], "q": "niños & niñas"}) == (
        "https://data.example.org/dashboard/actions?country=CHL&country=PER&q=ni%C3%B1os+%26+ni%C3%B1as"
    )
    assert present_link(base, "haiti", "en") == (
        "https://data.example.org/dashboard/present?crisis=haiti"
    )


def test_the_iframe_snippet_is_full_width_lazy_titled_and_escaped():
    src = embed_url("https://x.org", "nested", {"crisis": "haiti", "lang": "es"})
    assert src == "https://x.org/embed?chart=nested&crisis=haiti&lang=es"
    snippet = iframe_snippet(src, 'Haiti: "nested" <flows>', 900)
    assert snippet == (
        '<iframe src="https://x.org/embed?chart=nested&amp;crisis=haiti&amp;lang=es" '
        'width="100%" height="900" title="Haiti: &quot;nested&quot; &lt;flows&gt;" '
        'loading="lazy" style="border:0"></iframe>'
    )


# --------------------------------------------------------------------------- /embed


@pytest.mark.parametrize(
    ("chart", "heading", "full_view"),
    [
        ("map", "Who moves where: Haiti", "/map"),
        ("nested", "Haiti: flows named in the sheet, nested as the sheet nests them", "/corridors"),
        ("corridors", "Haiti: flows by corridor", "/corridors"),
        ("actions", "Actions accompanied by EUROsociAL+ per country: Haiti", "/actions"),
    ],
)
def test_each_chart_alone_with_its_title_words_and_a_link_to_its_full_view(
    chart, heading, full_view
):
    at = open_page(PAGE, chart=chart, crisis="haiti")
    assert not at.exception
    assert headings(at) == [heading]
    assert len(at.sidebar) == 0 and not at.get("page_link")  # no sidebar, no menu
    assert not at.warning
    words = [m.value for m in at.markdown if m.value.startswith("**In words:**")]
    assert len(words) == 1 and "Haiti" in words[0]
    link = urlsplit(link_button(at))
    assert (link.path, parse_qs(link.query)) == (full_view, {"crisis": ["haiti"]})
    assert not at.get("download_button")  # the chart alone: downloads are the full view's
    if chart == "map":
        deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
        assert deck["layers"]
        assert any("Source: EUROsociAL+" in c.value for c in at.caption)
    else:
        assert len(at.get("plotly_chart")) == 1
        # the source line: text under the figure, which wraps in a narrow frame
        assert any("EUROsociAL\\+ migration sheet" in c.value for c in at.caption)


def test_the_language_and_crisis_reach_the_chart_and_the_link():
    at = open_page(PAGE, chart="corridors", crisis="venezuela", lang="pt")
    assert headings(at) == ["Venezuela: fluxos por corredor"]
    assert link_button(at).endswith("/corridors?crisis=venezuela&lang=pt")
    assert [b.proto.label for b in at.get("link_button")] == ["Abrir no painel"]


def test_without_parameters_it_is_the_map_of_all_crises_in_english():
    at = open_page(PAGE)
    assert headings(at) == ["Who moves where: All crises"]
    assert link_button(at) == "http://localhost:8501/map"
    assert not at.warning


@pytest.mark.parametrize(
    ("params", "notice", "heading"),
    [
        (
            {"chart": "timeline"},
            "Unknown chart “timeline” in the link; showing the flow map instead.",
            "Who moves where: All crises",
        ),
        (
            {"chart": "nested", "crisis": "atlantis"},
            "Unknown crisis “atlantis” in the link; showing All crises instead.",
            "All crises: flows named in the sheet, nested as the sheet nests them",
        ),
        (
            {"chart": "actions", "lang": "fr", "crisis": "haiti"},
            "Unknown language “fr” in the link; showing English instead.",
            "Actions accompanied by EUROsociAL+ per country: Haiti",
        ),
        (
            {"chart": "<script>x</script>", "lang": "es"},
            "«gráfico» desconocido en el enlace",
            "Quién se desplaza adónde: Todas las crisis",
        ),
    ],
)
def test_an_unknown_value_gives_a_notice_and_falls_back(params, notice, heading):
    at = open_page(PAGE, **params)
    assert not at.exception
    assert notice.split("“")[0] in " ".join(w.value for w in at.warning)
    if "“" in notice:
        assert [w.value for w in at.warning] == [notice]
    assert headings(at) == [heading]
    assert "<script>" not in " ".join(w.value for w in at.warning)


def test_streamlits_own_embed_parameter_is_left_to_streamlit():
    at = open_page(PAGE, chart="nested", crisis="haiti", embed="true", embed_options="light_theme")
    assert not at.warning  # not an unknown parameter of ours
    assert headings(at) == ["Haiti: flows named in the sheet, nested as the sheet nests them"]
    assert "embed" not in link_button(at)  # the full view opens as a page, not an embed


# --------------------------------------------------------------------------- share panel


def open_share(at, chart: str):
    at.session_state[f"share_{chart}"] = True
    return at.run()


@pytest.mark.parametrize(
    ("page", "chart", "params", "view"),
    [
        ("pages/map.py", "map", {"crisis": "haiti", "lang": "es"}, "/map?crisis=haiti&lang=es"),
        ("pages/corridors.py", "nested", {"crisis": "venezuela"}, "/corridors?crisis=venezuela"),
        (
            "pages/actions.py",
            "actions",
            {
                "crisis": "venezuela",
                "country": ["CHL", "PER"],
                "q": "accredit",
                "action": "chl_migrant_skills_accreditation",
            },
            "/actions?crisis=venezuela&country=CHL&country=PER&q=accredit"
            "&action=chl_migrant_skills_accreditation",
        ),
        (
            "pages/map.py",
            "map",
            {"crisis": "haiti", "country": "CHL", "dir": "in", "top": "20", "view": "americas"},
            "/map?crisis=haiti&country=CHL&dir=in&top=20&view=americas",
        ),
    ],
)
def test_by_every_chart_the_link_to_this_view_and_the_embed_code(page, chart, params, view):
    at = open_share(open_page(page, **params), chart)
    codes = [c.proto.code_text for c in at.get("code")]
    assert len(codes) == 2
    link, snippet = codes
    assert link == "http://localhost:8501" + view  # every parameter of the view
    spec = CHARTS[chart]
    # the embed carries the view's parameters too (lib.base.params), after the chart
    src = f"http://localhost:8501/embed?chart={chart}&{view.split('?')[1]}"
    assert f'src="{src.replace("&", "&amp;")}"' in snippet
    assert f'height="{spec.height_for(params["crisis"])}"' in snippet
    assert 'width="100%"' in snippet
    assert 'loading="lazy"' in snippet and 'title="' in snippet
    assert [c.proto.language for c in at.get("code")] == ["plaintext", "html"]


def test_the_embed_codes_title_is_the_charts_title():
    at = open_share(open_page("pages/corridors.py", crisis="haiti"), "nested")
    snippet = at.get("code")[1].proto.code_text
    assert 'title="Haiti: flows named in the sheet, nested as the sheet nests them"' in snippet


def test_the_share_links_are_the_address_the_reader_opened():
    """Built on lib.base.links.public_base_url: the browser's address here (the proxy's headers
    come first: tests/base/test_links.py)."""
    at = open_page("pages/corridors.py", crisis="haiti")
    at.context = {"url": "https://data.example.org/corridors"}
    at = open_share(at.run(), "nested")
    link, snippet = (c.proto.code_text for c in at.get("code"))
    assert link == "https://data.example.org/corridors?crisis=haiti"
    assert 'src="https://data.example.org/embed?chart=nested&amp;crisis=haiti"' in snippet


def test_the_over_time_chart_embeds_with_its_year_and_indicator(timed_data, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA", str(timed_data))
    at = open_page(PAGE, chart="trend", crisis="venezuela", indicator="undesa_stock", year="2010")
    assert not at.exception and [w.value for w in at.warning] == []
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["y"] == [10, 20, 30, None, 50, 60, 70, 80]
    (button,) = at.get("link_button")
    query = parse_qs(urlsplit(button.proto.url).query)
    assert urlsplit(button.proto.url).path == "/trends"
    assert query["indicator"] == ["undesa_stock"] and query["year"] == ["2010"]


def test_the_embedded_map_follows_the_year(timed_data, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA", str(timed_data))
    at = open_page(PAGE, chart="map", crisis="venezuela", indicator="undesa_stock", year="2010")
    assert at.title[0].value == "Who moves where: Venezuela, 2010"
    assert any(c.value.startswith("Source: UN DESA") for c in at.caption)


# --------------------------------------------------------------------------- the view is the link


def table_and_words(at, title: str, lang: str = "en"):
    """Return the chart's table (opened) and its words, as the page shows them."""
    at.session_state[f"table_{title}"] = True
    at = at.run()
    [box] = [e for e in at.expander if e.label.endswith(f": {title}")]
    tables = [t.value for t in box.table] or [d.value for d in box.dataframe]
    said = f"**{translate(lang, 'In words')}:**"
    words = [m.value for m in at.markdown if m.value.startswith(said)]
    return tables[0], words


@pytest.mark.parametrize(
    ("page", "chart", "params"),
    [
        (
            "pages/map.py",
            "map",
            {"crisis": "venezuela", "country": "COL", "dir": "in", "top": "20", "view": "world"},
        ),
        (
            "pages/actions.py",
            "actions",
            {"crisis": "venezuela", "country": ["CHL", "PER"], "scope": "national", "q": "migra"},
        ),
        ("pages/corridors.py", "nested", {"crisis": "haiti", "lang": "pt"}),
    ],
)
def test_embed_of_a_filtered_view_draws_the_pages_chart(page, chart, params):
    """The snippet's /embed shows the same table and words as the page it was copied from:
    every filter is carried (before: the map's country and the actions' filters were lost)."""
    at = open_share(open_page(page, **params), chart)
    snippet = at.get("code")[1].proto.code_text
    src = snippet.split('src="')[1].split('"')[0].replace("&amp;", "&")
    embed_params = parse_qs(urlsplit(src).query)
    assert embed_params["chart"] == [chart]
    assert {k: v for k, v in embed_params.items() if k != "chart"} == {
        k: [v] if isinstance(v, str) else v for k, v in params.items()
    }
    title = translate(params.get("lang", "en"), CHARTS[chart].table)  # the table's name
    lang = params.get("lang", "en")
    on_page = table_and_words(at, title, lang)
    embedded = open_page(PAGE, **{k: v if len(v) > 1 else v[0] for k, v in embed_params.items()})
    assert not embedded.warning
    on_embed = table_and_words(embedded, title, lang)
    assert on_page[1] and on_page[1] == on_embed[1]
    pd.testing.assert_frame_equal(on_page[0], on_embed[0])
    assert len(on_page[0]) < {"map": 60, "actions": 40, "nested": 999}[chart]  # filtered
