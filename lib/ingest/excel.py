"""Excel workbooks from a user: checked as an archive before anything reads them, then read
with python-calamine (pandas' engine="calamine").

The checks, each refused with its own message: an OLE compound file (an encrypted OOXML
workbook, or an old .xls); a macro-enabled workbook (.xlsm, or a vbaProject.bin inside); a
ZIP that is not a workbook; more than MAX_ENTRIES entries; more than MAX_UNCOMPRESSED bytes
once uncompressed; an entry compressed more than MAX_RATIO:1 (a zip bomb); an encrypted entry.
"""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from lib.data import Problem
from lib.marks import N_

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_ENTRIES = 1_000
MAX_UNCOMPRESSED = 200_000_000
MAX_RATIO = 100


def is_workbook(data: bytes) -> bool:
    """Return True when the bytes are a ZIP or an OLE file (what an Excel file is)."""
    return data.startswith((ZIP_SIGNATURE, OLE_SIGNATURE))


def _refused(name: str, check: str, msgid: str, **params: object) -> Problem:
    return Problem.of(name, None, None, check, msgid, **params)


def _ole_problem(data: bytes, name: str) -> Problem:
    if "EncryptionInfo".encode("utf-16-le") in data:
        msgid = N_("this workbook is encrypted (protected by a password); save a copy without one")
        return _refused(name, "xlsx_encrypted", msgid)
    msgid = N_(
        "this is an old Excel file (.xls) or an encrypted workbook; save it as .xlsx without a "
        "password"
    )
    return _refused(name, "xlsx_ole", msgid)


def _entries_problem(entries: list[zipfile.ZipInfo], name: str) -> Problem | None:
    """Return the refusal of an archive too large, too compressed, encrypted or with macros."""
    if len(entries) > MAX_ENTRIES:
        msgid = N_("the workbook holds {count} files; a workbook holds at most {limit}")
        return _refused(name, "xlsx_entries", msgid, count=f"{len(entries):,}", limit=MAX_ENTRIES)
    if any(e.filename.lower().endswith("vbaproject.bin") for e in entries):
        msgid = N_("this workbook contains macros (vbaProject.bin); save it as .xlsx without them")
        return _refused(name, "xlsx_macros", msgid)
    if any(e.flag_bits & 0x1 for e in entries):
        msgid = N_("this workbook is encrypted (protected by a password); save a copy without one")
        return _refused(name, "xlsx_encrypted", msgid)
    total = sum(e.file_size for e in entries)
    if total > MAX_UNCOMPRESSED:
        msgid = N_("the workbook unpacks to {size} bytes; the limit is {limit} bytes")
        return _refused(name, "xlsx_size", msgid, size=f"{total:,}", limit=f"{MAX_UNCOMPRESSED:,}")
    for e in entries:
        if e.file_size > MAX_RATIO * max(e.compress_size, 1):
            msgid = N_(
                "the workbook's part {part} is compressed more than {ratio}:1; refused as a "
                "possible zip bomb"
            )
            return _refused(name, "xlsx_ratio", msgid, part=e.filename, ratio=MAX_RATIO)
    return None


def workbook_problem(data: bytes, name: str) -> Problem | None:
    """Return why a workbook is refused before it is read, or None when it may be read."""
    if data.startswith(OLE_SIGNATURE):
        return _ole_problem(data, name)
    if name.lower().endswith(".xlsm"):
        msgid = N_("a macro-enabled workbook (.xlsm) is refused; save it as .xlsx")
        return _refused(name, "xlsx_macros", msgid)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        return _refused(name, "xlsx_broken", N_("this file is not a readable Excel workbook"))
    if not any(e.filename == "xl/workbook.xml" for e in entries):
        msgid = N_("this ZIP archive is not an Excel workbook (no xl/workbook.xml)")
        return _refused(name, "xlsx_not_workbook", msgid)
    return _entries_problem(entries, name)


def sheet_names(data: bytes) -> list[str]:
    """Return the names of a checked workbook's sheets, in order."""
    with pd.ExcelFile(io.BytesIO(data), engine="calamine") as book:
        return [str(s) for s in book.sheet_names]


def read_sheet(data: bytes, sheet: str) -> pd.DataFrame:
    """Return one sheet of a checked workbook as cells (no header; numbers as numbers, empty
    cells as NaN), indexed from 0 (spreadsheet row = index + 1)."""
    return pd.read_excel(
        io.BytesIO(data), sheet_name=sheet, header=None, dtype=object, engine="calamine"
    )


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
