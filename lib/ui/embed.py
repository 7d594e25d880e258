"""/embed's set-up: one chart alone, for another site's iframe.

No sidebar and no menu; the language, the crisis and the chart come from the URL (an unknown
value gives a notice and falls back: English, all crises, the map), and so do the parameters
of the chart's page (lib.base.params): the map's country, flows and extent, the actions'
filters, the origin followed over time. They are read and checked as the page reads them
(lib.ui.asks, lib.ui.map_controls), so /embed draws the page's chart for the same link.
Streamlit's own `?embed=true` is left to Streamlit (st.query_params never shows it).
"""

from __future__ import annotations

import streamlit as st

from lib.base.i18n import translate
from lib.base.links import page_url
from lib.base.marks import N_
from lib.base.schema import CRISES
from lib.charts.describe import map_description
from lib.charts.map_view import map_source_caption, selectable_countries
from lib.charts.registry import CHARTS, DEFAULT_CHART, ChartKind
from lib.model.selection import smaller_line
from lib.ui import (
    asks,
    cache,
    charts,
    downloads,
    figures,
    map_controls,
    page,
    share,
    tables,
    timebar,
    url,
)
from lib.ui.cache import PageContext, load
from lib.ui.css import EMBED_CSS, EMBED_SR_ONLY, MAP_KEY, map_background

EMBED_TITLE = N_("Embedded chart")


def setup() -> tuple[PageContext, str, list[str]]:
    """Set up /embed: no sidebar, the page as wide as its frame; read ?lang=, ?crisis= and
    ?chart=, each falling back with a notice when unknown. Return the context, the chart's
    slug and the notices for the page to show."""
    lang, notices = page.bare_page(EMBED_TITLE, EMBED_CSS)
    loaded = load(lang)
    names = loaded.crisis_names
    crisis_raw = url.last_in_link("crisis")
    crisis = crisis_raw if crisis_raw in CRISES else None
    if crisis_raw is not None and crisis is None:
        notices.append(
            url.unknown_notice(
                lang, translate(lang, "Crisis"), crisis_raw, translate(lang, "All crises")
            )
        )
    chart_raw = url.last_in_link("chart")
    chart = chart_raw if chart_raw in CHARTS else DEFAULT_CHART
    if chart_raw is not None and chart_raw not in CHARTS:
        notices.append(
            url.unknown_notice(
                lang, translate(lang, "chart"), chart_raw, translate(lang, "the flow map")
            )
        )
    key = (str(loaded.folder), loaded.stamp)
    everything = PageContext(loaded.data, crisis, names, lang, key)
    choice = timebar.read_choice(page.time_options(everything), lang, notices)
    return page.at_choice(everything, choice), chart, notices


def _heading(title: str, visible: bool) -> None:
    """The page's one heading: the chart's title. A plotly chart prints its own title, so
    there the heading is for screen readers only."""
    with st.container(key="embed_heading" if visible else EMBED_SR_ONLY):
        st.title(title, anchor=False)


def _words(ctx: PageContext, words: str) -> None:
    with st.container(key="embed_words"):
        tables.chart_words(ctx, words)


def _plotly(ctx: PageContext, kind: ChartKind, notices: list[str]) -> str:
    """Draw a plotly chart of the registry for the link's view of its page, with its title
    as the heading, the lines under it and its source line as text that wraps
    (lib.ui.figures), its words and its table; on a phone, its narrow layout where it has
    one; where the view has nothing to draw, why."""
    ask, extra = asks.chart_ask(ctx, kind, notices)
    page.show_notices(notices)
    chart = charts.built(ctx, kind, ask, *extra)
    if chart is None:
        title = ctx.t(kind.empty_title, crisis=ctx.crisis_label())
        _heading(title, visible=True)
        st.info(ctx.t(kind.empty))
        return title
    words = charts.said(ctx, kind, ask, *extra)
    figure, titles = charts.on_screen(ctx, kind, ask, chart, *extra)
    _heading(chart.title, visible=True)
    figures.titled_chart(figure, titles, f"embed_{kind.slug}", alt=words, title=False)
    _words(ctx, words)
    tables.data_table(chart.table, ctx.t(kind.table), lang=ctx.lang)
    return chart.title


def _map(ctx: PageContext, notices: list[str]) -> str:
    """Draw the flow map as /map draws it for the link's country, flows and extent, with its
    legend, source, words and table."""
    countries = cache.memo(ctx, "map_countries", lambda: selectable_countries(ctx.data.places))
    controls = map_controls.map_controls(ctx, countries, notices, show=False)
    page.show_notices(notices)
    view = map_controls.shown_map(ctx, controls, page.layout_hint())
    words = cache.memo(ctx, "map_words", lambda: map_description(ctx.data, ctx.crisis, ctx.lang))
    _heading(view.chart.title, visible=True)
    st.html(view.legend)  # escaped text (lib.charts.maps.legend_html), sanitized again by st.html
    with st.container(key=MAP_KEY):  # map_background draws the map behind the chart here
        st.html(map_background(view))
        st.pydeck_chart(
            view.deck, height=view.model.layout.height, width="stretch", key="embed_map", alt=words
        )
    st.caption(map_source_caption(ctx.data, ctx.lang))
    if line := smaller_line(view.shown, ctx.lang):
        st.caption(line)
    _words(ctx, words)
    tables.data_table(view.chart.table, ctx.t("flows on the map"), lang=ctx.lang)
    return view.chart.title


def draw(ctx: PageContext, chart: str, notices: list[str]) -> str:
    """Draw one chart of the registry (lib.charts.registry.CHARTS) alone for the link's view,
    after the link's notices; return its title. The map is drawn as /map draws it (pydeck);
    every other chart is a plotly figure."""
    if chart == "map":
        return _map(ctx, notices)
    return _plotly(ctx, CHARTS[chart], notices)


def open_in_dashboard(ctx: PageContext, chart: str) -> str:
    """Draw the link "Open in the dashboard" to the chart's full view with every parameter of
    the view (a new tab: the embedding site stays); return its address."""
    page_slug = CHARTS[chart].page
    target = page_url(downloads.base_url(), page_slug, share.view_now(ctx, page_slug))
    st.link_button(
        ctx.t("Open in the dashboard"), target, icon=":material/open_in_new:", type="primary"
    )
    return target
