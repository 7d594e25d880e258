"""The flow map's controls, each bound to the URL: the country (?country=CHL) and which of
its flows (?dir=in|out|both), how many flows are drawn (?top=60), the extent
(?view=world|americas|south_america|central_america_caribbean) and the years side by side
(?compare=2000,2010,2020,2024). An unknown value gives a notice and falls back."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lib.base.marks import N_
from lib.model.indicators import year_label
from lib.model.selection import MAP_DIRECTIONS, MAP_LIMIT
from lib.ui import url
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


def compare_years(raw: str, years: tuple[int, ...]) -> tuple[tuple[int, ...], list[str]]:
    """Return the years of ?compare= that have figures (at most COMPARE_MAX, oldest first)
    and the values that are not such a year."""
    asked = [v.strip() for v in raw.split(",") if v.strip()]
    good = [int(v) for v in asked if v.isdigit() and int(v) in years]
    bad = [v for v in asked if not (v.isdigit() and int(v) in years)]
    return tuple(sorted(set(good)))[:COMPARE_MAX], bad


def _compare(ctx: PageContext, notices: list[str]) -> tuple[int, ...]:
    years = ctx.data.time.years if ctx.data.time is not None else ()
    raw = ",".join(st.query_params.get_all("compare"))
    chosen, bad = compare_years(raw, years)
    if bad:
        notices.append(url.unknown_notice(ctx.lang, ctx.t("Year"), ", ".join(bad), ""))
    if len(years) < 2:
        url.forget_if("compare", set(st.query_params.get_all("compare")))
        return ()
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
    ctx: PageContext, countries: dict[str, str], notices: list[str], column
) -> MapControls:
    """Draw the country box in `column` and the other controls in an expander; return the
    reader's choices."""
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
    )
    with st.expander(
        t("Map settings: flows drawn, extent, years side by side"),
        key="map_settings",
        on_change="rerun",
    ):
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
            )
        else:
            url.forget_if("dir", set(st.query_params.get_all("dir")))
        top = url.select(
            "top",
            list(TOPS),
            str(MAP_LIMIT),
            t("Flows drawn, at most"),
            notices,
            lang=ctx.lang,
        )
        region = url.select(
            "view",
            list(REGION_NAMES),
            "",
            t("Extent"),
            notices,
            format_func=lambda r: t(REGION_NAMES[r]),
            lang=ctx.lang,
        )
        compare = _compare(ctx, notices)
    return MapControls(picked or None, direction, int(top), region or None, compare)
