"""What an import found, said in the reader's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lib.base.fmt import format_count
from lib.base.i18n import Translator, tr
from lib.base.marks import N_
from lib.base.schema import Flow
from lib.ingest.reading import Layout, listed
from lib.ingest.table import SEPARATOR_NAMES

if TYPE_CHECKING:
    from lib.ingest import Import


SHAPE_NAMES = {
    "undesa": N_("UN DESA International Migrant Stock, Table 1"),
    "unhcr": N_("UNHCR population statistics"),
    "long": N_("Long table"),
}


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
    what = t(SHAPE_NAMES[imported.shape])
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
