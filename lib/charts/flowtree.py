"""The Sankey's narrow layout: the same flows as a tree read from top to bottom.

On a phone a Sankey's columns leave each label a few characters. Here every place has its own
row, its label above its node, as wide as the screen allows; a flow leaves its origin's node to
the right, turns down in a lane of its own and turns right into its destination's node, one
level further in. Every band is a line as thick as its figure (the same scale for the whole
chart, in pixels, whatever the width), a flow without a figure a grey hairline; the lines of
one node never cross, and no text shares a row with another, so nothing overlaps at any width
from `TreeFit.min_width`.

A place reached by several flows (a corridor, a country that receives from several origins)
gets a row under each origin: the tree shows each path once and adds nothing up. A node that
several flows reach together (a corridor) shows no number, as the Sankey's does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from lib.base.fmt import people_compact, plotly_safe
from lib.base.i18n import tr
from lib.base.palette import UNQUANTIFIED_HEX, crisis_colour, rgba_css
from lib.charts.titles import LINE_SPACING, lines_within

NBSP = "\u00a0"
NODE_GREY = "#5f6b73"


@dataclass(frozen=True)
class TreeFit:
    """The narrow layout's sizes, in px: the narrowest plot it must fit (a 320 px phone less
    the page's padding), label size, indent per level, node width, widest band, hairline."""

    min_width: int = 280
    font_size: int = 14
    indent: int = 42
    node: int = 6
    band: float = 20.0
    hairline: float = 1.5
    row_gap: int = 12


PHONE_TREE = TreeFit()


@dataclass
class Row:
    """One place of the tree: its node, its label, the flows that reach it from its parent."""

    key: str
    depth: int
    label: str
    people: float  # the figure that reaches it (NaN: not reported, or several flows)
    links: list[int]  # the links from its parent (empty for a root)
    children: list[int] = field(default_factory=list)  # rows
    top: float = 0.0  # px, its label's top
    bar: tuple[float, float] = (0.0, 0.0)  # px, its node's top and bottom
    lines: list[str] = field(default_factory=list)


def _row_label(name: str, people: float, leaf: bool, unreported: str, lang: str) -> str:
    """Return a row's text: the place, then its figure when it has one; a place at the end of
    a flow without a figure says 'magnitude not reported'."""
    if pd.notna(people):  # no-break spaces: the figure stays on one line, the dot with the name
        return f"{name}{NBSP}· {people_compact(people, lang).replace(' ', NBSP)}"
    return f"{name}{NBSP}· {unreported}" if leaf else name


def tree_rows(nodes: pd.DataFrame, links: pd.DataFrame, lang: str = "en") -> list[Row]:
    """Return the rows of the tree, top first: each node without inputs, then depth first
    what its flows reach (flows with figures first, largest first); a node reached through
    a group of flows continues only with those flows, when it has any of them."""
    unreported = tr(lang)("magnitude not reported")
    names = dict(zip(nodes["key"], nodes["label"], strict=True))
    totals = dict(zip(nodes["key"], nodes["people"], strict=True))
    outs: dict[str, list[int]] = {}
    for i, s in enumerate(links["source"]):
        outs.setdefault(s, []).append(i)
    fed = set(links["target"])
    rows: list[Row] = []

    def visit(key: str, depth: int, via: list[int], path: frozenset) -> int:
        people = links["people"].iloc[via[0]] if len(via) == 1 else float("nan")
        row = Row(key, depth, "", people, via)
        rows.append(row)
        index = len(rows) - 1
        flows = {links["flow_id"].iloc[i] for i in via}
        mine = outs.get(key, [])
        mine = [i for i in mine if links["flow_id"].iloc[i] in flows] or mine
        groups: dict[str, list[int]] = {}
        for i in mine:
            if links["target"].iloc[i] not in path:
                groups.setdefault(links["target"].iloc[i], []).append(i)

        def weight(group: list[int]) -> float:
            return -float(links["people"].iloc[group].fillna(0).sum())

        for target, group in sorted(groups.items(), key=lambda item: weight(item[1])):
            row.children.append(visit(target, depth + 1, group, path | {target}))
        # A place's own figure (a root's total, a region's share); at the end of one flow,
        # that flow's figure; a place several flows reach together (a corridor) has none.
        shown = totals.get(key, float("nan"))
        if pd.isna(shown) and len(via) == 1 and not row.children:
            shown = people
        row.label = _row_label(names[key], shown, bool(via) and not row.children, unreported, lang)
        return index

    for key in nodes["key"]:
        if key not in fed:
            visit(key, 0, [], frozenset({key}))
    return rows


def _width(row: Row, links: pd.DataFrame, scale: float, fit: TreeFit) -> float:
    """Return the thickness (px) of the band that reaches a row: its flows' figures at
    `scale`, or a hairline when none has one."""
    known = links["people"].iloc[row.links].dropna()
    return float(known.sum()) * scale if len(known) else fit.hairline


