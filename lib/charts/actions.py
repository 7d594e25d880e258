"""The actions per country of a crisis as a bar chart (plotly), with its table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.base.fmt import plotly_safe
from lib.base.i18n import tr
from lib.charts.common import Chart, crisis_label
from lib.charts.titles import AXIS_TITLE_HEIGHT, LINE_SPACING, lines_within, titled
from lib.model.actions import ActionFilter, actions_per_country, filter_actions
from lib.model.bundle import Bundle

AXIS_TITLE_SIZE = 14  # px


AXIS_TITLE_WIDTH = 300  # px: an axis title's lines fit a 320 px phone


def actions_chart(per_country: pd.DataFrame, crisis_label: str, lang: str = "en"):
    """Return a horizontal bar chart (plotly) of the number of actions per country."""
    t = tr(lang)
    df = per_country.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=df["actions"].tolist(),
            y=[plotly_safe(n) for n in df["name"]],
            orientation="h",
            marker_color="#0072B2",
            text=df["actions"].tolist(),
            textposition="outside",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    # plotly does not wrap an axis title: broken here to fit a phone's width (lib.charts.titles)
    axis_title = lines_within(
        t("Number of actions (an action counts once for each country it lists)"),
        AXIS_TITLE_WIDTH,
        AXIS_TITLE_SIZE,
    )
    fig.update_layout(
        height=max(260, 60 + 28 * len(df)),
        margin=dict(l=10, r=30),
        xaxis=dict(
            title=dict(
                text="<br>".join(plotly_safe(line) for line in axis_title),
                font=dict(size=AXIS_TITLE_SIZE),
            ),
            dtick=1,
        ),
    )
    title = t("Actions accompanied by EUROsociAL+ per country: {crisis}", crisis=crisis_label)
    source = t(
        "Source: EUROsociAL+ migration sheet, “Actions accompanied by EUROsociAL+”, from about "
        "2020 (it names a meeting of June 2020 as still to come)."
    )
    extra = round(AXIS_TITLE_SIZE * LINE_SPACING * (len(axis_title) - 1))
    fig.update_layout(height=fig.layout.height + extra)
    return titled(fig, title, source, below=AXIS_TITLE_HEIGHT + extra)


def actions_country_chart(
    data: Bundle, crisis: str | None, actions: pd.DataFrame | None = None, lang: str = "en"
) -> Chart:
    """Return the bar chart of actions per country (crisis-linked actions unless given)."""
    if actions is None:
        actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    per_country = actions_per_country(actions, data.places)
    fig = actions_chart(per_country, crisis_label(data, crisis, lang), lang)
    t = tr(lang)
    table = pd.DataFrame(
        {
            t("code"): per_country["code"].to_numpy(),
            t("Country"): per_country["name"].to_numpy(),
            t("Actions"): per_country["actions"].to_numpy(),
        }
    )
    return Chart("actions", fig.layout.title.text, fig, table)
