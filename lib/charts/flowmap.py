"""The flow map's model: what is drawn, where, how wide, in what colour, with which labels.

`map_model` turns a selection of flows into a `MapModel` in the pixels of a frame: Web
Mercator at a zoom fitted to the frame, exactly as deck.gl draws it (512-pixel world at
zoom 0). Both renderers consume the same model, so they cannot disagree:

- lib.charts.maps: the interactive deck (one bitmap of everything static, plus pickable points);
- lib.charts.map_view.map_chart: the static plotly figure behind the PNG and SVG downloads.

Flows are gently curved to the right of their direction of travel, so the two directions of
a route lie side by side and crossing corridors separate; each ends in an arrowhead. Flows
without a figure are thin dashed lines of one fixed width: nothing in them reads as a
magnitude. Labels are placed by priority (places with figures first) where they overlap no
other label and no place's dot, and dropped otherwise; a dropped label's place is still
named in its tooltip and in the tables under the map.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd
from PIL import ImageFont

from lib.base.palette import actions_colour, crisis_colour
from lib.base.schema import ROOT, Flow
from lib.model.geo import country_features

FONT_DIR = ROOT / "static" / "fonts"
TILE = 512  # deck.gl's world size in pixels at zoom 0
MIN_WIDTH, MAX_WIDTH = 3.0, 18.0  # pixels, for flows with a figure (square-root scale)
DASH_WIDTH = 2.0  # pixels, every flow without a figure
DASH = (7.0, 5.0)  # dash and gap, pixels
CURVE, CURVE_STEP = 0.16, 0.13  # bend as a share of the flow's length; more for each further lane
PIN_RADIUS = 6.0  # a place's dot, pixels
HANDLE_RADIUS = 5.0  # the hover point at the middle of each flow
LABEL_GAP = 4.0
MUTED_HEX = "#BDBDBD"  # flows not touching the selected country
YOURS_HEX = "#000000"  # uploaded rows


@dataclass(frozen=True)
class Layout:
    """A frame size in CSS pixels, its label size and margins (room for labels at the edges)."""

    name: str
    width: int
    height: int
    font_size: int
    margin_x: int
    margin_y: int


DESKTOP = Layout(
    "desktop", 980, 600, 14, 100, 50
)  # the main column at 1440 px with the sidebar open
PHONE = Layout("phone", 358, 520, 12, 40, 40)
SLIDE = Layout("slide", 1400, 860, 20, 150, 60)  # the static map of a 1920×1080 PNG
LAYOUTS = {layout.name: layout for layout in (DESKTOP, PHONE, SLIDE)}


@dataclass(frozen=True)
class View:
    """Where the frame looks: its centre and zoom, and the projection to its pixels."""

    width: int
    height: int
    lon: float
    lat: float
    zoom: float

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """Return the frame pixel (x right, y down) of a point."""
        cx, cy = world_xy(self.lon, self.lat, self.zoom)
        x, y = world_xy(lon, lat, self.zoom)
        return x - cx + self.width / 2, y - cy + self.height / 2

    def project_many(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the frame pixels of many points at once (arrays of lon and lat)."""
        size = TILE * 2**self.zoom
        cx, cy = world_xy(self.lon, self.lat, self.zoom)
        lat = np.clip(lat, -85.0511, 85.0511)
        x = (lon + 180) / 360 * size - cx + self.width / 2
        y = (
            (1 - np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) / np.pi) / 2 * size
            - cy
            + self.height / 2
        )
        return x, y

    def unproject(self, x: float, y: float) -> tuple[float, float]:
        """Return the (lon, lat) of a frame pixel."""
        cx, cy = world_xy(self.lon, self.lat, self.zoom)
        return lonlat(x + cx - self.width / 2, y + cy - self.height / 2, self.zoom)


def world_xy(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Return Web Mercator world pixels at `zoom` (deck.gl's 512-pixel tiles)."""
    size = TILE * 2**zoom
    lat = max(-85.0511, min(85.0511, lat))
    phi = math.radians(lat)
    return (lon + 180) / 360 * size, (
        1 - math.log(math.tan(math.pi / 4 + phi / 2)) / math.pi
    ) / 2 * size


def lonlat(x: float, y: float, zoom: float) -> tuple[float, float]:
    """Return (lon, lat) of Web Mercator world pixels at `zoom`."""
    size = TILE * 2**zoom
    lon = x / size * 360 - 180
    lat = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y / size))) - math.pi / 2)
    return lon, lat


