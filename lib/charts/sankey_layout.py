"""Where a Sankey's nodes and labels go, so that no label overlaps another at any width from
the narrowest its page gives it.

plotly lays a Sankey out in the browser and puts each node's label beside it: right of the
node, except in the last column, where it is left of it. Two labels in the gap before the
last column (one from each side) overlapped there ("Rest of the region 2.5 million" over
"Ecuador · magnitude not reported" at 1024 px). The server never learns the width, so
`fit_sankey` lays the nodes out itself, for the narrowest plot its page gives it
(`SankeyFit.min_width`): a label wider than its gap is broken into lines (measured in DejaVu
Sans, wider than the page's font), nodes in a column are spaced so their labels clear each
other, and a last-column label that would meet a label from the column before it in their
shared gap goes above or below it. A wider plot only widens the gaps, so what clears at the
narrowest clears at every width.

The node heights are plotly's own: its d3-sankey scales every node by
ky = min over columns of (H − (n − 1)·pad) / sum of the column's values, with the padding cut
to 2/3·H/(largest column − 1) when that is smaller, and a node's value is the larger of its
incoming and outgoing sums. The positions go to plotly as node.x and node.y (the centre of a
node, as shares of the plot), which it keeps with arrangement "fixed". With the padding cut
(PAD), every height is a share of the plot's, so the layout holds in a taller drawing; when
the labels need more room than the plot has, the plot grows.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass

import plotly.graph_objects as go

from lib.base.fmt import plotly_safe
from lib.charts.textfit import text_width
from lib.charts.titles import LINE_SPACING, lines_within

TEXT_PAD = 3.25  # plotly's gap between a node and its label: 3 px and half the node's outline
CLEAR = 4.0  # the least room between two labels, in px
PAD_SHARE = 2 / 3  # d3-sankey cuts the padding to this share of H / (largest column − 1)
# plotly's node.pad: more than d3 ever keeps, so it is always cut to PAD_SHARE·H/(m − 1) and
# every node's height is a fixed share of the plot's. Drawn taller (a 1920×1080 PNG, a slide),
# the layout only gains room.
PAD = 100_000


@dataclass(frozen=True)
class SankeyFit:
    """What a Sankey's labels are laid out for: the narrowest plot (px, without margins) it
    must fit, its label size (px), its node thickness, least gap between nodes (px), and the
    lowest plot it is drawn in."""

    min_width: int
    font_size: int
    thickness: int = 16
    gap: int = 12
    min_plot: int = 0  # px: the lowest plot it is drawn in, when lower than its own (0: own)


PAGE_FIT = SankeyFit(540, 14)  # /corridors: the main column at 1024 px with the sidebar open


@dataclass
class _Label:
    text: str  # plotly text, lines joined by <br>
    width: float  # px
    half: float  # half its height, px


def columns(count: int, sources: list[int], targets: list[int]) -> list[int]:
    """Return each node's column as plotly's d3-sankey justifies it: the longest path from a
    node without inputs, and the last column for every node without outputs."""
    succs: dict[int, list[int]] = defaultdict(list)
    for s, t in zip(sources, targets, strict=True):
        succs[s].append(t)
    depth = [0] * count
    frontier, step = set(range(count)), 0
    while frontier and step <= count:  # breadth first, as d3 does: the last visit wins
        following: set[int] = set()
        for node in frontier:
            depth[node] = step
            following.update(succs[node])
        frontier, step = following, step + 1
    last = max(depth, default=0)
    return [depth[i] if succs[i] else last for i in range(count)]


def node_values(count: int, sources: list[int], targets: list[int], values: list[float]):
    """Return each node's value as d3-sankey takes it: the larger of its in and out sums."""
    into, out = [0.0] * count, [0.0] * count
    for s, t, v in zip(sources, targets, values, strict=True):
        out[s] += v
        into[t] += v
    return [max(a, b) for a, b in zip(into, out, strict=True)]


def node_scale(height: float, cols: list[int], values: list[float], pad: float) -> float:
    """Return plotly's pixels per unit of value (ky) for a plot `height` px high."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(cols):
        members[c].append(i)
    most = max(len(m) for m in members.values())
    gap = min(pad, PAD_SHARE * height / (most - 1)) if most > 1 else pad
    return min(
        (height - (len(m) - 1) * gap) / max(sum(values[i] for i in m), 1e-9)
        for m in members.values()
    )


def _label(raw: str, room: float, size: int) -> _Label:
    """Break a node's label (its parts split by <br>) into lines no wider than `room`."""
    lines = [
        line for part in raw.split("<br>") for line in lines_within(html.unescape(part), room, size)
    ]
    width = max(text_width(line, size) for line in lines)
    text = "<br>".join(plotly_safe(line) for line in lines)
    return _Label(text, width, LINE_SPACING * size * len(lines) / 2 + 1)


