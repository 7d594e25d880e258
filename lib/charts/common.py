"""What every chart shares: `Chart` (name, title, figure, table), the crisis label, the
source line and subtitle lines every title carries. The charts themselves are one module
each (lib.charts.map_view, corridors, actions, trends), listed in lib.charts.registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from lib.base.i18n import translate
from lib.base.schema import Flow
from lib.model.bundle import Bundle
from lib.model.indicators import indicator_label
from lib.model.selection import Shown
from lib.model.sources import counts_note, source_of


@dataclass
class Chart:
    """A chart as a reader gets it: name for files, title, figure and the table behind it."""

    name: str
    title: str
    figure: Any  # plotly Figure
    table: pd.DataFrame


def crisis_label(data: Bundle, crisis: str | None, lang: str = "en") -> str:
    """Return the crisis's display name (from the bundle, already localized), or 'All crises'."""
    if crisis is None:
        return translate(lang, "All crises")
    return dict(zip(data.cases["crisis"], data.cases["name"], strict=True)).get(crisis, crisis)


def source_line(data: Bundle, note: str = "", lang: str = "en") -> str:
    """Return the source line printed under every chart: the sheet and the date of its figures
    with the sheet's evidence for it, or the dataset, year and indicator shown (lib.model.timeline);
    a second line for what the chart shows."""
    first = source_of(data, lang)
    return f"{first}<br>{note}" if note else first


def has_figures(shown: Shown) -> bool:
    """Return whether any flow of the selection carries a figure."""
    return bool(shown.flows[Flow.PEOPLE].notna().any())


def subtitle_lines(data: Bundle, shown: Shown, lang: str = "en") -> list[str]:
    """Return the lines under a chart's title: what its figures count (when it has any) and
    the note of a cut selection (when cut)."""
    counts = counts_note(data, lang) if has_figures(shown) else ""
    return [line for line in (counts, shown.note(lang)) if line]


def is_sheet(data: Bundle) -> bool:
    """Return True when the data are the sheet's own figures (or no one choice)."""
    return data.time is None or data.time.is_sheet


def arrow_note(data: Bundle, lang: str = "en") -> str:
    """Return what a flow's width counts, for the map's legend."""
    if is_sheet(data):
        return translate(lang, "Arrow: people living there, about 2020 (wider = more)")
    return translate(
        lang,
        "Arrow: {indicator}, {year} (wider = more)",
        indicator=indicator_label(data.time.indicator, lang),
        year=data.time.year,
    )
