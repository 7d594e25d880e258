"""The baseline: an empty Streamlit page, measured in the same run as ours."""

import streamlit as st

st.write("")
