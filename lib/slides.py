"""The slides of one crisis, shared by /present, the PPTX deck and the PDF handout.

A slide is a title, one plotly figure sized for a 16:9 slide (without its own title and
source line: the slide shows those as text), optional text (the actions), the source line
with the dates, and what a presenter says: the figure's description (lib.describe) and the
figures' provenance. Order: key figures, map, nested Sankey, corridors, the crisis's actions
a few per slide, sources.
"""

from __future__ import annotations

import copy
import datetime as dt
import textwrap
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from lib import describe
from lib.actions import ActionFilter, actions_chart, actions_per_country, filter_actions
from lib.charts import corridor_chart, crisis_label, map_chart, nested_chart
from lib.data import Bundle, split_list
from lib.fmt import people_compact, plotly_safe
from lib.i18n import official_names, organisation_caveats, organisations_text, tr
from lib.marks import N_
from lib.overview import crisis_summary
from lib.sankey_layout import SLIDE_FIT, fit_chart
from lib.schema import Action, Flow
from lib.selection import flows_for_crisis, with_points
from lib.sheet import date_note, sheet_name, source_sentence, stock_note
from lib.titles import on_page

PRESENT_TITLE = N_("Presenter mode")  # the page's title (browser tab), translated where shown
ACTIONS_PER_SLIDE = 3
PICTURE = (1800, 810)  # the chart's picture on a 1920×1080 slide, in pixels
PAGE_HEIGHT = 760  # the chart's height on /present, in CSS pixels at 1920×1080
CHART_FONT = 20  # smallest text inside a slide's chart, in pixels
KINDS = ("title", "map", "nested", "corridors", "actions", "sources")
SLIDE_FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass
class Slide:
    """One slide as /present shows it and the deck and handout print it."""

    kind: str  # one of KINDS
    name: str  # for file names and anchors: "map", "actions-2"
    title: str
    figure: Any  # plotly Figure, without its own title and source line
    description: str  # the chart in words: alt text, speaker notes
    source: str  # the source line with the date of the figures
    provenance: list[str] = field(default_factory=list)  # one line per figure shown
    items: list[tuple[str, str]] = field(default_factory=list)  # actions: (title, details)

    @property
    def notes(self) -> str:
        """Return the speaker notes: the description, then where each figure comes from."""
        return "\n\n".join([self.description, *self.provenance])


def slide_figure(fig: Any, height: int = PAGE_HEIGHT, keep_last_note: bool = False) -> Any:
    """Return a copy of a chart for a slide: no title (the slide has it), no source line (the
    slide prints it as text: by convention the chart's last annotation), text no smaller than
    CHART_FONT, margins trimmed, `height` pixels high and as wide as the slide; a Sankey laid
    out again for that text (lib.sankey_layout.SLIDE_FIT)."""
    out = copy.deepcopy(fig)
    notes = list(out.layout.annotations or [])
    if notes and not keep_last_note:
        notes = notes[:-1]
    for note in notes:
        if note.font and note.font.size and note.font.size < CHART_FONT:
            note.font.size = CHART_FONT
    out.layout.annotations = notes
    out.layout.title = None
    size = max(out.layout.font.size or 0, CHART_FONT)
    out.update_layout(
        height=height,
        width=None,
        autosize=True,
        font=dict(size=size),
        margin=dict(t=10, b=60 if out.layout.xaxis.title.text else 20),
        paper_bgcolor="white",
    )
    # Explicit, as Streamlit's plotly theme sets small axis fonts of its own.
    out.update_xaxes(tickfont=dict(size=size), title_font=dict(size=size))
    out.update_yaxes(tickfont=dict(size=size), title_font=dict(size=size))
    for trace in out.data:
        if getattr(trace, "textfont", None) is not None:
            current = trace.textfont.size
            trace.textfont.size = max(current if isinstance(current, (int, float)) else 0, size)
    if out.layout.legend and out.layout.legend.font:
        out.layout.legend.font.size = max(out.layout.legend.font.size or 0, size)
    return fit_chart(out, SLIDE_FIT)  # a Sankey's labels, laid out again for this text


