"""lib/charts/flowtree.py: the Sankey's narrow layout, what a phone reader sees: a row per place, in
reading order, bands as thick as their figures, no text sharing a row, nothing added up."""

from __future__ import annotations

import html
from itertools import pairwise

import pytest

from lib.base.languages import LANGS
from lib.base.schema import CRISES
from lib.charts.corridors import corridor_chart, nested_chart
from lib.charts.flowtree import NBSP, PHONE_TREE, flow_tree_figure, tree_rows
from lib.charts.sankey import HAIRLINE_PX, corridor_data, hierarchy_data
from lib.charts.textfit import text_width
from lib.charts.titles import LINE_SPACING
from lib.model.localise import localized
from lib.model.selection import flows_for_crisis


def rows_of(bundle, crisis, lang="en", corridors=False):
    data = localized(bundle, lang)
    flows = flows_for_crisis(data.flows, crisis)
    sd = (
        corridor_data(flows, data.places, lang)[0]
        if corridors
        else hierarchy_data(flows, data.places, lang)
    )
    return sd, tree_rows(sd.nodes, sd.links, lang)


def read(label: str) -> str:
    return label.replace(NBSP, " ")


def test_venezuela_reads_from_the_total_down_each_share_then_its_places(bundle):
    _, rows = rows_of(bundle, "venezuela")
    assert [(r.depth, read(r.label)) for r in rows] == [
        (0, "Venezuela · 5.1 million"),
        (1, "Latin America and the Caribbean · 4.3 million"),
        (2, "Rest of the region · 2.5 million"),
        (3, "Peru · magnitude not reported"),
        (3, "Chile · magnitude not reported"),
        (3, "Ecuador · magnitude not reported"),
        (3, "Brazil · magnitude not reported"),
        (2, "Colombia · 1.8 million"),
        (1, "Outside the region · 800 thousand"),
    ]


def test_a_place_several_origins_reach_has_a_row_under_each_and_a_corridor_no_number(bundle):
    _, rows = rows_of(bundle, "northern_triangle", corridors=True)
    labels = [read(r.label) for r in rows]
    assert labels.count("South-north corridors") == 3  # under Guatemala, Honduras, El Salvador
    assert labels.count("North America · magnitude not reported") == 3
    assert [r.depth for r in rows] == [0, 1, 2] * 3


def test_bands_are_as_thick_as_their_figures_and_hairlines_without_one(bundle):
    sd, _ = rows_of(bundle, "venezuela")
    fig = flow_tree_figure(sd.nodes, sd.links, "en")
    people = dict(zip(sd.links["flow_id"], sd.links["people"], strict=True))
    bands = [(people[t.name], t.line.width) for t in fig.data if t.name != "nodes"]
    assert len(bands) == len(sd.links) == 8  # one band per flow: nothing drawn twice
    scales = {round(w / p, 12) for p, w in bands if p == p}  # px per person, one for all
    assert len(scales) == 1
    assert max(w for _p, w in bands) <= PHONE_TREE.band
    assert {w for p, w in bands if p != p} == {HAIRLINE_PX}  # no figure: a hairline


@pytest.mark.parametrize("lang", LANGS)
def test_every_label_has_its_own_rows_and_fits_the_narrowest_phone(bundle, lang):
    data = localized(bundle, lang)
    size, line = PHONE_TREE.font_size, LINE_SPACING * PHONE_TREE.font_size
    for crisis in (*CRISES, None):
        for fig in (
            nested_chart(data, crisis, lang, "phone").figure,
            corridor_chart(data, crisis, lang, "phone")[0].figure,
        ):
            notes = [n for n in fig.layout.annotations if n.name != "source"]
            assert notes, crisis
            spans = sorted((n.y, n.y + line * (n.text.count("<br>") + 1)) for n in notes)
            assert all(a[1] <= b[0] for a, b in pairwise(spans)), crisis
            for n in notes:
                for text in html.unescape(n.text).split("<br>"):
                    single = " " not in text.replace(NBSP, "")  # one word: may not break
                    assert single or n.x + text_width(text, size) <= PHONE_TREE.min_width


def test_the_narrow_layout_is_as_tall_as_its_tree_and_drawn_for_the_narrowest_phone(bundle):
    fig = nested_chart(bundle, "venezuela", layout="phone").figure
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert fig.layout.yaxis.range[0] == pytest.approx(plot, abs=1)  # one px of y: one px
    assert fig.layout.xaxis.range == (0, PHONE_TREE.min_width)
    assert not [t for t in fig.data if t.type == "sankey"]


def test_text_from_data_cannot_become_html_in_the_narrow_layout(bundle):
    places = bundle.places.copy()
    places.loc[places["code"] == "PER", "name"] = "<img src=x onerror=alert(1)>"
    sd = hierarchy_data(flows_for_crisis(bundle.flows, "venezuela"), places)
    fig = flow_tree_figure(sd.nodes, sd.links)
    texts = [n.text for n in fig.layout.annotations]
    assert any("&lt;img" in t for t in texts) and not any("<img" in t for t in texts)