@dataclass
class _Placed:
    top: list[float]  # each node's top, px
    needed: float  # the lowest point any node or label reaches, px


def _tree_keys(count: int, sources: list[int], targets: list[int]) -> list[tuple]:
    """Return each node's place in reading order: its first parent's key, then its rank
    among that parent's links (the flows' order), so children follow their parent and the
    bands of one node do not cross each other."""
    firsts: dict[int, tuple[int, int]] = {}
    rank: dict[int, int] = defaultdict(int)
    for s, t in zip(sources, targets, strict=True):
        if t not in firsts:
            firsts[t] = (s, rank[s])
            rank[s] += 1
    keys: dict[int, tuple] = {}

    def key(i: int, seen: frozenset = frozenset()) -> tuple:
        if i not in keys:
            parent = firsts.get(i)
            keys[i] = (
                (i,)
                if parent is None or parent[0] in seen
                else (*key(parent[0], seen | {i}), parent[1])
            )
        return keys[i]

    return [key(i) for i in range(count)]


@dataclass
class _Graph:
    cols: list[int]
    sources: list[int]
    targets: list[int]
    values: list[float]
    keys: list[tuple]  # reading order (_tree_keys)
    order: list[list[int]]  # each column's nodes, top first


def _graph(count: int, sources: list[int], targets: list[int], values: list[float]) -> _Graph:
    cols = columns(count, sources, targets)
    keys = _tree_keys(count, sources, targets)
    order = [
        sorted((i for i in range(count) if cols[i] == c), key=lambda i: keys[i])
        for c in range(max(cols) + 1)
    ]
    return _Graph(cols, sources, targets, values, keys, order)


def _wanted(graph: _Graph, top: list[float], heights: list[float], ky: float) -> list[float]:
    """Return where each node's top would be if it sat level with the bands that feed it:
    a node's outgoing bands leave it top to bottom in the order of their targets."""
    out: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for s, t, v in zip(graph.sources, graph.targets, graph.values, strict=True):
        out[s].append((t, v))
    wanted: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for s, links in out.items():
        offset = top[s]
        for t, v in sorted(links, key=lambda link: graph.keys[link[0]]):
            wanted[t].append((offset, v))
            offset += v * ky
    return [
        sum(y * v for y, v in wanted[i]) / max(sum(v for _, v in wanted[i]), 1e-9)
        if wanted[i]
        else 0.0
        for i in range(len(heights))
    ]


@dataclass
class _Column:
    """What placing one column needs: its nodes top first, their heights and labels, the
    labels of the column before they may meet (clash), the least gap between nodes."""

    members: list[int]
    heights: list[float]
    labels: list[_Label]
    clash: dict[int, list[int]]
    gap: float


def _down(col: _Column, wanted: list[float], top: list[float]) -> float:
    """Place the column's nodes top to bottom, each at `wanted` or lower: `gap` below the
    node above, its label clear of the label above and of every label it may meet in the
    column before; write their tops into `top`; return the lowest point reached."""
    floor, label_floor, low = 0.0, 0.0, 0.0
    for i in col.members:
        half, h = col.labels[i].half, col.heights[i]
        y = max(floor, label_floor + half - h / 2, half - h / 2, wanted[i])
        moved = True
        while moved:  # below every label of the column before that it would meet
            moved = False
            for j in col.clash.get(i, []):
                centre, other = top[j] + col.heights[j] / 2, col.labels[j].half + CLEAR
                if abs((y + h / 2) - centre) < half + other:
                    y = centre + other + half - h / 2 + 0.01
                    moved = True
        top[i] = y
        floor = y + h + col.gap
        label_floor = y + h / 2 + half + CLEAR
        low = max(low, y + h, y + h / 2 + half)
    return low


