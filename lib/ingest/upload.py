"""Untrusted CSV from a user: read it safely, then validate it with the bundled schema.

Nothing here touches the file system: the upload is bytes in, DataFrame and messages out.
Rules, in order (each failure is a message that names what is wrong, never a traceback):

1. Size: at most MAX_BYTES before anything is parsed; at most MAX_ROWS data rows and
   MAX_CELL characters in any cell.
2. Not text: NUL bytes, or a ZIP/PDF/image signature, are refused.
3. Encoding: UTF-8 with or without BOM; UTF-16 when it starts with a UTF-16 BOM; otherwise
   cp1252 with a notice. Bytes that fit none of them are refused.
4. Delimiter: `,` or `;`, whichever splits the header into more known columns.
5. Structure: the csv module in strict mode; an unclosed quote or a row with a different
   number of cells than the header is reported with its row number.
6. Columns: required columns must be there, each once; extra columns are ignored with a
   notice; order does not matter.
7. Codes are text: `NA` is Namibia.
8. People: a plain whole number (`1800000`) or one with comma thousands separators
   (`1,800,000`). Anything else (`5,1 millones`, `1.8M`, `1.234,5`, `1,234.5`, `-`, `NaN`,
   `inf`, `1e309`, negatives) is rejected with the row and the rule; nothing is guessed.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from dataclasses import dataclass
from dataclasses import replace as dc_replace

import pandas as pd

from lib.base.marks import N_
from lib.base.schema import TABLES, UPLOADED, Action, Flow, Place
from lib.model.bundle import Bundle
from lib.model.checks import validate_actions, validate_flows, validate_places
from lib.model.problems import MISSING_COLUMN, Problem
from lib.model.selection import crisis_mask

log = logging.getLogger(__name__)

MAX_BYTES = 2_000_000
MAX_ROWS = 20_000
MAX_CELL = 5_000
SIGNATURES = {
    b"PK\x03\x04": N_("a ZIP archive (or an Excel .xlsx file)"),
    b"%PDF": N_("a PDF file"),
    b"\x89PNG": N_("a PNG image"),
    b"\xff\xd8\xff": N_("a JPEG image"),
    b"\xd0\xcf\x11\xe0": N_("an old Excel/Office file"),
}
ID_TAKEN = N_("id {value} is already used by the bundled data")
PEOPLE_OK = re.compile(r"^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)$")
UPLOADABLE = ("flows", "actions", "places")


@dataclass(frozen=True)
class Upload:
    """What came of one uploaded file. Frozen: each step returns a new one (dataclasses.replace),
    so a cached read can be validated again and again without being changed."""

    name: str
    table: str | None = None
    rows: pd.DataFrame | None = None  # the valid rows, typed, or None
    problems: tuple[Problem, ...] = ()
    notices: tuple[Problem, ...] = ()  # said, not refused: check "notice_…"
    own_source: bool = False  # rows that cite their own source (lib.ingest), not "Your data"

    @property
    def ok(self) -> bool:
        return self.rows is not None and not self.problems


def _refused(
    name: str, check: str, msgid: str, row: int | None = None, column=None, **params: object
) -> Upload:
    return Upload(name, problems=(Problem.of(name, row, column, check, msgid, **params),))


def decode_text(raw: bytes, name: str) -> tuple[str | None, Problem | None, Problem | None]:
    """Return the text, or the problem that stops it; and a notice when it was a guess."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), None, None
        except UnicodeDecodeError:
            msgid = N_("the file says it is UTF-16 but is not valid UTF-16")
            return None, Problem.of(name, None, None, "encoding", msgid), None
    try:
        return raw.decode("utf-8-sig"), None, None
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as err:
        msgid = N_(
            "cannot be read as text: byte {byte} is neither UTF-8 nor Windows-1252; "
            "save it as UTF-8 CSV"
        )
        return None, Problem.of(name, None, None, "encoding", msgid, byte=err.start), None
    msgid = N_(
        "not UTF-8; read as Windows-1252 (cp1252). Check accented letters, or save it as UTF-8 CSV."
    )
    notice = Problem.of(name, None, None, "notice_encoding", msgid)
    return text, None, notice


