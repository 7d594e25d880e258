"""Sankey diagrams (plotly) of the flows: the nested hierarchy and the corridors.

Nested figures are drawn as a hierarchy and never added up: a flow that is part_of another
starts from its parent's destination node (Venezuela → Latin America and the Caribbean →
Colombia). A flow with no magnitude, beside flows with figures, gets a grey hairline of the
thinnest width, labelled "magnitude not reported", and its node shows no number. A chart whose
flows have no figure at all is not a Sankey (plotly would stretch equal links into equally thick
bands, which read as equal magnitudes): it names the flows with grey hairlines of one fixed
width in pixels, the same at any size of export.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lib.base.fmt import people_compact, plotly_safe
from lib.base.i18n import tr, translate
from lib.base.marks import N_
from lib.base.palette import UNQUANTIFIED_HEX, crisis_colour, rgba_css
from lib.base.schema import Flow
from lib.charts.flowtree import NODE_GREY, flow_tree_figure
from lib.charts.sankey_layout import PAGE_FIT, PLACES, SankeyFit, fit_named_flows, fit_sankey
from lib.charts.titles import lines_within, titled
from lib.model.selection import ends_text, with_points

NOT_REPORTED = N_("magnitude not reported")
HAIRLINE_PX = 1.5  # width of the line of a flow without a figure, in pixels at any export size
CORRIDOR_NAMES = {
    "south_north": N_("South-north corridors"),
    "south_south": N_("South-south corridors"),
}


def not_reported(lang: str) -> str:
    """Return 'magnitude not reported' in a language."""
    return tr(lang)(NOT_REPORTED)


def corridor_name(corridor: str, lang: str) -> str:
    """Return a corridor kind's display name in a language."""
    return tr(lang)(CORRIDOR_NAMES[corridor])


@dataclass
class SankeyData:
    """Nodes and links ready to draw; `people` is NaN where the sheet gives no magnitude."""

    nodes: pd.DataFrame  # key, label, people, status, hover
    links: pd.DataFrame  # source, target, people, status, crisis, flow_id, hover


def _hover(row: pd.Series, lang: str) -> str:
    t = tr(lang)
    ends = ends_text(row, lang, plotly_safe)
    figure = (
        not_reported(lang)
        if pd.isna(row[Flow.PEOPLE])
        else f"{people_compact(row[Flow.PEOPLE], lang)} ({t(row[Flow.STATUS])})"
    )
    return f"{ends}: {figure}<br>" + t("Source: {section}", section=plotly_safe(row[Flow.SOURCE]))


def _link(source: str, target: str, row: pd.Series, flow_id: str, hover: str) -> dict:
    """Return one link of a Sankey: its ends and the flow's figure, status, crisis and id."""
    return {
        "source": source,
        "target": target,
        "people": row[Flow.PEOPLE],
        "status": row[Flow.STATUS],
        "crisis": row[Flow.CRISIS],
        "flow_id": flow_id,
        "hover": hover,
    }


