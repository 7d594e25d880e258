"""Excel workbooks from a user: checked as an archive before anything reads them, then read
with python-calamine (pandas' engine="calamine").

The checks, each refused with its own message: an OLE compound file (an encrypted OOXML
workbook, or an old .xls); a macro-enabled workbook (.xlsm, or a vbaProject.bin inside); a
ZIP that is not a workbook; more than MAX_ENTRIES entries; more than MAX_UNCOMPRESSED bytes
once uncompressed; an entry compressed more than MAX_RATIO:1 (a zip bomb); an encrypted entry.
Then the parts that say what the others are ([Content_Types].xml and every *.rels, each read
up to MAX_XML_PART bytes and parsed without a DTD): macros under any name (a content type of a
VBA project, a macro sheet or a macro-enabled workbook; a relationship to one), and a part that
is not well-formed XML.

What python-calamine then fails to read (sizes that lie, a broken part, a sheet named but
missing) is raised as WorkbookError, holding the problem to show; never a traceback.
"""

from __future__ import annotations

import io
import posixpath
import xml.etree.ElementTree as ET
import zipfile
import zlib

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from lib.base.marks import N_
from lib.model.problems import Problem

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_ENTRIES = 1_000
MAX_UNCOMPRESSED = 200_000_000
MAX_RATIO = 100
MAX_XML_PART = 8_000_000  # bytes of [Content_Types].xml or of one *.rels read, at most
# Content types (lower case) of macros: VBA projects (and their signatures), Excel 4.0 macro
# sheets; and of a workbook saved as macro-enabled (.xlsm, .xltm, .xlam).
MACRO_TYPES = ("vbaproject", "macrosheet")
MACRO_ENABLED = "macroenabled"
# Relationship types (their last segment, lower case) that point to macros.
MACRO_RELATIONSHIPS = ("vbaproject", "xlmacrosheet", "xlintlmacrosheet")
MACROS = N_("this workbook contains macros (vbaProject.bin); save it as .xlsx without them")
MACROS_IN = N_("this workbook contains macros (its part {part}); save it as .xlsx without them")
XLSM = N_("a macro-enabled workbook (.xlsm) is refused; save it as .xlsx")
UNREADABLE = N_(
    "this workbook could not be read ({error}); open it in Excel or LibreOffice and save it "
    "again as .xlsx"
)
BAD_PART = N_(
    "the workbook's part {part} could not be read ({error}); open it in Excel or LibreOffice "
    "and save it again as .xlsx"
)


