"""Bring published figures in: UN DESA's Table 1, UNHCR's population CSV, or a long table.

The UI and the command line (`python -m lib.ingest`) call one pure function:

    read_dataset(data, file_name, fmt="auto", origin=None, columns=None, indicator=None,
                 dataset=None, base=None) -> Import

bytes in; rows of flows.csv, the places they need, problems (refusing) and notices (said) out.
`propose_columns(header)` gives the column mapping a long table's header suggests.
Nothing here touches the file system or Streamlit.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import pandas as pd

from lib.base.marks import N_
from lib.base.schema import Place
from lib.ingest.excel import (
    WorkbookError,
    cell_text,
    is_workbook,
    read_sheet,
    sheet_names,
    workbook_problem,
)
from lib.ingest.imported import Import
from lib.ingest.long import propose_columns, read_long
from lib.ingest.reading import Layout, Read, listed
from lib.ingest.rows import MAX_ROWS, duplicate_problems, flows_of, places_for, stacked
from lib.ingest.shapes import FORMATS, SHAPES
from lib.ingest.table import (
    HEADER_LINES_SEARCHED,
    find_header,
    ragged_rows,
    read_text,
)
from lib.ingest.undesa import read_undesa
from lib.ingest.unhcr import read_unhcr, unhcr_header
from lib.ingest.upload import SIGNATURES, unforeseen
from lib.model.bundle import Bundle, load_bundle
from lib.model.checks import validate_flows, validate_places
from lib.model.indicators import indicator_label
from lib.model.problems import Problem

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_ROWS",
    "SHAPES",
    "Import",
    "indicator_label",
    "propose_columns",
    "read_dataset",
    "table_header",
]

log = logging.getLogger(__name__)

MAX_BYTES = 30_000_000
NO_SHAPE = N_(
    "the header matches no shape we read. We read: UN DESA's International Migrant Stock, "
    "Table 1 (Excel); UNHCR's population statistics (CSV, from the API or the Refugee Data "
    "Finder); a long table whose columns you choose (origin, destination, year or date, value); "
    "and our own flows, actions and places CSV"
)
ONLY_AGGREGATES = N_(
    "every area of the file is a region, a group or a total, not a country ({names}); "
    "nothing to add"
)


def table_header(data: bytes, file_name: str) -> list[str]:
    """Return the first non-empty row of a CSV, or of a workbook's first sheet: the columns
    the form offers for a long table ([] when the file cannot be read that far)."""
    if _first_problem(data, file_name) is not None:
        return []
    if is_workbook(data):
        try:
            names = sheet_names(data)
            cells = read_sheet(data, names[0]).dropna(how="all") if names else pd.DataFrame()
        except WorkbookError:  # read_dataset says why, with its message
            return []
        return [] if cells.empty else [cell_text(c) for c in cells.iloc[0] if pd.notna(c)]
    text = read_text(data, file_name)
    return [] if isinstance(text, Problem) else next((r for r in text.rows if any(r)), [])


def _refused(file: str, check: str, msgid: str, shape: str | None = None, **params) -> Import:
    return Import(file, shape, problems=(Problem.of(file, None, None, check, msgid, **params),))


def _first_problem(data: bytes, file: str) -> Problem | None:
    """Return the refusal of a file too large, empty or of a kind we never read."""
    if len(data) > MAX_BYTES:
        msgid = N_("the file is {size} bytes; the limit is {limit} bytes")
        return Problem.of(
            file, None, None, "size", msgid, size=f"{len(data):,}", limit=f"{MAX_BYTES:,}"
        )
    if not data.strip():
        return Problem.of(file, None, None, "empty", N_("the file is empty"))
    if is_workbook(data):
        return workbook_problem(data, file)
    for sig, what in SIGNATURES.items():
        if data.startswith(sig):
            msgid = N_("this is {what}, not a CSV text file")
            return Problem.of(file, None, None, "not_text", msgid, ("what",), what=what)
    return None


def _header_index(rows: list[list[str]], columns: dict[str, str]) -> int:
    """Return the index of a long table's header: the first row holding every chosen column
    name (notes and titles above it are passed over), else the first row with a cell."""
    chosen = [c for c in columns.values() if c]
    if chosen and (found := find_header(rows, *chosen)) is not None:
        return found
    return next(i for i, r in enumerate(rows) if any(r))


def _read_workbook(data: bytes, file: str, fmt: str, options: dict) -> Read | Problem:
    if fmt != "auto" and "xlsx" not in SHAPES[fmt].file_types:
        return Problem.of(file, None, None, "shape_known", SHAPES[fmt].wrong_file)
    if fmt in ("auto", "undesa"):
        read = read_undesa(data, file, options["dataset"])
        found = not any(p.check == "header_known" for p in read.problems)
        if found or fmt == "undesa":
            return read
        if not options["columns"]:
            return Problem.of(file, None, None, "shape_known", NO_SHAPE)
    names = sheet_names(data, name=file)
    if not names:
        return Problem.of(file, None, None, "empty", N_("the workbook has no sheet"))
    sheet = names[0]
    cells = read_sheet(data, sheet, name=file).dropna(how="all")
    if cells.empty:
        return Problem.of(file, None, None, "empty", N_("the file is empty"))
    text = [[cell_text(c) for c in row] for row in cells.head(HEADER_LINES_SEARCHED).to_numpy()]
    h = cells.index[_header_index(text, options["columns"])]
    body = cells.loc[h + 1 :]
    table = body.set_axis([cell_text(c) for c in cells.loc[h]], axis=1)
    read = read_long(table, file, where=f", sheet {sheet}", first_row=1, **options)
    return replace(read, layout=Layout(sheet=sheet, header_row=h + 1, data_rows=len(body)))


def _read_text(data: bytes, file: str, fmt: str, options: dict) -> Read | Problem:
    text = read_text(data, file)
    if isinstance(text, Problem):
        return text
    rows, sep = text.rows, text.separator
    if not any(any(r) for r in rows):  # only separators, or blank lines
        return Problem.of(file, None, None, "empty", N_("the file is empty"))
    if fmt != "auto" and "csv" not in SHAPES[fmt].file_types:
        return Problem.of(file, None, None, "shape_known", SHAPES[fmt].wrong_file)
    if fmt in ("auto", "unhcr") and (h := unhcr_header(rows)) is not None:
        read = read_unhcr(rows, file, options["dataset"], separator=sep)
    elif fmt != "long" and not options["columns"]:
        return Problem.of(file, None, None, "shape_known", NO_SHAPE)
    else:
        h = _header_index(rows, options["columns"])
        header = rows[h]
        ragged = ragged_rows(rows, h, file)
        bad = {p.row for p in ragged}
        # blank rows aside, every row left has the header's width
        body = [(i, r) for i, r in enumerate(rows[h + 1 :], h + 1) if any(r) and i + 1 not in bad]
        table = pd.DataFrame([r for _, r in body], columns=header, dtype=object)
        table.index = pd.Index([i for i, _ in body], dtype="int64")  # row = index + 1
        read = read_long(table, file, first_row=1, separator=sep, **options)
        read = replace(read, problems=tuple(ragged) + read.problems)
    under = sum(1 for r in rows[h + 1 :] if any(r))
    layout = Layout(sep, text.encoding, text.quoted, None, h + 1, under)
    return replace(read, notices=text.notices + read.notices, layout=layout)


def read_dataset(
    data: bytes,
    file_name: str,
    fmt: str = "auto",
    origin: str | None = None,
    columns: dict[str, str] | None = None,
    indicator: str | None = None,
    dataset: str | None = None,
    base: Bundle | None = None,
) -> Import:
    """Return a published table read into our flows schema, or refused with its problems.

    `fmt`: auto (found from the header), undesa, unhcr or long. For a long table: `columns`
    maps roles (origin, destination, year, value, indicator) to header names, `origin` gives
    one origin for every row (ISO3 or name), `indicator` names what is counted (a slug).
    `dataset` names the dataset and edition when the file does not. `base`: the data the rows
    join (the bundled data when None). Every figure keeps its year and indicator; nothing of
    two years or indicators is added."""
    if fmt not in FORMATS:
        msgid = N_("unknown format {value}; allowed: {shown}")
        return _refused(file_name, "format_known", msgid, value=repr(fmt), shown=", ".join(FORMATS))
    if problem := _first_problem(data, file_name):
        return Import(file_name, problems=(problem,))
    base = base if base is not None else load_bundle()
    long_options = {
        "dataset": dataset,
        "places": base.places,
        "columns": columns or {},
        "origin": origin,
        "indicator": indicator,
    }
    reader = _read_workbook if is_workbook(data) else _read_text
    try:
        read = reader(data, file_name, fmt, long_options)
        if isinstance(read, Problem):
            return Import(file_name, problems=(read,))
        return _imported(read, file_name, base)
    except WorkbookError as err:
        return Import(file_name, problems=(err.problem,))
    except Exception as err:  # the last resort: one line for the reader, the rest logged
        log.exception("reading %s failed", file_name)
        return Import(file_name, problems=(unforeseen(err, file_name),))


def _imported(read: Read, file: str, base: Bundle) -> Import:
    """Return the read figures as validated rows and places, or the problems that stop them.
    Rows already in `base` (the same dataset's same figure: imported twice) are kept once."""
    done = Import(file, read.shape, problems=read.problems, notices=read.notices, read=read)
    problems = list(read.problems) + duplicate_problems(read, file)
    if problems:
        return replace(done, problems=tuple(problems))
    flows, notices = flows_of(read, file)
    if len(flows) > MAX_ROWS:
        msgid = N_("{rows} rows once reshaped; the limit is {limit}")
        problem = Problem.of(
            file, None, None, "size", msgid, rows=f"{len(flows):,}", limit=f"{MAX_ROWS:,}"
        )
        return replace(done, problems=(problem,))
    if flows.empty and read.aggregates:
        names = listed(list(read.aggregates), 12)
        problem = Problem.of(file, None, None, "only_aggregates", ONLY_AGGREGATES, names=names)
        return replace(done, problems=(problem,))
    if flows.empty:
        msgid = N_("no figure was found in the file")
        problem = Problem.of(file, None, None, "empty", msgid)
        return replace(done, problems=(problem,))
    flows, kept_once, clashes = stacked(flows, base.flows, read, file)
    if clashes:
        return replace(done, problems=tuple(clashes))
    notices = read.notices + tuple(notices) + kept_once
    if flows.empty:  # every figure was in the data already: nothing new, nothing refused
        empty_flows, empty_places = base.flows.head(0), base.places.head(0)
        return replace(done, flows=empty_flows, places=empty_places, notices=notices)
    new = places_for(flows, base.places)
    places, place_problems = validate_places(new, file)
    everywhere = pd.concat([base.places[list(Place.ALL)], places], ignore_index=True)
    typed, flow_problems = validate_flows(flows, everywhere, file)
    problems = place_problems + flow_problems
    return replace(
        done,
        flows=None if problems else typed,
        places=None if problems else places,
        problems=tuple(problems),
        notices=notices,
    )
