"""What every reader returns: figures in a long form, with where each came from, and the
rules a figure's cell and year obey in every shape."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from lib.base.marks import N_
from lib.base.schema import YEAR_RANGE
from lib.ingest.aggregates import folded
from lib.model.problems import Problem

# The long form's columns: one row per figure.
ORIGIN, DESTINATION, YEAR, INDICATOR, PEOPLE = (
    "origin",
    "destination",
    "year",
    "indicator",
    "people",
)
QUOTE, NOTE, ROW = "quote", "note", "row"  # where the figure stands; how it was read; its row
COLUMNS = (ORIGIN, DESTINATION, YEAR, INDICATOR, PEOPLE, QUOTE, NOTE, ROW)

NO_DATA = frozenset({"", "..", "-", "–", "—"})  # published marks for "no figure": no row
WHOLE = re.compile(r"^[0-9]+$")
THOUSANDS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$")
# One group (1,234) reads as 1234 only where a comma cannot be a decimal mark: in a cell of a
# comma-separated file (it was quoted) or of a workbook. In a file separated by `;`, tab or
# `|`, where the comma is often the decimal mark, it is refused; two groups (1,234,567) never
# are ambiguous. Dots (1.234.567) are never read as thousands.
SINGLE_GROUP = re.compile(r"^[0-9]{1,3},[0-9]{3}$")
NOT_NUMBER = N_(
    "{value} is not a number of people we can read; write a whole number such as 1800000"
)
AMBIGUOUS = N_(
    "{value} could be a whole number or a decimal in a file separated by {separator}; write "
    "it without the comma"
)
NEGATIVE = N_("{value} is negative; a number of people cannot be")
YEAR_OUT = N_("the year {value} is outside {low}–{high}")


@dataclass(frozen=True)
class Skip:
    """One thing of a file not read, for the import's receipt: why (a key of SKIP_REASONS in
    lib.ingest.receipt), its row (None for the whole file) and what (an area, a column)."""

    why: str
    row: int | None
    what: str


@dataclass(frozen=True)
class Layout:
    """How a file was read: the text's separator, encoding and quoting (None for a workbook),
    its sheet, the header's row and the number of data rows under it."""

    separator: str | None = None
    encoding: str | None = None
    quoted: bool = False
    sheet: str | None = None
    header_row: int | None = None
    data_rows: int = 0


@dataclass(frozen=True)
class Read:
    """What a reader made of a file: its figures, or the problems that stop it.

    `figures` has COLUMNS; `skips` names each thing left out (`skipped` and `aggregates`
    derive from it), `dataset` the
    source as the sheet's rows name theirs ("UN DESA, International Migrant Stock 2024,
    Table 1"), `prefix` the start of every flow id of this dataset."""

    shape: str
    figures: pd.DataFrame
    dataset: str
    prefix: str
    problems: tuple[Problem, ...] = ()
    notices: tuple[Problem, ...] = ()
    skips: tuple[Skip, ...] = ()  # each thing not read, for the receipt
    layout: Layout = field(default_factory=Layout)

    def _skipped(self, why: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.what for s in self.skips if s.why == why))

    @property
    def skipped(self) -> tuple[str, ...]:
        """Return the areas without an ISO code left out, each once ("Channel Islands (830)")."""
        return self._skipped("no_iso")

    @property
    def aggregates(self) -> tuple[str, ...]:
        """Return the regions, groups and totals left out (never countries), each once."""
        return self._skipped("aggregate")


def empty_figures() -> pd.DataFrame:
    """Return a long form with no figure."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})


def people_of(cell: object, separator: str = ",") -> int | str | None:
    """Return a cell as a whole number of people; None for a published "no figure" mark
    (empty, `..`, `-`); the msgid of the rule it breaks otherwise (NOT_NUMBER, NEGATIVE,
    AMBIGUOUS). `separator`: the text file's (a workbook's cells count as ","); in a file not
    separated by commas a comma may be a decimal mark (SINGLE_GROUP)."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return None
    if isinstance(cell, bool):
        return NOT_NUMBER
    if isinstance(cell, int | float):
        if not math.isfinite(cell) or cell != int(cell):
            return NOT_NUMBER
        return NEGATIVE if cell < 0 else int(cell)
    text = str(cell).strip()
    if text in NO_DATA:
        return None
    if len(text) > 30:  # no count of people is that long (and int() refuses 4,300 digits)
        return NOT_NUMBER
    if separator != "," and SINGLE_GROUP.match(text.lstrip("-")):
        return AMBIGUOUS
    if WHOLE.match(text) or THOUSANDS.match(text):
        return int(text.replace(",", ""))
    if text.startswith("-") and (WHOLE.match(text[1:]) or THOUSANDS.match(text[1:])):
        return NEGATIVE
    return NOT_NUMBER


def year_of(cell: object) -> int | None:
    """Return a cell as a year (a whole number, a date, or text starting with a year such as
    "2024-05-31"), or None when it holds none."""
    if isinstance(cell, pd.Timestamp) or hasattr(cell, "year"):
        return int(cell.year)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return int(cell) if math.isfinite(cell) and cell == int(cell) else None
    text = str(cell).strip()
    if re.fullmatch(r"[0-9]{4}(\.0)?", text):
        return int(text[:4])
    found = re.fullmatch(r"([0-9]{4})-[0-9]{1,2}(-[0-9]{1,2})?([ T].*)?", text)
    if found:
        return int(found.group(1))
    found = re.fullmatch(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-]([0-9]{4})", text)
    return int(found.group(1)) if found else None


def year_problem(year: int, file: str, row: int | None, column: str | None) -> Problem | None:
    """Return the problem of a year outside YEAR_RANGE, else None."""
    low, high = YEAR_RANGE
    if low <= year <= high:
        return None
    return Problem.of(file, row, column, "year_range", YEAR_OUT, value=year, low=low, high=high)


def cell_problem(
    rule: str, cell: object, file: str, row: int | None, column: str | None, separator: str = ","
) -> Problem:
    """Return the problem of a figure's cell that breaks `rule` (people_of's msgid); a whole
    number a workbook stores as a float is shown as typed (-5, not -5.0)."""
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        cell = int(cell)
    check = {NEGATIVE: "people_positive", AMBIGUOUS: "people_ambiguous"}.get(rule, "people_number")
    if rule == AMBIGUOUS:
        return Problem.of(file, row, column, check, rule, value=repr(cell), separator=separator)
    return Problem.of(file, row, column, check, rule, value=repr(cell))


def notice(file: str, check: str, msgid: str, **params: object) -> Problem:
    """Return a notice: said to the reader, not refusing (check starts with notice_)."""
    return Problem.of(file, None, None, f"notice_{check}", msgid, **params)


def listed(names: list[str], limit: int = 12) -> str:
    """Return names joined by commas, the first `limit` of them and how many more."""
    shown = ", ".join(names[:limit])
    return shown + (f" (+{len(names) - limit})" if len(names) > limit else "")


def id_prefix(name: str, fallback: str = "import") -> str:
    """Return the start of every flow id of a dataset: its name as a slug ("r4v_may_2024"),
    a long one cut with a hash of the whole so two editions never share ids."""
    slug = re.sub(r"[^a-z0-9]+", "_", folded(name)).strip("_")
    if len(slug) > 40:
        slug = slug[:32].rstrip("_") + "_" + hashlib.sha1(name.encode()).hexdigest()[:7]
    return slug or fallback
