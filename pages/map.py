"""Flow map (/map): who moves where, the actions per country; click a country (or choose it)
to see its flows and actions. ?country=CHL&dir=in, ?top=, ?view= and ?compare= keep the
choices in the link (lib/ui/map_controls.py)."""

import streamlit as st

from lib.base.links import view_params
from lib.base.schema import Action
from lib.charts.describe import map_description
from lib.charts.map_view import (
    compare_maps,
    country_panel,
    map_chart,
    map_source_caption,
    selectable_countries,
)
from lib.export.render import deck_html_bytes, map_html_caption
from lib.model.selection import left_out_lines, smaller_line
from lib.model.tables import actions_per_country_table
from lib.model.timeline import link_params
from lib.ui import cache, downloads, map_controls, page, tables, url
from lib.ui.css import MAP_KEY, map_background

ctx = page.setup("Flow map", "map")
t = ctx.t
notices: list[str] = []
heading = st.empty()  # the title comes first; it is written once the view is built
countries = cache.memo(ctx, "map_countries", lambda: selectable_countries(ctx.data.places))
left, right = st.columns([1, 2], vertical_alignment="bottom")
controls = map_controls.map_controls(ctx, countries, notices, left)
selected = controls.country
layout = page.layout_hint()
asked = controls.asked
ask = map_controls.map_ask(ctx, controls)
view = map_controls.shown_map(ctx, controls, layout)
right.html(
    view.legend
)  # escaped text (lib.charts.maps.legend_html), and sanitized again by st.html
page.show_notices(notices)

heading.header(view.chart.title)
st.caption(
    t(
        "Click a country's dot, or choose it above, to see its flows and actions. Point at a "
        "flow's white "
        "dot for its figure and source."
    )
)
if controls.compare:
    side = cache.memo(
        ctx,
        "map_compare",
        lambda: compare_maps(
            ctx.all_years, ctx.data.time, controls.compare, ctx.crisis, ctx.lang, layout, ask
        ),
        layout,
        *asked,
        controls.compare,
    )
    for col, (caption, png, alt) in zip(st.columns(len(side)), side, strict=True):
        col.image(png, caption=caption, alt=alt, width="stretch")
words = cache.memo(ctx, "map_words", lambda: map_description(ctx.data, ctx.crisis, ctx.lang))
with st.container(key=MAP_KEY):  # map_background draws the map behind the chart in this container
    st.html(map_background(view))
    st.pydeck_chart(
        view.deck,
        height=view.model.layout.height,
        width="stretch",
        key="map_pick",
        selection_mode="single-object",
        on_select=url.pick_from_chart("map_pick", "country", "places", "code"),
        alt=words,
    )
if line := cache.memo(
    ctx, "map_smaller", lambda: smaller_line(view.shown, ctx.lang), layout, *asked
):
    st.caption(line)
tables.chart_words(ctx, words)
st.caption(cache.memo(ctx, "map_source", lambda: map_source_caption(ctx.data, ctx.lang)))

if selected:
    panel = cache.memo(
        ctx,
        "map_country",
        lambda: country_panel(view, ctx.data.actions, ctx.crisis, selected, countries[selected]),
        layout,
        *asked,
    )
    st.subheader(panel.name)
    if panel.summary is None:
        st.info(
            t(
                "{country} is not on this map: no flow or action of this selection involves it.",
                country=panel.name,
            )
        )
    else:
        st.caption(panel.summary)
    if len(panel.actions):
        st.markdown(
            "**" + t("Actions accompanied by EUROsociAL+ in {country}", country=panel.name) + "**"
        )
        keep = view_params(ctx.crisis, ctx.lang, **link_params(ctx.data.time))
        for action_id, title in zip(
            panel.actions[Action.ID], panel.actions[Action.TITLE], strict=True
        ):
            st.page_link(
                "pages/actions.py",
                label=title,
                icon=":material/arrow_forward:",
                query_params={**keep, "action": action_id},
            )

if len(view.not_drawn):
    st.markdown("**" + t("Not drawn on the map") + "**")
    tables.caption_list(
        cache.memo(
            ctx, "map_left_out", lambda: left_out_lines(view.not_drawn, ctx.lang), layout, *asked
        )
    )
if view.model.unlabelled:
    st.caption(
        t(
            "No room for the labels of: {places}. Point at their dots, or see the tables below.",
            places=", ".join(view.model.unlabelled),
        )
    )

tables.data_table(view.chart.table, t("flows on the map"), lang=ctx.lang)
tables.data_table(
    lambda: actions_per_country_table(view.counts, ctx.lang),
    t("actions per country"),
    lang=ctx.lang,
)
st.caption(
    t(
        "Downloads: the PNG and SVG draw the same map for a 1920×1080 slide, with its legend; "
        "the HTML is this interactive map, working offline."
    )
)
downloads.chart_downloads(
    view.chart,
    ctx,
    html=lambda: deck_html_bytes(
        view.html_deck(), map_html_caption(view.chart.title, ctx.lang), words, ctx.lang
    ),
    figure=lambda: map_chart(ctx.data, ctx.crisis, ctx.lang, ask=ask).figure,
    description=words,
)  # built only when clicked
