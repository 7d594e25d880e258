"""Small files in the published layouts, made by the tests (nothing downloaded).

UN DESA's Table 1 (International Migrant Stock 2024, destination and origin): title rows,
then the header row that public readers of the file find at row 11 (pandas header=10, readxl
skip=10): "Index", "Region, development group, country or area of destination", "Notes of
destination", "Location code of destination", "Type of data of destination", "Region,
development group, country or area of origin", "Location code of origin", then the years
1990 … 2020, 2024 three times (both sexes, males, females). UNHCR: the API's columns, and the
Refugee Data Finder's long names under lines of notes. See docs/data-import.md for sources.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

import openpyxl

from lib.ingest.undesa import PUBLISHED_COLUMNS

YEARS = [1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024]
DESA_HEADER = list(PUBLISHED_COLUMNS)
TITLE = (
    "International migrant stock at mid-year by sex and by region, country or area of "
    "destination and origin, 1990-2024"
)

# (destination name, M49, origin name, M49, both sexes by year); males/females follow.
DESA_ROWS = [
    ("WORLD", 900, "WORLD", 900, [150] * 8),
    (
        "Colombia",
        170,
        "Venezuela (Bolivarian Republic of)",
        862,
        [10, 20, 30, "..", 50, 60, 70, 80],
    ),
    ("Colombia", 170, "Channel Islands", 830, [1] * 8),
    ("Colombia", 170, "Latin America and the Caribbean", 419, [9] * 8),
    ("Peru*", 604, "Haiti", 332, [None, 2, 3, 4, 5, 6, 7, 8]),
    ("Chile", 152, "Colombia", 170, ["..", "..", "..", "..", "..", "..", 100, 120]),
]


def xlsx(rows: list[list[object]], sheet: str = "Table 1") -> bytes:
    """Return a workbook with one sheet holding `rows` from A1."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def desa_rows(
    rows: list[tuple] = DESA_ROWS, edition: str | None = "International Migrant Stock 2024"
) -> list[list[object]]:
    """Return Table 1's cells: title rows, blank rows, the header at row 11, the data."""
    top = [[edition or "United Nations, Population Division"], [TITLE]] + [[]] * 8
    header = DESA_HEADER + YEARS * 3
    body = [
        [n + 1, dn, None, dc, "B", on, oc, *both, *[1] * 8, *[2] * 8]
        for n, (dn, dc, on, oc, both) in enumerate(rows)
    ]
    return [*top, header, *body, [], ["Note: a footnote under the table."]]


def desa_xlsx(rows: list[tuple] = DESA_ROWS, **kw: object) -> bytes:
    """Return a UN DESA Table 1 workbook in the published layout."""
    return xlsx(desa_rows(rows, **kw))


UNHCR_API = (
    "year,coo_name,coo,coo_iso,coa_name,coa,coa_iso,refugees,asylum_seekers,"
    "returned_refugees,idps,returned_idps,stateless,ooc,oip,hst\n"
    "2023,Venezuela (Bolivarian Republic of),VEN,VEN,Colombia,COL,COL,1500,2000,0,0,0,0,0,"
    "2800000,0\n"
    "2023,Colombia,COL,COL,Colombia,COL,COL,0,0,0,5000000,10,0,0,0,0\n"
    "2024,Haiti,HAI,HTI,Chile,CHL,CHL,20,-,0,,,0,0,50,0\n"
    "2024,Unknown,UKN,UNK,Chile,CHL,CHL,3,0,0,,,0,0,0,0\n"
)

# The Refugee Data Finder's download: lines of notes, then its long column names.
UNHCR_FINDER = (
    "Extracted from the UNHCR Refugee Population Statistics Database\n"
    "Note: a line of notes above the header, as the download has\n"
    "\n"
    'Year,"Country of origin","Country of origin (ISO)","Country of asylum",'
    '"Country of asylum (ISO)","Refugees under UNHCR\'s mandate",Asylum-seekers,'
    '"Returned refugees","IDPs of concern to UNHCR","Returned IDPss","Stateless persons",'
    '"Others of concern","Other people in need of international protection","Host Community"\n'
    '2024,"Venezuela (Bolivarian Republic of)",VEN,Peru,PER,1000,500000,0,0,0,0,0,900000,0\n'
)

# A user's own table, as R4V publishes its figures: one destination, a date, a number.
R4V = (
    "Country,Date,Refugees and migrants\n"
    'Colombia,2024-05-31,"2,857,528"\n'
    "Perú,31/05/2024,1542004\n"
    "Chile,2024-05-31,..\n"
)
R4V_COLUMNS = {"destination": "Country", "year": "Date", "value": "Refugees and migrants"}


# --------------------------------------------------------------------------- edited workbooks


def parts(data: bytes) -> dict[str, bytes]:
    """Return a ZIP's parts (a workbook's files) by name, in the archive's order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {e.filename: archive.read(e) for e in archive.infolist()}


def zipped(files: dict[str, bytes]) -> bytes:
    """Return a ZIP (deflated) holding `files`, in their order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buf.getvalue()


def edited(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """Return the workbook with parts replaced or added (bytes) or removed (None)."""
    files = {**parts(data), **changes}
    return zipped({k: v for k, v in files.items() if v is not None})


def lying_sizes(data: bytes, part: str, size: int) -> bytes:
    """Return the ZIP with `part`'s uncompressed size stated as `size`, in its local header
    and in the central directory both; its bytes and CRC unchanged."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entry = archive.getinfo(part)
        offset = entry.header_offset
    assert out[offset : offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", out, offset + 22, size)  # local header: uncompressed size
    at = out.find(b"PK\x01\x02")
    while at != -1:  # central directory records: signature, then fixed fields, then the name
        n, m, k = struct.unpack_from("<HHH", out, at + 28)
        if out[at + 46 : at + 46 + n].decode() == part:
            struct.pack_into("<I", out, at + 24, size)
        at = out.find(b"PK\x01\x02", at + 46 + n + m + k)
    return bytes(out)


INLINE = re.compile(rb'<c ([^>]*)t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>')
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SST_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def shared_strings(data: bytes, sheet: str = "xl/worksheets/sheet1.xml") -> bytes:
    """Return openpyxl's workbook (its text written inline) with its text in
    xl/sharedStrings.xml, as Excel writes it: the sheet's cells refer to it by number, and
    [Content_Types].xml and the workbook's relationships name it."""
    files = parts(data)
    texts: list[bytes] = []

    def refer(found: re.Match) -> bytes:
        texts.append(found.group(2))
        return b"<c " + found.group(1) + b't="s"><v>' + str(len(texts) - 1).encode() + b"</v></c>"

    files[sheet] = INLINE.sub(refer, files[sheet])
    items = b"".join(b"<si><t>" + t + b"</t></si>" for t in texts)
    count = str(len(texts)).encode()
    files["xl/sharedStrings.xml"] = (
        b'<sst xmlns="'
        + MAIN
        + b'" count="'
        + count
        + b'" uniqueCount="'
        + count
        + b'">'
        + items
        + b"</sst>"
    )
    override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + SST_TYPE + b'"/>'
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>", override + b"</Types>"
    )
    rel = b'<Relationship Type="' + OFFICE + b'/sharedStrings" Target="sharedStrings.xml" '
    files["xl/_rels/workbook.xml.rels"] = files["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", rel + b'Id="rIdStrings"/></Relationships>'
    )
    return zipped(files)
