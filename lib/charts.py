"""Every chart of a crisis in one place, with its title, source line and table.

Pages and the briefing pack both build their charts here, so a downloaded file shows the
same data as the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from lib.actions import ActionFilter, actions_chart, actions_per_country, filter_actions
from lib.data import Bundle
from lib.figures import MAP_LIMIT, SANKEY_LIMIT, Shown, largest_flows, map_split, with_points
from lib.fmt import people_compact, plotly_safe
from lib.i18n import tr, translate
from lib.palette import CRISIS_HEX, actions_colour
from lib.sankey import corridor_data, hierarchy_data, sankey_figure, sankey_table
from lib.schema import CRISES, Flow
from lib.sheet import source_sentence, stock_note


@dataclass
class Chart:
    """A chart as a reader gets it: name for files, title, figure and the table behind it."""

    name: str
    title: str
    figure: Any  # plotly Figure
    table: pd.DataFrame


def crisis_label(data: Bundle, crisis: str | None, lang: str = "en") -> str:
    """Return the crisis's display name (from the bundle, already localized), or 'All crises'."""
    if crisis is None:
        return translate(lang, "All crises")
    return dict(zip(data.cases["crisis"], data.cases["name"])).get(crisis, crisis)


def source_line(note: str = "", lang: str = "en") -> str:
    """Return the source line printed under every chart: the sheet and the date of its figures,
    with the sheet's evidence for it (a second line for what the chart shows)."""
    first = source_sentence(lang)
    return f"{first}<br>{note}" if note else first


def has_figures(shown: Shown) -> bool:
    """Return whether any flow of the selection carries a figure."""
    return bool(shown.flows[Flow.PEOPLE].notna().any())


def subtitle_lines(shown: Shown, lang: str = "en") -> list[str]:
    """Return the lines under a chart's title: what its figures count (when it has any) and
    the note of a cut selection (when cut)."""
    return [line for line in (stock_note(lang) if has_figures(shown) else "", shown.note(lang)) if line]


def nested_chart(data: Bundle, crisis: str | None, lang: str = "en") -> Chart:
    """Return the nested Sankey of a crisis."""
    t = tr(lang)
    label = crisis_label(data, crisis, lang)
    shown = largest_flows(data.flows, crisis, SANKEY_LIMIT)
    sd = hierarchy_data(shown.flows, data.places, lang)
    title = t("{crisis}: flows named in the sheet, nested as the sheet nests them", crisis=label)
    src = source_line(t("Grey hairlines: magnitude not reported; their width, the thinnest drawn, is not a figure. "
                        "Nested figures are shown inside their parent, never added up.") if has_figures(shown)
                      else t("Grey hairlines: magnitude not reported."), lang)
    return Chart("corridors", title, sankey_figure(sd, title, src, lang, subtitle=subtitle_lines(shown, lang)), sankey_table(sd, lang))


def corridor_chart(data: Bundle, crisis: str | None, lang: str = "en") -> tuple[Chart, pd.DataFrame]:
    """Return the corridor Sankey of a crisis and the flows it leaves out."""
    t = tr(lang)
    label = crisis_label(data, crisis, lang)
    shown = largest_flows(data.flows, crisis, SANKEY_LIMIT)
    sd, left_out = corridor_data(shown.flows, data.places, lang)
    title = t("{crisis}: flows by corridor", crisis=label)
    src = source_line(t("Grey hairlines: magnitude not reported; their width, the thinnest drawn, is not a figure. "
                        "No corridor total is given.") if has_figures(shown)
                      else t("Grey hairlines: magnitude not reported. No corridor total is given."), lang)
    chart = Chart("corridor-view", title, sankey_figure(sd, title, src, lang, subtitle=subtitle_lines(shown, lang)), sankey_table(sd, lang))
    return chart, left_out


def actions_country_chart(data: Bundle, crisis: str | None, actions: pd.DataFrame | None = None,
                          lang: str = "en") -> Chart:
    """Return the bar chart of actions per country (crisis-linked actions unless given)."""
    if actions is None:
        actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    per_country = actions_per_country(actions, data.places)
    fig = actions_chart(per_country, crisis_label(data, crisis, lang), lang)
    return Chart("actions-per-country", fig.layout.title.text, fig, per_country[["code", "name", "actions"]])


def map_flows(data: Bundle, crisis: str | None, lang: str = "en") -> tuple[pd.DataFrame, pd.DataFrame, Shown]:
    """Return the flows the map draws, those it leaves off (with a reason) and the selection
    they come from (cut to the MAP_LIMIT largest when larger)."""
    shown = largest_flows(data.flows, crisis, MAP_LIMIT)
    # Containment is decided among the flows kept: a container whose parts were cut is drawn.
    drawn, not_drawn = map_split(shown.flows, shown.flows if shown.cut else data.flows, data.places, lang)
    return drawn, not_drawn, shown


@dataclass
class MapView:
    """Everything the map page shows for one crisis, built once (see state.memo)."""

    drawn: pd.DataFrame
    not_drawn: pd.DataFrame
    shown: Shown
    deck: Any  # maps.CompactDeck
    legend: str  # SVG
    counts: pd.DataFrame  # actions per country
    chart: Chart  # title and table for the downloads; the static figure is built on click (map_chart)


