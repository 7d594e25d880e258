"""Action explorer (/actions): filter, search, sort and open the actions accompanied by the
programme."""

import streamlit as st

from lib.base.schema import Action
from lib.charts.registry import CHARTS, Ask
from lib.model import actions as act
from lib.ui import asks, cache, charts, downloads, page, tables, url

ctx = page.setup("Action explorer", "actions")
t = ctx.t
data = ctx.data
themes = dict(zip(data.themes["theme"], data.themes["label"], strict=True))
countries = dict(zip(data.places["code"], data.places["name"], strict=True))
notices: list[str] = []

st.header(t("Actions accompanied by EUROsociAL+: {crisis}", crisis=ctx.crisis_label()))
flt = asks.action_filter(ctx, notices)  # the four filters and the search box, in the URL
page.show_notices(notices)
found = asks.found_actions(ctx, flt)
st.caption(
    t.ngettext(
        "{shown} of {n} action", "{shown} of {n} actions", len(data.actions), shown=len(found)
    )
)
if ctx.crisis:
    st.caption(
        t(
            "An action is linked to a crisis when one of its countries is where one of the "
            "crisis's flows starts, "
            "ends or passes through. The link says where the action works, not that it was "
            "designed for the crisis."
        )
    )
if found.empty:
    st.info(t(CHARTS["actions"].empty))
else:
    table = cache.memo(
        ctx, "actions_table", lambda: act.table_view(found, countries, themes, ctx.lang), flt
    )
    # A long table is the grid, converted to Arrow once (cache.arrow): under load, converting on
    # every re-run cost a tenth of the page.
    tables.show_table(
        table,
        grid=lambda: cache.arrow(ctx, "actions_table", table, flt),
        column_config={
            t("Title"): st.column_config.TextColumn(width="large"),
            t("Countries"): st.column_config.ListColumn(),
            t("Themes"): st.column_config.ListColumn(),
            t("Organisations"): st.column_config.ListColumn(width="medium"),
            t("Outcome"): st.column_config.TextColumn(width="large"),
        },
    )
    downloads.table_download(
        lambda: table.assign(action_id=found[Action.ID].to_numpy()), ctx, "action-list"
    )  # on click
    url.forget_if(
        "action", set(data.actions[Action.ID]) - set(found[Action.ID])
    )  # filtered out, not unknown
    before = len(notices)
    titles = found.set_index(Action.ID)[Action.TITLE]
    pick = url.select(
        "action",
        ["", *found[Action.ID]],
        "",
        t("Show one action in full"),
        notices,
        format_func=lambda a: "—" if a == "" else titles[a],
        lang=ctx.lang,
        what=t("action"),
    )
    page.show_notices(notices[before:])
    if pick:
        by_crisis = cache.memo(
            ctx, "crisis_countries", lambda: act.crisis_countries(ctx.all_years.flows, data.places)
        )
        for label, value in act.action_details(
            found.set_index(Action.ID).loc[pick],
            countries,
            themes,
            ctx.lang,
            ctx.crisis_names,
            by_crisis,
        ):
            st.markdown(f"**{label}**")
            st.text(value)
    kind, ask = CHARTS["actions"], Ask(data, ctx.crisis, ctx.lang, actions=found)
    chart = charts.built(ctx, kind, ask, flt)
    if chart is not None:
        charts.show_chart(ctx, kind, ask, flt, chart=chart)