def _delimiter(header_line: str) -> str:
    known = {c for cols in TABLES.values() for c in cols}

    def score(sep: str) -> int:
        return sum(cell.strip().strip('"') in known for cell in header_line.split(sep))

    return ";" if score(";") > score(",") else ","


KEYS = {"flows": Flow.ID, "actions": Action.ID, "places": Place.CODE}


def _table_for(columns: list[str]) -> str | None:
    """Return the table of ours a header names: its key column and at least two more of its
    columns (`origin,destination,year,value` is a long table, not a flows.csv missing 14)."""
    best, hits = None, 0
    for table in UPLOADABLE:
        n = len(set(columns) & set(TABLES[table]))
        if n > hits and KEYS[table] in columns:
            best, hits = table, n
    return best if hits >= 3 else None


def _refuse_bytes(raw: bytes, name: str) -> Upload | None:
    """Return the refusal of a file that is too large, empty or not text, else None."""
    if len(raw) > MAX_BYTES:
        msgid = N_("the file is {size} bytes; the limit is {limit} bytes")
        return _refused(name, "size", msgid, size=f"{len(raw):,}", limit=f"{MAX_BYTES:,}")
    if not raw.strip():
        return _refused(name, "empty", N_("the file is empty"))
    for sig, what in SIGNATURES.items():
        if raw.startswith(sig):
            msgid = N_("this is {what}, not a CSV text file")
            return Upload(
                name,
                problems=(Problem.of(name, None, None, "not_text", msgid, ("what",), what=what),),
            )
    if b"\x00" in raw and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _refused(
            name, "not_text", N_("the file holds binary data (NUL bytes), not CSV text")
        )
    return None


def _rows(text: str, name: str) -> tuple[list[list[str]], Problem | None]:
    """Return the non-blank CSV rows of the text, or the problem that stops reading them."""
    first_line = text.splitlines()[0] if text.splitlines() else ""
    # our own MAX_CELL check gives the message for a long cell
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(first_line), strict=True
    )
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(rows) > MAX_ROWS:
                msgid = N_("more than {limit} data rows; split the file")
                return [], Problem.of(name, None, None, "size", msgid, limit=f"{MAX_ROWS:,}")
            rows.append(row)
    except csv.Error as err:
        msgid = N_("the CSV structure is broken here ({error}); check for an unclosed quote")
        return [], Problem.of(name, reader.line_num, None, "csv_structure", msgid, error=err)
    return [r for r in rows if any(cell.strip() for cell in r)], None


def _cell_problems(name: str, header: list[str], data: list[list[str]]) -> list[Problem]:
    """Return the rows whose cell count differs from the header's and the cells too long."""
    problems = []
    for i, row in enumerate(data, start=2):
        if len(row) != len(header):
            msgid = N_("this row has {cells} cells; the header has {columns}")
            problems.append(
                Problem.of(name, i, None, "row_width", msgid, cells=len(row), columns=len(header))
            )
        for j, cell in enumerate(row):
            if len(cell) > MAX_CELL:
                col = header[j] if j < len(header) else None
                msgid = N_("a cell of {size} characters; the limit is {limit}")
                size, limit = f"{len(cell):,}", f"{MAX_CELL:,}"
                problems.append(
                    Problem.of(name, i, col, "cell_size", msgid, size=size, limit=limit)
                )
    return problems


def our_table(raw: bytes, name: str = "upload.csv") -> str | None:
    """Return which of our tables (flows, actions, places) a CSV's header names, or None:
    a file in no table of ours is a published dataset or a long table (lib.ingest)."""
    if _refuse_bytes(raw, name) is not None:
        return None
    head = raw if len(raw) <= 65_536 else raw[:65_536].rsplit(b"\n", 1)[0]
    text, problem, _notice = decode_text(head, name)
    if problem or not text:
        return None
    rows, _problem = _rows(text.splitlines()[0] + "\n", name)
    return _table_for([h.strip() for h in rows[0]]) if rows else None


