"""Corridors (/corridors): the nested flows of a crisis and the corridor view, as Sankey
diagrams. On a phone each is drawn in its narrow layout (lib/charts/flowtree.py); the downloads keep
the Sankey."""

import streamlit as st

from lib.charts.corridors import corridor_chart, nested_chart
from lib.charts.describe import corridors_description, nested_description
from lib.charts.titles import on_page
from lib.model.selection import left_out_lines
from lib.ui import cache, downloads, figures, page, tables

ctx = page.setup("Corridors", "corridors")
t = ctx.t
layout = page.layout_hint()
st.header(t("Corridors: {crisis}", crisis=ctx.crisis_label()))
# Lazy tabs: only the open tab's Sankey is built and sent. plotly lays a Sankey out in the
# browser, so a hidden one still slowed the first view and every crisis switch.
tab_nested, tab_corridors = st.tabs(
    [t("Where the people went"), t("South-north and south-south corridors")],
    key="corridors_tab",
    on_change="rerun",
)


def on_screen(name: str, chart, narrow):
    """The figure this screen gets, the chart's or on a phone `narrow()`, and its titles."""
    return cache.memo(
        ctx,
        f"{name}_page",
        lambda: on_page(narrow() if layout == "phone" else chart.figure),
        layout,
    )


if tab_nested.open:
    with tab_nested:
        nested = cache.memo(ctx, "nested", lambda: nested_chart(ctx.data, ctx.crisis, ctx.lang))
        words = cache.memo(
            ctx, "nested_words", lambda: nested_description(ctx.data, ctx.crisis, ctx.lang)
        )
        figure, titles = on_screen(
            "nested", nested, lambda: nested_chart(ctx.data, ctx.crisis, ctx.lang, layout).figure
        )
        figures.titled_chart(figure, titles, key="sankey_nested", alt=words)
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
        figure, titles = on_screen(
            "corridors",
            corridors,
            lambda: corridor_chart(ctx.data, ctx.crisis, ctx.lang, layout)[0].figure,
        )
        figures.titled_chart(figure, titles, key="sankey_corridors", alt=words)
        tables.chart_words(ctx, words)
        tables.caption_list(
            [
                t("Not in this view: {line}", line=line)
                for line in left_out_lines(left_out, ctx.lang)
            ]
        )
        tables.data_table(corridors.table, t("flows by corridor"), lang=ctx.lang)
        downloads.chart_downloads(corridors, ctx, description=words)
