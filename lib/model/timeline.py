"""Time and what is counted: the years and indicators a view has, the one it shows, how a
year is said, the source line of a choice, the sheet's figure beside the newest one, and a
origin's destinations across the years.

A figure is a number of people of one indicator in one year. Two indicators, or two years,
are never added into one total: every view shows one (indicator, year), and a change is
computed only between figures of the same indicator. A year with no figure is a gap, never a
zero and never interpolated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from lib.base.schema import SHEET_INDICATOR, SHEET_YEAR, Flow
from lib.model.bundle import Bundle
from lib.model.choice import TimeChoice
from lib.model.indicators import indicator_order
from lib.model.selection import crisis_mask


def available(flows: pd.DataFrame, crisis: str | None = None) -> dict[str, tuple[int, ...]]:
    """Return indicator → the years with at least one row, for a crisis (all when None), in
    display order."""
    rows = flows[crisis_mask(flows, crisis)]
    if rows.empty:
        return {}
    pairs = rows[[Flow.INDICATOR, Flow.YEAR]].drop_duplicates()
    years = pairs.groupby(Flow.INDICATOR)[Flow.YEAR].apply(lambda s: tuple(sorted(map(int, s))))
    return {i: years[i] for i in indicator_order(years.index)}


def default_indicator(options: dict[str, tuple[int, ...]]) -> str:
    """Return the indicator a view opens on: the sheet's when it has rows (its figures carry
    their provenance and its unquantified flows), else the first in display order."""
    if SHEET_INDICATOR in options or not options:
        return SHEET_INDICATOR
    return next(iter(options))


def largest_of(flows: pd.DataFrame, indicator: str) -> float:
    """Return the largest figure of an indicator, any year, any crisis (0 when none)."""
    people = flows.loc[flows[Flow.INDICATOR] == indicator, Flow.PEOPLE]
    return float(people.max()) if people.notna().any() else 0.0


@dataclass(frozen=True)
class TimeOptions:
    """What a crisis's view can show: each indicator's years with figures, and its largest
    figure in any year or crisis (the map's width scale); and the indicators of the data
    that have no figures for this view (a link may ask for one: it is not unknown)."""

    years: dict[str, tuple[int, ...]]  # indicator → years with rows, oldest first
    largest: dict[str, float]
    elsewhere: tuple[str, ...] = ()  # indicators with rows in the data, none for this view

    def choose(self, indicator: str | None = None, year: int | None = None) -> TimeChoice:
        """Return the view's choice: `indicator` and `year` when they have rows, else the
        fallbacks (the default indicator; the newest year with rows for the indicator)."""
        if not self.years:
            return TimeChoice(SHEET_INDICATOR, SHEET_YEAR, (), (), 0.0)
        chosen = indicator if indicator in self.years else default_indicator(self.years)
        years = self.years[chosen]
        return TimeChoice(
            chosen,
            year if year in years else years[-1],
            tuple(self.years),
            years,
            self.largest.get(chosen, 0.0),
        )


def options_for(flows: pd.DataFrame, crisis: str | None) -> TimeOptions:
    """Return a crisis's TimeOptions (the largest figures over every crisis, so widths
    compare across crises as well as years)."""
    years = available(flows, crisis)
    elsewhere = indicator_order(set(flows[Flow.INDICATOR].dropna()) - set(years))
    return TimeOptions(years, {i: largest_of(flows, i) for i in years}, tuple(elsewhere))


def choice_for(
    flows: pd.DataFrame,
    crisis: str | None,
    indicator: str | None = None,
    year: int | None = None,
) -> TimeChoice:
    """Return a crisis's choice of `indicator` and `year`, or their fallbacks."""
    return options_for(flows, crisis).choose(indicator, year)