def hierarchy_data(flows: pd.DataFrame, places: pd.DataFrame, lang: str = "en") -> SankeyData:
    """Return the nested Sankey of `flows`: each flow links its parent's node to its destination.

    A top flow that contains others (Venezuela → all destinations) is drawn as its origin
    node carrying the total. Node keys include the crisis, so crises never merge.
    """
    pts = with_points(flows, places)
    by_id = pts.set_index(Flow.ID)
    parents = set(pts[Flow.PART_OF].dropna())
    nodes: dict[str, dict] = {}
    links = []

    def node(
        key: str, label: str, people: float = float("nan"), status: str = "", hover: str = ""
    ) -> str:
        if key not in nodes:
            nodes[key] = {
                "key": key,
                "label": label,
                "people": people,
                "status": status,
                "hover": hover or plotly_safe(label),
            }
        elif pd.notna(people):
            nodes[key].update(people=people, status=status, hover=hover)
        return key

    def target_key(fid: str) -> str:
        row = by_id.loc[fid]
        if (
            pd.isna(row[Flow.PART_OF]) and fid in parents
        ):  # a top container: its origin node holds it
            return f"{row[Flow.CRISIS]}|from|{row[Flow.ORIGIN]}"
        return (
            f"{row[Flow.CRISIS]}|to|{row[Flow.DESTINATION]}|{fid}"
            if fid in parents
            else f"{row[Flow.CRISIS]}|to|{row[Flow.DESTINATION]}"
        )

    for fid, row in by_id.iterrows():
        hover = _hover(row, lang)
        if pd.isna(row[Flow.PART_OF]) and fid in parents:
            node(target_key(fid), row["origin_name"], row[Flow.PEOPLE], row[Flow.STATUS], hover)
            continue
        if pd.isna(row[Flow.PART_OF]) or row[Flow.PART_OF] not in by_id.index:
            source = node(f"{row[Flow.CRISIS]}|from|{row[Flow.ORIGIN]}", row["origin_name"])
        else:
            source = target_key(row[Flow.PART_OF])
        target = node(
            target_key(fid), row["destination_name"], row[Flow.PEOPLE], row[Flow.STATUS], hover
        )
        links.append(_link(source, target, row, fid, hover))
    return SankeyData(pd.DataFrame(nodes.values()), pd.DataFrame(links))


def corridor_data(
    flows: pd.DataFrame, places: pd.DataFrame, lang: str = "en"
) -> tuple[SankeyData, pd.DataFrame]:
    """Return the corridor Sankey (origin → corridor → destination) and the flows left out.

    Kept: flows with a corridor whose contents are not themselves quantified, so no figure is
    counted twice (Venezuela → region is shown through Colombia and the rest of the region).
    Left out, with a reason: flows without a corridor (figures that span both).
    """
    pts = with_points(flows, places)
    quantified_parents = set(pts.loc[pts[Flow.PEOPLE].notna(), Flow.PART_OF].dropna())
    no_corridor = pts[Flow.CORRIDOR].isna()
    split = pts[Flow.ID].isin(quantified_parents)
    t = tr(lang)
    left_out = pts[no_corridor | split].copy()
    left_out["reason"] = t("shown through the flows it contains")
    left_out.loc[no_corridor[no_corridor | split], "reason"] = t(
        "the sheet gives no single corridor for it"
    )
    kept = pts[~(no_corridor | split)]
    nodes: dict[str, dict] = {}
    links = []
    for _, row in kept.iterrows():
        hover = _hover(row, lang)
        src = f"from|{row[Flow.ORIGIN]}"
        mid = f"corridor|{row[Flow.CORRIDOR]}"
        dst = f"to|{row[Flow.DESTINATION]}"
        nodes.setdefault(
            src,
            {
                "key": src,
                "label": row["origin_name"],
                "people": float("nan"),
                "status": "",
                "hover": plotly_safe(row["origin_name"]),
            },
        )
        name = corridor_name(row[Flow.CORRIDOR], lang)
        nodes.setdefault(
            mid,
            {
                "key": mid,
                "label": name,
                "people": float("nan"),
                "status": "",
                "hover": name + "<br>" + translate(lang, "No total: the sheet gives none"),
            },
        )
        nodes.setdefault(
            dst,
            {
                "key": dst,
                "label": row["destination_name"],
                "people": float("nan"),
                "status": "",
                "hover": plotly_safe(row["destination_name"]),
            },
        )
        for s, t in ((src, mid), (mid, dst)):
            links.append(_link(s, t, row, row[Flow.ID], hover))
    return SankeyData(
        pd.DataFrame(nodes.values(), columns=["key", "label", "people", "status", "hover"]),
        pd.DataFrame(
            links, columns=["source", "target", "people", "status", "crisis", "flow_id", "hover"]
        ),
    ), left_out


