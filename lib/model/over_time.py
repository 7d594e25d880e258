"""Figures over time: an origin's destinations year by year (gaps stay gaps, never zeros),
and a sheet figure beside the newest figure of a dataset (then and now)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from lib.base.fmt import people_compact
from lib.base.i18n import translate
from lib.base.marks import N_
from lib.base.schema import Flow
from lib.model.indicators import indicator_label, indicator_order, year_label


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
