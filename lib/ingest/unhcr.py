"""UNHCR population statistics (CSV): a pure reader of both published forms.

- The API's CSV: `year, coo_name, coo, coo_iso, coa_name, coa, coa_iso, refugees,
  asylum_seekers, returned_refugees, idps, returned_idps, stateless, ooc, oip, hst`.
- The Refugee Data Finder's download: notes above a header of long names ("Country of origin
  (ISO)", "Refugees under UNHCR's mandate"…), read as the API's names.

One figure per non-empty, non-zero measure, its indicator the API's column name (UNHCR writes
0 where a population type counts no one: the zeros are counted in a notice). Left out, with a
notice: people with no country abroad (idps, returned_idps), refugees who returned home
(returned_refugees: counted with the country they returned from) and host communities (hst:
people of the asylum country itself). `-` or an empty cell gives no figure.
"""

from __future__ import annotations

import pandas as pd

from lib.base.marks import N_
from lib.ingest.aggregates import is_aggregate
from lib.ingest.areas import is_country
from lib.ingest.reading import (
    COLUMNS,
    NOTE,
    Read,
    Skip,
    cell_problem,
    id_prefix,
    listed,
    notice,
    people_of,
    year_of,
    year_problem,
)
from lib.ingest.table import find_header, ragged_rows
from lib.model.problems import Problem

# The Refugee Data Finder's long names → the API's names ("Returned IDPss" as published).
LONG_NAMES = {
    "Year": "year",
    "Country of origin": "coo_name",
    "Country of origin (ISO)": "coo_iso",
    "Country of asylum": "coa_name",
    "Country of asylum (ISO)": "coa_iso",
    "Refugees under UNHCR's mandate": "refugees",
    "Asylum-seekers": "asylum_seekers",
    "Returned refugees": "returned_refugees",
    "IDPs of concern to UNHCR": "idps",
    "Returned IDPss": "returned_idps",
    "Returned IDPs": "returned_idps",
    "Stateless persons": "stateless",
    "Others of concern": "ooc",
    "Other people in need of international protection": "oip",
    "Host Community": "hst",
}
READ = ("refugees", "asylum_seekers", "oip", "stateless", "ooc")
LEFT_OUT = {
    "idps": N_("internally displaced people have no country abroad"),
    "returned_idps": N_("internally displaced people have no country abroad"),
    "returned_refugees": N_(
        "returned refugees went home; they are counted with the country they returned from"
    ),
    "hst": N_("host community members are people of the asylum country itself"),
}
BAD_ISO = N_("{value} is not an ISO 3166-1 alpha-3 code (three capital letters)")


FOLDED_NAMES = {k.casefold(): v for k, v in LONG_NAMES.items()}
TWO_COLUMNS = N_("the header has {count} columns for {measure} ({columns}); nothing is read")


def unhcr_header(rows: list[list[str]]) -> int | None:
    """Return the index of a UNHCR header row (either form, case ignored), or None."""
    api = find_header(rows, "coo_iso", "coa_iso", "year")
    if api is not None:
        return api
    return find_header(rows, "Country of origin (ISO)", "Country of asylum (ISO)", "Year")


def api_name(column: str) -> str:
    """Return a header cell as the API's column name: the download's long names read as
    theirs, case ignored ("YEAR" is year)."""
    return FOLDED_NAMES.get(column.casefold(), column.casefold())


def _iso(
    cells: list[str], at: dict[str, int], side: str, where: tuple[str, int, list], skipped: dict
) -> str | None:
    """Return the known ISO3 code of one side ("coo" or "coa") of a row (`where`: file, row,
    header); record a region, group or total (`skipped["aggregate"]`) or an unknown or empty
    code (`skipped["no_iso"]`) as skipped (None); raise ValueError holding the problem of a
    code of another shape."""
    file, row, header = where
    j = at[f"{side}_iso"]
    cell = cells[j]
    name = cells[at[f"{side}_name"]] if f"{side}_name" in at else ""
    if is_country(cell) and not (name and is_aggregate(name)):
        return cell
    if (name and is_aggregate(name)) or (cell and is_aggregate(cell)):
        skipped["aggregate"].setdefault(name or cell, row)
        return None
    if cell == "" or (len(cell) == 3 and cell.isalpha() and cell.isupper()):
        skipped["no_iso"][cell or "—"] = name or cell or "—"
        return None
    raise ValueError(Problem.of(file, row, header[j], "iso_known", BAD_ISO, value=repr(cell)))


