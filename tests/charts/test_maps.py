"""lib/charts/maps.py and lib/model/geo.py: the interactive map drawn from the model — one
bitmap, the places' dots and the flows' hover points, nothing fetched, every letter drawn."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from lib.charts.flowmap import DESKTOP, PHONE
from lib.charts.map_view import flow_model, map_view
from lib.charts.maps import BITMAP_SCALE, bitmap_region, legend_html, map_bitmap
from lib.model.geo import country_features
from lib.ui.css import map_background
from tests.helpers import flow_row, flows_csv

NAMES = {
    "venezuela": "Venezuela",
    "haiti": "Haiti",
    "northern_triangle": "Northern Triangle",
    "structural": "Structural corridors",
}


def _spec(bundle, crisis, **kw):
    return json.loads(map_view(bundle, crisis, NAMES, **kw).deck.to_json())


def _layer(spec, layer_id):
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def test_one_kind_of_layer_on_a_bitmap_background(bundle):
    view = map_view(bundle, "venezuela", NAMES)
    spec = json.loads(view.deck.to_json())
    assert [(layer["@@type"], layer["id"]) for layer in spec["layers"]] == [
        ("ScatterplotLayer", "flows"),
        ("ScatterplotLayer", "places"),
    ]
    assert spec["views"] == [
        {"@@type": "MapView", "controller": False}
    ]  # fixed, so the background stays aligned
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit draws no base map and fetches no style
    assert (
        _layer(spec, "places")["radiusUnits"] == "pixels"
    )  # not an expression: dots keep their size
    png = Image.open(io.BytesIO(view.png))
    model = view.model
    x0, y0, x1, y1 = bitmap_region(model)
    assert png.size == (round((x1 - x0) * BITMAP_SCALE), round((y1 - y0) * BITMAP_SCALE))
    css = map_background(view)
    assert css.startswith('<style>.st-key-flowmap [data-testid="stDeckGlJsonChart"] {background:')
    assert f"/ {x1 - x0:.1f}px {y1 - y0:.1f}px" in css and "data:image/png;base64," in css
    west, south, east, north = view.bounds
    assert west < model.view.lon < east and south < model.view.lat < north


def test_the_html_download_has_the_bitmap_as_a_layer_and_can_pan(bundle):
    spec = json.loads(map_view(bundle, "haiti", NAMES).html_deck().to_json())
    assert [layer["id"] for layer in spec["layers"]] == ["map", "flows", "places"]
    assert _layer(spec, "map")["image"].startswith("data:image/png;base64,")
    assert spec["views"] == [{"@@type": "MapView", "controller": True}]
    assert spec["mapStyle"].startswith(
        "data:application/json,"
    )  # an inline blank style: nothing fetched


def test_each_flow_has_a_hover_point_with_its_figure_and_source(bundle):
    handles = _layer(_spec(bundle, "venezuela"), "flows")["data"]
    assert sorted(h["flow_id"] for h in handles) == [
        "ven_bra",
        "ven_chl",
        "ven_col",
        "ven_ecu",
        "ven_per",
    ]
    tip = next(h["tooltip"] for h in handles if h["flow_id"] == "ven_col")
    assert tip.splitlines()[:3] == [
        "Venezuela → Colombia",
        "1.8 million people (1,800,000)",
        "Status: reported",
    ]
    haiti = _layer(_spec(bundle, "haiti"), "flows")["data"]
    assert all("Magnitude not reported" in h["tooltip"] for h in haiti)
    assert any(h["tooltip"].startswith("Haiti → Chile (via Brazil)") for h in haiti)


def test_places_are_clickable_dots_named_in_their_tooltips(bundle):
    pins = {p["code"]: p for p in _layer(_spec(bundle, None, selected="CHL"), "places")["data"]}
    assert pins["CHL"]["selected"] and pins["CHL"]["fill"] == [213, 94, 0]
    assert pins["CHL"]["tooltip"].splitlines()[-1] == "7 actions accompanied by EUROsociAL+"
    assert pins["MEX"]["tooltip"].splitlines()[-1] == "4 actions accompanied by EUROsociAL+"
    assert "North America" in pins["USA"]["tooltip"] and "United States" in pins["USA"]["tooltip"]


def test_no_basemap_tiles_and_a_small_payload(bundle):
    for crisis in (None, "venezuela"):
        spec = _spec(bundle, crisis)
        assert spec.get("mapProvider") in (None, "")
        assert spec["mapStyle"] == "__MAP_STYLE__"  # no base map at all
        raw = json.dumps(spec, separators=(",", ":"))
        assert "http" not in raw
        assert len(raw) < 200_000


def test_the_bitmap_draws_accented_names_with_the_bundled_font(bundle):
    from lib.charts.flowmap import font

    assert font(14).getname()[0] == "DejaVu Sans"
    for (
        letter
    ) in "éíóúãçñ":  # a font without the glyph draws an empty box: same mask as a missing character
        assert font(14).getmask(letter).getbbox() != font(14).getmask("\uffff").getbbox()


def test_phone_layout_fits_a_narrow_frame(bundle):
    desktop = flow_model(bundle, None, NAMES, layout=DESKTOP)[0]
    phone = flow_model(bundle, None, NAMES, layout=PHONE)[0]
    assert phone.view.zoom < desktop.view.zoom
    assert all(0 <= p.x <= PHONE.width and 0 <= p.y <= PHONE.height for p in phone.pins)


def test_selected_country_is_outlined_in_the_bitmap(bundle):
    plain, _ = map_bitmap(flow_model(bundle, None, NAMES)[0])
    chosen, _ = map_bitmap(flow_model(bundle, None, NAMES, selected="CHL")[0])
    assert plain != chosen


def test_basemap_has_no_ring_across_the_antimeridian():
    feats = {f["id"]: f for f in country_features()}
    assert "ATA" not in feats and "CHL" in feats
    for f in feats.values():
        for polygon in f["geometry"]["coordinates"]:
            for ring in polygon:
                lons = [p[0] for p in ring]
                assert max(lons) - min(lons) <= 180


def test_legend_escapes_text_names_each_colour_and_says_what_dashes_mean(bundle):
    model = flow_model(bundle, "haiti", NAMES)[0]
    html = legend_html(model, [("haiti", "<b>Haiti</b>")])
    assert "&lt;b&gt;Haiti&lt;/b&gt;" in html and "<b>" not in html
    assert "Dashed: magnitude not reported" in html and f"1 → {model.most_actions}" in html
    assert "flex-wrap:wrap" in html  # wraps on a phone
    assert "Arrow:" not in html  # Haiti's map has no figure: no key for one


def test_legend_has_no_scale_when_no_action_is_linked(bundle):
    model = flow_model(bundle, "structural", NAMES)[0]
    html = legend_html(
        model.__class__(**{**model.__dict__, "most_actions": 0}),
        [("structural", "Structural corridors")],
    )
    assert "Actions per country" not in html


@pytest.mark.parametrize("lang, names", [("es", {"México", "Haití", "Perú", "Panamá"})])
def test_spanish_names_reach_the_labels(bundle, lang, names):
    from lib.model.localise import localized

    es = localized(bundle, lang)
    model = flow_model(es, "haiti", {"haiti": "Haití"}, lang)[0]
    assert names <= {label.text for label in model.labels} | set(model.unlabelled)


@pytest.mark.parametrize(
    "lang, arrow",
    [
        ("en", "Arrow: people living there, about 2020 (wider = more)"),
        ("es", "Flecha: personas que vivían allí hacia 2020 (más ancha = más)"),
        ("pt", "Seta: pessoas que viviam lá por volta de 2020 (mais larga = mais)"),
    ],
)
def test_legend_says_arrows_are_people_living_there_about_2020(bundle, lang, arrow):
    from html import escape

    model = flow_model(bundle, "venezuela", NAMES)[0]
    assert escape(arrow) in legend_html(model, [("venezuela", "Venezuela")], lang)


def test_uploaded_flows_are_drawn_in_black_and_say_so(bundle):
    from lib.ingest import upload

    raw = flows_csv(
        flow_row(flow_id="mine_ven_chl", destination="CHL", people="100000", status="reported")
    )
    data = upload.merged(
        bundle, upload.validate_all([upload.read_upload(raw, "mine.csv")], bundle), replace=False
    )
    view = map_view(data, "venezuela", NAMES)
    mine = [f for f in view.model.flows if f.yours]
    assert [f.flow_id for f in mine] == ["mine_ven_chl"] and mine[0].colour == "#000000"
    assert mine[0].tooltip.startswith("Your data\nVenezuela → Chile")
    assert "Your data" in view.legend
