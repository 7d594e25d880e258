"""Text tables from a user (CSV): decoded, their separator found, split into rows safely, with
a header found by its names anywhere in the first lines (published downloads put notes above
the header), and every row checked against the header's width: read whole or refused.

The separator is the one of `,` `;` tab `|` that splits the first lines into the most cells
in rows of one width (a table: rows × width, trailing empty cells left out), ties going to
that order. The count of a character on a line is not
enough: `Colombia;2020;1,731,017` has more commas than semicolons. The standard library's
`csv.Sniffer` was measured on the same cases and failed on several (docs/data-import.md).
Quotes are `"` (RFC 4180). The encoding: UTF-16 by its BOM, UTF-8 (with or without a BOM),
else Windows-1252 with a notice (lib.ingest.upload.decode_text).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass

from lib.base.marks import N_
from lib.ingest.upload import decode_text
from lib.model.problems import Problem

HEADER_LINES_SEARCHED = 60
SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {
    ",": N_("comma (,)"),
    ";": N_("semicolon (;)"),
    "\t": N_("tab"),
    "|": N_("vertical bar (|)"),
}
RAGGED = N_(
    "this row has {cells} cells and the header {columns}; nothing of it is read. A number "
    "written with thousands separators and no quotes (3,012) splits into two cells: write "
    '3012 or "3,012"'
)


@dataclass(frozen=True)
class Text:
    """A CSV decoded and split: its rows (cells stripped), how it was read, its notices."""

    rows: list[list[str]]
    separator: str
    encoding: str  # "UTF-8", "UTF-8 (BOM)", "UTF-16", "Windows-1252"
    quoted: bool  # some cell was in quotes
    notices: tuple[Problem, ...] = ()


def _encoding(data: bytes, guessed: bool) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    if guessed:
        return "Windows-1252"
    return "UTF-8 (BOM)" if data.startswith(codecs.BOM_UTF8) else "UTF-8"


def _width(row: list[str]) -> int:
    """Return a row's cells up to its last non-empty one."""
    n = len(row)
    while n and not row[n - 1].strip():
        n -= 1
    return n


def separator_of(text: str) -> str:
    """Return the separator that splits the first lines into the most rows of one width."""
    sample = "\n".join(text.splitlines()[:HEADER_LINES_SEARCHED])
    best, best_score = ",", (0, 0)
    for sep in SEPARATORS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=sep)
        try:  # trailing empty cells left out: a stray separator must not split a table
            widths = [_width(r) for r in reader if any(c.strip() for c in r)]
        except csv.Error:
            continue
        wide = Counter(w for w in widths if w > 1)
        if not wide:
            continue
        width, rows = max(wide.items(), key=lambda kv: (kv[1] * kv[0], kv[1]))
        if (rows * width, rows) > best_score:
            best, best_score = sep, (rows * width, rows)
    return best


def read_text(data: bytes, file: str) -> Text | Problem:
    """Return the CSV decoded and split into rows, or the problem that stops it."""
    text, problem, enc_notice = decode_text(data, file)
    if problem:
        return problem
    sep = separator_of(text)
    csv.field_size_limit(max(csv.field_size_limit(), len(data)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        rows = [[c.strip() for c in row] for row in reader]
    except csv.Error as err:
        msgid = N_("the CSV structure is broken here ({error}); check for an unclosed quote")
        return Problem.of(file, reader.line_num, None, "csv_structure", msgid, error=err)
    notices = (enc_notice,) if enc_notice else ()
    return Text(rows, sep, _encoding(data, enc_notice is not None), '"' in text, notices)


def find_header(rows: list[list[str]], *names: str) -> int | None:
    """Return the index of the first row holding every one of `names` (case ignored)."""
    wanted = {n.casefold() for n in names}
    for i, row in enumerate(rows[:HEADER_LINES_SEARCHED]):
        if wanted <= {c.casefold() for c in row}:
            return i
    return None


def ragged_rows(rows: list[list[str]], header: int, file: str) -> list[Problem]:
    """Return a problem for each row under the header whose cells are more or fewer than the
    header's, blank rows aside. An empty cell beyond the header's width is a cell too: an
    unquoted 1,000 before an empty last cell makes a row of the same shape as a trailing
    separator, so neither is read."""
    width = len(rows[header])
    problems = []
    for i in range(header + 1, len(rows)):
        cells = rows[i]
        if not any(cells):
            continue
        n = len(cells)
        if n != width:
            problems.append(
                Problem.of(file, i + 1, None, "row_width", RAGGED, cells=n, columns=width)
            )
    return problems