def fit_view(points: list[tuple[float, float]], layout: Layout) -> View:
    """Return the view that shows every (lon, lat) point inside the layout's margins."""
    if not points:
        return View(layout.width, layout.height, -75.0, 5.0, 1.6)
    xs, ys = zip(*(world_xy(lon, lat, 0) for lon, lat in points), strict=True)
    span_x, span_y = max(max(xs) - min(xs), 8.0), max(max(ys) - min(ys), 8.0)
    zoom = math.log2(
        min(
            (layout.width - 2 * layout.margin_x) / span_x,
            (layout.height - 2 * layout.margin_y) / span_y,
        )
    )
    zoom = round(max(0.5, min(zoom, 5.5)), 3)
    lon, lat = lonlat((max(xs) + min(xs)) / 2 * 2**zoom, (max(ys) + min(ys)) / 2 * 2**zoom, zoom)
    return View(layout.width, layout.height, round(lon, 4), round(lat, 4), zoom)


def country_shapes(view: View, box: tuple[float, float, float, float]):
    """Yield (country code, polygons) for every bundled country shape reaching `box` (frame
    pixels x0, y0, x1, y1): each polygon a list of rings, the outer one first, each ring an
    (n, 2) array of frame pixels."""
    for feature in country_features(digits=2):
        polygons = []
        for polygon in feature["geometry"]["coordinates"]:
            rings = []
            for ring in polygon:
                arr = np.asarray(ring, dtype=float)
                x, y = view.project_many(arr[:, 0], arr[:, 1])
                rings.append(np.column_stack((x, y)))
            outer = rings[0]
            if (
                outer[:, 0].max() < box[0]
                or outer[:, 1].max() < box[1]
                or outer[:, 0].min() > box[2]
                or outer[:, 1].min() > box[3]
            ):
                continue
            polygons.append(rings)
        if polygons:
            yield feature["id"], polygons


@lru_cache(maxsize=8)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Return the bundled label font (DejaVu Sans) at a pixel size."""
    return ImageFont.truetype(
        str(FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size
    )


def text_size(text: str, size: int, bold: bool = False) -> tuple[float, float]:
    """Return a label's width and height in pixels: the drawn width, and one line's height
    (1.2 × the size, as a browser sets text) so every renderer's glyphs fit inside the box."""
    return float(font(size, bold).getlength(text)), round(size * 1.2, 2)


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def overlaps(a: Box, b: Box) -> bool:
    """Return True when two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True)
class DrawnFlow:
    """One drawn direction of a flow, in frame pixels."""

    flow_id: str
    crisis: str
    origin: str
    destination: str
    colour: str  # hex
    width: float  # pixels
    dashed: bool  # no figure: fixed thin dashes
    path: tuple[tuple[float, float], ...]  # the curve, origin end first, up to the arrowhead's base
    arrow: tuple[tuple[float, float], tuple[float, float], tuple[float, float]]  # tip, left, right
    # The hover point, on the curve near its middle and off every label; None when the flow
    # lies across the label of a place with a figure and no point of it is free (then the
    # flow's figure is in the table under the map, and the label stays legible).
    handle: tuple[float, float] | None
    emphasis: str  # "normal", "highlight" (touches the selected country) or "muted"
    yours: bool
    tooltip: str


@dataclass(frozen=True)
class Pin:
    """A place on the map: its dot, and whether it can be clicked (countries only)."""

    code: str  # the country's code when several places share the point
    name: str
    x: float
    y: float
    lon: float
    lat: float
    priority: int  # 0 first
    clickable: bool
    actions: int
    tooltip: str


@dataclass(frozen=True)
class Label:
    code: str
    text: str
    box: Box
    size: int
    bold: bool


@dataclass(frozen=True)
class MapScale:
    """What keeps a map comparable from one year to the next: the points its view is fitted
    to (every year's places, or a region's corners) and the most bands with a figure it
    draws in any year (their widest band; see widest_band). Empty: fitted to what is drawn,
    bands as wide as MAX_WIDTH."""

    extent: tuple[tuple[float, float], ...] = ()
    bands: int = 0


@dataclass(frozen=True)
class MapModel:
    """Everything a renderer needs: the view, the flows, the dots, the labels kept and the
    names of the places whose label had no room, the action shading per country."""

    layout: Layout
    view: View
    flows: tuple[DrawnFlow, ...]
    pins: tuple[Pin, ...]
    labels: tuple[Label, ...]
    unlabelled: tuple[str, ...]
    fills: dict  # country code → (r, g, b) by number of actions
    most_actions: int
    selected: str | None


def flow_width(people: float, largest: float, widest: float = MAX_WIDTH) -> float:
    """Return a flow's width in pixels: its area grows with people (square-root scale) from
    MIN_WIDTH to `widest` (the largest figure); DASH_WIDTH when the sheet gives no figure."""
    if pd.isna(people):
        return DASH_WIDTH
    low = min(MIN_WIDTH, widest / 2)
    if largest <= 0:
        return low
    return round(low + (widest - low) * math.sqrt(min(max(people, 0) / largest, 1.0)), 2)


FEW_BANDS = 12  # up to this many flows with a figure, the widest band is MAX_WIDTH


def widest_band(bands: int, gaps: list[float]) -> float:
    """Return the widest a band may be so that `bands` flows with a figure stay readable as
    separate bands: MAX_WIDTH for a few; thinner when many are drawn (the square root of
    FEW_BANDS / bands), and never wider than half the usual gap between neighbouring places
    (the first quartile of `gaps`, their nearest-neighbour distances in pixels)."""
    if bands <= FEW_BANDS:
        return MAX_WIDTH
    cap = MAX_WIDTH * math.sqrt(FEW_BANDS / bands)
    if gaps:
        cap = min(cap, float(np.percentile(gaps, 25)) / 2)
    return round(max(MIN_WIDTH, cap), 1)


def neighbour_gaps(view: View, points: list[tuple[float, float]]) -> list[float]:
    """Return each point's distance in pixels to its nearest neighbour (distinct points)."""
    xy = np.unique(np.round(np.array([view.project(lon, lat) for lon, lat in points]), 1), axis=0)
    if len(xy) < 2:
        return []
    d = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    np.fill_diagonal(d, np.inf)
    return d.min(axis=1).tolist()


