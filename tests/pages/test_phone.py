"""The pages as a phone gets them (a User-Agent with "Mobi"), through AppTest: the narrow
layouts on /corridors, /present and /embed, the titles as text, the slide buttons."""

from __future__ import annotations

import json

import pytest

from lib.ui import page
from lib.ui.css import stacked_table_css
from tests.helpers import open_page, param, plotly_specs


@pytest.fixture
def phone(monkeypatch):
    """A phone's browser: lib.ui.page.layout_hint says "phone"."""
    monkeypatch.setattr(page, "layout_hint", lambda: "phone")


def rows(spec: dict) -> list[str]:
    """The labels of a narrow layout: one annotation per place, top first."""
    return [
        a["text"].replace("<br>", " ").replace("\u00a0", " ") for a in spec["layout"]["annotations"]
    ]


def test_corridors_on_a_phone_is_the_tree_with_its_title_as_text(phone):
    at = open_page("pages/corridors.py", crisis="venezuela", lang="es")
    assert not at.exception
    (spec,) = plotly_specs(at)
    assert [t["type"] for t in spec["data"]] == ["scatter"] * len(spec["data"])  # no Sankey
    assert rows(spec)[:2] == [
        "Venezuela · 5,1 millones",
        "América Latina y el Caribe · 4,3 millones",
    ]
    assert "title" not in spec["layout"]
    assert any(m.value.startswith("**Venezuela\\: flujos") for m in at.markdown)
    # the downloads are the Sankey's, as on a desktop (a 1920 px image)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[:2] == ["PNG, 1920 px", "SVG"]


def test_corridors_on_a_desktop_keeps_the_sankey():
    at = open_page("pages/corridors.py", crisis="venezuela")
    (spec,) = plotly_specs(at)
    assert spec["data"][0]["type"] == "sankey" and spec["data"][0]["arrangement"] == "fixed"


def test_present_on_a_phone_cards_then_map_then_tree_with_two_buttons(phone):
    at = open_page("pages/present.py", crisis="venezuela", slide="1")
    assert not at.exception
    values = [m.value for m in at.markdown if m.value.startswith("## ")]
    assert values == [
        "## 5\\.1 million",
        "## 4\\.3 million",
        "## 1\\.8 million",
        "## 800 thousand",
        "## 2\\.5 million",
        "## 7",
        "## 7",
    ]
    assert not at.get("plotly_chart")  # no tiles drawn into a figure, no QR code image
    assert [b.key for b in at.button if b.key.startswith("nav_")] == ["nav_prev", "nav_next"]
    at.button(key="nav_next").click().run()
    assert param(at, "slide") == ["2"]
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert deck["layers"]  # the map, in its phone frame
    at.button(key="nav_next").click().run()
    (spec,) = plotly_specs(at)
    assert rows(spec)[0] == "Venezuela · 5.1 million"  # the narrow layout, one row a place
    at.button(key="nav_prev").click().run()
    assert param(at, "slide") == ["2"]


def test_present_on_a_phone_shows_actions_and_sources_as_text_only(phone):
    at = open_page("pages/present.py", crisis="venezuela", slide="5")
    assert not at.get("plotly_chart") and at.markdown
    assert any(m.value.startswith("**") for m in at.markdown)


def test_embed_on_a_phone_draws_the_narrow_layout(phone):
    at = open_page("pages/embed.py", chart="corridors", crisis="haiti")
    (spec,) = plotly_specs(at)
    assert rows(spec)[:2] == ["Haiti", "South-south corridors"]
    assert [t.value for t in at.title] == ["Haiti: flows by corridor"]


def test_an_html_tables_rows_stack_on_a_phone_each_value_after_its_columns_name():
    css = stacked_table_css(".st-key-t", ["Title", 'Say "hi"', "</style><b>"])
    assert "@media (max-width: 640px)" in css
    assert 'td:nth-of-type(1)::before { content: "Title";' in css
    assert 'td:nth-of-type(2)::before { content: "Say \\"hi\\"";' in css
    assert "</style><b>" not in css and '"\\3C /style>\\3C b>"' in css  # cannot close the style


def test_the_actions_table_carries_its_phone_layout():
    at = open_page("pages/actions.py", crisis="venezuela")
    styles = [h.proto.body for h in at.get("html") if "nth-of-type" in h.proto.body]
    assert len(styles) == 1 and 'content: "Outcome"' in styles[0]
