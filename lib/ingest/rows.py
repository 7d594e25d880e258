"""Figures read from a published table → rows of flows.csv and the places they need.

Every imported row: a deterministic, unique flow_id (`undesa2024_ven_col_2020_undesa_stock`),
status reported, direction one_way, no corridor, no part_of or formula; its source the dataset
and edition, its quote the file and the row or cell, its note how it was read; its crisis the
one whose origin it shares in the sheet (CRISIS_ORIGINS), none otherwise.
"""

from __future__ import annotations

import pandas as pd

from lib.base.marks import N_
from lib.base.schema import CRISIS_ORIGINS, Flow
from lib.ingest.areas import new_places
from lib.ingest.reading import (
    DESTINATION,
    INDICATOR,
    ORIGIN,
    PEOPLE,
    QUOTE,
    ROW,
    YEAR,
    Read,
    notice,
)
from lib.model.problems import Problem

MAX_ROWS = 1_000_000
TWICE = N_("two figures for {origin} → {destination}, {year}, {indicator}: rows {rows}")


def duplicate_problems(read: Read, file: str) -> list[Problem]:
    """Return one problem per origin, destination, year and indicator given more than once."""
    key = [ORIGIN, DESTINATION, YEAR, INDICATOR]
    fig = read.figures
    dup = fig[fig.duplicated(key, keep=False)]
    problems = []
    for (o, d, y, i), group in dup.groupby(key, sort=True):
        rows = ", ".join(str(r) for r in group[ROW])
        problems.append(
            Problem.of(
                file,
                int(group[ROW].iloc[-1]),
                None,
                "figure_unique",
                TWICE,
                origin=o,
                destination=d,
                year=y,
                indicator=i,
                rows=rows,
            )
        )
    return problems


def flows_of(read: Read, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the figures as flows.csv rows (text cells, as lib.model.bundle.read_table gives them)
    and the notices of what was left out; rows from a country to itself are left out."""
    fig = read.figures
    same = fig[ORIGIN] == fig[DESTINATION]
    notices = []
    if same.any():
        msgid = N_("figures from a country to itself, left out: {count}")
        notices.append(notice(file, "same_country", msgid, count=int(same.sum())))
    fig = fig[~same]
    year = fig[YEAR].astype(int).astype(str)
    ids = (
        read.prefix
        + "_"
        + fig[ORIGIN].str.lower()
        + "_"
        + fig[DESTINATION].str.lower()
        + "_"
        + year
        + "_"
        + fig[INDICATOR]
    )
    flows = pd.DataFrame(
        {
            Flow.ID: ids.to_numpy(),
            Flow.CRISIS: fig[ORIGIN].map(CRISIS_ORIGINS).to_numpy(),
            Flow.ORIGIN: fig[ORIGIN].to_numpy(),
            Flow.DESTINATION: fig[DESTINATION].to_numpy(),
            Flow.PEOPLE: fig[PEOPLE].astype("int64").astype(str).to_numpy(),
            Flow.QUOTE: fig[QUOTE].to_numpy(),
            Flow.NOTE: fig["note"].to_numpy(),
            Flow.YEAR: year.to_numpy(),
            Flow.INDICATOR: fig[INDICATOR].to_numpy(),
        }
    )
    # The same value on every row, set once (a list of 380,000 copies was converted item by
    # item: a tenth of a whole-world ingest, bench.ingest).
    same_everywhere = {
        Flow.VIA: pd.NA,
        Flow.CORRIDOR: pd.NA,
        Flow.DIRECTION: "one_way",
        Flow.STATUS: "reported",
        Flow.PART_OF: pd.NA,
        Flow.FORMULA: pd.NA,
        Flow.AGREEMENT: pd.NA,
        Flow.SOURCE: read.dataset,
    }
    for column, value in same_everywhere.items():
        flows[column] = pd.Series(value, index=flows.index, dtype="string")
    flows = flows[list(Flow.ALL)]
    return flows, notices


def places_for(flows: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Return the places.csv rows the flows need and `places` lacks."""
    codes = set(flows[Flow.ORIGIN].unique()) | set(flows[Flow.DESTINATION].unique())
    return new_places(codes, places)


ALREADY = N_(
    "figures already in the data from the same dataset (the same file or rows imported "
    "again), kept once: {count}"
)
CHANGED = N_(
    "{id} is already in the data with {old} from the same dataset ({dataset}); this file "
    "gives {new}. Name this file's edition (the dataset) so that both are kept, each with "
    "its own source"
)


def stacked(
    flows: pd.DataFrame, base: pd.DataFrame, read: Read, file: str
) -> tuple[pd.DataFrame, tuple[Problem, ...], list[Problem]]:
    """Return the imported rows that are not yet in `base`, the notice of those kept once
    (the same dataset's same figure, imported twice), and a problem for each row whose id is
    in `base` with another figure (the same dataset and edition giving two numbers: refused,
    never replaced or summed). Ids carry the dataset, so two datasets never share one."""
    old = base.set_index(Flow.ID)[Flow.PEOPLE]
    seen = flows[Flow.ID].isin(old.index)
    if not seen.any():
        return flows, (), []
    # flows_of keeps read.figures' order, less the rows from a country to itself
    rows = read.figures.loc[read.figures[ORIGIN] != read.figures[DESTINATION], ROW]
    row_of = dict(zip(flows[Flow.ID], rows, strict=True))
    problems = []
    same = pd.Series(False, index=flows.index)
    for i in flows.index[seen]:
        fid = flows.at[i, Flow.ID]
        before, now = old[fid], float(flows.at[i, Flow.PEOPLE])
        if pd.notna(before) and float(before) == now:
            same[i] = True
            continue
        problems.append(
            Problem.of(
                file,
                int(row_of[fid]),
                None,
                "figure_changed",
                CHANGED,
                id=fid,
                old=f"{before:,.0f}" if pd.notna(before) else "no figure",
                new=f"{now:,.0f}",
                dataset=read.dataset,
            )
        )
    notices = (notice(file, "kept_once", ALREADY, count=int(same.sum())),) if same.any() else ()
    return flows[~same].reset_index(drop=True), notices, problems
