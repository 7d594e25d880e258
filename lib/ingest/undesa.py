"""UN DESA, International Migrant Stock, "Table 1" (destination × origin): a pure reader.

The published layout (see docs/data-import.md for where it was confirmed): title rows, then a
header row holding "Location code of destination" and "Location code of origin" (found by those
names, not by its position), then the years (1990, 1995 … 2020, 2024) three times: both sexes,
males, females. Codes are UN M49. Only both sexes is read (indicator `undesa_stock`); the males
and females blocks are left out with a notice, never added to it. `..` gives no row.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from lib.base.marks import N_
from lib.ingest.areas import country_of_m49, m49_kind
from lib.ingest.excel import WorkbookError, column_letter, read_sheet, sheet_names
from lib.ingest.reading import (
    COLUMNS,
    DESTINATION,
    INDICATOR,
    NEGATIVE,
    NOT_NUMBER,
    NOTE,
    ORIGIN,
    PEOPLE,
    QUOTE,
    ROW,
    YEAR,
    Layout,
    Read,
    Skip,
    cell_problem,
    id_prefix,
    listed,
    notice,
    people_of,
    year_problem,
)
from lib.model.problems import Problem

DEST_CODE, ORIGIN_CODE = "Location code of destination", "Location code of origin"
DEST_NAME = "Region, development group, country or area of destination"
ORIGIN_NAME = "Region, development group, country or area of origin"
# The header as published, before the years (docs/data-import.md says where it was confirmed).
PUBLISHED_COLUMNS = (
    "Index",
    DEST_NAME,
    "Notes of destination",
    DEST_CODE,
    "Type of data of destination",
    ORIGIN_NAME,
    ORIGIN_CODE,
)
INDICATOR_SLUG = "undesa_stock"
HEADER_ROWS_SEARCHED = 60
EDITION = re.compile(r"International Migrant Stock (\d{4})", re.IGNORECASE)
NO_HEADER = N_(
    "no sheet has a header row with 'Location code of destination' and 'Location code of "
    "origin' (UN DESA's Table 1)"
)
NO_CODES = N_("this row holds figures but neither location code; nothing of it is read")
BAD_CODE = N_("{value} is not a UN M49 location code (a whole number from 1 to 9999)")
EMPTY_CODE = N_("the location code is empty")
SKIPPED = {
    "no_iso": N_("areas without an ISO 3166 code, skipped (never guessed): {names}"),
    "region": N_("regions skipped (not countries): {names}"),
    "group": N_("the World and groups skipped (M49 900 and up): {names}"),
}


INT64_MAX = 2**63 - 1  # a Python int: compared with cells that are Python ints
_type_of = np.frompyfunc(type, 1, 1)  # each cell's type, at C speed


def _python_ints(cells: np.ndarray) -> np.ndarray:
    """Return where the cells are Python ints (never a bool, a float or text)."""
    return _type_of(cells) == int  # noqa: E721 (elementwise, on an array of types)


def _text(cell: object) -> str:
    return "" if pd.isna(cell) else str(cell).strip()


def header_row(cells: pd.DataFrame) -> int | None:
    """Return the index of the row naming both location codes, or None."""
    for i in range(min(len(cells), HEADER_ROWS_SEARCHED)):
        row = {_text(c).casefold() for c in cells.iloc[i]}
        if DEST_CODE.casefold() in row and ORIGIN_CODE.casefold() in row:
            return i
    return None


def find_table(data: bytes, name: str = "workbook.xlsx") -> tuple[str, pd.DataFrame, int] | None:
    """Return the sheet holding Table 1 (its name, cells and header row), "Table 1" first.
    Raises WorkbookError (its problem names the file `name`) when a sheet cannot be read."""
    names = sheet_names(data, name=name)
    for sheet in sorted(names, key=lambda s: s.strip().casefold() != "table 1"):
        cells = read_sheet(data, sheet, name=name)
        row = header_row(cells)
        if row is not None:
            return sheet, cells, row
    return None


def edition(cells: pd.DataFrame, header: int) -> str | None:
    """Return the edition a title row states ("International Migrant Stock 2024"), or None."""
    for i in range(header):
        for cell in cells.iloc[i]:
            found = EDITION.search(_text(cell))
            if found:
                return f"International Migrant Stock {found.group(1)}"
    return None


def _code(cell: object) -> int | None:
    """Return an M49 code cell as an int, or None when it is not one (empty included)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        ok = 0 < cell < 10_000 and cell == int(cell)  # NaN and inf are not in the range
        return int(cell) if ok else None
    text = _text(cell)
    # isdecimal, not isdigit: int() refuses "²"; and never thousands of digits (int refuses)
    if not text.isdecimal() or len(text) > 100:
        return None
    code = int(text)
    return code if 0 < code < 10_000 else None


