"""lib/charts/flowmap.py: the one map model both renderers draw — labels that never overlap,
directions side by side, widths that mean people and no width where the sheet gives none."""

from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np
import pandas as pd
import pytest

from lib.base.schema import Flow
from lib.charts.flowmap import (
    DASH_WIDTH,
    DESKTOP,
    HANDLE_RADIUS,
    MAX_WIDTH,
    MIN_WIDTH,
    PHONE,
    SLIDE,
    curve,
    flow_width,
    neighbour_gaps,
    overlaps,
    world_xy,
)
from lib.charts.map_view import MapAsk, flow_model, map_chart, map_scale
from lib.model import timeline

CRISES = [None, "venezuela", "haiti", "northern_triangle", "structural"]


@pytest.fixture(scope="module")
def names(bundle):
    return dict(zip(bundle.cases["crisis"], bundle.cases["name"], strict=True))


@pytest.mark.parametrize("layout", [DESKTOP, PHONE, SLIDE], ids=lambda layout: layout.name)
@pytest.mark.parametrize("crisis", CRISES)
def test_no_two_labels_overlap_and_every_label_is_inside_the_frame(bundle, names, crisis, layout):
    model = flow_model(bundle, crisis, names, "en", layout)[0]
    boxes = [label.box for label in model.labels]
    assert boxes, "a map with places has labels"
    for a, b in itertools.combinations(model.labels, 2):
        assert not overlaps(a.box, b.box), (a.text, b.text)
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= layout.width and 0 <= y0 < y1 <= layout.height
    for label in model.labels:  # no label covers any place's dot
        for pin in model.pins:
            assert not overlaps(label.box, (pin.x - 6, pin.y - 6, pin.x + 6, pin.y + 6)), (
                label.text,
                pin.name,
            )
    for label in model.labels:  # no hover point (drawn by deck.gl over the bitmap) covers one
        for flow in model.flows:
            if flow.handle is not None:
                x, y = flow.handle
                hover = (x - HANDLE_RADIUS, y - HANDLE_RADIUS, x + HANDLE_RADIUS, y + HANDLE_RADIUS)
                assert not overlaps(label.box, hover), (label.text, flow.flow_id)
    # a flow loses its hover point only to a bold label (a place with a figure) it lies across
    for flow in model.flows:
        if flow.handle is None:
            assert any(label.bold for label in model.labels), flow.flow_id
    # every place is labelled or named among the unlabelled (and in its tooltip)
    assert sorted([label.text for label in model.labels] + list(model.unlabelled)) == sorted(
        p.name for p in model.pins
    )
    assert all(p.name.split(" / ")[0].removesuffix(" (region)") in p.tooltip for p in model.pins)


def test_places_with_figures_are_labelled_first(bundle, names):
    model = flow_model(bundle, None, names, "en", PHONE)[0]
    first = [p.name for p in model.pins[:2]]
    assert sorted(first) == ["Colombia", "Venezuela"]  # the one quantified flow's ends
    labelled = {label.text for label in model.labels}
    assert {"Colombia", "Venezuela"} <= labelled and model.labels[0].bold


def test_a_free_movement_route_is_drawn_both_ways_side_by_side(bundle, names):
    model = flow_model(bundle, "structural", names)[0]
    arg_chl = [f for f in model.flows if f.flow_id == "freemove_arg_chl"]
    assert [(f.origin, f.destination) for f in arg_chl] == [("ARG", "CHL"), ("CHL", "ARG")]
    a, b = (f.handle for f in arg_chl)
    assert (
        math.dist(a, b) > 6
    )  # each bends to its own right: the two directions do not lie on each other
    # two agreements on the same pair: the second lane bends further, so it does not hide the first
    arg_bol = [f.handle for f in model.flows if (f.origin, f.destination) == ("ARG", "BOL")]
    assert len(arg_bol) == 2 and math.dist(*arg_bol) > 4


def test_flows_bend_to_the_right_of_travel_and_end_in_an_arrowhead(bundle, names):
    points = curve((0, 0), (100, 0), 0.2)
    assert points[12] == (
        50.0,
        10.0,
    )  # travelling east on screen, it bows south (right): half the control offset
    model = flow_model(bundle, "venezuela", names)[0]
    ven_col = next(f for f in model.flows if f.flow_id == "ven_col")
    tip, left, right = ven_col.arrow
    col = next(p for p in model.pins if p.code == "COL")
    assert math.dist(tip, (col.x, col.y)) < math.dist(
        ven_col.path[0], (col.x, col.y)
    )  # it points at Colombia
    assert math.dist(left, right) > ven_col.width  # wider than the flow


def test_widths_mean_people_and_no_width_where_the_sheet_gives_none(bundle, names):
    assert flow_width(5_100_000, 5_100_000) == MAX_WIDTH
    assert MIN_WIDTH < flow_width(800_000, 5_100_000) < flow_width(1_800_000, 5_100_000) < MAX_WIDTH
    model = flow_model(bundle, "haiti", names)[0]
    assert {f.width for f in model.flows} == {DASH_WIDTH} and all(
        f.dashed for f in model.flows
    )  # 11 equal hairlines
    ven = flow_model(bundle, "venezuela", names)[0]
    assert {f.flow_id: f.width for f in ven.flows}["ven_col"] == flow_width(
        1_800_000, float(bundle.flows["people"].max())
    )


