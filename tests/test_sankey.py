"""lib/sankey.py: what a reader sees in the Sankey spec — node values, hierarchy, grey links."""

from __future__ import annotations


import pytest

from lib.figures import flows_for_crisis
from lib.sankey import NOT_REPORTED, corridor_data, hierarchy_data, sankey_figure


def _spec(bundle, crisis, lang="en"):
    data = hierarchy_data(flows_for_crisis(bundle.flows, crisis), bundle.places, lang)
    trace = sankey_figure(data, "t", "s", lang).data[0]
    return data, trace


def _node(trace, prefix):
    hits = [i for i, label in enumerate(trace.node.label) if label.startswith(prefix)]
    assert len(hits) == 1, (prefix, trace.node.label)
    return hits[0]


def test_venezuela_hierarchy_nodes_carry_the_sheets_figures(bundle):
    _, trace = _spec(bundle, "venezuela")
    values = {label: cd[0] for label, cd in zip(trace.node.label, trace.node.customdata)}
    assert values["Venezuela<br>5.1 million"] == 5_100_000
    assert values["Latin America and the Caribbean<br>4.3 million"] == 4_300_000
    assert values["Colombia<br>1.8 million"] == 1_800_000
    assert values["Outside the region<br>800 thousand"] == 800_000
    assert values["Rest of the region<br>2.5 million"] == 2_500_000
    assert values[f"Peru · {NOT_REPORTED}"] is None


def test_colombia_hangs_under_the_region_and_no_child_outweighs_its_parent(bundle):
    _, trace = _spec(bundle, "venezuela")
    col, region, ven = _node(trace, "Colombia"), _node(trace, "Latin America"), _node(trace, "Venezuela")
    pairs = list(zip(trace.link.source, trace.link.target))
    assert (region, col) in pairs and (ven, col) not in pairs
    assert (ven, region) in pairs
    people = [cd[0] for cd in trace.node.customdata]
    for s, t in pairs:
        if people[s] is not None and people[t] is not None:
            assert people[t] <= people[s]
    # the region's outgoing reported links add up to the region exactly: nothing counted twice
    out = sum(v for (s, _), v, cd in zip(pairs, trace.link.value, trace.link.customdata) if s == region and cd[0] is not None)
    assert out == 4_300_000


def test_unquantified_links_are_grey_labelled_and_carry_no_figure(bundle):
    _, trace = _spec(bundle, "venezuela")
    grey = [i for i, cd in enumerate(trace.link.customdata) if cd[0] is None]
    assert len(grey) == 4
    for i in grey:
        assert trace.link.label[i] == NOT_REPORTED
        assert trace.link.color[i].startswith("rgba(140,140,140")
        assert trace.link.value[i] < 1_800_000 * 0.1


def test_haiti_has_eleven_destinations_all_without_magnitude(bundle):
    data, trace = _spec(bundle, "haiti")
    assert len(trace.link.value) == 11
    assert set(trace.link.label) == {NOT_REPORTED}
    assert len(set(trace.link.value)) == 1
    assert all(cd[0] is None for cd in trace.node.customdata)


@pytest.mark.parametrize("crisis", [None, "venezuela", "haiti", "northern_triangle", "structural"])
def test_every_crisis_draws_and_no_node_is_shared_between_crises(bundle, crisis):
    data, trace = _spec(bundle, crisis)
    assert len(trace.link.value) == len(data.links) > 0
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
    assert "Colombia<br>1,8 millones" in fig.data[0].node.label


def test_grey_links_never_add_up_to_a_visible_magnitude_even_for_all_crises(bundle):
    data, trace = _spec(bundle, None)
    grey = [v for v, cd in zip(trace.link.value, trace.link.customdata) if cd[0] is None]
    smallest_figure = min(cd[0] for cd in trace.link.customdata if cd[0] is not None)
    assert len(grey) == 29
    assert sum(grey) < smallest_figure / 2  # all the grey links together are thinner than half the smallest figure


def test_text_from_data_cannot_become_html_or_latex_in_the_sankey(bundle):

    places = bundle.places.copy()
    places.loc[places["code"] == "PER", "name"] = "<img src=x onerror=alert(1)> $x$ & co"
    flows = flows_for_crisis(bundle.flows, "venezuela")
    trace = sankey_figure(hierarchy_data(flows, places), "t", "s").data[0]
    label = next(lbl for lbl in trace.node.label if "onerror" in lbl)
    assert label.startswith("&lt;img src=x onerror=alert(1)&gt; &#36;x&#36; &amp; co")
    assert all("<img" not in cd[2] for cd in trace.node.customdata)
    assert all("<img" not in cd[2] for cd in trace.link.customdata)
