"""Large tables (UN DESA-sized): charts draw the largest flows and say so; the sheet is never
cut."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from bench.scale import synthetic_folder
from lib.base.schema import CRISES, Flow
from lib.charts.corridors import corridor_chart, nested_chart
from lib.charts.map_view import MapAsk, map_flows
from lib.model.bundle import load_bundle
from lib.model.overview import cards_note, crisis_summary
from lib.model.selection import (
    CARD_LIMIT,
    MAP_LIMIT,
    SANKEY_LIMIT,
    depth_of,
    first_flows,
    largest_flows,
    left_out_lines,
)
from tests.helpers import deck_spec, open_page, plotly_specs

ROWS = 3_000


@pytest.fixture(scope="module")
def big_folder():
    """A copy of data/ whose flows.csv holds ROWS synthetic flows (never the bundled file)."""
    folder = synthetic_folder(ROWS)
    yield folder
    shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def big(big_folder):
    return load_bundle(big_folder)


@pytest.mark.parametrize("crisis", [None, *CRISES])
def test_the_sheet_is_never_cut(bundle, crisis):
    for limit in (SANKEY_LIMIT, MAP_LIMIT):
        shown = largest_flows(bundle.flows, crisis, limit)
        assert not shown.cut and shown.note() == ""
        assert len(shown.flows) == (
            len(bundle.flows) if crisis is None else (bundle.flows[Flow.CRISIS] == crisis).sum()
        )
    if crisis:
        summary = crisis_summary(bundle, crisis)
        assert len(summary.cards) == summary.figures and cards_note(summary) == ""


def test_a_large_selection_keeps_exactly_its_largest_figures(big):
    shown = largest_flows(big.flows, "haiti", SANKEY_LIMIT)
    haiti = big.flows[big.flows[Flow.CRISIS] == "haiti"]
    assert shown.cut and shown.total == len(haiti) and len(shown.flows) == SANKEY_LIMIT
    left = haiti.drop(shown.flows.index)
    assert shown.flows[Flow.PEOPLE].min() >= left[Flow.PEOPLE].max()
    assert shown.flows[Flow.PEOPLE].notna().all()
    assert shown.note() == (
        f"Showing the {SANKEY_LIMIT} largest of {len(haiti):,} flows, with the flows that "
        "contain them; every flow is listed on the Sources page."
    )
    assert f"{len(haiti):,}".replace(",", ".") in shown.note("es")


def test_a_kept_flow_brings_the_flow_that_contains_it():
    flows = pd.DataFrame(
        {
            Flow.ID: ["parent", "child", "small", "other"],
            Flow.CRISIS: ["haiti"] * 4,
            Flow.PART_OF: [np.nan, "parent", np.nan, np.nan],
            Flow.PEOPLE: [np.nan, 900.0, 5.0, 10.0],
        }
    )
    shown = largest_flows(flows, "haiti", 2)
    assert list(shown.flows[Flow.ID]) == ["parent", "child", "other"]
    assert shown.total == 4


def test_depth_walks_parents_and_stops_on_a_cycle():
    flows = pd.DataFrame(
        {Flow.ID: ["a", "b", "c", "x", "y"], Flow.PART_OF: [np.nan, "a", "b", "y", "x"]}
    )
    assert depth_of(flows).tolist()[:3] == [0, 1, 2]
    assert depth_of(flows.iloc[:1]).tolist() == [0]


def test_charts_of_a_large_table_say_on_the_chart_what_they_leave_out(big):
    fig = nested_chart(big, "venezuela").figure
    assert len(fig.data[0].link.value) == SANKEY_LIMIT
    # the cut's note is the subtitle's last line (the first says what the figures count)
    assert fig.layout.title.subtitle.text.split("<br>")[-1].startswith(
        f"Showing the {SANKEY_LIMIT} largest of "
    )
    corridors, _ = corridor_chart(big, None, "pt")
    assert corridors.figure.layout.title.subtitle.text.split("<br>")[-1].startswith(
        f"Mostrando os {SANKEY_LIMIT} maiores de 3.000 fluxos"
    )
    drawn, not_drawn, shown = map_flows(big, None)
    assert len(drawn) + len(not_drawn) == MAP_LIMIT and shown.total == ROWS


def test_left_out_lines_stop_after_a_limit_and_count_the_rest():
    left = pd.DataFrame(
        {
            "origin_name": ["A"] * 25,
            "destination_name": ["A"] * 25,
            Flow.PEOPLE: [np.nan] * 25,
            Flow.STATUS: ["unquantified"] * 25,
            "reason": ["no distinct ends to draw"] * 25,
        }
    )
    lines = left_out_lines(left, "en", limit=20)
    assert len(lines) == 21 and lines[-1] == "… and 5 more, listed on the Sources page."


def test_pages_on_a_large_table_show_what_they_cut(big_folder, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA", str(big_folder))
    overview = open_page("dashboard.py", crisis="haiti")
    assert (
        overview.info[0].value.startswith("These tables come from ")
        and "(`DASHBOARD_DATA`)" in overview.info[0].value
    )
    assert len(overview.metric) == CARD_LIMIT
    assert any(c.value.startswith(f"The first {CARD_LIMIT} of ") for c in overview.caption)
    corridors = open_page("pages/corridors.py", crisis="haiti")
    (_spec,) = plotly_specs(corridors)
    # the lines under the chart's title are page text (lib.ui.figures), the last one the cut
    assert (
        corridors.caption[0]
        .value.split("  \n")[-1]
        .startswith(f"Showing the {SANKEY_LIMIT} largest of ")
    )
    flow_map = open_page("pages/map.py")
    smaller = [c.value for c in flow_map.caption if "smaller flows" in c.value]
    assert len(smaller) == 1 and smaller[0].startswith(f"{3_000 - MAP_LIMIT:,} smaller flows, ")
    assert smaller[0].endswith(" people, not drawn; see the table.")
    drawn = [
        row
        for layer in deck_spec(flow_map)["layers"]
        if layer["id"] == "flows"
        for row in layer["data"]
    ]
    assert 0 < len({row["flow_id"] for row in drawn}) <= MAP_LIMIT
    sources = open_page("pages/sources.py")
    assert sources.dataframe[0].value.shape[0] == 1_000
    assert any(
        c.value
        == "The first 1,000 of 3,000 flows are shown here; the CSV download below has every one."
        for c in sources.caption
    )


def test_a_sankey_grows_tall_enough_for_its_fullest_column(bundle, big):
    assert (
        nested_chart(bundle, "venezuela").figure.layout.height == 620
    )  # the sheet's charts keep their size
    fig = nested_chart(big, "haiti").figure
    fullest = max(len(set(fig.data[0].link.source)), len(set(fig.data[0].link.target)))
    assert fullest > 12
    assert fig.layout.height >= 150 + 38 * fullest  # lib.charts.sankey_layout may need more


def test_the_note_counts_the_figures_kept_when_fewer_than_the_limit_have_one():
    flows = pd.DataFrame(
        {
            Flow.ID: [f"f{i}" for i in range(6)],
            Flow.CRISIS: ["haiti"] * 6,
            Flow.PART_OF: [np.nan] * 6,
            Flow.PEOPLE: [3.0, np.nan, 1.0, np.nan, np.nan, np.nan],
        }
    )
    shown = largest_flows(flows, "haiti", 4)
    assert list(shown.flows[Flow.ID]) == ["f0", "f2"]
    assert shown.note().startswith("Showing the 2 largest of 6 flows")


def test_a_cut_map_draws_a_kept_container_whose_parts_were_cut(bundle):
    # ?top=2: Venezuela's two largest: 5.1 million emigrated, 4.3 million in the region
    drawn, not_drawn, shown = map_flows(bundle, "venezuela", ask=MapAsk(top=2))
    assert shown.cut and set(shown.flows[Flow.ID]) == {"ven_emigrated", "ven_region"}
    assert list(drawn[Flow.ID]) == [
        "ven_region"
    ]  # its parts (Colombia, the rest) were cut: it is drawn itself
    assert dict(zip(not_drawn[Flow.ID], not_drawn["reason"], strict=True)) == {
        "ven_emigrated": "shown through the flows it contains"
    }


def test_the_sources_table_takes_the_first_rows_and_counts_them_all(big):
    first, total = first_flows(big.flows, "haiti", 500)
    haiti = big.flows[big.flows[Flow.CRISIS] == "haiti"]
    assert total == len(haiti) > 500 and len(first) == 500
    assert list(first[Flow.ID]) == list(haiti[Flow.ID][:500])


def test_the_list_of_flows_not_drawn_follows_how_many_are_drawn(big_folder, monkeypatch):
    """?top= changes which flows are left off the map, and the list under it follows (it was
    once memoised without the ask, and showed the list of the number asked before)."""
    monkeypatch.setenv("DASHBOARD_DATA", str(big_folder))

    def left_out(top: str) -> str:
        at = open_page("pages/map.py", crisis="haiti", top=top)
        return next(c.value for c in at.caption if c.value.startswith("- "))

    fewer, more = left_out("20"), left_out("120")
    assert fewer != more
    assert left_out("20") == fewer
