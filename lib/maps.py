"""The flow map as a pydeck Deck: bundled basemap, arcs, dashed unquantified flows, actions."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from html import escape
from urllib.parse import quote

import pandas as pd
import pydeck as pdk

from lib.actions import actions_per_country
from lib.fmt import people_compact, people_exact
from lib.geo import country_features
from lib.i18n import tr, translate
from lib.palette import (
    ACTIONS_SCALE,
    BASEMAP_FILL,
    BASEMAP_LINE,
    CRISIS_HEX,
    actions_colour,
    rgb,
)
from lib.schema import Flow

YOURS_PREFIX = "Your data: "  # the source lib.upload gives uploaded rows
YOURS_HEX = "#000000"
MIN_WIDTH, MAX_WIDTH = 3.0, 18.0  # pixels, for reported/derived arcs
DASH_WIDTH = 2.0  # pixels, for flows without a magnitude
VIEW_W, VIEW_H = 1100, 600  # the map's usual size, for fitting the view


# An inline map style with nothing to fetch. Without a map style, Streamlit's deck.gl chart
# falls back to Carto's online basemap style; it takes a style only as a string, so the
# blank style goes in a data: URL and the map needs no internet.
BLANK_STYLE = "data:application/json," + quote(json.dumps({"version": 8, "sources": {}, "layers": [
    {"id": "background", "type": "background", "paint": {"background-color": "#f3f6f9"}}]}, separators=(",", ":")))


BASEMAP_SLOT = "__BASEMAP__"  # stands for the bundled shapes until the JSON is written


@lru_cache(maxsize=1)
def basemap_json() -> str:
    """Return the bundled country shapes as compact GeoJSON text (made once per process)."""
    return json.dumps({"type": "FeatureCollection", "features": list(country_features())}, separators=(",", ":"))


class CompactDeck(pdk.Deck):
    """A Deck for offline use: the inline blank map style, JSON without indentation (pydeck
    indents by default, which triples the payload), and the basemap spliced in as ready-made
    text, since pydeck's serialiser took about 170 ms a run walking its coordinates. The JSON
    is written once: a deck is not changed after it is built."""

    def to_json(self) -> str:
        if getattr(self, "_json", None) is None:
            spec = json.loads(super().to_json())
            spec["mapStyle"] = BLANK_STYLE
            self._json = json.dumps(spec, separators=(",", ":")).replace(json.dumps(BASEMAP_SLOT), basemap_json())
        return self._json


def flow_tooltip(row: pd.Series, crisis_names: dict[str, str], lang: str = "en") -> str:
    """Return the plain-text tooltip of one flow: ends, figure, status, source."""
    t = tr(lang)
    ends = f"{row['origin_name']} → {row['destination_name']}"
    if isinstance(row.get("via_name"), str):
        ends += " " + t("(via {place})", place=row["via_name"])
    if row[Flow.DIRECTION] == "both_ways":
        ends = ends.replace("→", "↔")
    if pd.isna(row[Flow.PEOPLE]):
        figure = t("Magnitude not reported")
    else:
        figure = t("{compact} people ({exact})", compact=people_compact(row[Flow.PEOPLE], lang),
                   exact=people_exact(row[Flow.PEOPLE], lang))
    lines = [ends, figure, t("Status: {status}", status=t(row[Flow.STATUS])),
             t("Crisis: {crisis}", crisis=crisis_names.get(row[Flow.CRISIS], row[Flow.CRISIS])),
             t("Source: {section}", section=row[Flow.SOURCE])]
    return "\n".join(lines)


def arc_width(people: float, largest: float) -> float:
    """Return an arc's width in pixels; its area grows with people (square-root scale)."""
    if largest <= 0 or pd.isna(people):
        return MIN_WIDTH
    return round(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * math.sqrt(people / largest), 2)


def dashes(lon1: float, lat1: float, lon2: float, lat2: float) -> list[tuple[list[float], list[float]]]:
    """Return the dashes of a straight dashed line between two points, as (start, end) pairs."""
    length = math.hypot(lon2 - lon1, lat2 - lat1)
    n = max(6, int(length / 2.5))
    out = []
    for i in range(n):
        t0, t1 = i / n, (i + 0.55) / n
        out.append(([round(lon1 + (lon2 - lon1) * t0, 3), round(lat1 + (lat2 - lat1) * t0, 3)],
                    [round(lon1 + (lon2 - lon1) * t1, 3), round(lat1 + (lat2 - lat1) * t1, 3)]))
    return out


