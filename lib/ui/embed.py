"""/embed's set-up: one chart alone, for another site's iframe.

No sidebar and no menu; the language, the crisis and the chart come from the URL (an unknown
value gives a notice and falls back: English, all crises, the map). Streamlit's own
`?embed=true` is left to Streamlit (st.query_params never shows it).
"""

from __future__ import annotations

import streamlit as st

from lib.base.i18n import translate
from lib.base.links import page_url
from lib.base.marks import N_
from lib.base.schema import CRISES
from lib.charts.describe import map_description
from lib.charts.map_view import MapAsk, map_scale, map_source_caption, map_view
from lib.charts.registry import CHARTS, DEFAULT_CHART, Ask, ChartKind
from lib.model.selection import MAP_LIMIT, smaller_line
from lib.ui import cache, charts, downloads, figures, page, tables, timebar, url
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


def _plotly(ctx: PageContext, kind: ChartKind) -> str:
    """Draw a plotly chart of the registry with its title as the heading, the lines under it
    and its source line as text that wraps (lib.ui.figures), and its words; on a phone, its
    narrow layout where it has one; where the view has nothing to draw, why."""
    ask = Ask(ctx.data, ctx.crisis, ctx.lang, every_year=ctx.all_years)
    chart = charts.built(ctx, kind, ask)
    if chart is None:
        title = ctx.t(kind.empty_title, crisis=ctx.crisis_label())
        _heading(title, visible=True)
        st.info(ctx.t(kind.empty))
        return title
    words = charts.said(ctx, kind, ask)
    figure, titles = charts.on_screen(ctx, kind, ask, chart)
    _heading(chart.title, visible=True)
    figures.titled_chart(figure, titles, f"embed_{kind.slug}", alt=words, title=False)
    _words(ctx, words)
    return chart.title


def _map(ctx: PageContext) -> str:
    """Draw the flow map as /map draws it (no country picked), its legend, source and words."""
    layout = page.layout_hint()
    ask = cache.memo(
        ctx,
        "embed_map_ask",
        lambda: MapAsk(scale=map_scale(ctx.all_years, ctx.crisis, ctx.data.time, MAP_LIMIT, None)),
    )
    view = cache.memo(
        ctx,
        "embed_map",
        lambda: map_view(ctx.data, ctx.crisis, ctx.crisis_names, ctx.lang, layout, ask=ask),
        layout,
    )
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
    return view.chart.title


def draw(ctx: PageContext, chart: str) -> str:
    """Draw one chart of the registry (lib.charts.registry.CHARTS) alone; return its title.
    The map is drawn as /map draws it (pydeck); every other chart is a plotly figure."""
    return _map(ctx) if chart == "map" else _plotly(ctx, CHARTS[chart])


def open_in_dashboard(ctx: PageContext, chart: str, params: dict[str, str]) -> str:
    """Draw the link "Open in the dashboard" to the chart's full view with the view's
    parameters (a new tab: the embedding site stays); return its address."""
    target = page_url(downloads.base_url(), CHARTS[chart].page, params)
    st.link_button(
        ctx.t("Open in the dashboard"), target, icon=":material/open_in_new:", type="primary"
    )
    return target
