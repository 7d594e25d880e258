"""lib/maps.py, lib/geo.py and the map selection in lib/figures.py: what the map draws."""

from __future__ import annotations

import json

import pytest

from lib.actions import ActionFilter, filter_actions
from lib.figures import flows_for_crisis, map_split
from lib.geo import country_features
from lib.maps import arc_width, dashes, flow_deck, legend_svg, MAX_WIDTH

NAMES = {"venezuela": "Venezuela", "haiti": "Haiti", "northern_triangle": "Northern Triangle", "structural": "Structural corridors"}


def _deck(bundle, crisis):
    flows = flows_for_crisis(bundle.flows, crisis)
    drawn, not_drawn = map_split(flows, bundle.flows, bundle.places)
    actions = filter_actions(bundle.actions, ActionFilter(crisis=crisis))
    deck = flow_deck(drawn, actions, bundle.places, float(bundle.flows["people"].max()), NAMES)
    return json.loads(deck.to_json()), drawn, not_drawn


def _layer(spec, layer_id):
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def _rows(spec, layer_id):
    """The rows a layer draws; a layer with nothing to draw is left out of the deck."""
    return next((layer["data"] for layer in spec["layers"] if layer["id"] == layer_id), [])


def test_venezuela_map_draws_one_arc_and_four_dashed_flows(bundle):
    spec, drawn, not_drawn = _deck(bundle, "venezuela")
    arcs = _layer(spec, "quantified")["data"]
    assert [a["flow_id"] for a in arcs] == ["ven_col"]
    assert arcs[0]["tooltip"].splitlines()[:3] == ["Venezuela → Colombia", "1.8 million people (1,800,000)", "Status: reported"]
    dashed = {d["flow_id"] for d in _layer(spec, "unquantified")["data"]}
    assert dashed == {"ven_per", "ven_chl", "ven_ecu", "ven_bra"}
    assert sorted(not_drawn["flow_id"]) == ["ven_emigrated", "ven_outside", "ven_region", "ven_region_other"]


@pytest.mark.parametrize("crisis, arcs, dashed", [("haiti", 0, 11), ("northern_triangle", 0, 3), ("structural", 0, 9), (None, 1, 27)])
def test_number_of_flows_drawn_per_crisis(bundle, crisis, arcs, dashed):
    spec, drawn, _ = _deck(bundle, crisis)
    assert len(_rows(spec, "quantified")) == arcs
    assert len({d["flow_id"] for d in _rows(spec, "unquantified")}) == dashed


def test_unquantified_tooltips_say_the_magnitude_is_not_reported(bundle):
    spec, _, _ = _deck(bundle, "haiti")
    tips = {d["tooltip"] for d in _layer(spec, "unquantified")["data"]}
    assert all("Magnitude not reported" in t and "Source: MIGRATION, A DYNAMIC PHENOMENON" in t for t in tips)
    assert any(t.startswith("Haiti → Chile (via Brazil)") for t in tips)


def test_actions_layer_counts_actions_per_country(bundle):
    spec, _, _ = _deck(bundle, None)
    feats = {f["properties"]["code"]: f["properties"]["tooltip"] for f in _layer(spec, "actions")["data"]["features"]}
    assert feats["CHL"].splitlines()[1] == "7 action(s) accompanied by EUROsociAL+"
    assert feats["MEX"].splitlines()[1] == "4 action(s) accompanied by EUROsociAL+"
    assert "VEN" not in feats


def test_no_basemap_tiles_and_a_small_payload(bundle):
    spec, _, _ = _deck(bundle, None)
    assert spec.get("mapProvider") in (None, "")
    assert spec["mapStyle"].startswith("data:application/json,")
    raw = json.dumps(spec, separators=(",", ":"))
    assert "http" not in raw
    assert len(raw) < 300_000


