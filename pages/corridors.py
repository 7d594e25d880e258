"""Corridors (/corridors): the nested flows of a crisis and the corridor view, as Sankey diagrams."""

import streamlit as st

from lib import state
from lib.figures import flows_for_crisis, left_out_lines
from lib.sankey import corridor_data, hierarchy_data, sankey_figure, sankey_table

f = state.frame("Corridors")
flows = flows_for_crisis(f.data.flows, f.crisis)
SOURCE = ("Source: EUROsociAL+ migration sheet. Grey links: magnitude not reported (drawn at a fixed "
          "placeholder width). Nested figures are shown inside their parent, never added up.")

st.header(f"Corridors: {f.crisis_label()}")
tab_nested, tab_corridors = st.tabs(["Where the people went", "South-north and south-south corridors"])
with tab_nested:
    nested = hierarchy_data(flows, f.data.places, f.lang)
    title = f"{f.crisis_label()}: flows named in the sheet, nested as the sheet nests them"
    st.plotly_chart(sankey_figure(nested, title, SOURCE, f.lang), width="stretch", key="sankey_nested")
    state.data_table(sankey_table(nested, f.lang), "nested flows")
with tab_corridors:
    corridors, left_out = corridor_data(flows, f.data.places, f.lang)
    title = f"{f.crisis_label()}: flows by corridor"
    st.plotly_chart(sankey_figure(corridors, title, SOURCE, f.lang), width="stretch", key="sankey_corridors")
    for line in left_out_lines(left_out, f.lang):
        st.caption(f"Not in this view: {line}")
    state.data_table(sankey_table(corridors, f.lang), "flows by corridor")
