"""A long table (CSV or Excel): one figure per row, its columns chosen by the user.

The roles: origin, destination, year (a year or a date), value, and optionally indicator.
"The same origin for every row" (R4V's tables: Venezuela) replaces the origin column; a name
replaces the indicator column. Countries are ISO 3166-1 alpha-3 codes or names, matched with
the catalogue our labels use; every unmatched one is listed, and nothing is added.
"""

from __future__ import annotations

import re

import pandas as pd

from lib.base.marks import N_
from lib.ingest.aggregates import is_aggregate
from lib.ingest.areas import code_of_name, folded
from lib.ingest.reading import (
    COLUMNS,
    Read,
    Skip,
    cell_problem,
    id_prefix,
    people_of,
    year_of,
    year_problem,
)
from lib.model.problems import Problem

ROLES = ("origin", "destination", "year", "value", "indicator")
REQUIRED = ("origin", "destination", "year", "value")
SLUG = re.compile(r"^[a-z0-9_]+$")
# Words of a header that suggest a role, in English, Spanish and Portuguese (case and accents
# ignored); the first role whose word starts a header's word wins, and a column is proposed
# for one role only.
HINTS = {
    "origin": ("origin", "origen", "origem", "coo", "from", "nationality", "nacionalidad"),
    "destination": ("destination", "destino", "asylum", "coa", "to", "host", "receiving"),
    "year": ("year", "ano", "date", "fecha", "data"),
    "value": ("value", "people", "persons", "number", "count", "total", "stock", "valor"),
    "indicator": ("indicator", "indicador", "measure", "population type"),
}
ROLE_LABELS = {
    "origin": N_("origin"),
    "destination": N_("destination"),
    "year": N_("year"),
    "value": N_("value"),
    "indicator": N_("indicator"),
}
UNMATCHED = N_(
    "{value} is neither an ISO 3166-1 alpha-3 code nor a country name we know (rows with it: "
    "{count})"
)
NO_COLUMN = N_("the column {column} chosen for {role} is not in the header")
TWO_COLUMNS = N_(
    "the header has {count} columns named {column}, chosen for {role}; rename them so that "
    "each name is used once"
)

NO_ROLE = N_("choose a column for {role}")
NO_INDICATOR = N_("name the indicator (a slug such as r4v_stock) or choose its column")
BAD_SLUG = N_("{value} is not an indicator slug (lower-case letters, digits and _)")
BAD_YEAR = N_("{value} is not a year or a date")
NO_AREA = N_("this row has a figure but no {role}; nothing of it is read")


def _blank(cell: object) -> bool:
    """Return True for an empty cell (None, NaN or only spaces)."""
    return cell is None or (isinstance(cell, float) and cell != cell) or not str(cell).strip()


def propose_columns(header: list[str]) -> dict[str, str]:
    """Return role → header name for the roles a long table's header suggests (the form
    pre-fills them; the user confirms). A role with no clear column is left out."""
    out: dict[str, str] = {}
    for role, words in HINTS.items():
        for name in header:
            if name in out.values():
                continue
            parts = folded(str(name)).split()
            if any(w in parts or folded(str(name)).startswith(w + " ") for w in words):
                out[role] = name
                break
    return out


def _mapping_problems(
    header: list[str], columns: dict[str, str], origin: str | None, indicator: str | None, file: str
) -> list[Problem]:
    problems = []
    for role, column in columns.items():
        if header.count(column) > 1:
            problems.append(
                Problem.of(
                    file,
                    1,
                    None,
                    "column_unique",
                    TWO_COLUMNS,
                    ("role",),
                    count=header.count(column),
                    column=repr(column),
                    role=ROLE_LABELS.get(role, role),
                )
            )
        elif column not in header:
            problems.append(
                Problem.of(
                    file,
                    1,
                    None,
                    "column_known",
                    NO_COLUMN,
                    ("role",),
                    column=repr(column),
                    role=ROLE_LABELS.get(role, role),
                )
            )
    needed = [r for r in REQUIRED if not (r == "origin" and origin)]
    for role in needed:
        if role not in columns:
            problems.append(
                Problem.of(
                    file, None, None, "column_chosen", NO_ROLE, ("role",), role=ROLE_LABELS[role]
                )
            )
    if "indicator" not in columns and not indicator:
        problems.append(Problem.of(file, None, None, "indicator_named", NO_INDICATOR))
    if indicator and not SLUG.match(indicator):
        problems.append(
            Problem.of(file, None, None, "indicator_format", BAD_SLUG, value=repr(indicator))
        )
    return problems


AGGREGATE = "aggregate"  # _codes' code of a region, group or total: the row is skipped


