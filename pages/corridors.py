"""Corridors (/corridors): the nested flows of a crisis and the corridor view, as Sankey
diagrams."""

import streamlit as st

from lib.charts import corridor_chart, nested_chart
from lib.describe import corridors_description, nested_description
from lib.selection import left_out_lines
from lib.ui import cache, downloads, page, tables

ctx = page.setup("Corridors", "corridors")
t = ctx.t
st.header(t("Corridors: {crisis}", crisis=ctx.crisis_label()))
# Lazy tabs: only the open tab's Sankey is built and sent. plotly lays a Sankey out in the
# browser, so a hidden one still slowed the first view and every crisis switch.
tab_nested, tab_corridors = st.tabs(
    [t("Where the people went"), t("South-north and south-south corridors")],
    key="corridors_tab",
    on_change="rerun",
)
if tab_nested.open:
    with tab_nested:
        nested = cache.memo(ctx, "nested", lambda: nested_chart(ctx.data, ctx.crisis, ctx.lang))
        words = cache.memo(
            ctx, "nested_words", lambda: nested_description(ctx.data, ctx.crisis, ctx.lang)
        )
        st.plotly_chart(nested.figure, width="stretch", key="sankey_nested", alt=words)
        tables.chart_words(ctx, words)
        tables.data_table(nested.table, t("nested flows"), lang=ctx.lang)
        downloads.chart_downloads(nested, ctx, description=words)
if tab_corridors.open:
    with tab_corridors:
        corridors, left_out = cache.memo(
            ctx, "corridors", lambda: corridor_chart(ctx.data, ctx.crisis, ctx.lang)
        )
        words = cache.memo(
            ctx, "corridors_words", lambda: corridors_description(ctx.data, ctx.crisis, ctx.lang)
        )
        st.plotly_chart(corridors.figure, width="stretch", key="sankey_corridors", alt=words)
        tables.chart_words(ctx, words)
        tables.caption_list(
            [
                t("Not in this view: {line}", line=line)
                for line in left_out_lines(left_out, ctx.lang)
            ]
        )
        tables.data_table(corridors.table, t("flows by corridor"), lang=ctx.lang)
        downloads.chart_downloads(corridors, ctx, description=words)
