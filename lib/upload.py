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
import re
from dataclasses import dataclass, field

import pandas as pd

from lib.data import Bundle, Problem, validate_actions, validate_flows, validate_places
from lib.schema import TABLES, Action, Flow, Place

MAX_BYTES = 2_000_000
MAX_ROWS = 20_000
MAX_CELL = 5_000
SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive (or an Excel .xlsx file)",
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Excel/Office file",
}
PEOPLE_OK = re.compile(r"^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)$")
UPLOADABLE = ("flows", "actions", "places")


@dataclass
class Upload:
    """What came of one uploaded file."""

    name: str
    table: str | None = None
    frame: pd.DataFrame | None = None  # the valid rows, typed, or None
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.frame is not None and not self.problems


def _decode(raw: bytes, name: str, up: Upload) -> str | None:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            up.problems.append(
                Problem(name, None, None, "the file says it is UTF-16 but is not valid UTF-16")
            )
            return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as err:
        up.problems.append(
            Problem(
                name,
                None,
                None,
                f"cannot be read as text: byte {err.start} is neither UTF-8 nor Windows-1252; save it as UTF-8 CSV",
            )
        )
        return None
    up.notices.append(
        f"{name}: not UTF-8; read as Windows-1252 (cp1252). Check accented letters, or save it as UTF-8 CSV."
    )
    return text


def _delimiter(header_line: str) -> str:
    known = {c for cols in TABLES.values() for c in cols}

    def score(sep: str) -> int:
        return sum(cell.strip().strip('"') in known for cell in header_line.split(sep))

    return ";" if score(";") > score(",") else ","


def _table_for(columns: list[str]) -> str | None:
    best, hits = None, 0
    for table in UPLOADABLE:
        n = len(set(columns) & set(TABLES[table]))
        if n > hits:
            best, hits = table, n
    return best if hits >= 3 else None


def read_upload(raw: bytes, name: str = "upload.csv") -> Upload:
    """Return the uploaded file as text cells (no validation yet) with every reading problem."""
    up = Upload(name=name)
    if len(raw) > MAX_BYTES:
        up.problems.append(
            Problem(
                name,
                None,
                None,
                f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} bytes",
            )
        )
        return up
    if not raw.strip():
        up.problems.append(Problem(name, None, None, "the file is empty"))
        return up
    for sig, what in SIGNATURES.items():
        if raw.startswith(sig):
            up.problems.append(Problem(name, None, None, f"this is {what}, not a CSV text file"))
            return up
    if b"\x00" in raw and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        up.problems.append(
            Problem(name, None, None, "the file holds binary data (NUL bytes), not CSV text")
        )
        return up
    text = _decode(raw, name, up)
    if text is None:
        return up
    first_line = text.splitlines()[0] if text.splitlines() else ""
    sep = _delimiter(first_line)
    csv.field_size_limit(
        max(csv.field_size_limit(), MAX_BYTES)
    )  # our own MAX_CELL check gives the message
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(rows) > MAX_ROWS:
                up.problems.append(
                    Problem(name, None, None, f"more than {MAX_ROWS:,} data rows; split the file")
                )
                return up
            rows.append(row)
    except csv.Error as err:
        up.problems.append(
            Problem(
                name,
                reader.line_num,
                None,
                f"the CSV structure is broken here ({err}); check for an unclosed quote",
            )
        )
        return up
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        up.problems.append(Problem(name, None, None, "the file is empty"))
        return up
    header = [h.strip() for h in rows[0]]
    dupes = sorted({h for h in header if header.count(h) > 1 and h})
    if dupes:
        up.problems.append(
            Problem(name, 1, ", ".join(dupes), "a column appears more than once in the header")
        )
        return up
    table = _table_for(header)
    if table is None:
        up.problems.append(
            Problem(
                name,
                1,
                None,
                "the header matches none of our tables (flows, actions, places); download the template",
            )
        )
        return up
    up.table = table
    missing = [c for c in TABLES[table] if c not in header]
    for c in missing:
        up.problems.append(Problem(name, 1, c, "required column is missing from the header"))
    extra = [h for h in header if h not in TABLES[table]]
    if extra:
        up.notices.append(
            f"{name}: columns ignored (not in our {table} schema): {', '.join(extra[:8])}"
        )
    data = rows[1:]
    if not data:
        up.problems.append(Problem(name, None, None, "the file has a header but no data rows"))
    for i, row in enumerate(data, start=2):
        if len(row) != len(header):
            up.problems.append(
                Problem(
                    name, i, None, f"this row has {len(row)} cells; the header has {len(header)}"
                )
            )
        for j, cell in enumerate(row):
            if len(cell) > MAX_CELL:
                col = header[j] if j < len(header) else None
                up.problems.append(
                    Problem(
                        name,
                        i,
                        col,
                        f"a cell of {len(cell):,} characters; the limit is {MAX_CELL:,}",
                    )
                )
    if up.problems:
        return up
    df = pd.DataFrame(data, columns=header, dtype=str)[list(TABLES[table])]
    df = df.apply(lambda col: col.str.strip()).replace("", pd.NA)
    up.frame = df
    return up


