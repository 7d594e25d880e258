"""Action explorer (/actions): filter, search, sort and open the actions accompanied by the
programme."""

import streamlit as st

from lib import actions as act
from lib import state
from lib.charts import actions_country_chart
from lib.describe import actions_description
from lib.schema import SCOPES, Action

f = state.frame("Action explorer", "actions")
t = f.t
data = f.data
themes = dict(zip(data.themes["theme"], data.themes["label"], strict=True))
countries = dict(zip(data.places["code"], data.places["name"], strict=True))
notices: list[str] = []

st.header(t("Actions accompanied by EUROsociAL+: {crisis}", crisis=f.crisis_label()))
# The filters' choices and the organisations' labels, made once per data version and language.
country_options, org_options = state.memo(
    f,
    "actions_filters",
    lambda: (
        act.options(data.actions, Action.COUNTRIES),
        act.options(data.actions, Action.ORGANISATIONS),
    ),
)
org_labels = state.memo(
    f,
    "actions_org_labels",
    lambda: dict(zip(org_options, map(act.organisation_option(f.lang), org_options), strict=True)),
)
# (URL parameter, choices, label, how a choice is shown), one filter per column
filters = (
    ("country", country_options, t("Country"), lambda c: countries.get(c, c)),
    ("scope", SCOPES, t("Scope"), t),
    ("theme", sorted(themes), t("Theme"), lambda x: themes.get(x, x)),
    ("org", org_options, t("Organisation"), org_labels.get),
)
picked = {
    name: tuple(
        state.url_multiselect(name, choices, label, notices, shown, widget=col, lang=f.lang)
    )
    for (name, choices, label, shown), col in zip(filters, st.columns(4), strict=True)
}
text = state.url_text(
    "q", t("Search titles and outcomes"), placeholder=t("e.g. accreditation, children, defence")
)
state.show_notices(notices)

flt = act.ActionFilter(
    crisis=f.crisis,
    countries=picked["country"],
    scopes=picked["scope"],
    themes=picked["theme"],
    organisations=picked["org"],
    text=text,
)
# Built once per filter, data version, language and crisis (state.memo): a full room re-runs
# this page many times a second.
found = state.memo(f, "actions_found", lambda: act.filter_actions(data.actions, flt), flt)
st.caption(
    t.ngettext(
        "{shown} of {n} action", "{shown} of {n} actions", len(data.actions), shown=len(found)
    )
)
if f.crisis:
    st.caption(
        t(
            "An action is linked to a crisis when one of its countries is where one of the "
            "crisis's flows starts, "
            "ends or passes through. The link says where the action works, not that it was "
            "designed for the crisis."
        )
    )
if found.empty:
    st.info(t("No action matches these filters. Remove a filter or change the crisis to see more."))
else:
    table = state.memo(
        f, "actions_table", lambda: act.table_view(found, countries, themes, f.lang), flt
    )
    # A long table is the grid, converted to Arrow once (state.arrow): under load, converting on
    # every re-run cost a tenth of the page.
    state.show_table(
        table,
        grid=lambda: state.arrow(f, "actions_table", table, flt),
        column_config={
            t("Title"): st.column_config.TextColumn(width="large"),
            t("Countries"): st.column_config.ListColumn(),
            t("Themes"): st.column_config.ListColumn(),
            t("Organisations"): st.column_config.ListColumn(width="medium"),
            t("Outcome"): st.column_config.TextColumn(width="large"),
        },
    )
    state.table_download(
        lambda: table.assign(action_id=found[Action.ID].to_numpy()), f, "action-list"
    )  # on click
    state.forget_param_if(
        "action", set(data.actions[Action.ID]) - set(found[Action.ID])
    )  # filtered out, not unknown
    before = len(notices)
    titles = found.set_index(Action.ID)[Action.TITLE]
    pick = state.url_select(
        "action",
        ["", *found[Action.ID]],
        "",
        t("Show one action in full"),
        notices,
        format_func=lambda a: "—" if a == "" else titles[a],
        lang=f.lang,
        what=t("action"),
    )
    state.show_notices(notices[before:])
    if pick:
        by_crisis = state.memo(
            f, "crisis_countries", lambda: act.crisis_countries(data.flows, data.places)
        )
        for label, value in act.action_details(
            found.set_index(Action.ID).loc[pick],
            countries,
            themes,
            f.lang,
            f.crisis_names,
            by_crisis,
        ):
            st.markdown(f"**{label}**")
            st.text(value)
    chart = state.memo(
        f, "actions_chart", lambda: actions_country_chart(data, f.crisis, found, f.lang), flt
    )
    if len(chart.table):
        words = state.memo(
            f, "actions_words", lambda: actions_description(data, f.crisis, f.lang, found), flt
        )
        st.plotly_chart(chart.figure, width="stretch", key="actions_chart", alt=words)
        state.chart_words(f, words)
        state.data_table(chart.table, t("actions per country"), lang=f.lang)
        state.chart_downloads(chart, f, description=words)
