"""The over-time chart: an origin's largest destinations across the years of one indicator,
as lines (plotly). A year with no figure is a gap in the line, never a zero and never
interpolated, and the chart says which years are missing (OWID's users asked for exactly
that). Figures of two indicators are never on one chart; two origins to one destination are
two lines, never added."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.base.fmt import format_count, people_compact, people_exact, plotly_safe
from lib.base.i18n import tr
from lib.base.schema import Flow, Place
from lib.charts.common import Chart
from lib.charts.titles import AXIS_TITLE_HEIGHT, titled
from lib.model import over_time, timeline
from lib.model.bundle import Bundle
from lib.model.choice import TimeChoice
from lib.model.indicators import indicator_label
from lib.model.selection import crisis_mask
from lib.model.sources import source_of

# Okabe–Ito's eight colours, darkened where needed for 3:1 on white (lib/base/palette.py's rule):
# one per line, in rank order; the legend and the labels name each line.
LINE_COLOURS = (
    "#AD6800",
    "#0072B2",
    "#008A64",
    "#B8558F",
    "#D55E00",
    "#5B8FB9",
    "#7A6A00",
    "#000000",
)
HEIGHT = 560


def origins_of(flows: pd.DataFrame, crisis: str | None, indicator: str) -> list[str]:
    """Return the origins a crisis's view can follow over time for an indicator, the one with
    the most figures first."""
    rows = flows[crisis_mask(flows, crisis) & (flows[Flow.INDICATOR] == indicator)]
    rows = rows[rows[Flow.PEOPLE].notna()]
    return list(rows[Flow.ORIGIN].value_counts().index)


def _names(places: pd.DataFrame) -> dict[str, str]:
    return dict(zip(places[Place.CODE], places[Place.NAME], strict=True))


def missing_text(trend: over_time.Trend, names: dict[str, str], lang: str = "en") -> str:
    """Return the line that names every year a drawn line has no figure for ('' if none)."""
    if not trend.gaps:
        return ""
    t = tr(lang)
    parts = []
    for key, years in trend.gaps.items():
        _origin, destination = key.split("→")
        parts.append(
            t(
                "{place} in {years}",
                place=names.get(destination, destination),
                years=", ".join(map(str, years)),
            )
        )
    return t("No figure (a gap in the line, not a zero): {gaps}.", gaps="; ".join(parts))


def trend_table(trend: over_time.Trend, names: dict[str, str], lang: str = "en") -> pd.DataFrame:
    """Return the table behind the chart: one row per line, one column per year, an empty
    cell where there is no figure."""
    t = tr(lang)
    rows = []
    for (origin, destination), values in trend.table.iterrows():
        row = {t("from"): names.get(origin, origin), t("to"): names.get(destination, destination)}
        row.update({str(y): (None if pd.isna(v) else int(v)) for y, v in values.items()})
        rows.append(row)
    return pd.DataFrame(rows, columns=[t("from"), t("to"), *map(str, trend.years)])


def trend_figure(
    trend: over_time.Trend, names: dict[str, str], year: int | None, lang: str = "en"
) -> go.Figure:
    """Return the lines: one per destination, a gap where a year has no figure (plotly does
    not connect gaps), a marker on every figure (so a lone year shows), the chosen year
    marked."""
    fig = go.Figure()
    several = trend.table.index.get_level_values(0).nunique() > 1
    for i, ((origin, destination), values) in enumerate(trend.table.iterrows()):
        name = names.get(destination, destination)
        if several:
            name = f"{names.get(origin, origin)} → {name}"
        people = [None if pd.isna(v) else float(v) for v in values]
        fig.add_trace(
            go.Scatter(
                x=list(trend.years),
                y=people,
                mode="lines+markers",
                connectgaps=False,
                name=plotly_safe(name),
                line=dict(color=LINE_COLOURS[i % len(LINE_COLOURS)], width=3),
                marker=dict(size=7),
                customdata=[people_exact(p, lang) if p is not None else "" for p in people],
                hovertemplate=f"{plotly_safe(name)}<br>%{{x}}: %{{customdata}}<extra></extra>",
            )
        )
    if year is not None and year in trend.years:
        fig.add_vline(x=year, line=dict(color="#555555", width=1, dash="dot"))
    fig.update_layout(
        height=HEIGHT,
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        hovermode="closest",
    )
    fig.update_xaxes(tickvals=list(trend.years), showgrid=False)
    fig.update_yaxes(rangemode="tozero", gridcolor="#e5e5e5", tickformat="~s")
    return fig


def trend_chart(
    full: Bundle,
    origins: list[str],
    time: TimeChoice,
    lang: str = "en",
) -> Chart | None:
    """Return the over-time chart of `origins` for the view's indicator, its title, source
    line, the missing years, and its table (lib.charts.common.Chart); None when the indicator has
    fewer than two years, in the view or in `full` (a bundle of one year: a line of one point
    is not a change)."""
    if len(time.years) < 2:
        return None
    trend = over_time.trend(full.flows, origins, time.indicator)
    if len(trend.years) < 2 or trend.table.empty:
        return None
    names = _names(full.places)
    t = tr(lang)
    origin_names = ", ".join(names.get(o, o) for o in origins)
    title = t(
        "{origin}: the largest destinations, {first}–{last}",
        origin=origin_names,
        first=trend.years[0],
        last=trend.years[-1],
    )
    view = timeline.at(full, time)
    subtitle = [indicator_label(time.indicator, lang)]
    if trend.left_out:
        subtitle.append(
            t.ngettext(
                "{count} more destination not drawn; see the table.",
                "{count} more destinations not drawn; see the table.",
                trend.left_out,
                count=format_count(trend.left_out, lang),
            )
        )
    missing = missing_text(trend, names, lang)
    source = source_of(view, lang).replace(f", {time.year}:", ":")
    fig = titled(
        trend_figure(trend, names, time.year, lang),
        title,
        source + (f"<br>{plotly_safe(missing)}" if missing else ""),
        subtitle,
        below=AXIS_TITLE_HEIGHT,  # the years under the axis: the source line clears them
    )
    return Chart("trend", title, fig, trend_table(trend, names, lang))


def trend_description(full: Bundle, origins: list[str], time: TimeChoice, lang: str = "en") -> str:
    """Return the over-time chart in words: each line's first and last figure with their
    years, and the years it has no figure for ('' when there is no chart: fewer than two
    years)."""
    trend = over_time.trend(full.flows, origins, time.indicator)
    if len(trend.years) < 2 or trend.table.empty:
        return ""
    names = _names(full.places)
    t = tr(lang)
    sentences = [
        t(
            "{indicator}, {first} to {last}, from {origin}:",
            indicator=indicator_label(time.indicator, lang),
            first=trend.years[0],
            last=trend.years[-1],
            origin=", ".join(names.get(o, o) for o in origins),
        )
    ]
    for (_origin, destination), values in trend.table.iterrows():
        known = values.dropna()
        sentences.append(
            t(
                "{place}: {first} in {first_year}, {last} in {last_year}.",
                place=names.get(destination, destination),
                first=people_compact(known.iloc[0], lang),
                first_year=int(known.index[0]),
                last=people_compact(known.iloc[-1], lang),
                last_year=int(known.index[-1]),
            )
        )
    missing = missing_text(trend, names, lang)
    return " ".join([*sentences, missing]).strip()
