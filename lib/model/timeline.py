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

from lib.base.fmt import people_compact
from lib.base.i18n import translate
from lib.base.marks import N_
from lib.base.schema import CRISIS_ORIGINS, SHEET_INDICATOR, SHEET_YEAR, Flow
from lib.model.data import Bundle
from lib.model.indicators import indicator_label, indicator_order, year_label
from lib.model.selection import crisis_mask
from lib.model.sheet import date_note, sheet_name, source_sentence, stock_note


@dataclass(frozen=True)
class TimeChoice:
    """The indicator and year a view shows, and what it could show instead."""

    indicator: str
    year: int
    indicators: tuple[str, ...]  # with rows in this view, in display order
    years: tuple[int, ...]  # with rows for `indicator`, oldest first
    # The largest figure of the indicator in any year and crisis: the map's widest flow, so
    # widths compare across years and crises (growth shows when the year changes).
    largest: float = 0.0
    # The datasets of the rows shown, most rows first: named once by `at`, read by every
    # source line (counting them on every run of a page cost a tenth of its time).
    sources: tuple[str, ...] = ()
    # Where two datasets give figures for the same origin and destination: the one asked for
    # (?dataset=), and, once `at` has chosen, the rivals with the shown one first.
    dataset: str | None = None
    rivals: tuple[str, ...] = ()

    @property
    def has_choice(self) -> bool:
        """Return True when there is more than one indicator or year to choose from."""
        return len(self.indicators) > 1 or len(self.years) > 1

    @property
    def is_sheet(self) -> bool:
        """Return True when the view shows the sheet's own figures (about 2020)."""
        return self.indicator == SHEET_INDICATOR


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


# --------------------------------------------------------------------------- then and now


@dataclass(frozen=True)
class ThenNow:
    """The sheet's figure for one origin and destination beside the newest loaded one."""

    then: pd.Series  # the sheet's row
    now: pd.Series | None  # the newest other row for the same origin and destination
    change: float | None  # now − then, only when both count the same indicator

    @property
    def comparable(self) -> bool:
        """Return True when both figures count the same indicator (a change is computed)."""
        return self.now is not None and self.now[Flow.INDICATOR] == self.then[Flow.INDICATOR]


def newest_figure(
    flows: pd.DataFrame, origin: str, destination: str, after: pd.Series, prefer: str | None = None
) -> pd.Series | None:
    """Return the newest row with a figure for an origin and a destination, other than
    `after` and not older than it; among several of the newest year, the `prefer`red
    indicator, then the display order. None when there is none."""
    rows = flows[
        (flows[Flow.ORIGIN] == origin)
        & (flows[Flow.DESTINATION] == destination)
        & flows[Flow.PEOPLE].notna()
        & (flows[Flow.ID] != after[Flow.ID])
        & (flows[Flow.YEAR] >= after[Flow.YEAR])
    ]
    if rows.empty:
        return None
    newest = rows[rows[Flow.YEAR] == rows[Flow.YEAR].max()]
    order = indicator_order(newest[Flow.INDICATOR])
    if prefer in order:
        order.remove(prefer)
        order.insert(0, prefer)
    return newest[newest[Flow.INDICATOR] == order[0]].iloc[0]


def then_and_now(flows: pd.DataFrame, sheet_row: pd.Series, prefer: str | None = None) -> ThenNow:
    """Return the sheet's row beside the newest figure for its origin and destination, and
    the change when both count the same indicator (never across two indicators)."""
    now = newest_figure(
        flows, sheet_row[Flow.ORIGIN], sheet_row[Flow.DESTINATION], sheet_row, prefer
    )
    same = now is not None and now[Flow.INDICATOR] == sheet_row[Flow.INDICATOR]
    change = float(now[Flow.PEOPLE] - sheet_row[Flow.PEOPLE]) if same else None
    return ThenNow(sheet_row, now, change)


def then_now_text(pair: ThenNow, origin: str, destination: str, lang: str = "en") -> str:
    """Return the sheet's figure beside the newest one, each with its year and what it
    counts: "Colombia: 1.8 million, about 2020 (the sheet: people from Venezuela living
    there) · 80, 2024 (International migrant stock, both sexes (UN DESA)). Two indicators:
    no change computed."; '' when no newer figure is loaded."""
    if pair.now is None:
        return ""
    then, now = pair.then, pair.now
    first = translate(
        lang,
        "{place}: {people}, {year} (the sheet: people from {origin} living there)",
        place=destination,
        people=people_compact(then[Flow.PEOPLE], lang),
        year=year_label(int(then[Flow.YEAR]), then[Flow.INDICATOR], lang),
        origin=origin,
    )
    second = translate(
        lang,
        "{people}, {year} ({indicator})",
        people=people_compact(now[Flow.PEOPLE], lang),
        year=year_label(int(now[Flow.YEAR]), now[Flow.INDICATOR], lang),
        indicator=indicator_label(now[Flow.INDICATOR], lang),
    )
    if pair.comparable:
        sign = "+" if pair.change >= 0 else "−"
        last = translate(
            lang,
            "Change: {sign}{people} (the same indicator).",
            sign=sign,
            people=people_compact(abs(pair.change), lang),
        )
    else:
        last = translate(lang, "Two indicators: no change computed.")
    return f"{first} · {second}. {last}"


# --------------------------------------------------------------------------- over time

TREND_LIMIT = 8  # destinations drawn as lines
NO_YEARS = N_(
    "Only one year of figures for this indicator: load a table with years to see a change."
)


@dataclass(frozen=True)
class Trend:
    """An origin's largest destinations across the years of one indicator."""

    table: pd.DataFrame  # one row per destination, one column per year; NaN is a gap
    years: tuple[int, ...]  # the indicator's years (any origin): the chart's x axis
    gaps: dict[str, tuple[int, ...]]  # destination → its years without a figure
    left_out: int  # destinations with figures not drawn (beyond TREND_LIMIT)


def trend(
    flows: pd.DataFrame, origins: Iterable[str], indicator: str, limit: int = TREND_LIMIT
) -> Trend:
    """Return the largest destinations of `origins` across the years of `indicator`: ranked
    by their newest figure, each year a column, a year without a figure left empty (a gap:
    never a zero, never interpolated). Figures of several origins to one destination are
    kept apart (one line each), never added."""
    of_indicator = flows[(flows[Flow.INDICATOR] == indicator) & flows[Flow.PEOPLE].notna()]
    years = tuple(sorted(map(int, of_indicator[Flow.YEAR].unique())))
    rows = of_indicator[of_indicator[Flow.ORIGIN].isin(list(origins))]
    if rows.empty:
        return Trend(pd.DataFrame(columns=list(years)), years, {}, 0)
    wide = rows.pivot_table(
        index=[Flow.ORIGIN, Flow.DESTINATION],
        columns=Flow.YEAR,
        values=Flow.PEOPLE,
        aggfunc="first",  # one row per origin, destination, year and indicator (validated)
    ).reindex(columns=list(years))
    newest = wide.apply(lambda r: r.dropna().iloc[-1], axis=1)
    ranked = wide.loc[newest.sort_values(ascending=False).index]
    drawn = ranked.iloc[:limit]
    gaps = {
        f"{o}→{d}": tuple(int(y) for y, v in r.items() if pd.isna(v))
        for (o, d), r in drawn.iterrows()
    }
    return Trend(drawn, years, {k: v for k, v in gaps.items() if v}, len(ranked) - len(drawn))


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