def readable_height(links: pd.DataFrame, per_node: int = 38, chrome: int = 150) -> int:
    """Return the height (px) at which the fullest column's two-line labels do not overlap."""
    if not len(links):
        return 0
    return chrome + per_node * max(links["source"].nunique(), links["target"].nunique())


def sankey_figure(
    data: SankeyData,
    title: str,
    source_line: str,
    lang: str = "en",
    height: int = 620,
    subtitle: str | list[str] = "",
    fit: SankeyFit = PAGE_FIT,
    layout: str = "desktop",
) -> go.Figure:
    """Return the plotly Sankey: node labels carry formatted figures, grey links have none.
    `subtitle`, under the title (one line per item of a list), says what the figures count
    and when only part of the selection is drawn.

    Node customdata is [people or None, status, hover text]; link customdata the same.
    When no link has a figure, the chart is named_flows_figure's, and the first line under
    the title says that none is drawn to scale. Framed by lib.charts.titles.titled, then laid out
    for `fit` (lib.charts.sankey_layout): no label overlaps another at any width from its least.
    With `layout` "phone" it is the narrow layout instead: lib.charts.flowtree's tree, read from
    top to bottom, its plot as high as the tree.
    """
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    links = data.links
    if not len(links):
        return titled(empty_figure(lang, height), title, source_line, lines)
    if links["people"].isna().all():
        lines.insert(
            0,
            translate(
                lang,
                "The sheet gives no figure for any of these flows: each grey hairline names "
                "one, and none is drawn to scale.",
            ),
        )
        if layout != "phone":
            fig = named_flows_figure(data, lang, height, fit)
            return titled(fig, title, source_line, lines)
    if layout == "phone":
        fig = flow_tree_figure(data.nodes, data.links, lang)
        plot = fig.layout.height
        titled(fig, title, source_line, lines)
        return fig.update_layout(height=plot + fig.layout.margin.t + fig.layout.margin.b)
    return fit_sankey(titled(_flows_sankey(data, lang, height), title, source_line, lines), fit)


def empty_figure(lang: str = "en", height: int = 620) -> go.Figure:
    """Return a chart with nothing to draw, saying so (an empty Sankey breaks the image
    export): the flows of this view carry no corridor, or there are none."""
    fig = go.Figure()
    words = translate(
        lang,
        "Nothing to draw here: none of these flows names a corridor. The sheet names the "
        "corridors of its own flows; imported tables name none. See the map.",
    )
    fig.add_annotation(
        text="<br>".join(plotly_safe(line) for line in lines_within(words, 280, 15)),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font=dict(size=15, color="#333333"),
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=height, plot_bgcolor="white", paper_bgcolor="white")
    return fig


