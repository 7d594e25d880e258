"""lib/charts/sankey.py: what a reader sees in the Sankey spec — node values, hierarchy, grey
links."""

from __future__ import annotations

import pytest

from lib.charts.sankey import (
    HAIRLINE_PX,
    NOT_REPORTED,
    corridor_data,
    hierarchy_data,
    layered_positions,
    sankey_figure,
)
from lib.model.selection import flows_for_crisis


def _spec(bundle, crisis, lang="en"):
    data = hierarchy_data(flows_for_crisis(bundle.flows, crisis), bundle.places, lang)
    trace = sankey_figure(data, "t", "s", lang).data[0]
    return data, trace


def seen(label: str) -> str:
    """A node's label as read: its lines (lib.charts.sankey_layout breaks them to fit) joined."""
    return label.replace("<br>", " ")


def _node(trace, prefix):
    hits = [i for i, label in enumerate(trace.node.label) if label.startswith(prefix)]
    assert len(hits) == 1, (prefix, trace.node.label)
    return hits[0]


def test_venezuela_hierarchy_nodes_carry_the_sheets_figures(bundle):
    _, trace = _spec(bundle, "venezuela")
    values = {
        seen(label): cd[0]
        for label, cd in zip(trace.node.label, trace.node.customdata, strict=True)
    }
    assert values["Venezuela 5.1 million"] == 5_100_000
    assert values["Latin America and the Caribbean 4.3 million"] == 4_300_000
    assert values["Colombia 1.8 million"] == 1_800_000
    assert values["Outside the region 800 thousand"] == 800_000
    assert values["Rest of the region 2.5 million"] == 2_500_000
    assert values[f"Peru · {NOT_REPORTED}"] is None


def test_colombia_hangs_under_the_region_and_no_child_outweighs_its_parent(bundle):
    _, trace = _spec(bundle, "venezuela")
    col, region, ven = (
        _node(trace, "Colombia"),
        _node(trace, "Latin America"),
        _node(trace, "Venezuela"),
    )
    pairs = list(zip(trace.link.source, trace.link.target, strict=True))
    assert (region, col) in pairs and (ven, col) not in pairs
    assert (ven, region) in pairs
    people = [cd[0] for cd in trace.node.customdata]
    for s, t in pairs:
        if people[s] is not None and people[t] is not None:
            assert people[t] <= people[s]
    # the region's outgoing reported links add up to the region exactly: nothing counted twice
    out = sum(
        v
        for (s, _), v, cd in zip(pairs, trace.link.value, trace.link.customdata, strict=True)
        if s == region and cd[0] is not None
    )
    assert out == 4_300_000


def test_unquantified_links_are_grey_labelled_and_carry_no_figure(bundle):
    _, trace = _spec(bundle, "venezuela")
    grey = [i for i, cd in enumerate(trace.link.customdata) if cd[0] is None]
    assert len(grey) == 4
    for i in grey:
        assert trace.link.label[i] == NOT_REPORTED
        assert trace.link.color[i].startswith("rgba(118,118,118,")  # UNQUANTIFIED_HEX #767676
        assert trace.link.value[i] < 1_800_000 * 0.1


def _lines(fig):
    """The line traces of a chart without figures, and its node trace."""
    lines = [t for t in fig.data if t.type == "scatter" and t.mode == "lines"]
    nodes = [t for t in fig.data if t.type == "scatter" and t.mode == "markers+text"]
    assert len(nodes) == 1 and not [t for t in fig.data if t.type == "sankey"]
    return lines, nodes[0]


def test_haiti_names_eleven_destinations_with_hairlines_of_one_fixed_width(bundle):
    data = hierarchy_data(flows_for_crisis(bundle.flows, "haiti"), bundle.places)
    fig = sankey_figure(data, "t", "s")
    lines, nodes = _lines(fig)
    assert len(lines) == 11
    assert {line.line.width for line in lines} == {
        HAIRLINE_PX
    }  # pixels: the same in a 1920×1080 PNG
    assert all(line.customdata[0][0] is None for line in lines)
    assert all(NOT_REPORTED in line.text[0] for line in lines)
    assert sorted(nodes.text) == sorted(
        [
            "Haiti",
            "Peru",
            "Ecuador",
            "Colombia",
            "Panama",
            "Costa Rica",
            "Nicaragua",
            "Honduras",
            "Guatemala",
            "Mexico",
            "Brazil",
            "Chile",
        ]
    )
    assert fig.layout.title.subtitle.text.startswith(
        "The sheet gives no figure for any of these flows"
    )


@pytest.mark.parametrize("crisis", ["haiti", "northern_triangle", "structural"])
def test_charts_without_figures_draw_no_width_that_could_be_read_as_a_magnitude(bundle, crisis):
    for data in (
        hierarchy_data(flows_for_crisis(bundle.flows, crisis), bundle.places),
        corridor_data(flows_for_crisis(bundle.flows, crisis), bundle.places)[0],
    ):
        lines, _ = _lines(sankey_figure(data, "t", "s"))
        assert {line.line.width for line in lines} == {HAIRLINE_PX}
        # flows sharing both ends share one line: nothing is drawn twice, so no line looks thicker
        ends = [(line.x[0], line.y[0], line.x[-1], line.y[-1]) for line in lines]
        assert len(ends) == len(set(ends))
        assert sorted(";".join(line.name for line in lines).split(";")) == sorted(
            data.links["flow_id"]
        )


