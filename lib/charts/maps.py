"""The interactive flow map (pydeck), drawn from the map model of lib/charts/flowmap.py.

Under software WebGL (no GPU, as on virtual desktops) every kind of deck.gl layer costs
seconds of shader compilation on the first view. So everything static is baked once into
one bitmap (Pillow): country shapes, the actions shading, the flows with their curves,
dashes and arrowheads, and the labels. Only two layers of one more kind sit on top: the
places' dots (click one to select the country) and one hover point in the middle of each
flow (its tooltip). A crisis switch swaps the bitmap: nothing is re-tessellated.
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import math
from html import escape
from urllib.parse import quote

import pandas as pd
import pydeck as pdk
from PIL import Image, ImageDraw

from lib.base.fmt import people_compact, people_exact
from lib.base.i18n import tr
from lib.base.internals import MAP_STYLE_PLACEHOLDER
from lib.base.palette import (
    ACTIONS_SCALE,
    BASEMAP_FILL,
    BASEMAP_LINE,
    OCEAN,
    crisis_colour,
    rgb,
)
from lib.base.schema import Flow
from lib.charts.flowmap import (
    DASH,
    HANDLE_RADIUS,
    PIN_RADIUS,
    YOURS_HEX,
    MapModel,
    country_shapes,
    font,
    world_xy,
)
from lib.model.selection import crisis_name, ends_text

ACTIONS_ALPHA = 0.55  # the actions shading over the land colour
SELECTED_LINE = (26, 26, 26)
BITMAP_PAD = 0.15  # the bitmap reaches this share of the frame beyond each edge (room to pan)
BITMAP_SCALE = 1.5  # bitmap pixels per screen pixel: sharp on most screens, and one zoom step in
PIXELS = pdk.types.String("pixels")  # a bare string would be read as an expression
SUPERSAMPLE = 2  # shapes and lines are drawn this much larger, then reduced: smooth edges
# An inline map style with nothing to fetch. Without a map style, Streamlit's deck.gl chart
# falls back to Carto's online basemap style; it takes a style only as a string, so the
# blank style goes in a data: URL and the map needs no internet.
BLANK_STYLE = "data:application/json," + quote(
    json.dumps(
        {
            "version": 8,
            "sources": {},
            "layers": [
                {"id": "background", "type": "background", "paint": {"background-color": "#f3f6f9"}}
            ],
        },
        separators=(",", ":"),
    )
)


NO_BASE_MAP = MAP_STYLE_PLACEHOLDER  # Streamlit draws no base map and fetches no style


class CompactDeck(pdk.Deck):
    """A Deck for offline use: no base map in Streamlit (NO_BASE_MAP; `base_style` for a
    standalone HTML file) and JSON without indentation (pydeck indents by default). The JSON
    is written once: a deck is not changed after it is built."""

    base_style = NO_BASE_MAP

    def to_json(self) -> str:
        if getattr(self, "_json", None) is None:
            spec = json.loads(super().to_json())
            spec["mapStyle"] = self.base_style
            self._json = json.dumps(spec, separators=(",", ":"))
        return self._json


def flow_tooltip(row: pd.Series, crisis_names: dict[str, str], lang: str = "en") -> str:
    """Return the plain-text tooltip of one flow: ends, figure, status, source."""
    t = tr(lang)
    ends = ends_text(row, lang)
    if row[Flow.DIRECTION] == "both_ways":
        ends = ends.replace("→", "↔")
    if pd.isna(row[Flow.PEOPLE]):
        figure = t("Magnitude not reported")
    else:
        figure = t(
            "{compact} people ({exact})",
            compact=people_compact(row[Flow.PEOPLE], lang),
            exact=people_exact(row[Flow.PEOPLE], lang),
        )
    crisis = crisis_name(row[Flow.CRISIS], crisis_names)
    lines = [
        ends,
        figure,
        t("Status: {status}", status=t(row[Flow.STATUS])),
        t("Crisis: {crisis}", crisis=crisis) if crisis else "",
        t("Source: {section}", section=row[Flow.SOURCE]),
    ]
    return "\n".join(line for line in lines if line)


def _blend(
    colour: tuple[int, int, int], alpha: float, under: tuple[int, int, int] = BASEMAP_FILL
) -> tuple[int, int, int]:
    return tuple(round(alpha * c + (1 - alpha) * u) for c, u in zip(colour, under, strict=False))


def shading(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """Return the land colour of a country shaded for its actions (as drawn on the map)."""
    return colour if colour == BASEMAP_FILL else _blend(colour, ACTIONS_ALPHA)


def _dashes(
    path: list[tuple[float, float]], on: float, off: float
) -> list[list[tuple[float, float]]]:
    """Return the dashes of a polyline: pieces `on` long with gaps `off` long (same units)."""
    out, current, drawing, left = [], [path[0]], True, on
    for (ax, ay), (bx, by) in itertools.pairwise(path):
        seg = math.hypot(bx - ax, by - ay)
        pos = 0.0
        while seg - pos > left:
            pos += left
            f = pos / seg
            point = (ax + (bx - ax) * f, ay + (by - ay) * f)
            if drawing:
                current.append(point)
                out.append(current)
            current = [point]
            drawing = not drawing
            left = on if drawing else off
        left -= seg - pos
        if drawing:
            current.append((bx, by))
    if drawing and len(current) > 1:
        out.append(current)
    return out


def bitmap_region(model: MapModel) -> tuple[float, float, float, float]:
    """Return the frame-pixel box the bitmap covers: the frame and a margin, within the world."""
    view = model.view
    size = 512 * 2**view.zoom
    _cx, cy = world_xy(view.lon, view.lat, view.zoom)
    pad_x, pad_y = BITMAP_PAD * view.width, BITMAP_PAD * view.height
    top = max(-pad_y, -(cy - view.height / 2))  # not above the world's top edge
    bottom = min(view.height + pad_y, size - (cy - view.height / 2))
    return -pad_x, top, view.width + pad_x, bottom


def _polygon(img: Image.Image, points: list, fill, outline, width: int) -> None:
    """Draw a polygon with its outline inside its edge, as ImageDraw.polygon does, on the
    part of `img` it covers only: for an outline wider than a pixel Pillow makes three masks
    the size of the image it draws on, a third of the world map's time when made on the
    whole bitmap for each of its 300 rings."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    pad = width + 2
    left, top = max(0, int(min(xs)) - pad), max(0, int(min(ys)) - pad)
    right, bottom = min(img.width, int(max(xs)) + pad + 1), min(img.height, int(max(ys)) + pad + 1)
    if left >= right or top >= bottom:
        return
    region = img.crop((left, top, right, bottom))
    ImageDraw.Draw(region).polygon(
        [(x - left, y - top) for x, y in points], fill=fill, outline=outline, width=width
    )
    img.paste(region, (left, top))