def at(data: Bundle, choice: TimeChoice) -> Bundle:
    """Return the data of one choice: the flows of its indicator and year only, the choice
    named in `time` with the datasets of those rows (every chart built from it then says
    which it shows). Where two datasets give the same origin and destination, one is shown
    (one_dataset): never two figures summed or drawn over each other."""
    flows, rivals = one_dataset(flows_at(data.flows, choice.indicator, choice.year), choice.dataset)
    time = replace(choice, sources=tuple(datasets(flows)), rivals=rivals)
    return replace(data, flows=flows, time=time)


def link_params(choice: TimeChoice | None) -> dict[str, str]:
    """Return the URL parameters that reopen a choice: none for the sheet's own figures,
    else the indicator and the year (?indicator=oip&year=2024)."""
    if choice is None or choice.is_sheet:
        return {}
    return {"indicator": choice.indicator, "year": str(choice.year)}


def flows_at(flows: pd.DataFrame, indicator: str, year: int) -> pd.DataFrame:
    """Return the rows of one indicator and one year: what every chart of a view draws."""
    return flows[(flows[Flow.INDICATOR] == indicator) & (flows[Flow.YEAR] == year)]


def datasets(flows: pd.DataFrame) -> list[str]:
    """Return the datasets (the `source` of each row) of a selection, most rows first."""
    return list(flows[Flow.SOURCE].dropna().value_counts().index)


# --------------------------------------------------------------------------- then and now


# --------------------------------------------------------------------------- over time


def focus_of(flows: pd.DataFrame, ids: Iterable[str], crisis: str | None) -> tuple[str, int] | None:
    """Return the indicator and year a view moves to when a file is added: of the file's rows
    (`ids`) in the crisis, the first indicator in display order and its newest year; None when
    the file has no row in the crisis."""
    rows = flows[flows[Flow.ID].isin(set(ids)) & crisis_mask(flows, crisis)]
    if rows.empty:
        return None
    indicator = indicator_order(rows[Flow.INDICATOR].dropna())[0]
    return indicator, int(rows.loc[rows[Flow.INDICATOR] == indicator, Flow.YEAR].max())


def has_figures(
    flows: pd.DataFrame, ids: Iterable[str], indicator: str, year: int, crisis: str | None = None
) -> bool:
    """Return True when some of the rows `ids` are figures of `indicator` in `year` in the
    crisis (all when None)."""
    rows = flows[flows[Flow.ID].isin(set(ids)) & crisis_mask(flows, crisis)]
    return bool(((rows[Flow.INDICATOR] == indicator) & (rows[Flow.YEAR] == year)).any())


def rival_datasets(flows: pd.DataFrame) -> tuple[str, ...]:
    """Return the datasets that give a figure for an origin and destination another dataset
    also gives, in these flows (one indicator and year): most rows first."""
    pairs = flows.dropna(subset=[Flow.SOURCE])[[Flow.ORIGIN, Flow.DESTINATION, Flow.SOURCE]]
    per_pair = pairs.groupby([Flow.ORIGIN, Flow.DESTINATION])[Flow.SOURCE].transform("nunique")
    shared = pairs[per_pair > 1]
    return tuple(datasets(flows[flows[Flow.SOURCE].isin(set(shared[Flow.SOURCE]))]))


def one_dataset(flows: pd.DataFrame, dataset: str | None) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Return the flows with one figure per origin and destination, never two datasets' summed
    or drawn over each other: where datasets rival for a flow, the row of `dataset` is kept
    (when it is one of them, else the one with most rows), and for a flow it does not give,
    the row of the next in that order; the others' rows for that flow are left out. Also
    return the rivals, the shown one first (empty when none rival)."""
    rivals = rival_datasets(flows)
    if not rivals:
        return flows, ()
    shown = dataset if dataset in rivals else rivals[0]
    order = (shown, *(r for r in rivals if r != shown))
    rank = flows[Flow.SOURCE].map({r: k for k, r in enumerate(order)})
    pair = [flows[Flow.ORIGIN], flows[Flow.DESTINATION]]
    best = rank.groupby(pair).transform("min")
    other = rank.notna() & (rank > best)
    return flows[~other], order
