"""Figures read from a published table → rows of flows.csv and the places they need.

Every imported row: a deterministic, unique flow_id (`undesa2024_ven_col_2020_undesa_stock`),
status reported, direction one_way, no corridor, no part_of or formula; its source the dataset
and edition, its quote the file and the row or cell, its note how it was read; its crisis the
one whose origin it shares in the sheet (CRISIS_ORIGINS), none otherwise.
"""

from __future__ import annotations

import pandas as pd

from lib.data import Problem
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
from lib.marks import N_
from lib.schema import CRISIS_ORIGINS, Flow

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
    """Return the figures as flows.csv rows (text cells, as lib.data.read_table gives them)
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
    n = len(fig)
    flows = pd.DataFrame(
        {
            Flow.ID: ids.to_numpy(),
            Flow.CRISIS: fig[ORIGIN].map(CRISIS_ORIGINS).to_numpy(),
            Flow.ORIGIN: fig[ORIGIN].to_numpy(),
            Flow.DESTINATION: fig[DESTINATION].to_numpy(),
            Flow.VIA: [pd.NA] * n,
            Flow.CORRIDOR: [pd.NA] * n,
            Flow.DIRECTION: ["one_way"] * n,
            Flow.PEOPLE: fig[PEOPLE].astype("int64").astype(str).to_numpy(),
            Flow.STATUS: ["reported"] * n,
            Flow.PART_OF: [pd.NA] * n,
            Flow.FORMULA: [pd.NA] * n,
            Flow.AGREEMENT: [pd.NA] * n,
            Flow.SOURCE: [read.dataset] * n,
            Flow.QUOTE: fig[QUOTE].to_numpy(),
            Flow.NOTE: fig["note"].to_numpy(),
            Flow.YEAR: year.to_numpy(),
            Flow.INDICATOR: fig[INDICATOR].to_numpy(),
        }
    )
    return flows, notices


def places_for(flows: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Return the places.csv rows the flows need and `places` lacks."""
    codes = set(flows[Flow.ORIGIN]) | set(flows[Flow.DESTINATION])
    return new_places(codes, places)
