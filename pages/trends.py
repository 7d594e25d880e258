"""Over time (/trends): an origin's largest destinations across the years of the chosen
indicator (?origin=VEN), a gap where a year has no figure, with its table, its words and its
downloads."""

import streamlit as st

from lib.charts.titles import on_page
from lib.charts.trends import origins_of, trend_chart, trend_description
from lib.model.over_time import NO_YEARS
from lib.ui import cache, downloads, figures, page, tables, url

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
chart = cache.memo(
    ctx, "trend", lambda: trend_chart(ctx.all_years, [origin], time, ctx.lang), origin
)
words = cache.memo(
    ctx, "trend_words", lambda: trend_description(ctx.all_years, [origin], time, ctx.lang), origin
)
figure, titles = cache.memo(ctx, "trend_page", lambda: on_page(chart.figure), origin)
figures.titled_chart(figure, titles, key="trend_chart", alt=words)
tables.chart_words(ctx, words)
tables.data_table(chart.table, t("destinations over time"), lang=ctx.lang)
downloads.chart_downloads(chart, ctx, description=words)