UNREADABLE = N_("this file could not be read: {error}")


def unforeseen(err: Exception, name: str) -> Problem:
    """Return an error nobody foresaw as one problem: "this file could not be read: <its class
    and first line>" (the traceback goes to the operator's log, never to the reader)."""
    first = (str(err).strip().splitlines() or [""])[0][:200]
    error = type(err).__name__ + (f": {first}" if first else "")
    return Problem.of(name, None, None, "unreadable", UNREADABLE, error=error)


def read_upload(raw: bytes, name: str = "upload.csv") -> Upload:
    """Return the uploaded file as text cells (no validation yet) with every reading problem;
    anything unforeseen is one problem (unforeseen), its traceback logged for the operator."""
    try:
        return _read_upload(raw, name)
    except Exception as err:  # the last resort
        log.exception("reading %s failed", name)
        return Upload(name, problems=(unforeseen(err, name),))


def _read_upload(raw: bytes, name: str) -> Upload:
    if refused := _refuse_bytes(raw, name):
        return refused
    text, problem, notice = decode_text(raw, name)
    notices = (notice,) if notice else ()
    if problem:
        return Upload(name, problems=(problem,), notices=notices)
    rows, problem = _rows(text, name)
    if problem:
        return Upload(name, problems=(problem,), notices=notices)
    if not rows:
        return _refused(name, "empty", N_("the file is empty"))
    header = [h.strip() for h in rows[0]]
    dupes = sorted({h for h in header if header.count(h) > 1 and h})
    if dupes:
        msgid = N_("a column appears more than once in the header")
        return _refused(name, "header_unique", msgid, 1, ", ".join(dupes))
    table = _table_for(header)
    if table is None:
        msgid = N_(
            "the header matches none of our tables (flows, actions, places); download the template"
        )
        return _refused(name, "header_known", msgid, 1)
    problems = [
        Problem.of(name, 1, c, "column_in_dataframe", MISSING_COLUMN)
        for c in TABLES[table]
        if c not in header
    ]
    extra = [h for h in header if h not in TABLES[table]]
    if extra:
        shown = ", ".join(extra[:8])
        msgid = N_("columns ignored (not in our {table} schema): {columns}")
        notices += (
            Problem.of(name, None, None, "notice_columns", msgid, table=table, columns=shown),
        )
    data = rows[1:]
    if not data:
        problems.append(
            Problem.of(name, None, None, "empty", N_("the file has a header but no data rows"))
        )
    problems += _cell_problems(name, header, data)
    if problems:
        return Upload(name, table, None, tuple(problems), notices)
    df = pd.DataFrame(data, columns=header, dtype=str)[list(TABLES[table])]
    df = df.apply(lambda col: col.str.strip()).replace("", pd.NA)
    return Upload(name, table, df, (), notices)