def curve(
    start: tuple[float, float], end: tuple[float, float], bend: float, n: int = 24
) -> list[tuple[float, float]]:
    """Return points of a quadratic curve from start to end, bowed to the right of travel by
    `bend` × its length (screen coordinates, y down)."""
    (x0, y0), (x2, y2) = start, end
    dx, dy = x2 - x0, y2 - y0
    x1, y1 = (x0 + x2) / 2 - dy * bend, (y0 + y2) / 2 + dx * bend
    return [
        (
            (1 - t) ** 2 * x0 + 2 * (1 - t) * t * x1 + t * t * x2,
            (1 - t) ** 2 * y0 + 2 * (1 - t) * t * y1 + t * t * y2,
        )
        for t in (i / n for i in range(n + 1))
    ]


def _trim(points: list[tuple[float, float]], start: float, end: float) -> list[tuple[float, float]]:
    """Return the polyline without its first `start` and last `end` pixels."""

    def cut(pts: list[tuple[float, float]], length: float) -> list[tuple[float, float]]:
        out, left = list(pts), length
        while len(out) > 1:
            (ax, ay), (bx, by) = out[0], out[1]
            seg = math.hypot(bx - ax, by - ay)
            if seg > left:
                f = left / seg
                out[0] = (ax + (bx - ax) * f, ay + (by - ay) * f)
                return out
            left -= seg
            out.pop(0)
        return out

    return cut(cut(points, start)[::-1], end)[::-1]


def arrowhead(path: list[tuple[float, float]], width: float, dashed: bool):
    """Return (trimmed path, triangle): the head's tip sits where the path ended."""
    total = sum(math.hypot(bx - ax, by - ay) for (ax, ay), (bx, by) in itertools.pairwise(path))
    length = 11.0 if dashed else max(12.0, 2.0 * width)
    half = 5.0 if dashed else max(6.0, 1.1 * width)
    if length > 0.4 * total:  # a short flow keeps most of its body: a smaller head, same shape
        half, length = half * 0.4 * total / length, 0.4 * total
    tip = path[-1]
    body = _trim(path, 0, length)
    bx, by = body[-1]
    dx, dy = tip[0] - bx, tip[1] - by
    norm = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / norm * half, dx / norm * half
    return body, (tip, (bx + nx, by + ny), (bx - nx, by - ny))


