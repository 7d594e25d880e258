"""What a view says of its source: the sheet's or the datasets' sentence, the counts note,
the year in a title, the note on imported datasets."""

from __future__ import annotations

import pandas as pd

from lib.base.i18n import translate
from lib.base.schema import CRISIS_ORIGINS, SHEET_INDICATOR, Flow
from lib.model.bundle import Bundle
from lib.model.indicators import indicator_label
from lib.model.sheet import date_note, sheet_name, source_sentence, stock_note
from lib.model.timeline import datasets


def source_of(data: Bundle, lang: str = "en") -> str:
    """Return the first line of a chart's source line: the sheet's sentence for its own
    figures (or a bundle of no one choice), else the datasets, the year and the indicator:
    "Source: UNHCR refugee statistics, 2024, other people in need of international
    protection (UNHCR)."."""
    choice = data.time
    if choice is None or choice.is_sheet:
        return source_sentence(lang)
    return translate(
        lang,
        "Source: {datasets}, {year}: {indicator}.",
        datasets="; ".join((choice.sources or tuple(datasets(data.flows)))[:3]) or choice.indicator,
        year=choice.year,
        indicator=indicator_label(choice.indicator, lang),
    )


def counts_note(data: Bundle, lang: str = "en") -> str:
    """Return the line that says what a chart's figures count: the sheet's stock (people
    living abroad, about 2020), or the chosen indicator and its year."""
    choice = data.time
    if choice is None or choice.is_sheet:
        return stock_note(lang)
    return translate(
        lang,
        "Figures: {indicator}, {year}. Each counts people of one origin in one destination; "
        "they are not added across years or indicators.",
        indicator=indicator_label(choice.indicator, lang),
        year=choice.year,
    )


def source_notes(data: Bundle, lang: str = "en", figures: bool = True) -> list[str]:
    """Return the sentences a slide deck, handout or SOURCES.md opens with: the source
    document, the date of its figures and (with `figures`) what they count; for another
    indicator, its datasets, year and what it counts."""
    choice = data.time
    if choice is None or choice.is_sheet:
        lines = [translate(lang, "Source document: {sheet}.", sheet=sheet_name(lang))]
        return [*lines, date_note(lang), *([stock_note(lang)] if figures else [])]
    return [source_of(data, lang), *([counts_note(data, lang)] if figures else [])]


def about_text(data: Bundle):
    """Return the function that says, in a downloaded table's 'about these data' column,
    where its rows come from (lib.export.render.with_about): the sheet's sentence, or the dataset,
    year and indicator shown."""

    def say(lang: str = "en", figures: bool = False) -> str:
        return source_of(data, lang) + (" " + counts_note(data, lang) if figures else "")

    return say


def title_year(data: Bundle, lang: str = "en") -> str:
    """Return what a chart's title adds for its year: nothing for the sheet's figures (its
    source line dates them), ", 2024" for a chosen year of another indicator."""
    choice = data.time
    if choice is None or choice.is_sheet:
        return ""
    return f", {choice.year}"


def imported_datasets(flows: pd.DataFrame) -> list[str]:
    """Return the datasets of the rows that are not the sheet's, most rows first."""
    return datasets(flows[flows[Flow.INDICATOR] != SHEET_INDICATOR])


def imported_note(names: list[str], crisis_names: dict[str, str], lang: str = "en") -> str:
    """Return the Sources page's paragraph on figures brought in from published tables:
    which datasets, that each figure cites its file and row, and how they join crises
    (`crisis_names`: slug → name in `lang`)."""
    origins = "; ".join(f"{crisis_names.get(c, c)}: {', '.join(sorted(o))}" for c, o in _origins())
    return translate(
        lang,
        "**Newer figures.** Besides the sheet's, this view holds figures brought in from "
        "published tables: {datasets}. Each cites its dataset, its file and its row or cell, and "
        "has a year and an indicator; figures of two years or two indicators are never added "
        "up. A row joins a crisis when its origin is one of the crisis's origins in the sheet "
        "({origins}); a row of any other origin is shown under All crises only.",
        datasets="; ".join(names),
        origins=origins,
    )


def _origins() -> list[tuple[str, set[str]]]:
    by: dict[str, set[str]] = {}
    for code, crisis in CRISIS_ORIGINS.items():
        by.setdefault(crisis, set()).add(code)
    return list(by.items())