def read_unhcr(
    rows: list[list[str]],
    file: str,
    dataset: str | None = None,
    separator: str = ",",
) -> Read:
    """Return the figures of a UNHCR population CSV (rows from lib.ingest.table.read_text;
    `separator`: the file's, how a figure with one comma group is read, people_of). A row
    with more or fewer cells than the header is refused with its number, never cut or padded."""
    h = unhcr_header(rows)
    names = [api_name(c) for c in rows[h]]
    twice = sorted({n for n in names if n and names.count(n) > 1})
    if twice:  # two columns for one measure: which to read is a guess, so neither is
        problems = [
            Problem.of(
                file,
                h + 1,
                None,
                "column_unique",
                TWO_COLUMNS,
                count=names.count(n),
                measure=n,
                columns=", ".join(repr(c) for c, m in zip(rows[h], names, strict=True) if m == n),
            )
            for n in twice
        ]
        return Read("unhcr", pd.DataFrame(columns=COLUMNS), "", "unhcr", tuple(problems))
    original = dict(zip(names, rows[h], strict=True))
    at = {n: j for j, n in enumerate(names)}
    measures = [m for m in READ if m in at]
    problems: list[Problem] = ragged_rows(rows, h, file)
    ragged = {p.row for p in problems}
    out: list[tuple] = []
    left: dict[str, int] = {}
    skipped: dict[str, dict] = {"no_iso": {}, "aggregate": {}}
    skips: list[Skip] = []
    same = 0
    for i in range(h + 1, len(rows)):
        cells = rows[i]
        row = i + 1
        if not any(cells) or row in ragged:
            continue
        try:
            where = (file, row, rows[h])
            origin, dest = (_iso(cells, at, s, where, skipped) for s in ("coo", "coa"))
        except ValueError as err:
            problems.append(err.args[0])
            continue
        raw_year = cells[at["year"]]
        year = year_of(raw_year)
        found = None if year is None else year_problem(year, file, row, original["year"])
        if year is None or found:
            problems.append(found or _bad_year(raw_year, file, row, original["year"]))
            continue
        for m in LEFT_OUT:
            if m in at and people_of(cells[at[m]]) not in (None, 0):
                left[m] = left.get(m, 0) + 1
                skips.append(Skip("left_out", row, original[m]))
        if origin is None or dest is None:
            continue
        if origin == dest:
            same += 1
            skips.append(Skip("same_country", row, origin))
            continue
        for m in measures:
            value = people_of(cells[at[m]], separator)
            if isinstance(value, str):
                cell = cells[at[m]]
                problems.append(cell_problem(value, cell, file, row, original[m], repr(separator)))
            elif value == 0:
                skips.append(Skip("zero", row, original[m]))
            elif value is not None:
                quote = f"{file}, row {row}, column '{original[m]}'"
                out.append((origin, dest, year, m, value, quote, f"UNHCR's column {m}", row))
    figures = pd.DataFrame(out, columns=list(COLUMNS))
    figures[NOTE] = figures[NOTE] + "; ISO codes as given (coo_iso, coa_iso)"
    source = f"UNHCR, population statistics, {dataset or 'edition not stated'}"
    zeros = sum(s.why == "zero" for s in skips)
    notices = _notices(file, left, skipped["no_iso"], (same, zeros), dataset)
    skips += [Skip("aggregate", r, n) for n, r in skipped["aggregate"].items()]
    skips += [Skip("no_iso", None, f"{n} ({c})") for c, n in sorted(skipped["no_iso"].items())]
    return Read(
        "unhcr",
        figures,
        source,
        "unhcr" + (f"_{id_prefix(dataset)}" if dataset else ""),
        tuple(problems),
        tuple(notices),
        tuple(skips),
    )


def _bad_year(cell: str, file: str, row: int, column: str) -> Problem:
    msgid = N_("{value} is not a year")
    return Problem.of(file, row, column, "year_known", msgid, value=repr(cell))


def _notices(
    file: str,
    left: dict[str, int],
    skipped: dict[str, str],
    counts: tuple[int, int],
    dataset: str | None,
) -> list[Problem]:
    same, zeros = counts
    out = []
    for m, n in sorted(left.items()):
        msgid = N_("{measure}: figures left out ({why}): {count}")
        out.append(
            Problem.of(
                file,
                None,
                None,
                "notice_left_out",
                msgid,
                ("why",),
                measure=m,
                count=n,
                why=LEFT_OUT[m],
            )
        )
    if skipped:
        names = listed([f"{n} ({c})" for c, n in sorted(skipped.items())], 40)
        msgid = N_("areas without an ISO 3166 code, skipped (never guessed): {names}")
        out.append(notice(file, "skipped_no_iso", msgid, names=names))
    if same:
        msgid = N_("rows with the same country as origin and asylum, skipped: {count}")
        out.append(notice(file, "same_country", msgid, count=same))
    if zeros:
        msgid = N_(
            "zeros not kept as rows (UNHCR writes 0 where a population type counts no one): {count}"
        )
        out.append(notice(file, "zeros", msgid, count=zeros))
    if dataset is None:
        out.append(notice(file, "edition", N_("the file does not state its edition")))
    return out
