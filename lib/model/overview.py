"""What the overview shows for a crisis: figures with provenance, summary and counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lib.base.fmt import format_count, people_compact
from lib.base.i18n import tr, translate
from lib.base.schema import SHEET_INDICATOR, Case, Flow
from lib.model import over_time, timeline
from lib.model.actions import ActionFilter, filter_actions
from lib.model.bundle import Bundle
from lib.model.selection import CARD_LIMIT, crisis_mask, headline_figures, quantified_count


@dataclass(frozen=True)
class Card:
    """One metric card: a figure and where it comes from."""

    flow_id: str
    label: str
    value: str
    people: float
    status: str
    provenance: str  # "Reported · source" or "Derived: a − b · source"
    detail: str  # the sheet's words (or the file and row) and the reading note
    then_now: str = ""  # the sheet's figure beside the newest loaded one (lib.model.timeline)


@dataclass(frozen=True)
class CrisisSummary:
    """The overview of one crisis."""

    crisis: str
    name: str
    summary: str
    cards: tuple[Card, ...]  # the first CARD_LIMIT figures, top of the hierarchy first
    figures: int  # figures there are (cards may show fewer)
    flows: int  # flows the sheet names (derived rows are not named by the sheet)
    reported: int  # of them, with a figure the sheet gives
    derived: int  # figures computed from reported ones
    actions: int
    destinations: tuple[str, ...]


def derivation(formula: str, flows: pd.DataFrame, lang: str = "en") -> str:
    """Return a formula over flow ids with each id replaced by its formatted figure."""
    people = dict(zip(flows[Flow.ID], flows[Flow.PEOPLE], strict=True))
    text = re.sub(r"[a-z0-9_]+", lambda m: people_compact(people.get(m.group(0)), lang), formula)
    return text.replace(" - ", " − ")


def card_label(row: pd.Series, lang: str = "en") -> str:
    """Return a card's label: where the people live and where they come from (a stock, said
    without an arrow that reads as a movement)."""
    if row[Flow.DESTINATION] == "XWD":
        return translate(lang, "Abroad: people from {origin}", origin=row["origin_name"])
    return translate(
        lang,
        "{destination}: people from {origin}",
        destination=row["destination_name"],
        origin=row["origin_name"],
    )


def overview_counts(summary: CrisisSummary, lang: str = "en") -> str:
    """Return the line under a crisis: "5 flows named · 3 figures reported, 1 derived · 12
    actions linked", each count with its language's plural."""
    t = tr(lang)
    return " · ".join(
        (
            t.ngettext(
                "{count} flow named",
                "{count} flows named",
                summary.flows,
                count=format_count(summary.flows, lang),
            ),
            t.ngettext(
                "{count} figure reported, {derived} derived",
                "{count} figures reported, {derived} derived",
                summary.reported,
                count=format_count(summary.reported, lang),
                derived=format_count(summary.derived, lang),
            ),
            t.ngettext("{n} action linked", "{n} actions linked", summary.actions),
        )
    )


def reported_heading(data: Bundle, lang: str = "en") -> str:
    """Return the heading over the reported cards: the sheet, or the dataset shown."""
    if data.time is None or data.time.is_sheet:
        return translate(lang, "Reported by the sheet")
    return translate(
        lang,
        "Reported by {dataset}, {year}",
        dataset="; ".join(timeline.datasets(data.flows)[:2]),
        year=data.time.year,
    )


def cards_note(summary: CrisisSummary, lang: str = "en") -> str:
    """Return the line under the cards when they show only some of the figures ('' if all)."""
    if len(summary.cards) >= summary.figures:
        return ""
    return translate(
        lang,
        "The first {shown} of {total} figures: the top of the hierarchy, then the largest; "
        "every flow is listed on the Sources page.",
        shown=len(summary.cards),
        total=format_count(summary.figures, lang),
    )


def _detail(row: pd.Series, lang: str) -> str:
    """Return where a card's figure stands: the sheet's words, or the file and row."""
    t = tr(lang)
    note = row[Flow.NOTE] if isinstance(row[Flow.NOTE], str) else ""
    if row[Flow.INDICATOR] == SHEET_INDICATOR:
        return t("Sheet: “{quote}”. {note}", quote=row[Flow.QUOTE], note=note).strip()
    return t("Read from {quote}. {note}", quote=row[Flow.QUOTE], note=note).strip()


def _then_now(row: pd.Series, every: pd.DataFrame | None, prefer: str | None, lang: str) -> str:
    """Return a sheet card's figure beside the newest loaded one ('' for another card)."""
    if every is None or row[Flow.INDICATOR] != SHEET_INDICATOR:
        return ""
    pair = over_time.then_and_now(every, row, prefer)
    return over_time.then_now_text(pair, row["origin_name"], row["destination_name"], lang)


def crisis_summary(
    data: Bundle,
    crisis: str,
    lang: str = "en",
    every: pd.DataFrame | None = None,
    prefer: str | None = None,
) -> CrisisSummary:
    """Return the overview of one crisis from the data: cards, case text, counts. With
    `every` (the flows of every year and indicator), each of the sheet's cards says the
    newest figure for its origin and destination (the `prefer`red indicator among those of
    the newest year)."""
    mask = crisis_mask(data.flows, crisis)
    figures = headline_figures(data.flows, data.places, crisis, CARD_LIMIT)
    t = tr(lang)
    cards = []
    for _, row in figures.iterrows():
        if row[Flow.STATUS] == "derived":
            prov = t(
                "Derived: {formula} · {section}",
                formula=derivation(row[Flow.FORMULA], data.flows, lang),
                section=row[Flow.SOURCE],
            )
        else:
            prov = t("Reported · {section}", section=row[Flow.SOURCE])
        cards.append(
            Card(
                row[Flow.ID],
                card_label(row, lang),
                people_compact(row[Flow.PEOPLE], lang),
                float(row[Flow.PEOPLE]),
                row[Flow.STATUS],
                prov,
                _detail(row, lang),
                _then_now(row, every, prefer, lang),
            )
        )
    case = data.cases.set_index(Case.CRISIS).loc[crisis]
    names = dict(zip(data.places["code"], data.places["name"], strict=True))
    dest = tuple(names[d] for d in data.flows.loc[mask, Flow.DESTINATION].unique() if d in names)
    status = data.flows.loc[mask, Flow.STATUS].value_counts()
    return CrisisSummary(
        crisis=crisis,
        name=case[Case.NAME],
        summary=case[Case.SUMMARY],
        cards=tuple(cards),
        figures=quantified_count(data.flows, crisis),
        flows=int(status.sum() - status.get("derived", 0)),
        reported=int(status.get("reported", 0)),
        derived=int(status.get("derived", 0)),
        actions=len(filter_actions(data.actions, ActionFilter(crisis=crisis))),
        destinations=dest,
    )
