"""Text tables from a user (CSV): decoded and split into rows safely, with a header found by
its names anywhere in the first lines (published downloads put notes above the header)."""

from __future__ import annotations

import csv
import io

from lib.data import Problem
from lib.marks import N_
from lib.upload import decode_text

HEADER_LINES_SEARCHED = 60


def csv_rows(data: bytes, file: str) -> tuple[list[list[str]], list[Problem], list[Problem]]:
    """Return the CSV's rows (cells stripped), its problems and its notices (encoding)."""
    text, problem, enc_notice = decode_text(data, file)
    notices = [enc_notice] if enc_notice else []
    if problem:
        return [], [problem], notices
    lines = text.splitlines()[:HEADER_LINES_SEARCHED]
    delimiter = max((",", ";", "\t"), key=lambda d: max((ln.count(d) for ln in lines), default=0))
    csv.field_size_limit(max(csv.field_size_limit(), len(data)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = [[c.strip() for c in row] for row in reader]
    except csv.Error as err:
        msgid = N_("the CSV structure is broken here ({error}); check for an unclosed quote")
        return (
            [],
            [Problem.of(file, reader.line_num, None, "csv_structure", msgid, error=err)],
            notices,
        )
    return rows, [], notices


def find_header(rows: list[list[str]], *names: str) -> int | None:
    """Return the index of the first row holding every one of `names` (case ignored)."""
    wanted = {n.casefold() for n in names}
    for i, row in enumerate(rows[:HEADER_LINES_SEARCHED]):
        if wanted <= {c.casefold() for c in row}:
            return i
    return None