def test_layout_puts_end_nodes_last_and_orders_them_by_where_they_come_from(bundle):
    data, _ = corridor_data(flows_for_crisis(bundle.flows, "structural"), bundle.places)
    pos = layered_positions(data.nodes, data.links)
    assert (
        pos["corridor|south_north"][0] == 0.5 and pos["to|XEU"][0] == 1 and pos["from|NIC"][0] == 0
    )
    north = pos["corridor|south_north"][1] > pos["corridor|south_south"][1]
    assert (
        pos["to|XEU"][1] > pos["to|CHL"][1]
    ) == north  # destinations of each corridor sit on its side


@pytest.mark.parametrize("crisis", [None, "venezuela", "haiti", "northern_triangle", "structural"])
def test_every_crisis_draws_and_no_node_is_shared_between_crises(bundle, crisis):
    data = hierarchy_data(flows_for_crisis(bundle.flows, crisis), bundle.places)
    fig = sankey_figure(data, "t", "s")
    drawn = (
        list(fig.data[0].link.value)
        if fig.data[0].type == "sankey"
        else ";".join(line.name for line in _lines(fig)[0]).split(";")
    )  # flows sharing both ends share a line
    assert len(drawn) == len(data.links) > 0
    crises_per_node = data.links.groupby("target")["crisis"].nunique()
    assert crises_per_node.max() == 1


def test_corridor_view_never_counts_a_figure_twice(bundle):
    data, left_out = corridor_data(flows_for_crisis(bundle.flows, "venezuela"), bundle.places)
    shown = set(data.links["flow_id"])
    assert {"ven_col", "ven_region_other", "ven_per"} <= shown
    assert {"ven_region", "ven_emigrated", "ven_outside"}.isdisjoint(shown)
    assert sorted(left_out["flow_id"]) == ["ven_emigrated", "ven_outside", "ven_region"]
    into_corridor = data.links[data.links["target"] == "corridor|south_south"]
    assert into_corridor["people"].sum() == 4_300_000  # 1.8 + 2.5, the region exactly


def test_corridor_view_of_structural_flows_has_both_corridors(bundle):
    data, _ = corridor_data(flows_for_crisis(bundle.flows, "structural"), bundle.places)
    labels = set(data.nodes["label"])
    assert {"South-north corridors", "South-south corridors", "Europe", "North America"} <= labels
    assert data.links["people"].isna().all()


def test_figure_has_title_and_source_line_and_formats_in_spanish(bundle):
    data = hierarchy_data(flows_for_crisis(bundle.flows, "venezuela"), bundle.places, "es")
    fig = sankey_figure(data, "Venezuela: flujos", "Fuente: ficha", "es")
    assert fig.layout.title.text == "Venezuela: flujos"
    assert fig.layout.annotations[0].text == "Fuente: ficha"
    assert "Colombia 1,8 millones" in map(seen, fig.data[0].node.label)


def test_grey_links_never_add_up_to_a_visible_magnitude_even_for_all_crises(bundle):
    _data, trace = _spec(bundle, None)
    grey = [
        v for v, cd in zip(trace.link.value, trace.link.customdata, strict=True) if cd[0] is None
    ]
    smallest_figure = min(cd[0] for cd in trace.link.customdata if cd[0] is not None)
    assert len(grey) == 29
    assert (
        sum(grey) < smallest_figure / 2
    )  # all the grey links together are thinner than half the smallest figure


def test_text_from_data_cannot_become_html_or_latex_in_the_sankey(bundle):

    places = bundle.places.copy()
    places.loc[places["code"] == "PER", "name"] = "<img src=x onerror=alert(1)> $x$ & co"
    flows = flows_for_crisis(bundle.flows, "venezuela")
    trace = sankey_figure(hierarchy_data(flows, places), "t", "s").data[0]
    label = next(seen(lbl) for lbl in trace.node.label if "onerror" in lbl)
    assert label.startswith("&lt;img src=x onerror=alert(1)&gt; &#36;x&#36; &amp; co")
    assert all("<img" not in cd[2] for cd in trace.node.customdata)
    assert all("<img" not in cd[2] for cd in trace.link.customdata)


def test_text_from_data_cannot_become_html_in_the_chart_without_figures(bundle):
    places = bundle.places.copy()
    places.loc[places["code"] == "PER", "name"] = "<img src=x onerror=alert(1)>"
    fig = sankey_figure(hierarchy_data(flows_for_crisis(bundle.flows, "haiti"), places), "t", "s")
    lines, nodes = _lines(fig)
    assert (
        "&lt;img src=x<br>onerror=alert(1)&gt;" in nodes.text
    )  # escaped, then wrapped by our own <br>
    assert all("<img" not in line.text[0] for line in lines)
