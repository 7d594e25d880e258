"""Over time (/trends): an origin's largest destinations across the years of the chosen
indicator (?origin=VEN), a gap where a year has no figure, with its table, its words and its
downloads."""

import streamlit as st

from lib.charts.registry import CHARTS, Ask
from lib.model.over_time import NO_YEARS
from lib.ui import asks, charts, page

ctx = page.setup("Over time", "trends")
t = ctx.t
st.header(t("Over time: {crisis}", crisis=ctx.crisis_label()))
origins = asks.trend_origins(ctx)
if not asks.has_trend(ctx, origins):
    st.info(t(NO_YEARS))
    st.stop()
notices: list[str] = []
origin = asks.trend_origin(ctx, origins, notices)
page.show_notices(notices)
charts.show_chart(
    ctx,
    CHARTS["trend"],
    Ask(ctx.data, ctx.crisis, ctx.lang, every_year=ctx.all_years, origin=origin),
    origin,
)