def _flows_sankey(data: SankeyData, lang: str, height: int) -> go.Figure:
    nodes, links = data.nodes, data.links
    index = {k: i for i, k in enumerate(nodes["key"])} if len(nodes) else {}
    known = links["people"].dropna() if len(links) else pd.Series(dtype=float)
    # Grey links get a hairline of 0.3% of the largest figure: wide enough to see, too thin to
    # be read as a magnitude, even when eleven of them stack up. (A chart with no figure at all
    # never gets here: plotly would scale its equal links to fill the height.)
    placeholder = float(known.max()) * 0.003 if len(known) else 1.0

    unreported_targets = set(links.loc[links["people"].isna(), "target"]) if len(links) else set()
    reported_targets = set(links.loc[links["people"].notna(), "target"]) if len(links) else set()
    sources = set(links["source"]) if len(links) else set()

    def label(n: pd.Series) -> str:
        name = plotly_safe(n["label"])
        if pd.notna(n["people"]):
            return f"{name}<br>{people_compact(n['people'], lang)}"
        if (
            n["key"] in unreported_targets - reported_targets - sources
        ):  # a leaf reached only by grey links
            return f"{name} · {not_reported(lang)}"
        return name

    link_colour = [
        rgba_css(UNQUANTIFIED_HEX, 0.45) if pd.isna(p) else rgba_css(crisis_colour(c), 0.6)
        for p, c in zip(links.get("people", []), links.get("crisis", []), strict=True)
    ]
    labels = [label(n) for _, n in nodes.iterrows()]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            meta={"labels": labels},  # before lib.charts.sankey_layout breaks them into lines
            valueformat=",.0f",
            node=dict(
                label=labels,
                customdata=[
                    [None if pd.isna(n["people"]) else float(n["people"]), n["status"], n["hover"]]
                    for _, n in nodes.iterrows()
                ],
                hovertemplate="%{customdata[2]}<extra></extra>",
                pad=26,
                thickness=16,
                color=NODE_GREY,
                line=dict(color="white", width=0.5),
            ),
            link=dict(
                source=[index[s] for s in links.get("source", [])],
                target=[index[t] for t in links.get("target", [])],
                value=[placeholder if pd.isna(p) else float(p) for p in links.get("people", [])],
                label=[
                    not_reported(lang) if pd.isna(p) else people_compact(p, lang)
                    for p in links.get("people", [])
                ],
                customdata=[
                    [None if pd.isna(p) else float(p), s, h]
                    for p, s, h in zip(
                        links.get("people", []),
                        links.get("status", []),
                        links.get("hover", []),
                        strict=True,
                    )
                ],
                hovertemplate="%{customdata[2]}<extra></extra>",
                color=link_colour,
            ),
        )
    )
    fig.update_traces(textfont=dict(size=14, color="#1a1a1a", shadow="none"))
    fig.update_layout(
        height=max(height, readable_height(links)), margin=dict(l=10, r=10), font=dict(size=13)
    )
    return fig


