"""Excel workbooks from users: macros refused under any name, and a workbook python-calamine
cannot read (sizes that lie, a broken or missing part) refused with its message, never a
traceback; UN DESA's Table 1 with an empty or text location code."""

from __future__ import annotations

import pytest

from lib.base.i18n import tr
from lib.ingest import read_dataset
from lib.ingest.excel import WorkbookError, read_sheet, sheet_names, workbook_problem
from lib.ingest.undesa import read_undesa
from tests.ingest_files import (
    DESA_ROWS,
    desa_xlsx,
    edited,
    lying_sizes,
    parts,
    shared_strings,
    xlsx,
)

BOOK = xlsx([["Country", "Total"], ["Chile", 3]])  # openpyxl's: text written inline
STRINGS = shared_strings(BOOK)  # the same, its text in xl/sharedStrings.xml as Excel writes
TYPES = parts(BOOK)["[Content_Types].xml"]
RELS = parts(BOOK)["xl/_rels/workbook.xml.rels"]
VBA_TYPE = b"application/vnd.ms-office.vbaProject"
VBA_REL = b"http://schemas.microsoft.com/office/2006/relationships/vbaProject"
MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_TYPE = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
SAVE_AGAIN = "open it in Excel or LibreOffice and save it again as .xlsx"


def texts(imported, lang: str = "en") -> list[str]:
    return [p.text(tr(lang)) for p in imported.problems]


def declared(*elements: bytes) -> bytes:
    """Return openpyxl's [Content_Types].xml with more elements."""
    return TYPES.replace(b"</Types>", b"".join(elements) + b"</Types>")


def related(*elements: bytes) -> bytes:
    """Return openpyxl's xl/_rels/workbook.xml.rels with more relationships."""
    return RELS.replace(b"</Relationships>", b"".join(elements) + b"</Relationships>")


