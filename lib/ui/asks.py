"""What a page's own URL parameters ask of its chart, read in one place for the page and for
/embed: the action explorer's filters (?country= ?scope= ?theme= ?org= ?q=), the origin
followed over time (?origin=) and, through lib.ui.map_controls, the map's. The page draws
them as widgets; /embed reads and checks the same values without drawing, so an embedded
chart is the page's chart for the same link (lib.base.params lists the parameters)."""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd
import streamlit as st

from lib.base.schema import SCOPES, Action
from lib.charts.registry import Ask, ChartKind
from lib.charts.trends import origins_of
from lib.model import actions as act
from lib.ui import cache, url
from lib.ui.cache import PageContext


def action_filter(ctx: PageContext, notices: list[str], show: bool = True) -> act.ActionFilter:
    """Return the action explorer's filter from the URL: the four choices (one column each)
    and the search box when `show`, else read only. Unknown values add notices."""
    t, data = ctx.t, ctx.data
    themes = dict(zip(data.themes["theme"], data.themes["label"], strict=True))
    countries = dict(zip(data.places["code"], data.places["name"], strict=True))
    country_options, org_options = cache.memo(
        ctx,
        "actions_filters",
        lambda: (
            act.options(data.actions, Action.COUNTRIES),
            act.options(data.actions, Action.ORGANISATIONS),
        ),
    )
    org_labels = cache.memo(
        ctx,
        "actions_org_labels",
        lambda: dict(
            zip(org_options, map(act.organisation_option(ctx.lang), org_options), strict=True)
        ),
    )
    # (URL parameter, choices, label, how a choice is shown), one filter per column
    filters = (
        ("country", country_options, t("Country"), lambda c: countries.get(c, c)),
        ("scope", SCOPES, t("Scope"), t),
        ("theme", sorted(themes), t("Theme"), lambda x: themes.get(x, x)),
        ("org", org_options, t("Organisation"), org_labels.get),
    )
    columns = st.columns(len(filters)) if show else [None] * len(filters)
    picked = {
        name: tuple(
            url.multiselect(
                name, choices, label, notices, shown, widget=col, lang=ctx.lang, show=show
            )
        )
        for (name, choices, label, shown), col in zip(filters, columns, strict=True)
    }
    text = url.text(
        "q",
        t("Search titles and outcomes"),
        placeholder=t("e.g. accreditation, children, defence"),
        show=show,
    )
    return act.ActionFilter(
        crisis=ctx.crisis,
        countries=picked["country"],
        scopes=picked["scope"],
        themes=picked["theme"],
        organisations=picked["org"],
        text=text,
    )


def found_actions(ctx: PageContext, flt: act.ActionFilter) -> pd.DataFrame:
    """Return the actions a filter keeps, once per filter, data version, language and crisis
    (a full room re-runs the page many times a second)."""
    return cache.memo(ctx, "actions_found", lambda: act.filter_actions(ctx.data.actions, flt), flt)


def trend_origins(ctx: PageContext) -> list[str]:
    """Return the origins the over-time chart can follow in this view, most figures first."""
    indicator = ctx.data.time.indicator if ctx.data.time is not None else None
    return cache.memo(
        ctx, "trend_origins", lambda: origins_of(ctx.all_years.flows, ctx.crisis, indicator)
    )


def has_trend(ctx: PageContext, origins: list[str]) -> bool:
    """Return True when the view can show change over time: two years or more of its
    indicator, and an origin to follow."""
    return len(ctx.data.time.years if ctx.data.time else ()) >= 2 and bool(origins)


def trend_origin(
    ctx: PageContext, origins: list[str], notices: list[str], show: bool = True
) -> str:
    """Return the origin of ?origin= among `origins` (the first when none or unknown, with a
    notice), as a select box when `show`."""
    names = dict(zip(ctx.data.places["code"], ctx.data.places["name"], strict=True))
    return url.select(
        "origin",
        origins,
        origins[0],
        ctx.t("From"),
        notices,
        format_func=lambda c: names.get(c, c),
        lang=ctx.lang,
        show=show,
    )


def chart_ask(ctx: PageContext, kind: ChartKind, notices: list[str]) -> tuple[Ask, tuple]:
    """Return what /embed asks of a plotly chart of the registry for the link it was given,
    read as the chart's page reads it, and the memo key beyond the view (the same as the
    page's, so the page and /embed share the built chart)."""
    ask = Ask(ctx.data, ctx.crisis, ctx.lang, every_year=ctx.all_years)
    extra: tuple[Hashable, ...] = ()
    if kind.page == "actions":
        flt = action_filter(ctx, notices, show=False)
        ask, extra = Ask(ctx.data, ctx.crisis, ctx.lang, actions=found_actions(ctx, flt)), (flt,)
    elif kind.page == "trends":
        origins = trend_origins(ctx)
        if has_trend(ctx, origins):
            origin = trend_origin(ctx, origins, notices, show=False)
            ask = Ask(ctx.data, ctx.crisis, ctx.lang, every_year=ctx.all_years, origin=origin)
            extra = (origin,)
    return ask, extra