def _codes(
    cells: pd.Series, places: pd.DataFrame, file: str, column: str, first_row: int
) -> tuple[pd.Series, list[Problem]]:
    """Return each cell's place code (AGGREGATE for a region, a group or a total), and one
    problem per distinct unmatched value."""
    distinct = {
        v: AGGREGATE if is_aggregate(v, places) else code_of_name(str(v), places)
        for v in cells.dropna().unique()
    }
    codes = cells.map(distinct)
    problems = []
    for value in [v for v, c in distinct.items() if c is None]:
        rows = cells.index[cells == value]
        problems.append(
            Problem.of(
                file,
                int(rows[0]) + first_row,
                column,
                "country_known",
                UNMATCHED,
                value=repr(value),
                count=len(rows),
            )
        )
    return codes, problems


def read_long(
    table: pd.DataFrame,
    file: str,
    places: pd.DataFrame,
    columns: dict[str, str],
    origin: str | None = None,
    indicator: str | None = None,
    dataset: str | None = None,
    where: str = "",
    first_row: int = 2,
    separator: str = ",",
) -> Read:
    """Return the figures of a long table (text or Excel cells under a header; a row's
    spreadsheet number is its index + `first_row`; `where` names the sheet in quotes).
    A row whose origin or destination is a region, a group or a total is skipped and named;
    `separator`: the text file's, how a value with one comma group is read (people_of)."""
    header = [str(c) for c in table.columns]
    source = dataset or file
    prefix = id_prefix(source)
    problems = _mapping_problems(header, columns, origin, indicator, file)
    fixed = code_of_name(origin, places) if origin and not is_aggregate(origin, places) else None
    if origin and fixed is None:
        problems.append(
            Problem.of(
                file, None, None, "country_known", UNMATCHED, value=repr(origin), count=len(table)
            )
        )
    if problems:
        return Read("long", pd.DataFrame(columns=COLUMNS), source, prefix, tuple(problems))
    table = table.map(lambda c: None if pd.isna(c) or str(c).strip() == "" else c)
    table = table.dropna(how="all")
    dest, problems = _codes(
        table[columns["destination"]], places, file, columns["destination"], first_row
    )
    if fixed:
        orig = pd.Series(fixed, index=table.index)
    else:
        orig, more = _codes(table[columns["origin"]], places, file, columns["origin"], first_row)
        problems += more
    rows, skips = [], []
    for i, cells in table.iterrows():
        row = int(i) + first_row
        ends = {"origin": orig[i], "destination": dest[i]}
        if AGGREGATE in ends.values():
            for role, code in ends.items():
                if code == AGGREGATE:
                    skips.append(Skip("aggregate", row, str(cells[columns[role]])))
            continue
        found = _row(cells, columns, indicator, file, row, problems, separator)
        if found is None:
            continue
        empty = [r for r in ("origin", "destination") if r in columns and _blank(cells[columns[r]])]
        for role in empty:  # a figure with no area: refused, never dropped without a word
            problems.append(
                Problem.of(
                    file,
                    row,
                    columns[role],
                    "area_given",
                    NO_AREA,
                    ("role",),
                    role=ROLE_LABELS[role],
                )
            )
        if empty or pd.isna(dest[i]) or pd.isna(orig[i]):
            continue
        year, people, slug = found
        quote = f"{file}{where}, row {row}"
        given = "given for every row" if fixed else repr(cells[columns["origin"]])
        how = f"origin {given} read as {orig[i]}"
        note = f"{how}; destination {cells[columns['destination']]!r} read as {dest[i]}"
        rows.append((orig[i], dest[i], year, slug, people, quote, note, row))
    figures = pd.DataFrame(rows, columns=list(COLUMNS))
    return Read(
        "long",
        figures,
        source,
        prefix,
        tuple(problems),
        skips=tuple(skips),
    )


def _row(
    cells: pd.Series,
    columns: dict[str, str],
    indicator: str | None,
    file: str,
    row: int,
    problems: list[Problem],
    separator: str = ",",
) -> tuple[int, int, str] | None:
    """Return (year, people, indicator) of one row, or None (no figure, or a problem)."""
    cell = cells[columns["value"]]
    value = people_of(cell, separator)
    if value is None:
        return None
    if isinstance(value, str):
        problems.append(cell_problem(value, cell, file, row, columns["value"], repr(separator)))
        return None
    raw_year = cells[columns["year"]]
    if _blank(raw_year):
        problems.append(
            Problem.of(
                file,
                row,
                columns["year"],
                "year_given",
                NO_AREA,
                ("role",),
                role=ROLE_LABELS["year"],
            )
        )
        return None
    year = year_of(raw_year)
    if year is None:
        problems.append(
            Problem.of(file, row, columns["year"], "year_known", BAD_YEAR, value=repr(raw_year))
        )
        return None
    if found := year_problem(year, file, row, columns["year"]):
        problems.append(found)
        return None
    slug = indicator
    if "indicator" in columns:
        slug = str(cells[columns["indicator"]] or "").strip()
        if not SLUG.match(slug):
            problems.append(
                Problem.of(
                    file, row, columns["indicator"], "indicator_format", BAD_SLUG, value=repr(slug)
                )
            )
            return None
    return year, value, slug
