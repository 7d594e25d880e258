"""What an import found (Import: its rows, or why it was refused) and how that is said in
the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from lib.base.fmt import format_count
from lib.base.i18n import Translator, tr
from lib.base.schema import Flow
from lib.ingest.reading import Layout, Read, listed
from lib.ingest.shapes import SHAPES
from lib.ingest.table import SEPARATOR_NAMES
from lib.ingest.upload import Upload
from lib.model.problems import Problem

if TYPE_CHECKING:
    from lib.ingest.imported import Import


def years_text(years: list[int]) -> str:
    """Return "1990–2024" for several years, "2020" for one."""
    return f"{min(years)}–{max(years)}" if min(years) != max(years) else str(years[0])


def summary_text(imported: Import, lang: str = "en") -> str:
    """Return "<dataset>: <n> rows, <years>, <n> countries; <n> areas without an ISO code
    skipped: …", or the number of problems when refused."""
    t = tr(lang)
    if not imported.ok:
        n = len(imported.problems)
        return t.ngettext(
            "{file}: {n} problem; nothing added",
            "{file}: {n} problems; nothing added",
            n,
            file=imported.file,
        )
    flows = imported.flows
    what = t(SHAPES[imported.shape].name)
    if imported.shape == "long":
        what = f"{what} ({imported.dataset})"
    countries = len(set(flows[Flow.ORIGIN].unique()) | set(flows[Flow.DESTINATION].unique()))
    n = len(flows)
    if n == 0:
        return t("{what}: every figure of the file is already in the data (kept once)", what=what)
    text = t.ngettext(
        "{what}: {rows} row, {years}, {countries} countries",
        "{what}: {rows} rows, {years}, {countries} countries",
        n,
        what=what,
        rows=format_count(n, lang),
        years=years_text([int(y) for y in flows[Flow.YEAR].unique()]),
        countries=format_count(countries, lang),
    )
    if imported.skipped:
        k = len(imported.skipped)
        text += t.ngettext(
            "; {count} area without an ISO code skipped: {names}",
            "; {count} areas without an ISO code skipped: {names}",
            k,
            count=format_count(k, lang),
            names=listed(list(imported.skipped), 5),
        )
    if imported.aggregates:
        k = len(imported.aggregates)
        text += t.ngettext(
            "; {count} region, group or total skipped (not a country): {names}",
            "; {count} regions, groups or totals skipped (not countries): {names}",
            k,
            count=format_count(k, lang),
            names=listed(list(imported.aggregates), 5),
        )
    return text + how_read(imported.layout, t)


def how_read(layout: Layout, t: Translator) -> str:
    """Return " (a text file in UTF-8, separated by comma (,))", "" for a workbook."""
    if layout.separator is None:
        return ""
    return t(
        " ({how})",
        how=t(
            "a text file in {encoding}, separated by {separator}",
            encoding=layout.encoding,
            separator=t(SEPARATOR_NAMES[layout.separator]),
        ),
    )


@dataclass(frozen=True)
class Import:
    """What came of one published table: its rows in our schema, or why it was refused.

    `flows` is typed as lib.model.checks.validate_flows returns it and `places` as validate_places
    does (only the places the rows need and the base lacks); both None when refused."""

    file: str
    shape: str | None = None
    flows: pd.DataFrame | None = None
    places: pd.DataFrame | None = None
    problems: tuple[Problem, ...] = ()
    notices: tuple[Problem, ...] = ()
    read: Read | None = None  # what the reader found: layout, areas skipped, each skip

    @property
    def dataset(self) -> str:
        """Return the source every figure cites ("" when refused before it was read)."""
        return self.read.dataset if self.read else ""

    @property
    def skipped(self) -> tuple[str, ...]:
        """Return the areas without an ISO code left out, each once."""
        return self.read.skipped if self.read else ()

    @property
    def aggregates(self) -> tuple[str, ...]:
        """Return the regions, groups and totals left out (never countries), each once."""
        return self.read.aggregates if self.read else ()

    @property
    def layout(self) -> Layout:
        """Return how the file was read (separator, encoding, header row, data rows)."""
        return self.read.layout if self.read else Layout()

    @property
    def ok(self) -> bool:
        """Return True when the rows may be added: read, and not one problem."""
        return self.flows is not None and not self.problems

    def counts(self) -> pd.DataFrame:
        """Return the number of rows per year and indicator (columns year, indicator, rows)."""
        if self.flows is None or self.flows.empty:
            return pd.DataFrame({Flow.YEAR: [], Flow.INDICATOR: [], "rows": []})
        by = self.flows.groupby([Flow.YEAR, Flow.INDICATOR]).size()
        return by.rename("rows").reset_index()

    def summary(self, lang: str = "en") -> str:
        """Return what was found, in the reader's language: "UN DESA International Migrant
        Stock, Table 1: 28,912 rows, 1990–2024, 232 countries; 3 areas without an ISO code
        skipped: …"."""
        return summary_text(self, lang)

    def uploads(self) -> tuple[Upload, ...]:
        """Return the rows as lib.ingest.upload uploads (places first), for
        lib.ingest.upload.merged; the flows keep their own source."""
        if not self.ok:
            return ()
        places = Upload(self.file, "places", self.places, notices=self.notices)
        flows = Upload(self.file, "flows", self.flows, notices=self.notices, own_source=True)
        return (places, flows) if len(self.places) else (flows,)
