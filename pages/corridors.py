"""Corridors (/corridors): the nested flows of a crisis and the corridor view, as Sankey
diagrams."""

import streamlit as st

from lib import state
from lib.charts import corridor_chart, nested_chart
from lib.describe import corridors_description, nested_description
from lib.figures import left_out_lines

f = state.frame("Corridors", "corridors")
t = f.t
st.header(t("Corridors: {crisis}", crisis=f.crisis_label()))
# Lazy tabs: only the open tab's Sankey is built and sent. plotly lays a Sankey out in the
# browser, so a hidden one still slowed the first view and every crisis switch.
tab_nested, tab_corridors = st.tabs(
    [t("Where the people went"), t("South-north and south-south corridors")],
    key="corridors_tab",
    on_change="rerun",
)
if tab_nested.open:
    with tab_nested:
        nested = state.memo(f, "nested", lambda: nested_chart(f.data, f.crisis, f.lang))
        words = state.memo(f, "nested_words", lambda: nested_description(f.data, f.crisis, f.lang))
        st.plotly_chart(nested.figure, width="stretch", key="sankey_nested", alt=words)
        state.chart_words(f, words)
        state.data_table(nested.table, t("nested flows"), lang=f.lang)
        state.chart_downloads(nested, f, description=words)
if tab_corridors.open:
    with tab_corridors:
        corridors, left_out = state.memo(
            f, "corridors", lambda: corridor_chart(f.data, f.crisis, f.lang)
        )
        words = state.memo(
            f, "corridors_words", lambda: corridors_description(f.data, f.crisis, f.lang)
        )
        st.plotly_chart(corridors.figure, width="stretch", key="sankey_corridors", alt=words)
        state.chart_words(f, words)
        for line in left_out_lines(left_out, f.lang):
            st.caption(t("Not in this view: {line}", line=line))
        state.data_table(corridors.table, t("flows by corridor"), lang=f.lang)
        state.chart_downloads(corridors, f, description=words)