def test_widths_grow_with_people_and_dashes_alternate():
    assert arc_width(5_100_000, 5_100_000) == MAX_WIDTH
    assert arc_width(800_000, 5_100_000) < arc_width(1_800_000, 5_100_000) < MAX_WIDTH
    segs = dashes(0, 0, 30, 0)
    assert len(segs) == 12
    assert all(b[0] < segs[i + 1][0][0] for i, (a, b) in enumerate(segs[:-1]))  # gaps between dashes


def test_basemap_has_no_ring_across_the_antimeridian():
    feats = {f["id"]: f for f in country_features()}
    assert "ATA" not in feats and "CHL" in feats
    for f in feats.values():
        for polygon in f["geometry"]["coordinates"]:
            for ring in polygon:
                lons = [p[0] for p in ring]
                assert max(lons) - min(lons) <= 180


def test_legend_escapes_text_and_says_what_dashes_mean():
    svg = legend_svg([("haiti", "<b>Haiti</b>")], 7)
    assert "&lt;b&gt;Haiti&lt;/b&gt;" in svg and "<b>" not in svg
    assert "Dashed: magnitude not reported" in svg and "1 → 7" in svg


def test_map_labels_can_draw_every_letter_of_spanish_names(bundle):
    from lib.i18n import localized

    es = localized(bundle, "es")
    drawn, _ = map_split(flows_for_crisis(es.flows, "haiti"), es.flows, es.places, "es")
    spec = json.loads(flow_deck(drawn, es.actions, es.places, 5.1e6, {"haiti": "Haití"}, "es").to_json())
    labels = _layer(spec, "labels")
    names = {d["name"] for d in labels["data"]}
    assert {"México", "Haití", "Perú", "Panamá"} <= names
    assert set("".join(names)) <= set(labels["characterSet"])


@pytest.mark.parametrize("lang, arc", [("en", "Arc: people living there, about 2020 (wider = more)"),
                                       ("es", "Arco: personas que vivían allí hacia 2020 (más ancho = más)"),
                                       ("pt", "Arco: pessoas que viviam lá por volta de 2020 (mais largo = mais)")])
def test_legend_says_arcs_are_people_living_there_and_the_dash_key_follows_the_text(lang, arc):
    import re

    svg = legend_svg([("venezuela", "Venezuela")], 3, lang=lang)
    assert f'<text x="44" y="40">{arc}</text>' in svg
    dash_x = int(re.search(r'<line x1="(\d+)" y1="36"[^>]*stroke-dasharray', svg).group(1))
    assert dash_x >= 44 + 7 * len(arc)  # no overlap in any language


def test_legend_has_no_scale_when_no_action_is_linked():
    svg = legend_svg([("structural", "Structural corridors")], 0)
    assert "Actions per country" not in svg and "1 → 0" not in svg


def test_uploaded_flows_get_a_layer_of_their_own(bundle):
    from lib import upload
    from lib.schema import TABLES

    row = ["mine_ven_chl", "venezuela", "VEN", "CHL", "", "south_south", "one_way", "100000", "reported", "", "", "",
           "Census", "words", ""]
    raw = (",".join(TABLES["flows"]) + "\n" + ",".join(row) + "\n").encode()
    data = upload.merged(bundle, upload.validate_all([upload.read_upload(raw, "mine.csv")], bundle), replace=False)
    drawn, _ = map_split(flows_for_crisis(data.flows, "venezuela"), data.flows, data.places)
    spec = json.loads(flow_deck(drawn, data.actions, data.places, 5.1e6, NAMES).to_json())
    mine = _layer(spec, "your_data_quantified")["data"]
    assert [a["flow_id"] for a in mine] == ["mine_ven_chl"]
    assert mine[0]["c"][:3] == [0, 0, 0] and mine[0]["tooltip"].startswith("Your data\nVenezuela → Chile")
    assert [a["flow_id"] for a in _layer(spec, "quantified")["data"]] == ["ven_col"]
