"""Over time (/trends): an origin's largest destinations across the years of the chosen
indicator (?origin=VEN), a gap where a year has no figure, with its table, its words and its
downloads."""

import streamlit as st

from lib.charts.registry import CHARTS, Ask
from lib.charts.trends import origins_of
from lib.model.over_time import NO_YEARS
from lib.ui import cache, charts, page, url

ctx = page.setup("Over time", "trends")
t = ctx.t
time = ctx.data.time
st.header(t("Over time: {crisis}", crisis=ctx.crisis_label()))
origins = cache.memo(
    ctx, "trend_origins", lambda: origins_of(ctx.all_years.flows, ctx.crisis, time.indicator)
)
if len(time.years) < 2 or not origins:
    st.info(t(NO_YEARS))
    st.stop()
names = dict(zip(ctx.data.places["code"], ctx.data.places["name"], strict=True))
notices: list[str] = []
origin = url.select(
    "origin",
    origins,
    origins[0],
    t("From"),
    notices,
    format_func=lambda c: names.get(c, c),
    lang=ctx.lang,
)
page.show_notices(notices)
charts.show_chart(
    ctx,
    CHARTS["trend"],
    Ask(ctx.data, ctx.crisis, ctx.lang, every_year=ctx.all_years, origin=origin),
    origin,
)
