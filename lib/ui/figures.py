"""A plotly figure on the page, with its title, the lines under it and its source line as
page text around it: plotly does not wrap text, and the server never learns the width of
the screen, so text inside the figure would be cut on a narrow one. The downloads keep the
titled figure (lib/charts/titles.py)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from lib.base.fmt import md_escape
from lib.charts.titles import Titles

TITLE_KEY = "chart_title"  # the key of the container of a chart's title, then the chart's key


def titled_chart(
    figure: Any,
    titles: Titles | None,
    key: str,
    alt: str = "",
    config: dict | None = None,
    title: bool = True,
) -> None:
    """Show `figure` (lib.charts.titles.on_page's, without its titles) with its title (unless the
    page has it as its heading: `title` False) and the lines under it above it, and its source
    lines under it, as text that wraps."""
    if titles:
        with st.container(key=f"{TITLE_KEY}_{key}"):
            if title:
                st.markdown(f"**{md_escape(titles.title)}**")
            if titles.subtitle:
                st.caption("  \n".join(md_escape(line) for line in titles.subtitle))
    st.plotly_chart(figure, width="stretch", key=key, alt=alt or None, config=config)
    if titles and titles.source:
        st.caption("  \n".join(md_escape(line) for line in titles.source))