def map_bitmap(model: MapModel) -> tuple[bytes, list[float]]:
    """Return the map drawn as a PNG and its bounds [west, south, east, north]: land, the
    actions shading, the selected country's outline, the flows and the labels."""
    view = model.view
    x0, y0, x1, y1 = bitmap_region(model)
    k = BITMAP_SCALE * SUPERSAMPLE
    width, height = round((x1 - x0) * BITMAP_SCALE), round((y1 - y0) * BITMAP_SCALE)
    img = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE), OCEAN)
    draw = ImageDraw.Draw(img)

    def canvas(points) -> list[tuple[float, float]]:
        return [((x - x0) * k, (y - y0) * k) for x, y in points]

    outline = []
    for code, polygons in country_shapes(view, (x0, y0, x1, y1)):
        fill = shading(model.fills.get(code, BASEMAP_FILL))
        for rings in polygons:
            for i, ring in enumerate(rings):
                flat = canvas(ring.tolist())
                _polygon(img, flat, fill if i == 0 else OCEAN, BASEMAP_LINE, max(1, round(0.8 * k)))
                if code == model.selected:
                    outline.append(flat)
    for ring in outline:
        draw.line(ring + ring[:1], fill=SELECTED_LINE, width=round(2.5 * k), joint="curve")

    for flow in model.flows:
        colour = rgb(flow.colour)
        path = canvas(flow.path)
        if flow.dashed:
            for dash in _dashes(path, DASH[0] * k, DASH[1] * k):
                draw.line(dash, fill=colour, width=round(flow.width * k))
        else:
            draw.line(
                path, fill=(255, 255, 255), width=round((flow.width + 2.5) * k), joint="curve"
            )
            draw.line(path, fill=colour, width=round(flow.width * k), joint="curve")
        draw.polygon(
            canvas(flow.arrow), fill=colour, outline=(255, 255, 255) if not flow.dashed else None
        )
    img = img.reduce(SUPERSAMPLE)

    draw = ImageDraw.Draw(img)
    for label in model.labels:
        bx = (label.box[0] + 1 - x0) * BITMAP_SCALE
        by = ((label.box[1] + label.box[3]) / 2 - y0) * BITMAP_SCALE
        face = font(round(label.size * BITMAP_SCALE), label.bold)
        draw.text(
            (bx, by),
            label.text,
            font=face,
            fill=(20, 20, 20),
            anchor="lm",
            stroke_width=max(1, round(2 * BITMAP_SCALE)),
            stroke_fill=(255, 255, 255),
        )
    buf = io.BytesIO()
    img.quantize(colors=192, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buf, "PNG", optimize=False
    )
    west, north = view.unproject(x0, y0)
    east, south = view.unproject(x1, y1)
    return buf.getvalue(), [round(west, 5), round(south, 5), round(east, 5), round(north, 5)]


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _handle_rows(model: MapModel) -> list[dict]:
    """Return one hover point per drawn flow that has one: its position, ring colour and
    tooltip."""
    return [
        {
            "flow_id": f.flow_id,
            "p": list(model.view.unproject(*f.handle)),
            "line": list(rgb(f.colour)),
            "tooltip": f.tooltip,
        }
        for f in model.flows
        if f.handle is not None
    ]