def _place_label(
    pin: Pin,
    text: str,
    size: int,
    bold: bool,
    taken: list[Box],
    dots: list[Box],
    frame: Box,
    lines: list[list[tuple[float, float]]],
) -> Box | None:
    """Return the first free box for a label around its dot (right, left, above, below,
    the corners, then further out): inside the frame, clear of every label and dot, and
    crossing the fewest flow lines (the bitmap draws labels last, with a halo; the hover
    points then move off the labels, _free_handles); None when none fits."""
    w, h = text_size(text, size, bold)
    g = PIN_RADIUS + LABEL_GAP
    x, y = pin.x, pin.y
    candidates = [
        (x + g, y - h / 2),
        (x - g - w, y - h / 2),
        (x - w / 2, y - g - h),
        (x - w / 2, y + g),
        (x + g * 0.7, y - g * 0.7 - h),
        (x + g * 0.7, y + g * 0.7),
        (x - g * 0.7 - w, y - g * 0.7 - h),
        (x - g * 0.7 - w, y + g * 0.7),
    ]
    far = 2.2 * g
    candidates += [
        (x + far, y - h / 2),
        (x - far - w, y - h / 2),
        (x - w / 2, y - far - h),
        (x - w / 2, y + far),
    ]
    best, best_hits = None, None
    for cx, cy in candidates:
        box = (cx - 1, cy - 1, cx + w + 1, cy + h + 1)
        if box[0] < frame[0] or box[1] < frame[1] or box[2] > frame[2] or box[3] > frame[3]:
            continue
        if any(overlaps(box, other) for other in taken) or any(overlaps(box, d) for d in dots):
            continue
        hits = sum(
            1
            for line in lines
            for px, py in line
            if box[0] <= px <= box[2] and box[1] <= py <= box[3]
        )
        if best_hits is None or hits < best_hits:
            best, best_hits = box, hits
            if hits == 0:
                break
    return best


_PlaceKey = tuple[float, float]


def _place_key(lon: float, lat: float) -> _PlaceKey:
    return (round(lon, 4), round(lat, 4))


def _collect_places(drawn: pd.DataFrame, counts: pd.DataFrame) -> dict[_PlaceKey, dict]:
    """Return the places the map shows, one per point: every end of a drawn flow, and every
    country with actions and a point; several codes at one point share it."""
    places: dict[_PlaceKey, dict] = {}

    def add(code: str, name: str, kind: str, lon: float, lat: float, quantified: bool, n: int):
        place = places.setdefault(
            _place_key(lon, lat),
            {"codes": [], "names": [], "kinds": [], "lon": lon, "lat": lat},
        )
        place.setdefault("quantified", False)
        place.setdefault("flows", 0)
        if code not in place["codes"]:
            place["codes"].append(code)
            place["names"].append(name)
            place["kinds"].append(kind)
        place["quantified"] |= quantified
        place["flows"] += n

    for _, row in drawn.iterrows():
        for end in (Flow.ORIGIN, Flow.DESTINATION):
            add(
                row[end],
                row[f"{end}_name"],
                row[f"{end}_kind"],
                float(row[f"{end}_lon"]),
                float(row[f"{end}_lat"]),
                pd.notna(row[Flow.PEOPLE]),
                1,
            )
    for _, row in counts.dropna(subset=["lat", "lon"]).iterrows():
        add(row["code"], row["name"], "country", float(row["lon"]), float(row["lat"]), False, 0)
    return places


def _pin_priority(code: str, place: dict, country: str | None, selected: str | None) -> int:
    """Return a place's label priority: the selected country, then places with a figure,
    the other countries at flows' ends, regions, countries with actions only."""
    if code == selected:
        return 0
    if place["quantified"]:
        return 1
    if place["flows"] and country:
        return 2
    return 3 if place["flows"] else 4


def _pins(
    places: dict[_PlaceKey, dict],
    view: View,
    action_count: dict[str, int],
    selected: str | None,
    place_tips: dict[str, str],
) -> list[Pin]:
    """Return one dot per place, in label priority order (then by flows, actions, name)."""
    pins = []
    for place in places.values():
        country = next(
            (c for c, k in zip(place["codes"], place["kinds"], strict=True) if k == "country"), None
        )
        code = country or place["codes"][0]
        x, y = view.project(place["lon"], place["lat"])
        tip = "\n\n".join(
            place_tips.get(c, n) for c, n in zip(place["codes"], place["names"], strict=True)
        )  # every place at the point
        pins.append(
            Pin(
                code,
                " / ".join(place["names"]),
                round(x, 2),
                round(y, 2),
                place["lon"],
                place["lat"],
                _pin_priority(code, place, country, selected),
                country is not None,
                int(action_count.get(code, 0)),
                tip,
            )
        )
    pins.sort(
        key=lambda p: (p.priority, -places[_place_key(p.lon, p.lat)]["flows"], -p.actions, p.name)
    )
    return pins