def _codes(cells: pd.Series) -> pd.Series:
    """Return each cell's M49 code (an int) or None (dtype object, never float: a code stays
    an int beside an empty cell). Whole numbers, nearly every cell, are taken at once."""
    arr = cells.to_numpy(dtype=object)
    ints = _python_ints(arr)
    ints[ints] = (arr[ints] > 0) & (arr[ints] < 10_000)
    out = np.full(len(arr), None, dtype=object)
    out[ints] = arr[ints]
    rest = np.flatnonzero(~ints)
    out[rest] = [_code(c) for c in arr[rest]]
    return pd.Series(out, index=cells.index, dtype=object)


def _code_problem(cell: object, file: str, row: int, column: str) -> Problem:
    if _text(cell) == "":
        return Problem.of(file, row, column, "m49_known", EMPTY_CODE)
    return Problem.of(file, row, column, "m49_known", BAD_CODE, value=repr(cell))


def _areas(
    body: pd.DataFrame, code_col: int, name_col: int | None, file: str, column: str
) -> tuple[pd.Series, pd.Series, dict[str, dict[int, str]], list[Problem]]:
    """Return each row's M49 code and ISO3 (None when not read: skipped, or not a code), the
    skipped areas by kind, and the problems: each code cell empty or not an M49 code."""
    codes = _codes(body[code_col])
    skipped: dict[str, dict[int, str]] = {"no_iso": {}, "region": {}, "group": {}}
    problems = [
        _code_problem(body.at[i, code_col], file, i + 1, column) for i in codes.index[codes.isna()]
    ]
    known = {c: (m49_kind(c), country_of_m49(c)) for c in codes.dropna().unique()}
    for code, (kind, _) in known.items():
        if kind != "country":
            first = codes.index[codes == code][0]
            name = (
                _text(body.at[first, name_col]).rstrip("*").strip() if name_col is not None else ""
            )
            skipped[kind][int(code)] = name or str(code)
    iso_of = {c: iso for c, (_, iso) in known.items()}
    iso = pd.Series([iso_of.get(c) for c in codes], index=codes.index, dtype=object)
    return codes, iso, skipped, problems


def _year_columns(
    header: list[str], raw: pd.Series, file: str, row: int
) -> tuple[list[tuple[int, int]], int, list[Problem]]:
    """Return (column, year) of the both-sexes block, the count of other blocks' columns, and
    the problems of years out of range. A year seen again starts the next block."""
    seen: set[int] = set()
    both, others, problems = [], 0, []
    for j, cell in raw.items():
        if not re.fullmatch(r"[0-9]{4}(\.0)?", _text(cell)):
            continue
        year = int(_text(cell)[:4])
        if found := year_problem(year, file, row, header[j]):
            problems.append(found)
        if year in seen or others:
            others += 1
        else:
            seen.add(year)
            both.append((j, year))
    return both, others, problems


def _names_col(header: list[str], name: str) -> int | None:
    folded = [h.casefold() for h in header]
    return folded.index(name.casefold()) if name.casefold() in folded else None


def read_undesa(data: bytes, file: str, dataset: str | None = None) -> Read:
    """Return the both-sexes figures of a Table 1 workbook, with every area skipped named.
    A workbook python-calamine cannot read gives a Read holding that problem."""
    try:
        found = find_table(data, file)
    except WorkbookError as error:
        return Read("undesa", pd.DataFrame(columns=COLUMNS), "", "", (error.problem,))
    if found is None:
        return Read("undesa", pd.DataFrame(columns=COLUMNS), "", "", (_no_header(file),))
    sheet, cells, h = found
    header = [_text(c) for c in cells.iloc[h]]
    folded = [c.casefold() for c in header]
    dcode, ocode = folded.index(DEST_CODE.casefold()), folded.index(ORIGIN_CODE.casefold())
    dname, oname = _names_col(header, DEST_NAME), _names_col(header, ORIGIN_NAME)
    years, others, problems = _year_columns(header, cells.iloc[h], file, h + 1)
    body = cells.iloc[h + 1 :]
    # A row without either code is a blank line or a footnote, unless it holds a figure:
    # then it is refused with its row, never dropped without a word.
    coded = body[dcode].notna() | body[ocode].notna()
    all_years = [j for j, _ in years]
    figured = body[all_years].notna().any(axis=1) if all_years else coded & False
    for i in body.index[~coded & figured]:
        problems.append(Problem.of(file, i + 1, DEST_CODE, "m49_given", NO_CODES))
    body = body[coded]
    dnum, dest, dskip, dprob = _areas(body, dcode, dname, file, DEST_CODE)
    onum, orig, oskip, oprob = _areas(body, ocode, oname, file, ORIGIN_CODE)
    problems += dprob + oprob
    stated = edition(cells, h)
    name = stated or dataset or "edition not stated"
    read = Read(
        "undesa",
        pd.DataFrame(columns=COLUMNS),
        f"UN DESA, {name}, {sheet}",
        # the edition in every id: the file's own, else the one named (--dataset)
        "undesa" + (stated[-4:] if stated else (f"_{id_prefix(dataset)}" if dataset else "")),
    )
    figures, cell_problems = _figures(body, (dest, orig), (dnum, onum), years, file)
    problems += cell_problems
    notices = _notices(file, dskip, oskip, others)
    if stated is None:
        notices.append(notice(file, "edition", N_("the file does not state its edition")))
    figures[QUOTE] = file + f", sheet {sheet}, " + figures[QUOTE]
    skipped = {**dskip["no_iso"], **oskip["no_iso"]}
    wider = {**dskip["group"], **oskip["group"], **dskip["region"], **oskip["region"]}
    aggregates = tuple(f"{n} ({c})" for c, n in sorted(wider.items()))
    skips = [Skip("aggregate", None, a) for a in aggregates]
    skips += [Skip("no_iso", None, f"{n} ({c})") for c, n in sorted(skipped.items())]
    return Read(
        read.shape,
        figures,
        read.dataset,
        read.prefix,
        tuple(problems),
        tuple(notices),
        tuple(skips),
        Layout(sheet=sheet, header_row=h + 1, data_rows=len(body)),
    )