def truncated(data: bytes, part: str) -> bytes:
    text = parts(data)[part]
    return edited(data, {part: text[: len(text) // 2]})


MACROS_IN = "this workbook contains macros (its part {}); save it as .xlsx without them"
XLSM = "a macro-enabled workbook (.xlsm) is refused; save it as .xlsx"

MACROS = {
    "declared for the part": (
        edited(
            BOOK,
            {
                "xl/custom/code.bin": b"Attribute VB_Name",
                "[Content_Types].xml": declared(
                    b'<Override PartName="/xl/custom/code.bin" ContentType="' + VBA_TYPE + b'"/>'
                ),
            },
        ),
        MACROS_IN.format("xl/custom/code.bin"),
    ),
    "declared for its extension": (
        edited(
            BOOK,
            {
                "xl/custom/code.bin": b"Attribute VB_Name",
                "[Content_Types].xml": declared(
                    b'<Default Extension="bin" ContentType="' + VBA_TYPE + b'"/>'
                ),
            },
        ),
        MACROS_IN.format("xl/custom/code.bin"),
    ),
    "only in the workbook's relationships": (
        edited(
            BOOK,
            {
                "xl/custom/code.bin": b"Attribute VB_Name",
                "xl/_rels/workbook.xml.rels": related(
                    b'<Relationship Id="rIdVba" Type="' + VBA_REL + b'" Target="custom/code.bin"/>'
                ),
            },
        ),
        MACROS_IN.format("xl/custom/code.bin"),
    ),
    "an Excel 4.0 macro sheet": (
        edited(
            BOOK,
            {
                "xl/macrosheets/sheet2.xml": b"<xm:macrosheet/>",
                "[Content_Types].xml": declared(
                    b'<Override PartName="/xl/macrosheets/sheet2.xml" '
                    b'ContentType="application/vnd.ms-excel.macrosheet+xml"/>'
                ),
            },
        ),
        MACROS_IN.format("xl/macrosheets/sheet2.xml"),
    ),
    "a workbook.xml of a macro-enabled type": (
        edited(BOOK, {"[Content_Types].xml": TYPES.replace(MAIN_TYPE, XLSM_TYPE)}),
        XLSM,
    ),
}


@pytest.mark.parametrize("data, message", MACROS.values(), ids=MACROS.keys())
def test_macros_are_refused_under_any_name(bundle, data, message):
    imp = read_dataset(data, "renamed.xlsx", base=bundle)
    assert not imp.ok and imp.flows is None
    assert texts(imp) == [f"renamed.xlsx: {message}"]
    assert [p.check for p in imp.problems] == ["xlsx_macros"]
    spanish = texts(imp, "es")[0]
    assert spanish != texts(imp)[0] and spanish.startswith("renamed.xlsx: ")


UNREADABLE = {
    "sizes that lie": (
        lying_sizes(BOOK, "xl/worksheets/sheet1.xml", 10),
        "this workbook could not be read (XmlError: I/O error: File is larger than its declared "
        f"uncompressed size); {SAVE_AGAIN}",
    ),
    "sharedStrings.xml truncated": (
        truncated(STRINGS, "xl/sharedStrings.xml"),
        f"this workbook could not be read (CalamineError: Cannot detect file format); {SAVE_AGAIN}",
    ),
    "the worksheet's part removed": (
        edited(BOOK, {"xl/worksheets/sheet1.xml": None}),
        f"this workbook could not be read (WorksheetNotFound: Table 1); {SAVE_AGAIN}",
    ),
    "the worksheet truncated": (
        truncated(desa_xlsx(), "xl/worksheets/sheet1.xml"),
        "this workbook could not be read (XmlError: ill-formed document: start tag not closed: "
        f"`</v>` not found before end of input); {SAVE_AGAIN}",
    ),
    "[Content_Types].xml not well-formed": (
        edited(BOOK, {"[Content_Types].xml": TYPES[:50]}),
        "the workbook's part [Content_Types].xml could not be read (ParseError: unclosed token: "
        f"line 1, column 0); {SAVE_AGAIN}",
    ),
    "[Content_Types].xml's size lies": (
        lying_sizes(BOOK, "[Content_Types].xml", 10),
        "the workbook's part [Content_Types].xml could not be read (BadZipFile: Bad CRC-32 for "
        f"file '[Content_Types].xml'); {SAVE_AGAIN}",
    ),
    "a relationships part not well-formed": (
        edited(BOOK, {"xl/_rels/workbook.xml.rels": RELS.replace(b"/>", b">", 1)}),
        "the workbook's part xl/_rels/workbook.xml.rels could not be read (ParseError: "
        f"mismatched tag: line 1, column 489); {SAVE_AGAIN}",
    ),
    "a DTD (entities: a billion laughs)": (
        edited(
            BOOK,
            {
                "[Content_Types].xml": b'<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aa">'
                b'<!ENTITY b "&a;&a;&a;&a;">]><Types>&b;</Types>'
            },
        ),
        "the workbook's part [Content_Types].xml could not be read (a DTD (<!DOCTYPE) is never "
        f"in a workbook's part); {SAVE_AGAIN}",
    ),
}


@pytest.mark.parametrize("data, message", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_a_workbook_that_cannot_be_read_is_refused_with_its_message(bundle, data, message):
    for fmt in ("auto", "undesa"):
        imp = read_dataset(data, "broken.xlsx", fmt, base=bundle)
        assert not imp.ok and imp.flows is None
        assert texts(imp) == [f"broken.xlsx: {message}"]
        assert [p.check for p in imp.problems] == ["xlsx_unreadable"]
    spanish = texts(imp, "es")[0]
    assert spanish != texts(imp)[0] and spanish.startswith("broken.xlsx: ")


@pytest.mark.parametrize(
    "data",
    [pytest.param(v[0], id=k) for k, v in UNREADABLE.items() if v[1].startswith("this workbook")],
)
def test_calamine_errors_are_raised_as_workbook_error_and_read_undesa_returns_them(data):
    """The API the long-table reader uses: WorkbookError holds the problem to show."""
    assert workbook_problem(data, "broken.xlsx") is None  # only calamine finds what is wrong
    with pytest.raises(WorkbookError) as raised:
        sheet_names(data, name="broken.xlsx")
        read_sheet(data, "Table 1", name="broken.xlsx")
    problem = raised.value.problem
    assert problem.file == "broken.xlsx" and problem.check == "xlsx_unreadable"
    assert str(raised.value) == str(problem)
    read = read_undesa(data, "broken.xlsx")
    assert read.problems == (problem,) and read.figures.empty


def test_the_error_said_is_one_line_of_at_most_200_characters():
    from lib.ingest.excel import error_line

    assert error_line(ValueError("first line\nsecond")) == "ValueError: first line"
    assert error_line(KeyError()) == "KeyError"
    assert len(error_line(ValueError("x" * 500))) == 200


def test_a_clean_workbook_still_reads(bundle):
    """openpyxl's [Content_Types].xml and relationships name no macro: no false refusal."""
    for data in (BOOK, STRINGS, desa_xlsx(), shared_strings(desa_xlsx())):
        assert workbook_problem(data, "clean.xlsx") is None
    assert read_sheet(STRINGS, "Table 1").values.tolist() == [["Country", "Total"], ["Chile", 3]]
    inline = read_dataset(desa_xlsx(), "t1.xlsx", base=bundle)
    shared = read_dataset(shared_strings(desa_xlsx()), "t1.xlsx", base=bundle)
    assert inline.ok and shared.ok, texts(inline) + texts(shared)
    assert len(inline.flows) == len(shared.flows) == 16
    # a printer's settings part, declared for the extension .bin, is no macro
    printer = edited(
        BOOK,
        {
            "xl/printerSettings/printerSettings1.bin": b"\x00" * 64,
            "[Content_Types].xml": declared(
                b'<Default Extension="bin" ContentType="application/vnd.openxmlformats-'
                b'officedocument.spreadsheetml.printerSettings"/>'
            ),
        },
    )
    assert workbook_problem(printer, "clean.xlsx") is None
    # a macro type declared for an extension no part has declares no macro
    unused = edited(
        BOOK,
        {
            "[Content_Types].xml": declared(
                b'<Default Extension="vba" ContentType="' + VBA_TYPE + b'"/>'
            )
        },
    )
    assert workbook_problem(unused, "clean.xlsx") is None


ROW = ("Chile", 152, "Peru", 604, [1] * 8)  # a second row: the codes' column holds numbers


@pytest.mark.parametrize(
    "code, message",
    [
        (None, "the location code is empty"),
        ("abc", "'abc' is not a UN M49 location code (a whole number from 1 to 9999)"),
        (" ", "the location code is empty"),
        (12.5, "12.5 is not a UN M49 location code (a whole number from 1 to 9999)"),
    ],
)
def test_table1_with_an_empty_or_text_destination_code(bundle, code, message):
    data = desa_xlsx([("Colombia", code, "Peru", 604, [1] * 8), ROW])
    imp = read_dataset(data, "t1.xlsx", base=bundle)
    assert not imp.ok and imp.flows is None
    assert texts(imp) == [f"t1.xlsx, row 12, column Location code of destination: {message}"]
    assert [p.check for p in imp.problems] == ["m49_known"]
    spanish = texts(imp, "es")[0]
    assert spanish != texts(imp)[0] and spanish.startswith("t1.xlsx, ")


def test_table1_lists_every_bad_code_with_its_row_and_column(bundle):
    rows = [
        ("Colombia", None, "Peru", 604, [1] * 8),
        ("Colombia", 170, "Peru", "x1", [1] * 8),
        *DESA_ROWS,
        ("Chile", 152, "Peru", None, [1] * 8),
    ]
    imp = read_dataset(desa_xlsx(rows), "t1.xlsx", base=bundle)
    assert texts(imp) == [
        "t1.xlsx, row 12, column Location code of destination: the location code is empty",
        "t1.xlsx, row 13, column Location code of origin: 'x1' is not a UN M49 location code "
        "(a whole number from 1 to 9999)",
        "t1.xlsx, row 20, column Location code of origin: the location code is empty",
    ]


def test_table1_with_a_figure_beyond_any_count_is_refused_not_overflowed(bundle):
    data = desa_xlsx([("Colombia", 170, "Peru", 604, [10**20, 1, 1, 1, 1, 1, 1, 1])])
    imp = read_dataset(data, "t1.xlsx", base=bundle)
    assert texts(imp) == [
        "t1.xlsx, row 12, column 1990: 1e+20 is not a number of people we can read; write a "
        "whole number such as 1800000"
    ]


def test_table1_cells_that_int_refuses_are_problems_not_tracebacks(bundle):
    many = "1" * 5_000  # more digits than int() reads
    data = desa_xlsx(
        [("Colombia", 170, "Peru", "²", [1] * 8), ("Chile", 152, "Peru", 604, [many] + [1] * 7)]
    )
    imp = read_dataset(data, "t1.xlsx", base=bundle)
    assert texts(imp) == [
        "t1.xlsx, row 12, column Location code of origin: '²' is not a UN M49 location code (a "
        "whole number from 1 to 9999)",
        f"t1.xlsx, row 13, column 1990: '{many}' is not a number of people we can read; write a "
        "whole number such as 1800000",
    ]
