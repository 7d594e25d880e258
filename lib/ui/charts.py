"""A registry chart on its page, drawn as every page draws one: the figure with its titles as
page text (its narrow layout on a phone, where it has one), the chart in words, any notes,
the data behind it one click away, and its downloads with "Share or embed"."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import replace

import streamlit as st

from lib.charts.common import Chart
from lib.charts.registry import Ask, ChartKind
from lib.charts.titles import on_page
from lib.ui import cache, downloads, figures, page, tables
from lib.ui.cache import PageContext


def show_chart(
    ctx: PageContext,
    kind: ChartKind,
    ask: Ask,
    *extra: Hashable,
    notes: Sequence[str] = (),
    chart: Chart | None = None,
) -> Chart | None:
    """Draw `kind` built from `ask` (or `chart`, when the page built it); `extra` keys the
    memo beyond the view (a filter, an origin). Return the chart, or None when the view has
    nothing to draw (the page then says why: kind.empty)."""
    if chart is None:
        chart = cache.memo(ctx, kind.slug, lambda: kind.build(ask), *extra)
    if chart is None:
        st.info(ctx.t(kind.empty))
        return None
    words = cache.memo(ctx, f"{kind.slug}_words", lambda: kind.describe(ask), *extra)
    layout = page.layout_hint() if kind.phone else "desktop"
    phone = replace(ask, layout="phone")
    figure, titles = cache.memo(
        ctx,
        f"{kind.slug}_page",
        lambda: on_page(kind.build(phone).figure if layout == "phone" else chart.figure),
        layout,
        *extra,
    )
    figures.titled_chart(figure, titles, key=kind.key, alt=words)
    tables.chart_words(ctx, words)
    if notes:
        tables.caption_list(list(notes))
    tables.data_table(chart.table, ctx.t(kind.table), lang=ctx.lang)
    downloads.chart_downloads(chart, ctx, description=words)
    return chart
