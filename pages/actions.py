"""Action explorer (/actions): filter, search, sort and open the actions accompanied by the programme."""

import streamlit as st

from lib import state
from lib.actions import ActionFilter, action_details, filter_actions, options, table_view
from lib.charts import actions_country_chart
from lib.schema import SCOPES, Action

f = state.frame("Action explorer", "actions")
data = f.data
themes = dict(zip(data.themes["theme"], data.themes["label"]))
countries = dict(zip(data.places["code"], data.places["name"]))
notices: list[str] = []

st.header(f"Actions accompanied by EUROsociAL+: {f.crisis_label()}")
c1, c2, c3, c4 = st.columns(4)
picked_countries = state.url_multiselect("country", options(data.actions, Action.COUNTRIES), "Country", notices,
                                         format_func=lambda c: countries.get(c, c), widget=c1)
picked_scopes = state.url_multiselect("scope", SCOPES, "Scope", notices, widget=c2)
picked_themes = state.url_multiselect("theme", sorted(themes), "Theme", notices,
                                      format_func=lambda t: themes.get(t, t), widget=c3)
picked_orgs = state.url_multiselect("org", options(data.actions, Action.ORGANISATIONS), "Organisation", notices, widget=c4)
text = state.url_text("q", "Search titles and outcomes", placeholder="e.g. accreditation, children, defence")
state.bind_notices(f, notices)

flt = ActionFilter(crisis=f.crisis, countries=tuple(picked_countries), scopes=tuple(picked_scopes),
                   themes=tuple(picked_themes), organisations=tuple(picked_orgs), text=text)
found = filter_actions(data.actions, flt)
st.caption(f"{len(found)} of {len(data.actions)} actions")
if found.empty:
    st.info("No action matches these filters. Remove a filter or change the crisis to see more.")
else:
    table = table_view(found, countries, themes)
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "Title": st.column_config.TextColumn(width="large"),
        "Countries": st.column_config.ListColumn(),
        "Themes": st.column_config.ListColumn(),
        "Organisations": st.column_config.ListColumn(width="medium"),
        "Outcome": st.column_config.TextColumn(width="large"),
    })
    state.table_download(table.assign(action_id=found[Action.ID].to_numpy()), f, "actions")
    pick = state.url_select("action", ["", *found[Action.ID]], "", "Show one action in full", notices,
                            format_func=lambda a: "—" if a == "" else found.set_index(Action.ID).at[a, Action.TITLE])
    state.bind_notices(f, [n for n in notices if "show one action" in n.lower()])
    if pick:
        for label, value in action_details(found.set_index(Action.ID).loc[pick], countries, themes):
            st.markdown(f"**{label}**")
            st.text(value)
    chart = actions_country_chart(data, f.crisis, found)
    if len(chart.table):
        st.plotly_chart(chart.figure, width="stretch", key="actions_chart")
        state.data_table(chart.table, "actions per country")
        state.chart_downloads(chart, f)