def _rounded(points) -> tuple[tuple[float, float], ...]:
    return tuple((round(x, 2), round(y, 2)) for x, y in points)


def _drawn_flows(
    drawn: pd.DataFrame,
    at: dict[str, tuple[float, float]],
    largest: float,
    selected: str | None,
    tooltips: dict[str, str],
    yours: pd.Series | None,
    widest: float = MAX_WIDTH,
    direction: str = "both",
) -> list[DrawnFlow]:
    """Return one drawn direction per flow (two for both_ways), lanes of the same ordered
    pair bending further; muted first and figures under dashes, so highlighted flows and
    figures are drawn on top."""
    lanes: dict[tuple[str, str], int] = {}
    flows = []
    for idx, row in drawn.iterrows():
        ends = [(row[Flow.ORIGIN], row[Flow.DESTINATION])]
        if row[Flow.DIRECTION] == "both_ways":
            ends.append((row[Flow.DESTINATION], row[Flow.ORIGIN]))
        mine = bool(yours is not None and yours.get(idx, False))
        dashed = pd.isna(row[Flow.PEOPLE])
        width = flow_width(row[Flow.PEOPLE], largest, widest)
        colour = YOURS_HEX if mine else crisis_colour(row[Flow.CRISIS])
        into, out = row[Flow.DESTINATION] == selected, row[Flow.ORIGIN] == selected
        touches = selected is not None and (
            into if direction == "in" else out if direction == "out" else into or out
        )
        emphasis = "normal" if selected is None else ("highlight" if touches else "muted")
        for a, b in ends:
            lane = lanes.get((a, b), 0)
            lanes[(a, b)] = lane + 1
            points = curve(at[a], at[b], CURVE + CURVE_STEP * lane)
            points = _trim(points, PIN_RADIUS + 2, PIN_RADIUS + 2)
            body, head = arrowhead(points, width, dashed)
            mid = points[len(points) // 2]
            flows.append(
                DrawnFlow(
                    row[Flow.ID],
                    row[Flow.CRISIS],
                    a,
                    b,
                    MUTED_HEX if emphasis == "muted" else colour,
                    width,
                    dashed,
                    _rounded(body),
                    _rounded(head),
                    (round(mid[0], 2), round(mid[1], 2)),
                    emphasis,
                    mine,
                    tooltips.get(row[Flow.ID], ""),
                )
            )
    flows.sort(key=lambda f: (f.emphasis != "muted", not f.dashed))
    return flows


def _square(x: float, y: float, radius: float) -> Box:
    return (x - radius, y - radius, x + radius, y + radius)


def _labels(
    pins: list[Pin], flows: list[DrawnFlow], layout: Layout
) -> tuple[list[Label], list[str]]:
    """Return the labels placed by priority where they fit, and the names left without one."""
    frame = (2.0, 2.0, layout.width - 2.0, layout.height - 2.0)
    dots = [_square(p.x, p.y, PIN_RADIUS) for p in pins]
    lines = [list(f.path) for f in flows]
    labels, taken, unlabelled = [], [], []
    for i, pin in enumerate(pins):
        others = dots[:i] + dots[i + 1 :]
        bold = pin.priority <= 1
        box = _place_label(pin, pin.name, layout.font_size, bold, taken, others, frame, lines)
        if box is None:
            unlabelled.append(pin.name)
            continue
        taken.append(box)
        labels.append(
            Label(pin.code, pin.name, tuple(round(v, 2) for v in box), layout.font_size, bold)
        )
    return labels, unlabelled


def _free_handles(
    flows: list[DrawnFlow], labels: list[Label], pins: list[Pin]
) -> tuple[list[DrawnFlow], set[str]]:
    """Return the flows with each hover point moved along its curve off every label and dot
    (deck.gl draws hover points over the bitmap, so one on a label would cover it) and, as
    far as it goes, off the other hover points; and the codes of the labels a hover point
    could not leave. A label in bold (a place with a figure) is never given up: the hover
    point of a flow lying across it is dropped instead."""
    boxes = [label.box for label in labels]
    dots = [_square(p.x, p.y, PIN_RADIUS + 1) for p in pins]
    placed: list[Box] = []
    out, covered = [], set()
    for flow in flows:
        path = flow.path
        mid = (len(path) - 1) / 2
        spots = [path[i] for i in sorted(range(len(path)), key=lambda i: abs(i - mid))]
        clear = [
            p
            for p in spots
            if not any(overlaps(_square(*p, HANDLE_RADIUS + 1), b) for b in boxes + dots)
        ]
        apart = [
            p for p in clear if not any(overlaps(_square(*p, HANDLE_RADIUS), h) for h in placed)
        ]
        spot = (apart or clear or [flow.handle])[0]
        if not clear:
            hb = _square(*spot, HANDLE_RADIUS + 1)
            under = [label for label in labels if overlaps(hb, label.box)]
            if any(label.bold for label in under):
                out.append(replace(flow, handle=None))
                continue
            covered |= {label.code for label in under}
        placed.append(_square(*spot, HANDLE_RADIUS))
        out.append(replace(flow, handle=(round(spot[0], 2), round(spot[1], 2))))
    return out, covered


def _relabel(
    labels: list[Label], covered: set[str], pins: list[Pin], flows: list[DrawnFlow], layout: Layout
) -> tuple[list[Label], list[str]]:
    """Return the labels with each one a hover point could not leave placed again clear of
    every hover point too, and the names of those that found no such place (dropped)."""
    if not covered:
        return labels, []
    frame = (2.0, 2.0, layout.width - 2.0, layout.height - 2.0)
    handles = [_square(*f.handle, HANDLE_RADIUS + 1) for f in flows if f.handle]
    lines = [list(f.path) for f in flows]
    kept, dropped = [], []
    for label in labels:
        if label.code not in covered:
            kept.append(label)
            continue
        pin = next(p for p in pins if p.code == label.code)
        taken = [other.box for other in labels if other is not label]
        dots = [_square(p.x, p.y, PIN_RADIUS) for p in pins if p is not pin] + handles
        box = _place_label(pin, pin.name, label.size, label.bold, taken, dots, frame, lines)
        if box is None:
            dropped.append(label.text)
        else:
            kept.append(replace(label, box=tuple(round(v, 2) for v in box)))
    return kept, dropped


def map_model(
    drawn: pd.DataFrame,
    counts: pd.DataFrame,
    largest: float,
    layout: Layout = DESKTOP,
    selected: str | None = None,
    tooltips: dict[str, str] | None = None,
    place_tips: dict[str, str] | None = None,
    yours: pd.Series | None = None,
    scale: MapScale | None = None,
    direction: str = "both",
) -> MapModel:
    """Return what the map draws for `drawn` flows (lib.model.selection.map_split: each with both
    ends' names, kinds and points) and `counts` (actions per country: code, name, actions,
    lat, lon), fitted to `layout`, with `selected`'s flows highlighted and the rest muted.

    `largest` is the figure drawn widest, so widths compare across crises (and years: see
    lib.model.timeline). `scale` fixes the extent (the points to fit, the same every year) and how
    many bands with a figure the map may hold (their widest shrinks when they are many).
    `tooltips` gives each flow's text by id, `place_tips` each place's, `yours` marks
    uploaded rows (by index).
    The steps: places, the view fitted to them, pins, flows, labels, the actions shading.
    """
    places = _collect_places(drawn, counts)
    scale = scale or MapScale()
    view = fit_view(scale.extent or [(p["lon"], p["lat"]) for p in places.values()], layout)
    widest = (
        widest_band(scale.bands, neighbour_gaps(view, scale.extent))
        if scale.extent
        else (MAX_WIDTH)
    )
    action_count = dict(zip(counts["code"], counts["actions"], strict=True)) if len(counts) else {}
    pins = _pins(places, view, action_count, selected, place_tips or {})
    at = {c: (p.x, p.y) for p in pins for c in places[_place_key(p.lon, p.lat)]["codes"]}
    flows = _drawn_flows(drawn, at, largest, selected, tooltips or {}, yours, widest, direction)
    labels, unlabelled = _labels(pins, flows, layout)
    flows, covered = _free_handles(flows, labels, pins)
    labels, dropped = _relabel(labels, covered, pins, flows, layout)
    unlabelled += dropped
    most = int(counts["actions"].max()) if len(counts) else 0
    fills = {row["code"]: actions_colour(int(row["actions"]), most) for _, row in counts.iterrows()}
    return MapModel(
        layout,
        view,
        tuple(flows),
        tuple(pins),
        tuple(labels),
        tuple(unlabelled),
        fills,
        most,
        selected,
    )