def layered_positions(nodes: pd.DataFrame, links: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Return each node's (x, y) in 0..1 for a left-to-right diagram: the column is the longest
    path from a start node, end nodes go to the last column (as a Sankey justifies them), and
    within a column nodes are spread evenly, ordered by the mean height of the nodes they come
    from, so lines cross as little as a simple rule allows."""
    keys = list(nodes["key"])
    preds: dict[str, list[str]] = defaultdict(list)
    succs: dict[str, list[str]] = defaultdict(list)
    for s, t in zip(links["source"], links["target"], strict=True):
        preds[t].append(s)
        succs[s].append(t)
    column: dict[str, int] = {}

    def depth(key: str, seen: frozenset = frozenset()) -> int:
        if key not in column:
            column[key] = max(
                (depth(p, seen | {key}) + 1 for p in preds[key] if p not in seen), default=0
            )
        return column[key]

    for key in keys:
        depth(key)
    last = max(column.values(), default=0)
    for key in keys:
        if not succs[key]:
            column[key] = last
    y: dict[str, float] = {}
    for col in range(last + 1):
        members = [k for k in keys if column[k] == col]
        members.sort(
            key=lambda k: (
                -(
                    sum(y[p] for p in preds[k] if p in y) / max(1, sum(p in y for p in preds[k]))
                    if any(p in y for p in preds[k])
                    else 0.0
                )
            )
        )  # highest first: the top row
        for i, key in enumerate(members):
            y[key] = 1 - (i + 0.5) / len(members)
    return {k: (column[k] / last if last else 0.5, y[k]) for k in keys}


def named_flows_figure(
    data: SankeyData, lang: str = "en", height: int = 620, fit: SankeyFit = PAGE_FIT
) -> go.Figure:
    """Return the flows of a chart that has no figure as a diagram that names them without
    drawing any magnitude: one grey hairline of HAIRLINE_PX pixels per flow, whatever the size
    of the image, between labelled nodes laid out as a Sankey would lay them out. Labels stand
    outside the lines: left of the first column, right of the last, above the others.

    Flows that share both ends share one line (free-movement pairs in two agreements, flows
    through one corridor): lines drawn over each other would look thicker. A line trace
    carries its flow ids, `;`-joined, as `name`, and [None, statuses, hover] as customdata.
    The labels are broken into lines and given room at the sides for `fit`
    (lib.charts.sankey_layout.fit_named_flows)."""
    nodes, links = data.nodes, data.links
    pos = layered_positions(nodes, links)
    colour = UNQUANTIFIED_HEX  # opaque: crossing lines do not darken into a band
    fig = go.Figure()
    steps = [i / 24 for i in range(25)]
    shared = (
        links.groupby(["source", "target"], sort=False)
        .agg(
            flow_id=("flow_id", ";".join),
            status=("status", lambda s: ";".join(dict.fromkeys(s))),
            hover=("hover", lambda h: "<br>".join(dict.fromkeys(h))),
        )
        .reset_index()
    )
    for _, link in shared.iterrows():
        (x0, y0), (x1, y1) = pos[link["source"]], pos[link["target"]]
        xm = (x0 + x1) / 2  # a cubic Bezier as Sankey links are drawn: flat at both ends
        xs = [
            (1 - s) ** 3 * x0 + 3 * (1 - s) ** 2 * s * xm + 3 * (1 - s) * s**2 * xm + s**3 * x1
            for s in steps
        ]
        ys = [
            (1 - s) ** 3 * y0 + 3 * (1 - s) ** 2 * s * y0 + 3 * (1 - s) * s**2 * y1 + s**3 * y1
            for s in steps
        ]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(width=HAIRLINE_PX, color=colour),
                name=link["flow_id"],
                text=[link["hover"]] * len(xs),
                customdata=[[None, link["status"], link["hover"]]] * len(xs),
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
            )
        )

    def side(key: str) -> str:
        x = pos[key][0]
        return "middle left" if x == 0 else "middle right" if x == 1 else "top center"

    keys = list(nodes["key"])
    labels = [plotly_safe(label) for label in nodes["label"]]
    fig.add_trace(
        go.Scatter(
            x=[pos[k][0] for k in keys],
            y=[pos[k][1] for k in keys],
            mode="markers+text",
            marker=dict(
                symbol="line-ns-open", size=18, color=NODE_GREY, line=dict(width=4, color=NODE_GREY)
            ),
            text=labels,
            textposition=[side(k) for k in keys],
            textfont=dict(size=fit.font_size, color="#1a1a1a"),
            cliponaxis=False,
            customdata=[[None, s, h] for s, h in zip(nodes["status"], nodes["hover"], strict=True)],
            hovertemplate="%{customdata[2]}<extra></extra>",
            name=PLACES,
            meta={"labels": labels},  # before lib.charts.sankey_layout breaks them into lines
            showlegend=False,
        )
    )
    axis = dict(visible=False, fixedrange=True)
    fig.update_layout(
        height=max(height, readable_height(links)),
        margin=dict(l=10, r=10),
        font=dict(size=13),
        xaxis=axis,
        yaxis=dict(axis, range=[-0.04, 1.04]),
        plot_bgcolor="white",
        paper_bgcolor="white",
        hovermode="closest",
    )
    return fit_named_flows(fig, fit)


def sankey_table(data: SankeyData, lang: str = "en") -> pd.DataFrame:
    """Return the table behind a Sankey: one row per link, with figure, status and flow id."""
    labels = (
        dict(zip(data.nodes["key"], data.nodes["label"], strict=True)) if len(data.nodes) else {}
    )
    links = data.links
    t = tr(lang)
    return pd.DataFrame(
        {
            t("from"): [labels.get(s, s) for s in links.get("source", [])],
            t("to"): [labels.get(k, k) for k in links.get("target", [])],
            t("people"): list(links.get("people", [])),
            t("shown as"): [
                not_reported(lang) if pd.isna(p) else people_compact(p, lang)
                for p in links.get("people", [])
            ],
            t("status"): [t(s) if s else s for s in links.get("status", [])],
            t("flow"): list(links.get("flow_id", [])),
        }
    )