def key_figure_rows(
    data: Bundle, crisis: str, lang: str = "en"
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Return the title slide's rows of key figures: (heading, [(value, label, provenance)]):
    the reported figures, the derived ones, then the counts of flows and actions (no
    heading). A crisis the sheet gives no figure for says so; no tile invents one."""
    t = tr(lang)
    summary = crisis_summary(data, crisis, lang)
    rows: list[tuple[str, list[tuple[str, str, str]]]] = []
    for status, heading in (
        ("reported", t("Reported by the sheet")),
        ("derived", t("Derived from the reported figures")),
    ):
        cards = [c for c in summary.cards if c.status == status]
        if cards:
            rows.append((heading, [(c.value, c.label, c.provenance) for c in cards]))
    if not summary.cards:
        rows.append(
            (
                t("The sheet gives no figures for {crisis}.", crisis=summary.name),
                [],
            )
        )
    rows.append(
        (
            "",
            [
                (str(summary.flows), t("flows named by the sheet"), ""),
                (str(summary.actions), t("actions linked"), ""),
            ],
        )
    )
    return rows


def key_figures_figure(data: Bundle, crisis: str, lang: str = "en") -> go.Figure:
    """Return the title slide's figure: one tile per figure of the crisis (reported, then
    derived, each with its provenance), then the counts of flows and actions
    (key_figure_rows)."""
    rows = key_figure_rows(data, crisis, lang)
    fig = go.Figure()
    top, n = 1.0, len(rows)
    band = 1.0 / n
    for heading, tiles in rows:
        if heading:
            fig.add_annotation(
                x=0,
                y=top,
                xref="paper",
                yref="paper",
                xanchor="left",
                yanchor="top",
                showarrow=False,
                text=f"<b>{plotly_safe(heading)}</b>",
                font=dict(size=26, color="#333"),
            )
        width = 1.0 / max(len(tiles), 3)
        for i, (value, label, prov) in enumerate(tiles):
            x0, x1 = i * width + 0.005, (i + 1) * width - 0.01
            y1, y0 = top - 0.07, top - band + 0.02
            fig.add_shape(
                type="rect",
                xref="paper",
                yref="paper",
                x0=x0,
                x1=x1,
                y0=y0,
                y1=y1,
                fillcolor="#f3f5f7",
                line=dict(color="#d0d5da", width=1),
            )
            small = "<br>".join(
                plotly_safe(line)
                for part in (label, prov)
                if part
                for line in textwrap.wrap(part, 44)[:3]
            )
            # the figure at the tile's top, what it counts and its source at its foot
            for y, anchor, text, font in (
                (y1 - 0.015, "top", f"<b>{plotly_safe(value)}</b>", dict(size=54, color="#1a1a1a")),
                (y0 + 0.015, "bottom", small, dict(size=CHART_FONT, color="#333")),
            ):
                fig.add_annotation(
                    x=x0 + 0.012,
                    y=y,
                    xref="paper",
                    yref="paper",
                    xanchor="left",
                    yanchor=anchor,
                    showarrow=False,
                    align="left",
                    text=text,
                    font=font,
                )
        top -= band
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(
        height=PAGE_HEIGHT,
        margin=dict(l=10, r=10, t=10, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        font=dict(family=SLIDE_FONT, size=CHART_FONT),
    )
    return fig


def sources_figure(data: Bundle, crisis: str, lang: str = "en") -> go.Figure:
    """Return the sources slide's table: every flow of the crisis with its figure ("not
    reported" when the sheet gives none), status and the sheet's section."""
    t = tr(lang)
    pts = with_points(flows_for_crisis(data.flows, crisis), data.places)

    def wrap(text: object, width: int) -> str:
        return "<br>".join(plotly_safe(x) for x in textwrap.wrap(str(text), width)) or ""

    columns = {
        t("from"): [wrap(v, 18) for v in pts["origin_name"]],
        t("to"): [
            wrap(describe._place(r, lang), 26) for _, r in pts.iterrows()
        ],  # with the place it passes through
        t("figure"): [people_compact(p, lang) for p in pts[Flow.PEOPLE]],
        t("status"): [t(s) for s in pts[Flow.STATUS]],
        t("source section"): [wrap(v, 24) for v in pts[Flow.SOURCE]],
        t("the sheet's words"): [wrap(v, 48) for v in pts[Flow.QUOTE]],
    }
    fig = go.Figure(
        go.Table(
            columnwidth=[14, 18, 13, 13, 18, 36],
            header=dict(
                values=[f"<b>{plotly_safe(c)}</b>" for c in columns],
                fill_color="#e8ecef",
                align="left",
                font=dict(size=CHART_FONT, color="#1a1a1a"),
                height=36,
            ),
            cells=dict(
                values=list(columns.values()),
                align="left",
                font=dict(size=CHART_FONT - 2 if len(pts) > 9 else CHART_FONT, color="#1a1a1a"),
                fill_color="white",
                line_color="#d0d5da",
                height=30,
            ),
        )
    )
    fig.update_layout(
        height=PAGE_HEIGHT,
        margin=dict(l=10, r=10, t=10, b=10),
        font=dict(family=SLIDE_FONT, size=CHART_FONT),
    )
    return fig


def source_items(data: Bundle, crisis: str, lang: str = "en") -> list[tuple[str, str]]:
    """Return the sources slide as items for a narrow screen, one per flow of the crisis:
    (origin → destination, "figure · status · section: “the sheet's words”"); a flow the
    sheet gives no figure for says "magnitude not reported"."""
    t = tr(lang)
    pts = with_points(flows_for_crisis(data.flows, crisis), data.places)
    out = []
    for _, r in pts.iterrows():
        figure = (
            t("magnitude not reported")
            if pd.isna(r[Flow.PEOPLE])
            else people_compact(r[Flow.PEOPLE], lang)
        )
        out.append(
            (
                f"{r['origin_name']} → {describe._place(r, lang)}",
                f"{figure} · {t(r[Flow.STATUS])} · {r[Flow.SOURCE]}: “{r[Flow.QUOTE]}”",
            )
        )
    return out