def normalise_people(df: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Return flows with `people` as plain digits; reject what the documented rule does not accept."""
    problems = []
    out = df.copy()
    for i, cell in out[Flow.PEOPLE].items():
        if pd.isna(cell):
            continue
        if PEOPLE_OK.match(cell):
            out.at[i, Flow.PEOPLE] = cell.replace(",", "")
        else:
            problems.append(
                Problem(
                    name,
                    int(i) + 2,
                    Flow.PEOPLE,
                    f"{cell!r} is not a number of people we can read safely; write a whole number "
                    "such as 1800000 or 1,800,000 (no words, decimals, units or signs)",
                )
            )
    return out, problems


def validate_upload(up: Upload, base: Bundle) -> Upload:
    """Validate a read upload against the bundled schema and codes; keep only a fully valid file."""
    if up.frame is None:
        return up
    df = up.frame
    if up.table == "flows":
        df, people_problems = normalise_people(df, up.name)
        clash = df[Flow.ID][df[Flow.ID].isin(set(base.flows[Flow.ID]))]
        for i, fid in clash.items():
            up.problems.append(
                Problem(
                    up.name, int(i) + 2, Flow.ID, f"id {fid!r} is already used by the bundled data"
                )
            )
        typed, problems = validate_flows(df, base.places, up.name)
        flagged = {(p.row, p.column) for p in people_problems}  # one message per bad number, ours
        up.problems += people_problems + [p for p in problems if (p.row, p.column) not in flagged]
        df = typed
    elif up.table == "actions":
        typed, problems = validate_actions(df, base.places, base.themes, up.name)
        up.problems += problems
        df = typed
    elif up.table == "places":
        typed, problems = validate_places(df, up.name)
        up.problems += problems
        df = typed
    up.frame = df if not up.problems else None
    return up


def validate_all(reads: list[Upload], base: Bundle) -> list[Upload]:
    """Validate several read uploads, places first, so flows may use places uploaded with them.

    The reads are not changed (they are cached by the caller); validated copies are returned.
    """
    from dataclasses import replace as dc_replace

    order = {t: i for i, t in enumerate(("places", "actions", "flows"))}
    results = []
    for read in sorted(reads, key=lambda u: order.get(u.table, 9)):
        up = validate_upload(
            dc_replace(read, problems=list(read.problems), notices=list(read.notices)), base
        )
        if up.ok:
            base = merged(base, [up], replace=False)
        results.append(up)
    return results


def merged(base: Bundle, uploads: list[Upload], replace: bool) -> Bundle:
    """Return the bundle with the valid uploads added ("on top") or instead of the bundled rows.

    Uploaded rows are marked in their source as "Your data: <file>"; the bundle is a copy.
    """
    from dataclasses import replace as dc_replace

    tables = {"flows": base.flows, "actions": base.actions, "places": base.places}
    for up in uploads:
        if not up.ok or up.table not in tables:
            continue
        src_col = {"flows": Flow.SOURCE, "actions": Action.SOURCE}.get(up.table)
        rows = up.frame.copy()
        if src_col:
            rows[src_col] = f"Your data: {up.name}"
        if replace and up.table != "places":
            tables[up.table] = rows
        else:
            key = {"flows": Flow.ID, "actions": Action.ID, "places": Place.CODE}[up.table]
            keep = tables[up.table][~tables[up.table][key].isin(set(rows[key]))]
            tables[up.table] = pd.concat([keep, rows], ignore_index=True)
    return dc_replace(base, **tables)


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