def _scale(rows: list[Row], links: pd.DataFrame, fit: TreeFit) -> float:
    """Return px per person: the largest figure gets `fit.band` px, unless a node's bands
    would not fit side by side in the room between two levels."""
    largest, widest = 0.0, 0.0
    for row in rows:
        if pd.notna(row.people) and not row.links:
            largest = max(largest, float(row.people))
        out = 0.0
        for child in row.children:
            known = links["people"].iloc[rows[child].links].dropna()
            largest = max(largest, float(known.sum()))
            out += float(known.sum())
        widest = max(widest, out)
    if largest <= 0:
        return 0.0
    room = fit.indent - fit.node - 3 * fit.hairline - 8  # the lanes between two levels
    return min(fit.band / largest, room / widest if widest else float("inf"))


def _place(rows: list[Row], links: pd.DataFrame, scale: float, fit: TreeFit) -> float:
    """Give every row its label lines, its label's top and its node's extent; return the
    height of the whole tree (px)."""
    line = LINE_SPACING * fit.font_size
    y = 4.0
    for row in rows:
        x = row.depth * fit.indent
        room = fit.min_width - x - 4
        row.lines = lines_within(row.label, room, fit.font_size)
        incoming = _width(row, links, scale, fit) if row.links else 0.0
        own = float(row.people) * scale if not row.links and pd.notna(row.people) else 0.0
        outgoing = sum(_width(rows[c], links, scale, fit) for c in row.children)
        height = max(incoming, own, outgoing, 10.0)
        row.top = y
        bar_top = y + line * len(row.lines) + 3
        row.bar = (bar_top, bar_top + height)
        y = row.bar[1] + fit.row_gap
    return y


def _band(parent: Row, child: Row, offset: float, lane: float, width: float, fit: TreeFit):
    """Return the x and y of a band's path: out of the parent's node, down its lane, into the
    child's node."""
    start = parent.depth * fit.indent + fit.node
    y0 = parent.bar[0] + offset + width / 2
    y1 = (child.bar[0] + child.bar[1]) / 2
    end = child.depth * fit.indent
    return [start, lane, lane, end], [y0, y0, y1, y1]


def _bands(rows: list[Row], links: pd.DataFrame, scale: float, fit: TreeFit, lang: str):
    """Yield one line trace per band. A node's bands leave it top to bottom in the order of
    its rows; the nearest child's lane is the outermost, so no two bands cross; the flows
    without a figure share one hairline lane, the innermost."""
    for parent in rows:
        kids = [rows[c] for c in parent.children]
        widths = [_width(k, links, scale, fit) for k in kids]
        grey = [pd.isna(links["people"].iloc[k.links]).all() for k in kids]
        left = parent.depth * fit.indent + fit.node + 3
        lane = left + (fit.hairline + 2 if any(grey) else 0)
        lanes: list[float] = [0.0] * len(kids)
        for i in reversed(range(len(kids))):  # the farthest child's lane is the innermost
            if grey[i]:
                lanes[i] = left + fit.hairline / 2
            else:
                lanes[i] = lane + widths[i] / 2
                lane += widths[i] + 1
        offset = 0.0
        for kid, width, lane_x, is_grey in zip(kids, widths, lanes, grey, strict=True):
            xs, ys = _band(parent, kid, offset, lane_x, width, fit)
            offset += width
            crisis = links["crisis"].iloc[kid.links[0]]
            hover = "<br>".join(dict.fromkeys(links["hover"].iloc[kid.links]))
            yield go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(
                    width=width,
                    color=UNQUANTIFIED_HEX if is_grey else rgba_css(crisis_colour(crisis), 0.75),
                ),
                name=";".join(links["flow_id"].iloc[kid.links]),
                customdata=[[None if pd.isna(kid.people) else float(kid.people), hover]] * 4,
                hovertemplate="%{customdata[1]}<extra></extra>",
                showlegend=False,
            )


def flow_tree_figure(
    nodes: pd.DataFrame, links: pd.DataFrame, lang: str = "en", fit: TreeFit = PHONE_TREE
) -> go.Figure:
    """Return the flows of a Sankey (lib.charts.sankey.SankeyData's nodes and links) as a tree read
    from top to bottom, for a plot at least `fit.min_width` px wide: a row per place, bands
    as thick as their figures (grey hairlines without one), untitled (lib.charts.titles adds it)."""
    rows = tree_rows(nodes, links, lang)
    scale = _scale(rows, links, fit)
    height = _place(rows, links, scale, fit)
    fig = go.Figure(list(_bands(rows, links, scale, fit, lang)))
    xs: list[float | None] = []
    ys: list[float | None] = []
    for row in rows:
        x = row.depth * fit.indent + fit.node / 2
        xs += [x, x, None]
        ys += [row.bar[0], row.bar[1], None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line=dict(width=fit.node, color=NODE_GREY),
            hoverinfo="skip",
            name="nodes",
            showlegend=False,
        )
    )
    for row in rows:
        fig.add_annotation(
            x=row.depth * fit.indent,
            y=row.top,
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            text="<br>".join(plotly_safe(line) for line in row.lines),
            font=dict(size=fit.font_size, color="#1a1a1a"),
        )
    axis = dict(visible=False, fixedrange=True)
    fig.update_layout(
        height=round(height),
        margin=dict(l=4, r=4),
        xaxis=dict(axis, range=[0, fit.min_width]),
        yaxis=dict(axis, range=[height, 0]),
        plot_bgcolor="white",
        paper_bgcolor="white",
        hovermode="closest",
        meta={"rows": [row.key for row in rows]},
    )
    return fig