def _pin_rows(model: MapModel) -> list[dict]:
    """Return one dot per place: the selected one larger and orange, minor places grey."""
    rows = []
    for p in model.pins:
        chosen = p.code == model.selected
        fill = [213, 94, 0] if chosen else ([40, 40, 40] if p.priority <= 3 else [110, 110, 110])
        rows.append(
            {
                "code": p.code,
                "p": [p.lon, p.lat],
                "tooltip": p.tooltip,
                "selected": chosen,
                "fill": fill,
                "r": PIN_RADIUS + 2 if chosen else PIN_RADIUS,
            }
        )
    return rows


def _dots_layer(layer_id: str, data: list[dict], radius, fill, line, line_width) -> pdk.Layer:
    """Return a pickable ScatterplotLayer of dots sized in pixels (the map's one program)."""
    return pdk.Layer(
        "ScatterplotLayer",
        id=layer_id,
        data=data,
        get_position="p",
        get_radius=radius,
        radius_units=PIXELS,
        get_fill_color=fill,
        get_line_color=line,
        stroked=True,
        line_width_units=PIXELS,
        get_line_width=line_width,
        pickable=True,
        auto_highlight=True,
    )


def flow_deck(
    model: MapModel,
    png: bytes | None = None,
    bounds: list[float] | None = None,
    bitmap_layer: bool = False,
) -> CompactDeck:
    """Return the interactive map of a model: the places' dots (click one to select the
    country) and one hover point per flow (its tooltip).

    The page draws the bitmap behind the deck as the chart's CSS background (map_css): no
    shader program to compile, and the view is fixed so the two stay aligned. With
    `bitmap_layer` the bitmap is a BitmapLayer instead and the map can be panned and zoomed:
    the self-contained HTML download, which has no page around it.
    """
    if png is None or bounds is None:
        png, bounds = map_bitmap(model)
    layers = [
        _dots_layer("flows", _handle_rows(model), HANDLE_RADIUS, [255, 255, 255], "line", 2),
        _dots_layer("places", _pin_rows(model), "r", "fill", [255, 255, 255], 1.5),
    ]
    view = pdk.ViewState(
        longitude=model.view.lon,
        latitude=model.view.lat,
        zoom=model.view.zoom,
        min_zoom=max(0.0, model.view.zoom - 2),
        max_zoom=model.view.zoom + 2.5,
    )
    if bitmap_layer:
        image = pdk.types.String(_data_url(png))
        bitmap = pdk.Layer("BitmapLayer", id="map", image=image, bounds=bounds, pickable=False)
        deck = CompactDeck(
            layers=[bitmap, *layers],
            initial_view_state=view,
            map_provider=None,
            map_style=None,
            tooltip={"text": "{tooltip}"},
        )
        deck.base_style = BLANK_STYLE  # pydeck's HTML needs a style: an inline one, nothing fetched
        return deck
    # A view of its own with no controller: Streamlit then lets nobody pan or zoom, so the dots
    # stay on the background; on a phone the page scrolls instead of the map.
    return CompactDeck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        map_style=None,
        views=[pdk.View(type="MapView", controller=False)],
        tooltip={"text": "{tooltip}"},
    )


