"""The flow map's controls, each bound to the URL: the country (?country=CHL) and which of
its flows (?dir=in|out|both), how many flows are drawn (?top=60), the extent
(?view=world|americas|south_america|central_america_caribbean) and the years side by side
(?compare=2000,2010,2020,2024). An unknown value gives a notice and falls back."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass

import streamlit as st

from lib.base.marks import N_
from lib.charts.map_view import MapAsk, MapView, map_scale, map_view
from lib.model.indicators import year_label
from lib.model.selection import MAP_DIRECTIONS, MAP_LIMIT
from lib.ui import cache, url
from lib.ui.cache import PageContext

TOPS = ("20", str(MAP_LIMIT), "120", "200")  # flows drawn, at most
COMPARE_MAX = 4
REGION_NAMES = {
    "": N_("Fitted to the flows drawn"),
    "world": N_("World"),
    "americas": N_("The Americas"),
    "south_america": N_("South America"),
    "central_america_caribbean": N_("Central America and the Caribbean"),
}
DIRECTION_NAMES = {
    "both": N_("Its flows in and out"),
    "in": N_("Flows into it"),
    "out": N_("Flows out of it"),
}


@dataclass(frozen=True)
class MapControls:
    """What the reader chose for the map."""

    country: str | None
    direction: str
    top: int
    region: str | None
    compare: tuple[int, ...]  # years side by side; empty: one map

    @property
    def asked(self) -> tuple:
        """What the map drawn depends on beside the view (the memo's key)."""
        return (self.top, self.country, self.direction, self.region)


def compare_years(raw: str, years: tuple[int, ...]) -> tuple[tuple[int, ...], list[str]]:
    """Return the years of ?compare= that have figures (at most COMPARE_MAX, oldest first)
    and the values that are not such a year."""
    asked = [v.strip() for v in raw.split(",") if v.strip()]
    good = [int(v) for v in asked if v.isdigit() and int(v) in years]
    bad = [v for v in asked if not (v.isdigit() and int(v) in years)]
    return tuple(sorted(set(good)))[:COMPARE_MAX], bad


def _compare(ctx: PageContext, notices: list[str], show: bool = True) -> tuple[int, ...]:
    years = ctx.data.time.years if ctx.data.time is not None else ()
    raw = ",".join(st.query_params.get_all("compare"))
    chosen, bad = compare_years(raw, years)
    if bad:
        notices.append(url.unknown_notice(ctx.lang, ctx.t("Year"), ", ".join(bad), ""))
    if len(years) < 2:
        url.forget_if("compare", set(st.query_params.get_all("compare")))
        return ()
    if not show:
        return chosen
    indicator = ctx.data.time.indicator

    def draw(key: str) -> list[int]:
        return st.multiselect(
            ctx.t("Years side by side (up to {n})", n=COMPARE_MAX),
            list(years),
            key=key,
            max_selections=COMPARE_MAX,
            format_func=lambda y: year_label(y, indicator, ctx.lang),
        )

    picked = url.bind_url("compare", list(chosen), [], draw)
    joined = ",".join(str(y) for y in sorted(picked))
    if joined and st.query_params.get("compare") != joined:
        st.query_params["compare"] = joined  # one parameter, the years separated by commas
    return tuple(sorted(picked))


def map_controls(
    ctx: PageContext, countries: dict[str, str], notices: list[str], column=None, show=True
) -> MapControls:
    """Draw the country box in `column` and the other controls in an expander; return the
    reader's choices. `show` False: read and check them from the URL only (/embed)."""
    t = ctx.t
    picked = url.select(
        "country",
        ["", *countries],
        "",
        t("Country"),
        notices,
        widget=column,
        format_func=lambda c: t("None: every flow in colour") if c == "" else countries[c],
        lang=ctx.lang,
        show=show,
    )
    settings = (
        st.expander(
            t("Map settings: flows drawn, extent, years side by side"),
            key="map_settings",
            on_change="rerun",
        )
        if show
        else nullcontext()
    )
    with settings:
        direction = "both"
        if picked:
            direction = url.select(
                "dir",
                list(MAP_DIRECTIONS),
                "both",
                t("Which flows of the country"),
                notices,
                format_func=lambda d: t(DIRECTION_NAMES[d]),
                lang=ctx.lang,
                show=show,
            )
        elif show:
            url.forget_if("dir", set(st.query_params.get_all("dir")))
        top = url.select(
            "top",
            list(TOPS),
            str(MAP_LIMIT),
            t("Flows drawn, at most"),
            notices,
            lang=ctx.lang,
            show=show,
        )
        region = url.select(
            "view",
            list(REGION_NAMES),
            "",
            t("Extent"),
            notices,
            format_func=lambda r: t(REGION_NAMES[r]),
            lang=ctx.lang,
            show=show,
        )
        compare = _compare(ctx, notices, show)
    return MapControls(picked or None, direction, int(top), region or None, compare)


def map_ask(ctx: PageContext, controls: MapControls) -> MapAsk:
    """Return what the reader asks of the map (memoised): /map and /embed draw the same map
    for the same link."""
    return cache.memo(
        ctx,
        "map_ask",
        lambda: MapAsk(
            controls.top,
            controls.country,
            controls.direction,
            map_scale(ctx.all_years, ctx.crisis, ctx.data.time, controls.top, controls.region),
        ),
        *controls.asked,
    )


def shown_map(ctx: PageContext, controls: MapControls, layout: str) -> MapView:
    """Return the map of the view for these controls and this screen (memoised)."""
    ask = map_ask(ctx, controls)
    return cache.memo(
        ctx,
        "map",
        lambda: map_view(ctx.data, ctx.crisis, ctx.crisis_names, ctx.lang, layout, ask=ask),
        layout,
        *controls.asked,
    )
