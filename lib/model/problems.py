"""A problem in a data file, located as a spreadsheet user looks for it: the file, the row
(the header is row 1, the first data row row 2), the column and the rule that failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lib.base.marks import N_

FIRST_DATA_ROW = 2  # spreadsheet row of the DataFrame's index 0


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file, located as a spreadsheet user would look for it.

    `check` names the rule that failed (a pandera check's name, such as "field_uniqueness"
    or "point_given", or a reading rule of lib.ingest.upload such as "encoding"): code that treats
    a kind of problem differently switches on it, never on the message's words."""

    file: str
    row: int | None
    column: str | None
    message: str
    check: str = ""
    # The message as an interface string: its id (marked N_ where written) and placeholders;
    # `terms` names the placeholders whose values are interface strings too ("status").
    msgid: str = ""
    params: tuple[tuple[str, str], ...] = ()
    terms: tuple[str, ...] = ()
    cell: str = ""  # the cell's content at fault, shown after the message

    @classmethod
    def of(
        cls,
        file: str,
        row: int | None,
        column: str | None,
        check: str,
        msgid: str,
        terms: tuple[str, ...] = (),
        cell: str = "",
        /,
        **params: object,
    ) -> Problem:
        """Return the problem whose message is `msgid` with `params` (its English text),
        followed by the cell at fault when given. The fixed arguments are positional only, so
        a placeholder may be named like one of them (`column=`, `file=`, `row=`)."""
        texts = tuple((k, str(v)) for k, v in params.items())
        message = msgid.format(**dict(texts)) + (f": {cell}" if cell else "")
        return cls(file, row, column, message, check, msgid, texts, terms, cell)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"

    def text(self, t: Callable[..., str]) -> str:
        """Return the problem in the language of the translator `t` (lib.base.i18n.tr)."""
        where = [self.file]
        if self.row is not None:
            where.append(t("row {row}", row=self.row))
        if self.column is not None:
            where.append(t("column {column}", column=self.column))
        if not self.msgid:
            return f"{', '.join(where)}: {self.message}"
        params = {k: t(v) if k in self.terms else v for k, v in self.params}
        cell = f": {self.cell}" if self.cell else ""
        return f"{', '.join(where)}: {t(self.msgid, **params)}{cell}"


class DataError(ValueError):
    """Raised when data files have problems; holds every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(
            problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.message)
        )
        super().__init__("\n".join(str(p) for p in self.problems))


MISSING_COLUMN = N_("required column is missing from the header")
