"""The flow map as a static plotly figure for a 1920×1080 slide (PNG, SVG, the deck, the
handout): the same model as the interactive map (lib.charts.flowmap), one map pixel to one image
pixel, with the legend beside it. Drawn in steps: land, flows, places and labels, the
actions key, then the layout."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lib.base.fmt import plotly_safe
from lib.base.i18n import tr
from lib.base.palette import ACTIONS_SCALE, BASEMAP_FILL
from lib.charts.flowmap import PIN_RADIUS, MapModel, country_shapes
from lib.charts.maps import OCEAN, shading
from lib.model.selection import crisis_name

MAP_FONT = "DejaVu Sans, Arial, sans-serif"  # the font the map model measures labels with
SLIDE_WIDTH, SLIDE_HEIGHT, SLIDE_MARGINS = 1920, 1080, 40


def _xy(points) -> tuple[list[float | None], list[float | None]]:
    xs, ys = [], []
    for x, y in points:
        xs.append(x)
        ys.append(y)
    return xs, ys


def _rgb(colour: tuple[int, int, int]) -> str:
    return "rgb({},{},{})".format(*colour)


def _add_land(fig: go.Figure, model: MapModel) -> None:
    """Land, one trace per fill colour (rings joined with gaps), clipped to the frame by the
    axes."""
    w, h = model.view.width, model.view.height
    by_fill: dict[tuple[int, int, int], tuple[list, list]] = {}
    for code, polygons in country_shapes(model.view, (-50, -50, w + 50, h + 50)):
        xs, ys = by_fill.setdefault(shading(model.fills.get(code, BASEMAP_FILL)), ([], []))
        for rings in polygons:  # the outer ring: holes are rare at this scale and drawn as land
            xs.extend([*np.round(rings[0][:, 0], 1).tolist(), None])
            ys.extend([*np.round(rings[0][:, 1], 1).tolist(), None])
    for colour, (xs, ys) in by_fill.items():
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=_rgb(colour),
                line=dict(color="white", width=0.6),
                hoverinfo="skip",
                showlegend=False,
            )
        )


def _add_flows(fig: go.Figure, model: MapModel, names: dict[str, str], lang: str) -> None:
    """Each flow's line and arrowhead; the legend names each crisis and kind once."""
    t = tr(lang)
    legend_done: set[str] = set()
    for flow in model.flows:
        kind = t("magnitude not reported") if flow.dashed else t("figure")
        crisis = crisis_name(flow.crisis, names) or t("No crisis (imported rows of other origins)")
        name = f"{crisis} ({kind})"
        xs, ys = _xy(flow.path)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(
                    color=flow.colour, width=flow.width, dash="dash" if flow.dashed else "solid"
                ),
                name=plotly_safe(name),
                legendgroup=name,
                showlegend=name not in legend_done and flow.emphasis != "muted",
                hovertext=plotly_safe(
                    flow.tooltip.splitlines()[0] if flow.tooltip else flow.flow_id
                ),
            )
        )
        legend_done.add(name)
        ax, ay = _xy(flow.arrow)
        fig.add_trace(
            go.Scatter(
                x=[*ax, ax[0]],
                y=[*ay, ay[0]],
                mode="lines",
                fill="toself",
                fillcolor=flow.colour,
                line=dict(color=flow.colour, width=0.5),
                hoverinfo="skip",
                showlegend=False,
                legendgroup=name,
            )
        )


def _add_places(fig: go.Figure, model: MapModel) -> None:
    """The places' dots and their labels."""
    if model.pins:
        fig.add_trace(
            go.Scatter(
                x=[p.x for p in model.pins],
                y=[p.y for p in model.pins],
                mode="markers",
                marker=dict(
                    size=2 * PIN_RADIUS, color="#282828", line=dict(color="white", width=1.5)
                ),
                hovertext=[plotly_safe(p.name) for p in model.pins],
                hoverinfo="text",
                showlegend=False,
            )
        )
    for label in model.labels:
        x0, y0, _x1, y1 = label.box
        fig.add_annotation(
            x=x0 + 1,
            y=(y0 + y1) / 2,
            xanchor="left",
            yanchor="middle",
            showarrow=False,
            text=("<b>%s</b>" if label.bold else "%s") % plotly_safe(label.text),
            font=dict(size=label.size, color="#141414", family=MAP_FONT),
            bgcolor="rgba(255,255,255,0.7)",
            borderpad=0,
        )


def _add_actions_key(fig: go.Figure, model: MapModel, lang: str) -> None:
    """The key of the actions shading, beside the map, when any country has actions."""
    if model.most_actions <= 0:
        return
    t = tr(lang)
    scale = " ".join(f'<span style="color:rgb{shading(c)}">■</span>' for c in ACTIONS_SCALE)
    fig.add_annotation(
        x=_map_share(model) + 0.01,
        y=0.55,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=18, color="#333"),
        text=t("Actions per country:") + f"<br>{scale} 1 → {model.most_actions}",
    )


def _map_share(model: MapModel) -> float:
    """Return the share of the slide's width the map takes (the legend goes beside it)."""
    return model.view.width / (SLIDE_WIDTH - SLIDE_MARGINS)


def static_map_figure(model: MapModel, names: dict[str, str], lang: str = "en") -> go.Figure:
    """Return the map model drawn as a 1920×1080 plotly figure, untitled (lib.charts.titles adds
    the title and source line), with the legend and the actions key beside the map."""
    fig = go.Figure()
    _add_land(fig, model)
    _add_flows(fig, model, names, lang)
    _add_places(fig, model)
    _add_actions_key(fig, model, lang)
    t = tr(lang)
    w, h, share = model.view.width, model.view.height, _map_share(model)
    fig.update_xaxes(range=[0, w], visible=False, domain=[0, share], fixedrange=True)
    fig.update_yaxes(range=[h, 0], visible=False, scaleanchor="x", scaleratio=1, fixedrange=True)
    fig.update_layout(
        width=SLIDE_WIDTH,
        height=SLIDE_HEIGHT,
        plot_bgcolor=_rgb(OCEAN),
        paper_bgcolor="white",
        font=dict(family=MAP_FONT),
        margin=dict(l=20, r=20),
        legend=dict(
            x=share + 0.01,
            y=1,
            xanchor="left",
            yanchor="top",
            font=dict(size=18),
            title=dict(text=t("Flows"), font=dict(size=18)),
        ),
    )
    return fig