def test_selecting_a_country_highlights_its_flows_and_mutes_the_rest(bundle, names):
    model = flow_model(bundle, None, names, selected="CHL")[0]
    touching = {f.flow_id for f in model.flows if f.emphasis == "highlight"}
    assert touching == {"ven_chl", "hti_chl", "freemove_arg_chl"}
    assert all(f.colour == "#BDBDBD" for f in model.flows if f.emphasis == "muted")
    assert model.flows[-1].emphasis == "highlight"  # drawn last, on top
    assert model.pins[0].code == "CHL"  # labelled first


def test_the_view_is_deck_gl_web_mercator(bundle, names):
    model = flow_model(bundle, "venezuela", names)[0]
    view = model.view
    assert world_xy(0, 0, 0) == (256.0, 256.0)
    x, y = view.project(view.lon, view.lat)
    assert (round(x, 6), round(y, 6)) == (view.width / 2, view.height / 2)
    lon, lat = view.unproject(*view.project(-73.08, 3.93))
    assert (round(lon, 6), round(lat, 6)) == (-73.08, 3.93)


@pytest.mark.parametrize("crisis", ["venezuela", "structural"])
def test_both_renderers_draw_the_same_flows_with_the_same_widths(bundle, names, crisis):
    import json

    from lib.charts.map_view import map_view

    deck = json.loads(map_view(bundle, crisis, names).deck.to_json())
    handles = next(layer for layer in deck["layers"] if layer["id"] == "flows")["data"]
    model = flow_model(bundle, crisis, names)[0]
    assert [h["flow_id"] for h in handles] == [
        f.flow_id for f in model.flows
    ]  # one hover point per drawn flow
    fig = map_chart(bundle, crisis).figure
    lines = [tr for tr in fig.data if tr.mode == "lines" and tr.fill != "toself"]
    assert sorted((tr.line.width, tr.line.dash) for tr in lines) == sorted(
        (f.width, "dash" if f.dashed else "solid") for f in model.flows
    )


@pytest.fixture(scope="module")
def world(bundle):
    """A SYNTHETIC world of 400 flows of one indicator and year between every country with a
    point in the bundled shapes (bench/synthetic.py; never shipped), on the bundled data."""
    from bench.synthetic import synthetic_flows
    from lib.ingest.areas import label_points, new_places
    from lib.model.checks import validate_flows, validate_places

    codes = set(label_points())
    extra, _ = validate_places(new_places(codes, bundle.places))
    places = pd.concat([bundle.places, extra], ignore_index=True)
    flows = synthetic_flows(400, sorted(codes), seed=3).assign(
        year="2024", indicator="undesa_stock", status="reported"
    )
    flows = flows[flows[Flow.ORIGIN] != flows[Flow.DESTINATION]].replace("", pd.NA)
    flows[Flow.PEOPLE] = flows[Flow.PEOPLE].fillna("1000")
    typed, problems = validate_flows(flows, places)
    assert problems == []
    data = dataclasses.replace(bundle, flows=typed, places=places)
    choice = timeline.choice_for(data.flows, None, "undesa_stock", 2024)
    return timeline.at(data, choice)


@pytest.mark.parametrize("layout", [DESKTOP, PHONE], ids=lambda layout: layout.name)
def test_a_world_of_400_flows_keeps_labels_apart_and_bands_readable(world, layout):
    ask = MapAsk(scale=map_scale(world, None, world.time, 60, None))
    model, drawn = flow_model(world, None, {}, "en", layout, ask=ask)[:2]
    assert len(drawn) == 60  # the 60 largest; the rest are named under the map
    for a, b in itertools.combinations(model.labels, 2):
        assert not overlaps(a.box, b.box), (a.text, b.text)
    for label in model.labels:
        for flow in model.flows:
            if flow.handle is not None:
                x, y = flow.handle
                hover = (x - HANDLE_RADIUS, y - HANDLE_RADIUS, x + HANDLE_RADIUS, y + HANDLE_RADIUS)
                assert not overlaps(label.box, hover), (label.text, flow.flow_id)
        for pin in model.pins:
            assert not overlaps(label.box, (pin.x - 6, pin.y - 6, pin.x + 6, pin.y + 6))
    widest = max(f.width for f in model.flows)
    gaps = neighbour_gaps(model.view, list(ask.scale.extent))
    assert widest <= MAX_WIDTH * (12 / 60) ** 0.5 + 0.01  # thinner when many are drawn
    assert widest <= max(MIN_WIDTH, float(np.percentile(gaps, 25)) / 2) + 0.01
    assert len(model.labels) >= 10


def test_widths_keep_one_scale_from_year_to_year(timed_data):
    from lib.model.bundle import load_bundle

    data = load_bundle(timed_data)
    options = timeline.options_for(data.flows, "venezuela")
    widths = {}
    for year in (1990, 2024):
        view = timeline.at(data, options.choose("undesa_stock", year))
        model = flow_model(view, "venezuela", {}, "en", DESKTOP)[0]
        widths[year] = {f.destination: f.width for f in model.flows}
    # Colombia: 10 people in 1990, 80 in 2024, against the indicator's largest figure in any
    # year and crisis (Colombia to Chile, 120 in 2024): one scale for both years
    assert widths[2024]["COL"] == flow_width(80, 120) and widths[1990]["COL"] == flow_width(10, 120)
    assert widths[1990]["COL"] < widths[2024]["COL"]