def merged_labels(points: list[tuple[list[float], str]]) -> list[tuple[list[float], str]]:
    """Return one label per position, joining the names of places drawn at the same point."""
    by_pos: dict[tuple[float, float], list[str]] = {}
    for pos, name in points:
        names = by_pos.setdefault((pos[0], pos[1]), [])
        if name not in names:
            names.append(name)
    return [([lon, lat], " / ".join(sorted(names))) for (lon, lat), names in by_pos.items()]


def fit_view(lons: list[float], lats: list[float]) -> pdk.ViewState:
    """Return a view that shows all given points with a margin (Web Mercator, approximate)."""
    if not lons:
        return pdk.ViewState(longitude=-75, latitude=5, zoom=1.6)
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    lon_span = max(east - west, 20) * 1.3
    lat_span = max(north - south, 15) * 1.3
    zoom = math.log2(min(VIEW_W * 360 / (256 * lon_span), VIEW_H * 170 / (256 * lat_span)))
    zoom -= 0.45  # Web Mercator stretches high latitudes; keep the far ends inside the frame
    return pdk.ViewState(longitude=(west + east) / 2, latitude=(south + north) / 2, zoom=round(max(0.5, min(zoom, 5)), 2))


def flow_deck(drawn: pd.DataFrame, actions: pd.DataFrame, places: pd.DataFrame, largest: float,
              crisis_names: dict[str, str], lang: str = "en") -> CompactDeck:
    """Return the map: basemap, countries shaded by number of actions, arcs and dashed flows.

    `drawn` comes from figures.map_split; `largest` is the figure that gets the widest arc,
    so widths compare across crises.
    """
    arcs, lines, points = [], [], {}
    your_arcs, your_lines = [], []  # uploaded rows: a layer of their own, drawn in black
    for _, row in drawn.iterrows():
        yours = str(row[Flow.SOURCE]).startswith(YOURS_PREFIX)
        colour = list(rgb(YOURS_HEX if yours else CRISIS_HEX[row[Flow.CRISIS]]))
        tip = flow_tooltip(row, crisis_names, lang)
        if yours:
            tip = translate(lang, "Your data") + "\n" + tip
        src, dst = [row["origin_lon"], row["origin_lat"]], [row["destination_lon"], row["destination_lat"]]
        for end, pos in ((Flow.ORIGIN, src), (Flow.DESTINATION, dst)):
            name = row[f"{end}_name"] + (" " + translate(lang, "(region)") if row[f"{end}_kind"] == "region" else "")
            points[row[end]] = (pos, name)
        if pd.isna(row[Flow.PEOPLE]):
            for a, b in dashes(*min(src, dst), *max(src, dst)):  # same phase both ways: a return flow stays dashed
                (your_lines if yours else lines).append({"flow_id": row[Flow.ID], "s": a, "t": b, "c": colour + [220], "tooltip": tip})
        else:
            (your_arcs if yours else arcs).append({"flow_id": row[Flow.ID], "s": src, "t": dst, "w": arc_width(row[Flow.PEOPLE], largest),
                                                   "c": colour + [235], "tooltip": tip})

    labels = merged_labels(list(points.values()))
    counts = actions_per_country(actions, places)
    most = int(counts["actions"].max()) if len(counts) else 0
    by_code = counts.set_index("code")
    features = country_features()
    action_features = [
        {**f, "properties": {
            "code": f["id"],
            "fill": list(actions_colour(int(by_code.at[f["id"], "actions"]), most)) + [255],
            "tooltip": f"{by_code.at[f['id'], 'name']}\n" + translate(lang, "{count} action(s) accompanied by EUROsociAL+",
                                                                      count=int(by_code.at[f["id"], "actions"])),
        }}
        for f in features if f["id"] in by_code.index
    ]
    layers = [
        pdk.Layer("GeoJsonLayer", id="basemap", data=BASEMAP_SLOT,
                  stroked=True, filled=True, get_fill_color=list(BASEMAP_FILL), get_line_color=list(BASEMAP_LINE),
                  line_width_min_pixels=0.5, pickable=False),
        pdk.Layer("GeoJsonLayer", id="actions", data={"type": "FeatureCollection", "features": action_features},
                  stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=list(BASEMAP_LINE),
                  line_width_min_pixels=0.5, pickable=True, opacity=0.55),
        # An empty layer still compiles its shaders and draws: only layers with data go in.
        *([pdk.Layer("LineLayer", id="unquantified", data=lines, get_source_position="s", get_target_position="t",
                     get_color="c", get_width=DASH_WIDTH, pickable=True)] if lines else []),
        # Seen from straight above (pitch 0) an ArcLayer arc is a straight band; a LineLayer draws the
        # same band with the dashes' shader program, one program fewer to compile.
        *([pdk.Layer("LineLayer", id="quantified", data=arcs, get_source_position="s", get_target_position="t",
                     get_color="c", get_width="w", pickable=True)] if arcs else []),
        *([pdk.Layer("LineLayer", id="your_data_unquantified", data=your_lines, get_source_position="s",
                      get_target_position="t", get_color="c", get_width=DASH_WIDTH, pickable=True)] if your_lines else []),
        *([pdk.Layer("LineLayer", id="your_data_quantified", data=your_arcs, get_source_position="s", get_target_position="t",
                      get_color="c", get_width="w", pickable=True)] if your_arcs else []),
        # The place dots are a glyph of a text layer: the labels' shader program, one program fewer.
        pdk.Layer("TextLayer", id="places", data=[{"p": p, "name": n, "tooltip": n, "dot": "●"} for p, n in labels],
                  get_position="p", get_text="dot", get_size=11, get_color=[60, 60, 60, 220], pickable=True,
                  font_family=pdk.types.String("'Source Sans', 'Helvetica Neue', Arial, sans-serif"), billboard=True,
                  character_set=pdk.types.String("●")),
        pdk.Layer("TextLayer", id="labels", data=[{"p": p, "name": n} for p, n in labels],
                  get_position="p", get_text="name", get_size=14, get_color=[20, 20, 20, 255], font_weight=600,
                  font_family=pdk.types.String("'Source Sans', 'Helvetica Neue', Arial, sans-serif"),
                  get_pixel_offset=[0, -12], billboard=True,
                  # deck.gl's default atlas is ASCII only: México, Haití, Perú would lose letters.
                  character_set=pdk.types.String("".join(sorted(set("".join(n for _, n in labels)) | set(" ()"))))),
    ]
    lons = [p[0][0] for p in points.values()] + list(counts["lon"].dropna())
    lats = [p[0][1] for p in points.values()] + list(counts["lat"].dropna())
    return CompactDeck(layers=layers, initial_view_state=fit_view(lons, lats), map_provider=None, map_style=None,
                    tooltip={"text": "{tooltip}"})


