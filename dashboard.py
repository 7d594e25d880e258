"""Entry point: the headline figures of the sheet (the full overview comes with the pages)."""

import streamlit as st

from lib import state
from lib.figures import headline_figures
from lib.fmt import people_compact
from lib.schema import Flow

st.set_page_config(page_title="Migration flows and actions", layout="wide")
st.title("Migration flows in Latin America and the policy actions that answer them")
st.caption("Source: EUROsociAL+ migration sheet, 'Migration, social cohesion and public policies in the EUROsociAL+ Programme'.")

data = state.bundle()
figures = headline_figures(data.flows, data.places, "venezuela")
st.subheader("Venezuela")
for col, (_, row) in zip(st.columns(len(figures)), figures.iterrows()):
    col.metric(
        label=f"{row['origin_name']} → {row['destination_name']}",
        value=people_compact(row[Flow.PEOPLE]),
        help=f"{row[Flow.STATUS]} · {row[Flow.SOURCE]} · {row[Flow.NOTE]}",
    )
    col.caption(f"{row[Flow.STATUS]} · source: {row[Flow.SOURCE]}")