def narrow_figure(kind: str, data: Bundle, crisis: str, lang: str = "en") -> go.Figure | None:
    """Return a Sankey slide's figure in its narrow layout, for a phone (lib/flowtree.py),
    without its title and source line (the slide shows them as text); None for other kinds."""
    if kind == "nested":
        chart = nested_chart(data, crisis, lang, "phone")
    elif kind == "corridors":
        chart = corridor_chart(data, crisis, lang, "phone")[0]
    else:
        return None
    return on_page(chart.figure)[0]


def source_text(lang: str, figures: bool) -> str:
    """Return a slide's source line: the sheet and the date of its figures, and, when the
    slide shows figures, what they count."""
    return source_sentence(lang) + (" " + stock_note(lang) if figures else "")


def action_items(actions: pd.DataFrame, data: Bundle, lang: str = "en") -> list[tuple[str, str]]:
    """Return each action as (title, "countries · organisations"), organisations named as the
    sheet names them, with what we add in brackets."""
    names = dict(zip(data.places["code"], data.places["name"], strict=True))
    originals, caveats = official_names(), organisation_caveats(lang)
    t = tr(lang)
    out = []
    for _, a in actions.iterrows():
        countries = [names.get(c, c) for c in split_list(a[Action.COUNTRIES])]
        where = describe.names_list(countries, lang) or t("no country listed")
        orgs = "; ".join(organisations_text(a[Action.ORGANISATIONS], originals, lang, caveats))
        out.append((str(a[Action.TITLE]), f"{where} · {orgs}"))
    return out


def crisis_slides(
    data: Bundle, crisis: str, lang: str = "en", height: int = PAGE_HEIGHT
) -> list[Slide]:
    """Return the slides of one crisis, in order; `data` already localized to `lang`."""
    t = tr(lang)
    label = crisis_label(data, crisis, lang)
    flows = flows_for_crisis(data.flows, crisis)
    has_figures = bool(flows[Flow.PEOPLE].notna().any())
    provenance = describe.provenance_lines(data, flows, lang)
    src = source_text(lang, has_figures)
    nested = nested_chart(data, crisis, lang)
    corridors = corridor_chart(data, crisis, lang)[0]
    slides = [
        Slide(
            "title",
            "title",
            t("{crisis}: migration and the policy actions that answer it", crisis=label),
            slide_figure(key_figures_figure(data, crisis, lang), height, keep_last_note=True),
            describe.key_figures_description(data, crisis, lang),
            src,
            provenance,
        ),
    ]
    charts = (
        ("map", t("Who moves where: {crisis}", crisis=label), map_chart(data, crisis, lang)),
        ("nested", nested.title, nested),
        ("corridors", corridors.title, corridors),
    )
    for kind, title, chart in charts:
        words = describe.DESCRIPTIONS[kind](data, crisis, lang)
        figure = slide_figure(chart.figure, height)
        slides.append(Slide(kind, kind, title, figure, words, src, provenance))
    actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    parts = max(1, -(-len(actions) // ACTIONS_PER_SLIDE))
    for part in range(parts):
        some = actions.iloc[part * ACTIONS_PER_SLIDE : (part + 1) * ACTIONS_PER_SLIDE]
        per_country = actions_per_country(some, data.places)
        items = action_items(some, data, lang)
        slides.append(
            Slide(
                "actions",
                f"actions-{part + 1}",
                t(
                    "Actions accompanied by EUROsociAL+: {crisis} ({part} of {parts})",
                    crisis=label,
                    part=part + 1,
                    parts=parts,
                ),
                slide_figure(actions_chart(per_country, label, lang), height),
                describe.actions_description(data, crisis, lang, some),
                source_text(lang, False),
                [
                    f"{title}: {detail}. {outcome}"
                    for (title, detail), outcome in zip(items, some[Action.OUTCOME], strict=True)
                ],
                items,
            )
        )
    slides.append(
        Slide(
            "sources",
            "sources",
            t("Sources: {crisis}", crisis=label),
            slide_figure(sources_figure(data, crisis, lang), height, keep_last_note=True),
            " ".join(
                [
                    t("Source document: {sheet}.", sheet=sheet_name(lang)),
                    date_note(lang),
                    stock_note(lang) if has_figures else "",
                    describe.key_figures_description(data, crisis, lang),
                ]
            ).replace("  ", " "),
            src,
            provenance,
        )
    )
    return slides


def downloaded_line(crisis_name: str, day: dt.date, lang: str = "en") -> str:
    """Return the line a downloaded deck or handout adds under each source line."""
    return tr(lang)(
        "Crisis: {crisis} · Downloaded {date}", crisis=crisis_name, date=day.isoformat()
    )