def map_view(data: Bundle, crisis: str | None, crisis_names: dict[str, str], lang: str = "en") -> MapView:
    """Return the interactive map of a crisis with its legend, tables and what it leaves off."""
    from lib.maps import YOURS_PREFIX, flow_deck, legend_svg

    actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    drawn, not_drawn, shown = map_flows(data, crisis, lang)
    deck = flow_deck(drawn, actions, data.places, largest=float(data.flows[Flow.PEOPLE].max()),
                     crisis_names=crisis_names, lang=lang)
    deck.to_json()  # written now, inside the cache, not on every run
    counts = actions_per_country(actions, data.places)
    crises = [c for c in CRISES if c in set(drawn[Flow.CRISIS])] or list(CRISES)
    legend = legend_svg([(c, crisis_names[c]) for c in crises], int(counts["actions"].max()) if len(counts) else 0,
                        lang=lang, yours=bool(drawn[Flow.SOURCE].str.startswith(YOURS_PREFIX).any()))
    title = translate(lang, "Who moves where: {crisis}", crisis=crisis_label(data, crisis, lang))
    return MapView(drawn, not_drawn, shown, deck, legend, counts, Chart("map", title, None, map_table(drawn)))


def map_chart(data: Bundle, crisis: str | None, lang: str = "en") -> Chart:
    """Return the flow map as a static plotly geo figure (for PNG/SVG), drawn from the
    bundled shapes: the same flows and action counts as the interactive map."""
    t = tr(lang)
    label = crisis_label(data, crisis, lang)
    drawn, _, shown = map_flows(data, crisis, lang)
    actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    counts = actions_per_country(actions, data.places)
    largest = float(data.flows[Flow.PEOPLE].max())
    fig = go.Figure()
    if len(counts):
        most = int(counts["actions"].max())
        fig.add_trace(go.Choropleth(
            locations=counts["code"].tolist(), z=counts["actions"].tolist(), locationmode="ISO-3",
            colorscale=[[0, "rgb(%d,%d,%d)" % actions_colour(1, most)], [1, "rgb(%d,%d,%d)" % actions_colour(most, most)]],
            zmin=1, zmax=max(most, 2), marker_line_color="white", marker_line_width=0.5,
            colorbar=dict(title=t("Actions"), len=0.4, y=0.2, thickness=14), name=t("Actions per country:"),
            hovertemplate="%{location}: %{z}<extra></extra>", showlegend=False))
    seen = set()
    for _, row in drawn.iterrows():
        known = pd.notna(row[Flow.PEOPLE])
        colour = CRISIS_HEX[row[Flow.CRISIS]]
        width = 2 + 14 * (row[Flow.PEOPLE] / largest) ** 0.5 if known else 1.6
        kind = t("figure") if known else t("magnitude not reported")
        legend = f"{crisis_label(data, row[Flow.CRISIS], lang)} ({kind})"
        fig.add_trace(go.Scattergeo(
            lon=[row["origin_lon"], row["destination_lon"]], lat=[row["origin_lat"], row["destination_lat"]],
            mode="lines", line=dict(width=width, color=colour, dash="solid" if known else "dash"),
            name=legend, legendgroup=legend, showlegend=legend not in seen,
            hovertext=f"{plotly_safe(row['origin_name'])} → {plotly_safe(row['destination_name'])}: "
                      + (people_compact(row[Flow.PEOPLE], lang) if known else kind)))
        seen.add(legend)
    pts = with_points(drawn, data.places) if len(drawn) else drawn
    names: dict[tuple[float, float], str] = {}
    for _, row in pts.iterrows():
        for end in ("origin", "destination"):
            names.setdefault((row[f"{end}_lon"], row[f"{end}_lat"]), row[f"{end}_name"])
    if names:
        fig.add_trace(go.Scattergeo(lon=[k[0] for k in names], lat=[k[1] for k in names],
                                    text=[plotly_safe(n) for n in names.values()],
                                    mode="markers+text", textposition="top center", marker=dict(size=5, color="#333"),
                                    textfont=dict(size=12, color="#222"), showlegend=False, hoverinfo="text"))
    lons = [k[0] for k in names] + counts["lon"].dropna().tolist()
    lats = [k[1] for k in names] + counts["lat"].dropna().tolist()
    if lons:
        fig.update_geos(lonaxis_range=[min(lons) - 12, max(lons) + 12], lataxis_range=[min(lats) - 8, max(lats) + 8])
    fig.update_geos(projection_type="natural earth", showcountries=True, countrycolor="white", showland=True,
                    landcolor="#e4e4e0", showocean=True, oceancolor="#f3f6f9", showframe=False, resolution=110)
    title = t("Who moves where: {crisis}", crisis=label)
    fig.update_layout(
        title=dict(text=title, x=0.01, font=dict(size=20),
                   subtitle=dict(text=plotly_safe(shown.note(lang)), font=dict(size=13, color="#8a3b00"))),
        margin=dict(l=10, r=10, t=84 if shown.cut else 60, b=70),
        legend=dict(orientation="h", y=-0.02, x=0),
        annotations=[dict(text=source_line(t("Arcs: people living there at the time of the sheet, not movements per year. "
                                             "Dashed: magnitude not reported. Country points: Natural Earth label points."), lang),
                          x=0, y=-0.1, xref="paper", yref="paper", showarrow=False, xanchor="left", align="left", font=dict(size=11, color="#555"))],
    )
    return Chart("map", title, fig, map_table(drawn))


def map_table(drawn: pd.DataFrame) -> pd.DataFrame:
    """Return the table behind the map: the flows drawn, with figure, status and source."""
    return drawn[[Flow.ID, Flow.CRISIS, "origin_name", "destination_name", Flow.PEOPLE, Flow.STATUS, Flow.SOURCE]]


def crisis_charts(data: Bundle, crisis: str | None, lang: str = "en") -> list[Chart]:
    """Return every chart of the dashboard for one crisis, in page order."""
    return [map_chart(data, crisis, lang), nested_chart(data, crisis, lang), corridor_chart(data, crisis, lang)[0],
            actions_country_chart(data, crisis, lang=lang)]