def map_css(model: MapModel, png: bytes, chart: str) -> str:
    """Return the <style> that draws the bitmap behind the deck chart `chart` (a CSS selector,
    lib.ui.css.map_background's): centred on the view as deck.gl centres it, one bitmap pixel to
    1/BITMAP_SCALE of a screen pixel, the ocean colour around it."""
    x0, y0, x1, y1 = bitmap_region(model)
    width, height = x1 - x0, y1 - y0
    shift_x = (
        x0 + x1 - model.view.width
    ) / 2  # the frame's centre, not the bitmap's, goes to the middle
    shift_y = (y0 + y1 - model.view.height) / 2
    ocean = "rgb({},{},{})".format(*OCEAN)
    return (
        f"<style>{chart} "
        f"{{background: {ocean} url({_data_url(png)}) "
        f"no-repeat calc(50% + {shift_x:.1f}px) calc(50% + {shift_y:.1f}px) / {width:.1f}px "
        f"{height:.1f}px;}}</style>"
    )


SWATCH = (
    '<span style="display:inline-block;width:{width}px;height:14px;background:{colour}"></span>'
)


def legend_html(
    model: MapModel,
    crises: list[tuple[str, str]],
    lang: str = "en",
    yours: bool = False,
    arrow: str = "",
) -> str:
    """Return the map's legend as HTML that wraps on a narrow screen: crisis colours (each
    named), what a solid arrow (`arrow`: what its width counts) and a dashed one mean, and
    the actions shading."""
    t = tr(lang)
    items = [(crisis_colour(slug), label) for slug, label in crises]
    if yours:
        items.append((YOURS_HEX, t("Your data")))
    if model.selected:
        items.append(("#BDBDBD", t("Other flows (not to or from the selected country)")))
    span = (
        '<span style="display:inline-flex;align-items:center;gap:6px;margin:2px 14px 2px 0;'
        'max-width:100%">'
        '<span style="flex:none;display:inline-flex">{mark}</span><span>{text}</span></span>'
    )
    parts = [
        span.format(
            mark=SWATCH.format(width=14, colour=c),
            text=escape(label),
        )
        for c, label in items
    ]
    # Drawn with CSS borders, not SVG: st.html's sanitizer keeps styles and drops inline SVG.
    head = (
        '<span style="display:inline-block;width:0;height:0;border-left:{l}px solid #555;'
        'border-top:{h}px solid transparent;border-bottom:{h}px solid transparent"></span>'
    )
    solid = (
        '<span style="display:inline-flex;align-items:center">'
        '<span style="display:inline-block;width:28px;border-top:7px solid #555"></span>'
        + head.format(l=12, h=7)
        + "</span>"
    )
    dashed = (
        '<span style="display:inline-flex;align-items:center">'
        '<span style="display:inline-block;width:30px;border-top:2px dashed #555"></span>'
        + head.format(l=9, h=5)
        + "</span>"
    )
    if any(not f.dashed for f in model.flows):  # only where a flow has a figure
        parts.append(
            span.format(
                mark=solid,
                text=escape(arrow or t("Arrow: people living there, about 2020 (wider = more)")),
            )
        )
    if any(f.dashed for f in model.flows):
        parts.append(span.format(mark=dashed, text=escape(t("Dashed: magnitude not reported"))))
    if model.most_actions > 0:
        swatches = "".join(
            SWATCH.format(width=22, colour=f"rgb{shading(c)}") for c in ACTIONS_SCALE
        )
        parts.append(span.format(mark="", text=escape(t("Actions per country:"))))
        parts.append(span.format(mark=swatches, text=f"1 → {model.most_actions}"))
    return (
        '<div style="display:flex;flex-wrap:wrap;align-items:center;font-size:0.95rem">'
        + "".join(parts)
        + "</div>"
    )
