"""Minimal same-kind pages for the browser benchmark: one chart, chosen by ?kind=.

    streamlit run bench/minimal_app.py   then   /?kind=metric|deck|sankey|bar|dataframe|table

Each holds the framework's cost of its kind of chart (plotly.js, deck.gl, the data grid, an
HTML table) and almost nothing of ours, so a page's time divided by its baseline's shows our
cost.
The labels and numbers are placeholders, not data: nothing here is shown to users.
"""

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from lib.charts.maps import BLANK_STYLE

st.set_page_config(page_title="Baseline", layout="wide")
kind = st.query_params.get("kind", "metric")

if kind == "metric":
    st.metric("Placeholder", "1", border=True)
elif kind == "deck":
    point = pdk.Layer(
        "ScatterplotLayer",
        id="point",
        data=[{"p": [0, 0]}],
        get_position="p",
        radius_min_pixels=8,
        get_fill_color=[0, 114, 178, 255],
    )
    view = pdk.ViewState(longitude=0, latitude=0, zoom=3)
    st.pydeck_chart(
        pdk.Deck(layers=[point], initial_view_state=view, map_style=BLANK_STYLE, map_provider=None),
        height=600,
        width="stretch",
    )
elif kind == "sankey":
    st.plotly_chart(
        go.Figure(
            go.Sankey(
                node={"label": ["A", "B", "C"]},
                link={"source": [0, 0], "target": [1, 2], "value": [2, 1]},
            )
        ),
        width="stretch",
    )
elif kind == "bar":
    st.plotly_chart(go.Figure(go.Bar(x=[3, 2], y=["A", "B"], orientation="h")), width="stretch")
elif kind == "dataframe":
    st.dataframe(pd.DataFrame({"name": ["A"], "value": [1]}), hide_index=True, width="stretch")
elif kind == "table":
    st.table(pd.DataFrame({"name": ["A"], "value": [1]}), hide_index=True)
else:
    st.error(f"Unknown kind: {kind}")
