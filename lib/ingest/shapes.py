"""The shapes of published table we read, one entry each: the registry the command line's
--format, the upload panel (its choices and the file types it accepts), the summary and the
receipt read. A new shape is its reader module, its entry here and its branch in
lib.ingest (_read_workbook or _read_text) (docs/architecture.md, "Where a change goes")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from lib.base.marks import N_


@dataclass(frozen=True)
class Shape:
    """A shape of file: its slug (--format), its name as said to a reader, the kinds of file
    it comes as, and the refusal when it comes as another kind."""

    slug: str
    name: str  # an interface string (N_)
    file_types: tuple[str, ...]  # "csv" (a text file) and/or "xlsx" (a workbook)
    wrong_file: str = ""  # the refusal of the other kind of file (an interface string)


SHAPES: Final = {
    shape.slug: shape
    for shape in (
        Shape(
            "undesa",
            N_("UN DESA International Migrant Stock, Table 1"),
            ("xlsx",),
            N_("UN DESA's Table 1 is read from its Excel workbook (.xlsx), not from a CSV"),
        ),
        Shape(
            "unhcr",
            N_("UNHCR population statistics"),
            ("csv",),
            N_("UNHCR's population statistics are read as CSV, not as a workbook"),
        ),
        Shape("long", N_("Long table"), ("csv", "xlsx")),
    )
}
FORMATS: Final = ("auto", *SHAPES)  # --format and the panel's choice; auto: from the header
OWN_TABLES: Final = ("csv",)  # our own flows, actions and places tables (lib.ingest.upload)
FILE_TYPES: Final = tuple(
    sorted({*OWN_TABLES, *(kind for shape in SHAPES.values() for kind in shape.file_types)})
)
