"""The receipt of one import, in Markdown: what was read (shape, separator, encoding, rows,
years, indicators), what was skipped and why (each region or total, each area without a code,
each zero UNHCR writes, each figure left out), each refused row with its number, and every
notice. "Your data" offers it as a download; `python -m lib.ingest` writes it beside the data
(`import-report.md`). Every name from the file is escaped: it reads as typed, never as a link
or formatting."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from lib.base.fmt import format_count
from lib.base.i18n import Translator, tr
from lib.base.marks import N_
from lib.base.schema import Flow
from lib.ingest.imported import how_read, years_text
from lib.ingest.reading import Skip
from lib.ingest.shapes import SHAPES
from lib.model.indicators import indicator_label

if TYPE_CHECKING:
    from lib.ingest.imported import Import

# Each kind of skip: its heading in the receipt.
SKIP_REASONS = {
    "aggregate": N_("Regions, groups and totals (not countries)"),
    "no_iso": N_("Areas without an ISO 3166 code (never guessed)"),
    "zero": N_("Zeros: UNHCR writes 0 where a population type counts no one; no row is kept"),
    "left_out": N_(
        "Figures left out: internally displaced people, returned refugees and host "
        "communities, who do not live in another country"
    ),
    "same_country": N_("Rows with the same country as origin and destination"),
}
RECEIPT_FILE = "import-report.md"
# Labels of the receipt (N_: extracted for translation; t() inside an f-string is not).
L = {
    "Import receipt": N_("Import receipt"),
    "File": N_("File"),
    "Shape": N_("Shape"),
    "Source of every figure": N_("Source of every figure"),
    "Read as": N_("Read as"),
    "Sheet": N_("Worksheet"),
    "Header": N_("Header"),
    "Years": N_("Years"),
    "Year": N_("Year"),
    "What is counted": N_("What is counted"),
    "Rows": N_("Rows"),
}
_MD_ACTIVE = re.compile(r"([\\`*_\[\]<>|])")


def _md(text: str) -> str:
    """Return text from a file as Markdown that reads as typed: no link, image, HTML or
    emphasis (a lighter escape than lib.base.fmt.md_escape, so the file stays readable as text)."""
    return _MD_ACTIVE.sub(r"\\\1", text)


def rows_text(rows: list[int]) -> str:
    """Return row numbers as short ranges: "2–5, 9, 12–13"."""
    rows = sorted(set(rows))
    parts, start = [], None
    for i, r in enumerate(rows):
        start = r if start is None else start
        if i + 1 == len(rows) or rows[i + 1] != r + 1:
            parts.append(str(start) if start == r else f"{start}–{r}")
            start = None
    return ", ".join(parts)


def _skips(skips: tuple[Skip, ...], t: Translator) -> list[str]:
    lines = []
    for why, heading in SKIP_REASONS.items():
        mine = [s for s in skips if s.why == why]
        if not mine:
            continue
        lines += ["", f"### {t(heading)}", ""]
        by_what: dict[str, list[int]] = {}
        for s in mine:
            by_what.setdefault(s.what, []).extend([] if s.row is None else [s.row])
        for what, rows in by_what.items():
            n = len(set(rows))
            where = t.ngettext("row {rows}", "rows {rows}", n, rows=rows_text(rows)) if n else ""
            lines.append(f"- {_md(what)}" + (f" ({where})" if where else ""))
    return lines


def receipt(imported: Import, data: bytes, lang: str = "en") -> str:
    """Return the receipt of an import, in the reader's language (Markdown)."""
    t = tr(lang)
    shape = t(SHAPES[imported.shape].name) if imported.shape else t("not recognised")
    layout = imported.layout
    lines = [
        f"# {t(L['Import receipt'])}: {_md(imported.file)}",
        "",
        f"- {t(L['File'])}: {_md(imported.file)}, "
        + t(
            "{size} bytes, SHA-256 {digest}",
            size=format_count(len(data), lang),
            digest=hashlib.sha256(data).hexdigest()[:16],
        ),
        f"- {t(L['Shape'])}: {shape}",
    ]
    if imported.dataset:
        lines.append(f"- {t(L['Source of every figure'])}: {_md(imported.dataset)}")
    if layout.separator is not None:
        lines.append(f"- {t(L['Read as'])}: {_md(how_read(layout, t).strip()[1:-1])}")
    if layout.sheet:
        lines.append(f"- {t(L['Sheet'])}: {_md(layout.sheet)}")
    if layout.header_row:
        lines.append(
            f"- {t(L['Header'])}: "
            + t(
                "row {row}; {rows} rows under it",
                row=layout.header_row,
                rows=format_count(layout.data_rows, lang),
            )
        )
    if imported.ok:
        lines += _added(imported, t, lang)
    else:
        n = len(imported.problems)
        lines += ["", "## " + t("Refused: nothing was added"), ""]
        lines.append(
            t.ngettext("{n} problem, each with its row:", "{n} problems, each with its row:", n)
        )
        lines += [""] + [f"- {_md(p.text(t))}" for p in imported.problems]
    skips = imported.read.skips if imported.read else ()
    if skips:
        lines += ["", "## " + t("Not read, and why"), *_skips(skips, t)]
    if imported.notices:
        lines += ["", "## " + t("Notices"), ""]
        lines += [f"- {_md(n.text(t))}" for n in imported.notices]
    return "\n".join(lines) + "\n"


def _added(imported: Import, t: Translator, lang: str) -> list[str]:
    flows = imported.flows
    lines = ["", "## " + t("Added"), "", _md(imported.summary(lang))]
    if flows.empty:
        return lines
    years = sorted({int(y) for y in flows[Flow.YEAR]})
    lines += ["", f"- {t(L['Years'])}: {years_text(years)}"]
    lines += [
        "",
        f"| {t(L['Year'])} | {t(L['What is counted'])} | {t(L['Rows'])} |",
        "| --- | --- | ---: |",
    ]
    for _, r in imported.counts().iterrows():
        label = _md(indicator_label(r[Flow.INDICATOR], lang))
        lines.append(f"| {r[Flow.YEAR]} | {label} | {format_count(int(r['rows']), lang)} |")
    return lines
