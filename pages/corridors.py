"""Corridors (/corridors): the nested flows of a crisis and the corridor view, as Sankey
diagrams (lib.charts.registry: nested, corridors). On a phone each is drawn in its narrow
layout (lib/charts/flowtree.py); the downloads keep the Sankey."""

import streamlit as st

from lib.charts.corridors import corridor_chart
from lib.charts.registry import CHARTS, Ask
from lib.model.selection import left_out_lines
from lib.ui import cache, charts, page

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
        charts.show_chart(ctx, CHARTS["nested"], Ask(ctx.data, ctx.crisis, ctx.lang))
if tab_corridors.open:
    with tab_corridors:
        chart, left_out = cache.memo(
            ctx, "corridors_left_out", lambda: corridor_chart(ctx.data, ctx.crisis, ctx.lang)
        )
        charts.show_chart(
            ctx,
            CHARTS["corridors"],
            Ask(ctx.data, ctx.crisis, ctx.lang),
            chart=chart,
            notes=[
                t("Not in this view: {line}", line=line)
                for line in left_out_lines(left_out, ctx.lang)
            ],
        )