def _no_header(file: str) -> Problem:
    return Problem.of(file, None, None, "header_known", NO_HEADER)


def _people(cells: pd.Series) -> tuple[pd.Series, list[tuple[int, str]]]:
    """Return the cells holding a number of people (int64, by row index, in order) and those
    breaking a rule (row index, people_of's msgid); `..`, empty and the like are neither.
    Whole numbers, most of a sheet, are read at once; every other cell by people_of."""
    arr = cells.to_numpy(dtype=object)
    ints = _python_ints(arr)  # what people_of returns as they are (or NEGATIVE)
    rule = np.full(len(arr), None, dtype=object)
    numbers = arr[ints]
    rule[ints] = np.where(numbers < 0, NEGATIVE, None)
    rule[ints] = np.where(numbers > INT64_MAX, NOT_NUMBER, rule[ints])
    values = arr.copy()
    for k in np.flatnonzero(~ints):
        try:
            got = people_of(arr[k])
        except ValueError:  # text of more digits than int() reads (4,300)
            got = NOT_NUMBER
        if isinstance(got, str):
            rule[k] = got
        elif got is not None and got > INT64_MAX:  # beyond any count; no int64 holds it
            rule[k] = NOT_NUMBER
        values[k] = got
    broken = rule != None  # noqa: E711 (elementwise, on objects)
    ok = ~broken & (ints | (values != None))  # noqa: E711
    figures = pd.Series(values[ok].astype(np.int64), index=cells.index[ok])
    bad = [(cells.index[k], rule[k]) for k in np.flatnonzero(broken)]
    return figures, bad


def _figures(
    body: pd.DataFrame,
    isos: tuple[pd.Series, pd.Series],
    codes: tuple[pd.Series, pd.Series],
    years: list[tuple[int, int]],
    file: str,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Return one figure per country pair and year cell that holds a number."""
    dest, orig = isos
    keep = dest.notna() & orig.notna()
    rows = body[keep]
    parts, problems = [], []
    for j, year in years:
        ok, bad = _people(rows[j])
        for i, rule in bad:
            cell = rows.at[i, j]
            if isinstance(cell, int) and cell > INT64_MAX:
                cell = float(cell)  # 1e+20, not its twenty-one digits
            problems.append(cell_problem(rule, cell, file, i + 1, str(year)))
        if ok.empty:
            continue
        idx = ok.index
        letter = column_letter(j)
        parts.append(
            pd.DataFrame(
                {
                    ORIGIN: orig[idx].to_numpy(),
                    DESTINATION: dest[idx].to_numpy(),
                    YEAR: year,
                    INDICATOR: INDICATOR_SLUG,
                    PEOPLE: ok.to_numpy(),
                    QUOTE: [f"row {i + 1}, column {letter} ({year}, both sexes)" for i in idx],
                    ROW: idx + 1,
                    "_d": codes[0][idx].astype(int).astype(str).to_numpy(),
                    "_o": codes[1][idx].astype(int).astype(str).to_numpy(),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=COLUMNS), problems
    out = pd.concat(parts, ignore_index=True)
    out[NOTE] = (
        "UN M49 "
        + out["_d"]
        + " read as "
        + out[DESTINATION]
        + ", "
        + out["_o"]
        + " as "
        + out[ORIGIN]
        + " (pycountry's ISO 3166 numeric codes); both sexes"
    )
    return out[list(COLUMNS)], problems


def _notices(
    file: str, dskip: dict[str, dict[int, str]], oskip: dict[str, dict[int, str]], others: int
) -> list[Problem]:
    out = []
    for kind, msgid in SKIPPED.items():
        areas = {**dskip[kind], **oskip[kind]}
        if areas:
            names = listed([f"{n} ({c})" for c, n in sorted(areas.items())], 40)
            out.append(notice(file, f"skipped_{kind}", msgid, names=names))
    if others:
        msgid = N_(
            "columns of males and females not read (both sexes only, never added to it): {count}"
        )
        out.append(notice(file, "sexes", msgid, count=others))
    return out
