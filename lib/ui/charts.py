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


def built(ctx: PageContext, kind: ChartKind, ask: Ask, *extra: Hashable) -> Chart | None:
    """Return `kind` built from `ask`, once per view and `extra` (a filter, an origin): the
    pages and /embed share it."""
    return cache.memo(ctx, kind.slug, lambda: kind.build(ask), *extra)


def said(ctx: PageContext, kind: ChartKind, ask: Ask, *extra: Hashable) -> str:
    """Return the chart in words, once per view and `extra`."""
    return cache.memo(ctx, f"{kind.slug}_words", lambda: kind.describe(ask), *extra)


def on_screen(ctx: PageContext, kind: ChartKind, ask: Ask, chart: Chart, *extra: Hashable):
    """Return the figure this screen gets and its titles as page text: the chart's, or on a
    phone its narrow layout where it has one."""
    layout = page.layout_hint() if kind.phone else "desktop"
    phone = replace(ask, layout="phone")
    return cache.memo(
        ctx,
        f"{kind.slug}_page",
        lambda: on_page(kind.build(phone).figure if layout == "phone" else chart.figure),
        layout,
        *extra,
    )


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
    chart = chart if chart is not None else built(ctx, kind, ask, *extra)
    if chart is None:
        st.info(ctx.t(kind.empty))
        return None
    words = said(ctx, kind, ask, *extra)
    figure, titles = on_screen(ctx, kind, ask, chart, *extra)
    figures.titled_chart(figure, titles, key=kind.key, alt=words)
    tables.chart_words(ctx, words)
    if notes:
        tables.caption_list(list(notes))
    tables.data_table(chart.table, ctx.t(kind.table), lang=ctx.lang)
    downloads.chart_downloads(chart, ctx, description=words)
    return chart