def legend_svg(crises: list[tuple[str, str]], most_actions: int, width: int = 900, lang: str = "en",
               yours: bool = False) -> str:
    """Return an SVG legend: crisis colours, what arcs and dashes mean, the actions scale.

    `crises` is [(slug, label)]; all text is escaped.
    """
    t = tr(lang)
    arc_text, dash_text, scale_text = (escape(t("Arc: people living there, about 2020 (wider = more)")),
                                       escape(t("Dashed: magnitude not reported")), escape(t("Actions per country:")))
    dash_x = max(400, 44 + 7 * len(arc_text) + 24)  # after the arc's text, however long its language makes it
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="74" font-family="sans-serif" font-size="13">']
    x = 0
    swatches = [(CRISIS_HEX[slug], label) for slug, label in crises]
    if yours:
        swatches.append((YOURS_HEX, t("Your data")))
    for colour, label in swatches:
        parts.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{colour}"/>'
                     f'<text x="{x + 20}" y="16">{escape(label)}</text>')
        x += 30 + 8 * len(label)
    parts.append('<line x1="0" y1="36" x2="36" y2="36" stroke="#555" stroke-width="9"/>'
                 f'<text x="44" y="40">{arc_text}</text>'
                 f'<line x1="{dash_x}" y1="36" x2="{dash_x + 36}" y2="36" stroke="#555" stroke-width="2" stroke-dasharray="5,4"/>'
                 f'<text x="{dash_x + 44}" y="40">{dash_text}</text>')
    if most_actions <= 0:  # no action linked: no scale to read
        parts[0] = parts[0].replace('height="74"', 'height="50"')
        return "".join(parts) + "</svg>"
    parts.append(f'<text x="0" y="66">{scale_text}</text>')
    for i, colour in enumerate(ACTIONS_SCALE):
        r, g, b = colour
        parts.append(f'<rect x="{170 + i * 30}" y="55" width="28" height="14" fill="rgb({r},{g},{b})" fill-opacity="0.55"/>')
    parts.append(f'<text x="{170 + len(ACTIONS_SCALE) * 30 + 6}" y="66">1 → {most_actions}</text></svg>')
    return "".join(parts)

