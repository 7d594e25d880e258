"""/embed through AppTest, and the share panel by every chart: what a site that embeds a
chart gets, and what a reader copies. The links themselves are lib/base/links.py's (pure)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

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
            {"crisis": "venezuela", "country": ["CHL", "PER"]},
            "/actions?crisis=venezuela&country=CHL&country=PER",
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
    src = embed_url(
        "http://localhost:8501", chart, view_params(params["crisis"], params.get("lang", "en"))
    )
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