def normalise_people(df: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Return flows with `people` as plain digits; reject what the documented rule does not
    accept."""
    problems = []
    out = df.copy()
    for i, cell in out[Flow.PEOPLE].items():
        if pd.isna(cell):
            continue
        if PEOPLE_OK.match(cell):
            out.at[i, Flow.PEOPLE] = cell.replace(",", "")
        else:
            msgid = N_(
                "{value} is not a number of people we can read safely; write a whole number "
                "such as 1800000 or 1,800,000 (no words, decimals, units or signs)"
            )
            problems.append(
                Problem.of(name, int(i) + 2, Flow.PEOPLE, "people_safe", msgid, value=repr(cell))
            )
    return out, problems


def _validated_flows(df: pd.DataFrame, base: Bundle, name: str) -> tuple[pd.DataFrame, list]:
    df, people_problems = normalise_people(df, name)
    clash = df[Flow.ID][df[Flow.ID].isin(set(base.flows[Flow.ID]))]
    taken = [
        Problem.of(name, int(i) + 2, Flow.ID, "id_free", ID_TAKEN, value=repr(fid))
        for i, fid in clash.items()
    ]
    typed, problems = validate_flows(df, base.places, name)
    flagged = {(p.row, p.column) for p in people_problems}  # one message per bad number, ours
    return typed, taken + people_problems + [
        p for p in problems if (p.row, p.column) not in flagged
    ]


def validate_upload(up: Upload, base: Bundle) -> Upload:
    """Return a read upload validated against the bundled schema and codes; only a fully valid
    file keeps its rows."""
    if up.rows is None:
        return up
    if up.table == "flows":
        typed, problems = _validated_flows(up.rows, base, up.name)
    elif up.table == "actions":
        typed, problems = validate_actions(up.rows, base.places, base.themes, up.name)
    else:
        typed, problems = validate_places(up.rows, up.name)
    problems = (*up.problems, *problems)
    return dc_replace(up, rows=None if problems else typed, problems=problems)


def validate_all(reads: list[Upload], base: Bundle) -> list[Upload]:
    """Validate several read uploads, places first, so flows may use places uploaded with them."""
    order = {t: i for i, t in enumerate(("places", "actions", "flows"))}
    results = []
    for read in sorted(reads, key=lambda u: order.get(u.table, 9)):
        up = validate_upload(read, base)
        if up.ok:
            base = merged(base, [up], replace=False)
        results.append(up)
    return results


def merged(base: Bundle, uploads: list[Upload], replace: bool) -> Bundle:
    """Return the bundle with the valid uploads added ("on top") or instead of the bundled rows.

    Uploaded rows are marked True in the UPLOADED column, and the bundled ones False; their
    source says "Your data: <file>" for the reader. The bundle is a copy.
    """
    tables = {"flows": base.flows, "actions": base.actions, "places": base.places}
    replaced: set[str] = set()  # "instead": the first upload of a table replaces its rows,
    for up in uploads:  # the next ones add to it (two files are both shown)
        if not up.ok or up.table not in tables:
            continue
        rows = up.rows.assign(**{UPLOADED: True})
        src_col = {"flows": Flow.SOURCE, "actions": Action.SOURCE}.get(up.table)
        if src_col and not up.own_source:
            rows[src_col] = f"Your data: {up.name}"
        if replace and up.table != "places" and up.table not in replaced:
            tables[up.table] = rows
            replaced.add(up.table)
        else:
            key = KEYS[up.table]
            mine = tables[up.table]
            keep = mine[~mine[key].isin(set(rows[key]))]
            if UPLOADED not in keep:
                keep = keep.assign(**{UPLOADED: False})
            tables[up.table] = pd.concat([keep, rows], ignore_index=True)
    return dc_replace(base, **tables)


def files_in_view(uploads: list[Upload], view: Bundle, crisis: str | None) -> list[str]:
    """Return the names of the valid uploads whose rows the view shows: flows among the
    view's flows of the crisis (its indicator and year), actions among its actions, places
    at an end of a flow it shows."""
    flows = view.flows[crisis_mask(view.flows, crisis)]
    shown = {
        "flows": set(flows[Flow.ID]),
        "actions": set(view.actions[Action.ID]),
        "places": set(flows[Flow.ORIGIN]) | set(flows[Flow.DESTINATION]),
    }
    names = []
    for up in uploads:
        if up.ok and up.table in shown and set(up.rows[KEYS[up.table]]) & shown[up.table]:
            names.append(up.name)
    return list(dict.fromkeys(names))


def template_csv(table: str) -> bytes:
    """Return a template CSV for a table: the header and one example row taken from our data."""
    examples = {
        "flows": [
            "my_flow_1",
            "venezuela",
            "VEN",
            "PER",
            "",
            "south_south",
            "one_way",
            "",
            "unquantified",
            "",
            "",
            "",
            "Your source section",
            "the words of your source",
            "how you read it",
            "2020",
            "sheet_stock",
        ],
        "actions": [
            "my_action_1",
            "CHL",
            "national",
            "Title",
            "What it achieved",
            "Organisation",
            "access_to_justice",
            "venezuela",
            "Your source",
            "how you read it",
        ],
        "places": ["XZZ", "region", "My region", "", "", "", "none"],
    }
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(TABLES[table])
    writer.writerow(examples[table])
    return buf.getvalue().encode("utf-8")