def _up(col: _Column, top: list[float], limit: float) -> list[float]:
    """Return the column's tops moved up as little as lets the lowest fit `limit`: from the
    bottom, each node `gap` above the one below and its label clear of that one's."""
    wanted = list(top)
    ceiling, label_ceiling = limit, limit
    for i in reversed(col.members):
        half, h = col.labels[i].half, col.heights[i]
        y = min(top[i], ceiling - h, label_ceiling - half - h / 2)
        wanted[i] = y
        ceiling = y - col.gap
        label_ceiling = y + h / 2 - half - CLEAR
    return wanted


def _place(
    graph: _Graph,
    heights: list[float],
    labels: list[_Label],
    clash: dict[int, list[int]],
    gap: float,
    ky: float,
    limit: float,
) -> _Placed:
    """Place the columns left to right. In a column, each node goes level with the bands
    that feed it, or lower (_down); when the column then runs past the plot's foot, its nodes
    move up as little as needed (_up) and are placed down again from there."""
    top = [0.0] * len(heights)
    needed = 0.0
    for c, members in enumerate(graph.order):
        col = _Column(members, heights, labels, clash, gap)
        wanted = _wanted(graph, top, heights, ky) if c else [0.0] * len(heights)
        low = _down(col, wanted, top)
        if low > limit:
            low = _down(col, _up(col, top, limit), top)
        needed = max(needed, low)
    return _Placed(top, needed)


def _units(raw: str) -> list[str]:
    """Return what a label may not break inside: each word of its first line (the place),
    and each later line whole (its figure: "2.5 million" stays on one line)."""
    first, *rest = html.unescape(raw).split("<br>")
    return [*first.split(" "), *rest]


def _gaps(raw: list[str], cols: list[int], fit: SankeyFit) -> list[float]:
    """Return the room between each column and the next at the narrowest width (px). Each gap
    holds the labels right of its column's nodes (the last gap, also the last column's left
    labels): it gets at least their widest word or figure, and of the rest of the width a
    share in proportion to what they would need on one line."""
    last = max(cols)
    pads = 2 * TEXT_PAD + CLEAR

    def width(text: str) -> float:
        return text_width(text, fit.font_size)

    def members(k: int) -> list[int]:
        return [i for i, c in enumerate(cols) if c == k or (k == last - 1 and c == last)]

    whole = [
        max(
            (width(" ".join(html.unescape(raw[i]).split("<br>")[:1])) for i in members(k)),
            default=0,
        )
        for k in range(last)
    ]
    floor = [
        max((width(u) for i in members(k) for u in _units(raw[i])), default=0) + pads
        for k in range(last)
    ]
    room = fit.min_width - (last + 1) * fit.thickness
    want = [max(w + pads - f, 0.0) for w, f in zip(whole, floor, strict=True)]
    spare = max(room - sum(floor), 0.0)
    if sum(want) <= spare:
        return [f + w + (spare - sum(want)) / last for f, w in zip(floor, want, strict=True)]
    return [f + spare * w / sum(want) for f, w in zip(floor, want, strict=True)]


def _clashes(cols: list[int], labels: list[_Label], gap: float) -> dict[int, list[int]]:
    """Return, for each last-column node, the nodes of the column before whose right label
    would meet its left label in their shared gap (`gap` px at the narrowest width)."""
    last = max(cols)
    if last < 1:
        return {}
    before = [j for j, c in enumerate(cols) if c == last - 1]
    return {
        i: [j for j in before if labels[i].width + labels[j].width + 2 * TEXT_PAD + CLEAR > gap]
        for i, c in enumerate(cols)
        if c == last
    }


LINK_FIELDS = ("source", "target", "value", "label", "customdata", "color")


def _links_in_order(trace, centres: list[float]) -> None:
    """Sort the trace's links by the heights of their source, then of their target, and
    have plotly keep that order at each node (link.sort "input"): its own order comes from
    its own layout, whose bands would cross in this one."""
    link = trace.link
    order = sorted(
        range(len(link.source)),
        key=lambda k: (centres[link.source[k]], centres[link.target[k]]),
    )
    for name in LINK_FIELDS:
        values = getattr(link, name)
        if values is not None and not isinstance(values, str) and len(values) == len(order):
            setattr(link, name, [values[k] for k in order])
    link.sort = "input"