class WorkbookError(Exception):
    """A checked workbook that python-calamine could not read. `problem` is what to show
    (check "xlsx_unreadable"); raised by sheet_names and read_sheet."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


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
        return _refused(name, "xlsx_macros", MACROS)
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
        return _refused(name, "xlsx_macros", XLSM)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return _refused(name, "xlsx_broken", N_("this file is not a readable Excel workbook"))
    with archive:
        entries = archive.infolist()
        if not any(e.filename == "xl/workbook.xml" for e in entries):
            msgid = N_("this ZIP archive is not an Excel workbook (no xl/workbook.xml)")
            return _refused(name, "xlsx_not_workbook", msgid)
        return _entries_problem(entries, name) or _parts_problem(archive, entries, name)


# --------------------------------------------------------------------------- the XML parts


class _Refused(Exception):
    """Raised inside the XML parser's target: a DTD (never in a workbook's parts)."""


TYPES, RELATIONSHIPS = ("Override", "Default"), ("Relationship",)  # elements looked at
# What reading one part may raise: not well-formed XML (ET.ParseError), a DTD, too large
# (ValueError), a damaged entry (a bad CRC, deflate data or size), a compression zipfile
# does not know (NotImplementedError).
PART_ERRORS = (
    ET.ParseError,
    _Refused,
    ValueError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
)


class _Elements:
    """An XMLParser target that keeps the attributes of some elements (by local name) and
    refuses a DTD (so no entity is ever declared, let alone expanded)."""

    def __init__(self, names: tuple[str, ...]):
        self.names = names
        self.found: list[tuple[str, dict[str, str]]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        local = tag.rpartition("}")[2]
        if local in self.names:
            self.found.append((local, dict(attrib)))

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        return None

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _Refused("a DTD (<!DOCTYPE) is never in a workbook's part")


def error_line(error: BaseException) -> str:
    """Return an error as one line for a reader: its class name and the first line of its
    text, at most 200 characters."""
    first = (str(error).strip().splitlines() or [""])[0]
    return (type(error).__name__ + (f": {first}" if first else ""))[:200]


def _elements(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, names: tuple[str, ...]
) -> list[tuple[str, dict[str, str]]]:
    """Return the elements of one small XML part named in `names`, with their attributes.
    Raises one of PART_ERRORS when the part is too large, damaged or not well-formed XML."""
    with archive.open(entry) as part:
        text = part.read(MAX_XML_PART + 1)
    if len(text) > MAX_XML_PART:
        raise ValueError(f"larger than {MAX_XML_PART:,} bytes")
    target = _Elements(names)
    parser = ET.XMLParser(target=target)
    parser.feed(text)
    parser.close()
    return target.found


def _part_name(reference: str, base: str = "") -> str:
    """Return the archive name of a part referred to from the folder `base` ("/xl/a.bin" is
    absolute; "a.bin" from xl/_rels/workbook.xml.rels is xl/a.bin)."""
    if reference.startswith("/"):
        return posixpath.normpath(reference).lstrip("/")
    return posixpath.normpath(posixpath.join(base, reference)).lstrip("/")


def _types_problem(
    found: list[tuple[str, dict[str, str]]], entries: list[zipfile.ZipInfo], name: str
) -> Problem | None:
    """Return the refusal of a content type of macros in [Content_Types].xml: an Override
    (one part, named), or a Default (every part of an extension) when the archive holds a part
    of that extension with no Override of its own."""
    overridden = {_part_name(a.get("PartName", "")).lower() for k, a in found if k == "Override"}
    for local, attrib in found:
        kind = attrib.get("ContentType", "").lower()
        if MACRO_ENABLED not in kind and not any(t in kind for t in MACRO_TYPES):
            continue
        if local == "Override":
            part = _part_name(attrib.get("PartName", ""))
        else:
            ext = "." + attrib.get("Extension", "").lower()
            parts = [
                e.filename
                for e in entries
                if e.filename.lower().endswith(ext) and e.filename.lower() not in overridden
            ]
            if not parts:
                continue
            part = parts[0]
        if MACRO_ENABLED in kind:
            return _refused(name, "xlsx_macros", XLSM)
        return _refused(name, "xlsx_macros", MACROS_IN, part=part)
    return None


def _rels_problem(found: list[tuple[str, dict[str, str]]], rels: str, name: str) -> Problem | None:
    """Return the refusal of a relationship to macros (xl/_rels/workbook.xml.rels → a VBA
    project), naming its target."""
    base = posixpath.dirname(posixpath.dirname(rels))  # xl/_rels/workbook.xml.rels → xl
    for _, attrib in found:
        kind = attrib.get("Type", "").rstrip("/").rpartition("/")[2].lower()
        if kind in MACRO_RELATIONSHIPS:
            target = attrib.get("Target", "")
            external = attrib.get("TargetMode", "").lower() == "external"
            part = target if external else _part_name(target, base)
            return _refused(name, "xlsx_macros", MACROS_IN, part=part)
    return None


def _parts_problem(
    archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], name: str
) -> Problem | None:
    """Return the refusal of macros declared in [Content_Types].xml or a *.rels part, or of
    one of those parts that cannot be read as XML. Run after _entries_problem: their sizes
    and ratios are checked already."""
    for entry in entries:
        types = entry.filename.lower() == "[content_types].xml"
        if not (types or entry.filename.lower().endswith(".rels")):
            continue
        try:
            found = _elements(archive, entry, TYPES if types else RELATIONSHIPS)
        except PART_ERRORS as error:
            said = str(error) if isinstance(error, _Refused) else error_line(error)
            return _refused(name, "xlsx_unreadable", BAD_PART, part=entry.filename, error=said)
        if types:
            problem = _types_problem(found, entries, name)
        else:
            problem = _rels_problem(found, entry.filename, name)
        if problem:
            return problem
    return None


# --------------------------------------------------------------------------- reading


def _unreadable(error: BaseException, name: str) -> WorkbookError:
    problem = _refused(name, "xlsx_unreadable", UNREADABLE, error=error_line(error))
    return WorkbookError(problem)


def sheet_names(data: bytes, *, name: str = "workbook.xlsx") -> list[str]:
    """Return the names of a checked workbook's sheets, in order. Raises WorkbookError (its
    problem names the file `name`) when python-calamine cannot read the workbook."""
    try:
        return [str(s) for s in CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names]
    except Exception as error:  # calamine's errors, zipfile's, ValueError…: the file's fault
        raise _unreadable(error, name) from error


_type_of = np.frompyfunc(type, 1, 1)  # each cell's type, at C speed


def read_sheet(data: bytes, sheet: str, *, name: str = "workbook.xlsx") -> pd.DataFrame:
    """Return one sheet of a checked workbook as cells (no header; numbers as numbers, empty
    cells as NaN, and only those: `NA` is Namibia, not a missing value), indexed from 0
    (spreadsheet row = index + 1, empty rows above the first kept). Raises WorkbookError (its
    problem names the file `name`) when python-calamine cannot read the sheet.

    python-calamine is called directly: pandas' read_excel converts every cell in a Python
    loop (a whole-world Table 1 has 1.3 million), which was a third of reading it."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as error:  # calamine's errors, zipfile's, ValueError…: the file's fault
        raise _unreadable(error, name) from error
    cells = np.array(rows, dtype=object) if rows else np.empty((0, 0), dtype=object)
    if cells.ndim != 2:  # rows of unequal widths: pandas pads them
        return pd.DataFrame(rows, dtype=object).replace("", np.nan)
    # A whole number is stored as a float (2024.0): read as the int it is, as pandas does
    # (exact up to 2**53; a larger one stays a float and is refused as no count of people).
    floats = _type_of(cells) == float  # noqa: E721 (elementwise, on an array of types)
    values = cells[floats].astype(float)
    whole = np.isfinite(values) & (np.floor(values) == values) & (np.abs(values) < 2**53)
    at = np.flatnonzero(floats.ravel())[whole]
    cells.ravel()[at] = values[whole].astype(np.int64).astype(object)
    cells[cells == ""] = np.nan
    return pd.DataFrame(cells)


def cell_text(cell: object) -> str:
    """Return a cell as its text: "" for an empty one, 2024 for the number 2024.0."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
