"""What is behind a chart, on the page: its table one click away, and the chart in words."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from lib.base.fmt import NARROW_TABLE, SMALL_TABLE, md_escape, readable_table
from lib.base.i18n import translate
from lib.base.internals import key_class
from lib.ui.cache import PageContext
from lib.ui.css import stacked_table_css


def data_table(df, title: str, column_config: dict | None = None, lang: str = "en") -> None:
    """Show the table behind a chart one click away, in an expander. The table is sent only
    once the expander is opened: on a full room, converting closed tables on every re-run was
    a tenth of the server's time (bench.load)."""
    box = st.expander(
        translate(lang, "Data behind the chart: {title}", title=title),
        on_change="rerun",
        key=f"table_{title}",
    )
    if box.open:
        with box:
            show_table(df() if callable(df) else df, column_config)


def show_table(
    df, column_config: dict | None = None, grid: Callable[[], Any] | None = None
) -> None:
    """Show a table: as an HTML table when it is small (lib.base.fmt.SMALL_TABLE rows, NARROW_TABLE
    columns), which a screen reader can read; else as the data grid, from `grid()` when given
    (an Arrow table converted once, lib.ui.cache.arrow)."""
    if len(df) <= SMALL_TABLE and len(df.columns) <= NARROW_TABLE:
        shown = readable_table(df)
        # On a phone its rows stack, each value after its column's name (lib.ui.css); the
        # container is named by the table's content, so two tables never share a name.
        name = repr((list(shown.columns), len(shown), shown.head(1).to_dict("records")))
        key = "table_" + hashlib.sha1(name.encode()).hexdigest()[:12]
        with st.container(key=key):
            st.html(stacked_table_css(key_class(key), [str(c) for c in shown.columns]))
            st.table(shown, hide_index=True)
    else:
        data = grid() if grid else df
        st.dataframe(data, hide_index=True, width="stretch", column_config=column_config)


def caption_list(lines: list[str]) -> None:
    """Show lines of plain text as one small list (one element: twenty-one captions, one a
    line, were a tenth of a map re-run on a world table)."""
    if lines:
        st.caption("\n".join(f"- {md_escape(line)}" for line in lines))


def chart_words(ctx: PageContext, description: str) -> None:
    """Show a chart's description in words under it (its alt text too: see the pages)."""
    label = ctx.t("In words")
    st.markdown(f"**{label}:** {md_escape(description)}")