def fit_sankey(fig: go.Figure, fit: SankeyFit = PAGE_FIT) -> go.Figure:
    """Lay out the figure's Sankey (lib.charts.sankey) for `fit`: wrapped labels, node positions,
    the node padding and, when it needs more room, the figure's height. Return the figure;
    one without a Sankey trace, or with a single column, comes back untouched."""
    trace = next((t for t in fig.data if t.type == "sankey"), None)
    if trace is None or not trace.link.source:
        return fig
    raw = list((trace.meta or {}).get("labels") or trace.node.label)
    src, tgt = list(trace.link.source), list(trace.link.target)
    vals = [float(v) for v in trace.link.value]
    count = len(raw)
    cols = columns(count, src, tgt)
    last = max(cols)
    if last < 1:
        return fig
    size, thick = fit.font_size, fit.thickness
    gaps = _gaps(raw, cols, fit)
    lefts = [sum(gaps[:k]) + k * thick for k in range(last + 1)]  # each column's left edge
    labels = [
        _label(r, gaps[min(c, last - 1)] - 2 * TEXT_PAD - CLEAR, size)
        for r, c in zip(raw, cols, strict=True)
    ]
    values = node_values(count, src, tgt, vals)
    graph = _graph(count, src, tgt, vals)
    clash = _clashes(cols, labels, gaps[-1])
    margin_t, margin_b = fig.layout.margin.t or 0, fig.layout.margin.b or 0
    own = max((fig.layout.height or 0) - margin_t - margin_b, 200.0)
    plot = min(own, fit.min_plot) if fit.min_plot else own
    for _ in range(60):  # the labels keep their size while all else grows with the plot
        ky = node_scale(plot, cols, values, PAD)
        heights = [max(v * ky, 0.5) for v in values]
        placed = _place(graph, heights, labels, clash, fit.gap, ky, plot)
        if placed.needed <= plot:
            break
        plot *= max(1.05, placed.needed / plot)
    centres = [t + h / 2 for t, h in zip(placed.top, heights, strict=True)]
    _links_in_order(trace, centres)
    trace.node.label = [label.text for label in labels]
    trace.node.pad = PAD
    trace.node.thickness = thick
    trace.node.x = [(lefts[c] + thick / 2) / fit.min_width for c in cols]
    trace.node.y = [max(c, 0.5) / plot for c in centres]
    trace.arrangement = "fixed"
    trace.meta = {"labels": raw}
    fig.update_layout(height=round(max(plot, own) + margin_t + margin_b))
    return fig


PLACES = "places"  # the name of the text trace of a chart of flows without figures
SIDE_SHARE = 0.25  # a side label of a chart without figures takes at most this share
MIDDLE_SHARE = 0.2  # a middle column's label (centred above its node) at most this share


def fit_named_flows(fig: go.Figure, fit: SankeyFit = PAGE_FIT) -> go.Figure:
    """Break the labels of a chart of flows without figures (lib.charts.sankey.named_flows_figure)
    for `fit` and give the x axis room for them beside the first and last columns, so that
    they stay inside the plot at every width from `fit.min_width`. Return the figure."""
    trace = next((t for t in fig.data if t.name == PLACES), None)
    if trace is None:
        return fig
    raw = list((trace.meta or {}).get("labels") or trace.text)
    size, width = fit.font_size, fit.min_width
    sides = list(trace.textposition)
    texts, used = [], {"middle left": 0.0, "middle right": 0.0}
    for label, side in zip(raw, sides, strict=True):
        share = MIDDLE_SHARE if side == "top center" else SIDE_SHARE
        lines = lines_within(html.unescape(label), share * width, size)
        texts.append("<br>".join(plotly_safe(line) for line in lines))
        if side in used:
            used[side] = max(used[side], max(text_width(line, size) for line in lines))
    # The nodes span 0..1; a side label needs its width and the marker's half (9 px) and a
    # gap beside it. With `span` units across the plot, a px is span / width units.
    room = {side: w + 9 + 2 * CLEAR if w else CLEAR for side, w in used.items()}
    span = 1 / max(1 - (room["middle left"] + room["middle right"]) / width, 0.2)
    left = room["middle left"] / width * span
    trace.text = texts
    trace.textfont.size = size
    trace.meta = {"labels": raw}
    fig.update_xaxes(range=[-left, span - left])
    return fig


def fit_chart(fig: go.Figure, fit: SankeyFit) -> go.Figure:
    """Lay a chart of lib.charts.sankey out again for `fit` (a slide's larger text): the Sankey's
    nodes and labels, or the labels of a chart of flows without figures. Any other figure
    comes back untouched."""
    return fit_named_flows(fit_sankey(fig, fit), fit)
