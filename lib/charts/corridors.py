"""The two Sankeys of a crisis: the flows nested as the sheet nests them, and the flows by
corridor (south-north, south-south); each with its narrow layout for phones."""

from __future__ import annotations

import pandas as pd

from lib.base.i18n import tr
from lib.charts.common import (
    Chart,
    crisis_label,
    has_figures,
    is_sheet,
    source_line,
    subtitle_lines,
)
from lib.charts.sankey import corridor_data, hierarchy_data, sankey_figure, sankey_table
from lib.model.bundle import Bundle
from lib.model.selection import SANKEY_LIMIT, largest_flows
from lib.model.sources import title_year


def nested_chart(
    data: Bundle, crisis: str | None, lang: str = "en", layout: str = "desktop"
) -> Chart:
    """Return the nested Sankey of a crisis; on a "phone" layout, its narrow layout."""
    t = tr(lang)
    label = crisis_label(data, crisis, lang)
    shown = largest_flows(data.flows, crisis, SANKEY_LIMIT)
    sd = hierarchy_data(shown.flows, data.places, lang)
    title = (
        t("{crisis}: flows named in the sheet, nested as the sheet nests them", crisis=label)
        if is_sheet(data)
        else t(
            "{crisis}: where they live, {year}",
            crisis=label,
            year=data.time.year,
        )
    )
    src = source_line(
        data,
        t(
            "Grey hairlines: magnitude not reported; their width, the thinnest drawn, is not a "
            "figure. "
            "Nested figures are shown inside their parent, never added up."
        )
        if has_figures(shown)
        else t("Grey hairlines: magnitude not reported."),
        lang,
    )
    return Chart(
        "nested",
        title,
        sankey_figure(
            sd, title, src, lang, subtitle=subtitle_lines(data, shown, lang), layout=layout
        ),
        sankey_table(sd, lang),
    )


def corridor_chart(
    data: Bundle, crisis: str | None, lang: str = "en", layout: str = "desktop"
) -> tuple[Chart, pd.DataFrame]:
    """Return the corridor Sankey of a crisis and the flows it leaves out; on a "phone"
    layout, its narrow layout."""
    t = tr(lang)
    label = crisis_label(data, crisis, lang)
    shown = largest_flows(data.flows, crisis, SANKEY_LIMIT)
    sd, left_out = corridor_data(shown.flows, data.places, lang)
    title = t("{crisis}: flows by corridor", crisis=label) + title_year(data, lang)
    src = source_line(
        data,
        t(
            "Grey hairlines: magnitude not reported; their width, the thinnest drawn, is not a "
            "figure. "
            "No corridor total is given."
        )
        if has_figures(shown)
        else t("Grey hairlines: magnitude not reported. No corridor total is given."),
        lang,
    )
    chart = Chart(
        "corridors",
        title,
        sankey_figure(
            sd, title, src, lang, subtitle=subtitle_lines(data, shown, lang), layout=layout
        ),
        sankey_table(sd, lang),
    )
    return chart, left_out
