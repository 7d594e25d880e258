"""The slides of one crisis, shared by /present, the PPTX deck and the PDF handout.

A slide is a title, one plotly figure sized for a 16:9 slide (without its own title and
source line: the slide shows those as text), optional text (the actions), the source line
with the dates, and what a presenter says: the figure's description (lib.charts.describe) and the
figures' provenance. Order: key figures, map, nested Sankey, corridors, over time (when the
data have two years or more of the view's indicator: `every_year`), the crisis's actions a few
per slide, sources.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from lib.base.fmt import people_compact, plotly_safe
from lib.base.i18n import tr
from lib.base.marks import N_
from lib.base.palette import CRISIS_HEX
from lib.base.schema import Action, Flow
from lib.charts import describe
from lib.charts.common import crisis_label
from lib.charts.flowmap import Layout
from lib.charts.map_view import flow_model, map_title
from lib.charts.registry import CHARTS, Ask, ChartKind, in_slides
from lib.charts.sankey_layout import SankeyFit, fit_chart
from lib.charts.static_map import static_map_figure
from lib.charts.textfit import text_width, wrap
from lib.charts.titles import Titles, on_page
from lib.export import slide_layout as layout
from lib.model.actions import ActionFilter, filter_actions
from lib.model.bundle import Bundle
from lib.model.cells import split_list
from lib.model.geo import country_features
from lib.model.organisations import official_names, organisation_caveats, organisations_text
from lib.model.overview import crisis_summary
from lib.model.selection import flows_for_crisis, with_points
from lib.model.sources import counts_note, source_notes, source_of

PRESENT_TITLE = N_("Presenter mode")  # the page's title (browser tab), translated where shown
PAGE_HEIGHT = 760  # the chart's height on /present, in CSS pixels at 1920×1080
# Smallest text inside a slide's chart, in pixels of a figure 1920 px wide: 18 pt or more once
# the picture is placed across a 960 pt slide (lib/export/slide_layout.py), and as large on
# /present.
CHART_FONT = 42
FIGURE_WIDTH = 1920  # a slide's chart is drawn this many pixels wide (the map, the Sankeys)
TILES_WIDTH = 1500  # the narrowest the key figures are drawn (beside the first slide's QR code)
KINDS = ("title", *(kind.slug for kind in in_slides()), "actions", "sources")
SLIDE_FONT = "DejaVu Sans, Arial, sans-serif"
# The map of a slide: a frame of the figure's size less the legend, labels at CHART_FONT.
SLIDE_MAP = Layout("slide", 1300, PAGE_HEIGHT - 40, CHART_FONT, 160, 50)
LATAM = (-118.0, -56.0, -34.0, 33.0)  # west, south, east, north of the actions' small map
# A Sankey slide's layout (lib.charts.sankey_layout): drawn FIGURE_WIDTH px wide (the PPTX, the
# handout, /present on a 1920 px screen) less margins, text at CHART_FONT, a plot of PAGE_HEIGHT
# less its margins (slide_figure's).
SLIDE_FIT = SankeyFit(FIGURE_WIDTH - 100, CHART_FONT, thickness=24, min_plot=PAGE_HEIGHT - 30)


@dataclass
class Slide:
    """One slide as /present shows it and the deck and handout print it."""

    kind: str  # one of KINDS
    name: str  # for file names and anchors: "map", "actions-2"
    title: str
    figure: Any  # plotly Figure, without its own title and source line; None: text only
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
    out again for that text (SLIDE_FIT)."""
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


TILE_LINE = CHART_FONT * 1.2  # a line of text in the key figures, in pixels
# The key figures are laid out for a drawing this tall (inside its margins), the least a slide
# gives them; a taller drawing spreads them out, never overlaps them.
TILES_HEIGHT = 740


def _note(fig: go.Figure, x: float, y: float, anchor: str, text: str, size: int) -> None:
    """Add text at (x, y) of the paper, left-aligned, hanging from y or standing on it."""
    fig.add_annotation(
        x=x,
        y=y,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor=anchor,
        showarrow=False,
        align="left",
        text=text,
        font=dict(size=size, color="#1a1a1a" if size > CHART_FONT else "#333"),
    )


def _tile_row(fig: go.Figure, tiles: list[tuple[str, str]], top: float) -> float:
    """Draw a row of tiles (value, label) from `top` (paper), three to a row's width, each
    as tall as the row's longest label; return where the next row starts. A value too wide
    for its tile is set smaller, never under CHART_FONT."""
    width = 1.0 / max(len(tiles), 3)
    inner = width * TILES_WIDTH - 50
    labels = [wrap(label, CHART_FONT, inner) for _, label in tiles]
    sizes = [
        max(CHART_FONT, min(round(CHART_FONT * 1.4), int(inner / text_width(value, 1, True))))
        for value, _ in tiles
    ]
    tall = max(sizes, default=CHART_FONT) * 1.25 + TILE_LINE * max(map(len, labels), default=0)
    bottom = top - (tall + 24) / TILES_HEIGHT
    for i, ((value, _label), lines, size) in enumerate(zip(tiles, labels, sizes, strict=True)):
        x0, x1 = i * width + 0.005, (i + 1) * width - 0.01
        fig.add_shape(
            type="rect",
            xref="paper",
            yref="paper",
            x0=x0,
            x1=x1,
            y0=bottom,
            y1=top,
            fillcolor="#f3f5f7",
            line=dict(color="#d0d5da", width=1),
        )
        y = top - 10 / TILES_HEIGHT
        _note(fig, x0 + 0.008, y, "top", f"<b>{plotly_safe(value)}</b>", size)
        y -= size * 1.25 / TILES_HEIGHT
        _note(fig, x0 + 0.008, y, "top", "<br>".join(plotly_safe(x) for x in lines), CHART_FONT)
    return bottom - 12 / TILES_HEIGHT


def key_figures_figure(data: Bundle, crisis: str, lang: str = "en") -> go.Figure:
    """Return the title slide's figure: one tile per figure of the crisis (reported, then
    derived, under a heading that says which), then a line with the counts of flows and
    actions. A crisis the sheet gives no figure for says so, and its counts are the tiles; no
    tile invents a figure. Each figure's source
    is in the speaker notes and on the sources slides: at a room's text size it does not fit
    its tile. Drawn FIGURE_WIDTH px wide, text at CHART_FONT or larger."""
    t = tr(lang)
    summary = crisis_summary(data, crisis, lang)
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    for status, heading in (
        ("reported", t("Reported by the sheet")),
        ("derived", t("Derived from the reported figures")),
    ):
        cards = [c for c in summary.cards if c.status == status]
        if cards:
            rows.append((heading, [(c.value, c.label) for c in cards]))
    counts = [
        (str(summary.flows), t("flows named by the sheet")),
        (str(summary.actions), t("actions linked")),
    ]
    if not summary.cards:  # the counts are the slide's only figures: tiles of their own
        rows.append((t("The sheet gives no figures for {crisis}.", crisis=summary.name), counts))
    line = (  # else one line under the tiles
        t(
            "Flows named by the sheet: {flows}. Actions linked: {actions}.",
            flows=summary.flows,
            actions=summary.actions,
        )
        if summary.cards
        else ""
    )
    fig = go.Figure()
    top = 1.0
    for heading, tiles in rows:
        if heading:
            _note(fig, 0, top, "top", f"<b>{plotly_safe(heading)}</b>", CHART_FONT)
            top -= TILE_LINE * 1.05 / TILES_HEIGHT
        top = _tile_row(fig, tiles, top)
    if line:
        _note(fig, 0, top, "top", plotly_safe(line), CHART_FONT)
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


def source_items(data: Bundle, crisis: str, lang: str = "en") -> list[tuple[str, str]]:
    """Return every flow of the crisis as (from → to, "figure (status) · section"): "not
    reported" when the sheet gives no figure. The sheet's words are in the speaker notes and
    the handout's sources table."""
    t = tr(lang)
    pts = with_points(flows_for_crisis(data.flows, crisis), data.places)
    return [
        (
            f"{row['origin_name']} → {describe._place(row, lang)}",
            f"{people_compact(row[Flow.PEOPLE], lang)} ({t(row[Flow.STATUS])})"
            f" · {row[Flow.SOURCE]}",
        )
        for _, row in pts.iterrows()
    ]


def slide_map_figure(data: Bundle, crisis: str, lang: str = "en") -> go.Figure:
    """Return the flow map for a slide: the map model laid out at the slide's size with
    labels at CHART_FONT (a label with no room is left off and its place named in the
    description), the legend beside it at the same size; untitled."""
    names = dict(zip(data.cases["crisis"], data.cases["name"], strict=True))
    model = flow_model(data, crisis, names, lang, SLIDE_MAP)[0]
    fig = static_map_figure(model, names, lang)
    fig.update_layout(
        width=FIGURE_WIDTH,
        height=PAGE_HEIGHT,
        margin=dict(t=10, b=10, l=10, r=10),
        legend=dict(font=dict(size=CHART_FONT), title=dict(font=dict(size=CHART_FONT))),
    )
    for note in fig.layout.annotations:
        note.font.size = max(note.font.size or 0, CHART_FONT)
    return fig


def actions_map_figure(countries: list[str], crisis: str, height: int = PAGE_HEIGHT) -> go.Figure:
    """Return a small map of Latin America and the Caribbean with `countries` (ISO 3166
    alpha-3) filled in the crisis's colour and the rest grey: where a slide's actions work.
    No text: the list beside it names the countries."""
    colour = CRISIS_HEX.get(crisis, "#0072B2")
    fig = go.Figure()
    for feature in country_features(digits=1):
        on = feature["id"] in countries
        xs: list[float | None] = []
        ys: list[float | None] = []
        for polygon in feature["geometry"]["coordinates"]:
            ring = polygon[0]
            if max(p[0] for p in ring) < LATAM[0] or min(p[0] for p in ring) > LATAM[2]:
                continue
            if max(p[1] for p in ring) < LATAM[1] or min(p[1] for p in ring) > LATAM[3]:
                continue
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    fill="toself",
                    fillcolor=colour if on else "#e4e4e0",
                    line=dict(color="white", width=1),
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    fig.update_xaxes(range=[LATAM[0], LATAM[2]], visible=False, fixedrange=True)
    # Equirectangular, stretched by 1/cos(15°) so the region keeps its shape near the equator.
    fig.update_yaxes(
        range=[LATAM[1], LATAM[3]], visible=False, scaleanchor="x", scaleratio=1.04, fixedrange=True
    )
    fig.update_layout(
        height=height,
        margin=dict(l=0, r=0, t=0, b=0),
        plot_bgcolor="rgb(243,246,249)",
        paper_bgcolor="white",
    )
    return fig


def narrow_figure(kind: str, data: Bundle, crisis: str, lang: str = "en") -> go.Figure | None:
    """Return a Sankey slide's figure in its narrow layout, for a phone (lib/charts/flowtree.py),
    without its title and source line (the slide shows them as text); None for other kinds."""
    if kind not in CHARTS or not CHARTS[kind].phone:
        return None
    chart = CHARTS[kind].build(Ask(data, crisis, lang, "phone"))
    return on_page(chart.figure)[0] if chart else None


def source_text(data: Bundle, lang: str, figures: bool) -> str:
    """Return a slide's source line: the sheet and the date of its figures (or the dataset,
    indicator and year shown), and, when the slide shows figures, what they count."""
    return source_of(data, lang) + (" " + counts_note(data, lang) if figures else "")


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


# A slide's number in its title, "(1 of 9)" to "(10 of 99)": digits are all as wide, so these
# are every width a numbered title can have.
NUMBERINGS = ((1, 1), (1, 10), (10, 10))


def _smallest_body(titles: list[str], source: str, stamp: str) -> layout.Box:
    """Return the smallest body any of these titles leaves (a title's size, and so the
    body's height, depends on its width)."""
    return min((layout.body_box(title, source, stamp) for title in titles), key=lambda b: b.height)


def _action_slides(data: Bundle, crisis: str, label: str, lang: str, height: int) -> list[Slide]:
    """Return the crisis's actions as slides, as many to a slide as their measured text fits
    beside the small map (lib.export.slide_layout), each with the map of its countries."""
    t = tr(lang)
    actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    items = action_items(actions, data, lang)
    source = source_text(data, lang, False)
    titles = [
        t(
            "Actions accompanied by EUROsociAL+: {crisis} ({part} of {parts})",
            crisis=label,
            part=part,
            parts=parts,
        )
        for part, parts in NUMBERINGS
    ]
    body = _smallest_body(titles, source, downloaded_line(label, dt.date.today(), lang))
    runs = layout.split_items(items, body.width * layout.ITEMS_SHARE - layout.GAP, body.height)
    runs = runs or [[]]
    slides, start = [], 0
    for part, run in enumerate(runs, start=1):
        some = actions.iloc[start : start + len(run)]
        start += len(run)
        codes = sorted({c for cell in some[Action.COUNTRIES] for c in split_list(cell)})
        slides.append(
            Slide(
                "actions",
                f"actions-{part}",
                t(
                    "Actions accompanied by EUROsociAL+: {crisis} ({part} of {parts})",
                    crisis=label,
                    part=part,
                    parts=len(runs),
                ),
                actions_map_figure(codes, crisis, height) if codes else None,
                describe.actions_description(data, crisis, lang, some),
                source,
                [
                    f"{title}: {detail}. {outcome}"
                    for (title, detail), outcome in zip(run, some[Action.OUTCOME], strict=True)
                ],
                run,
            )
        )
    return slides


def _source_slides(
    data: Bundle, crisis: str, label: str, lang: str, src: str, notes: list[str], words: str
) -> list[Slide]:
    """Return the sources slides: every flow with its figure, status and section, as many to
    a slide as fit at a room's text size."""
    t = tr(lang)
    items = source_items(data, crisis, lang)
    titles = [t("Sources: {crisis}", crisis=label) + f" ({i}/{n})" for i, n in NUMBERINGS]
    body = _smallest_body(titles, src, downloaded_line(label, dt.date.today(), lang))
    runs = layout.split_items(items, body.width, body.height) or [[]]
    title = t("Sources: {crisis}", crisis=label)
    return [
        Slide(
            "sources",
            "sources" if len(runs) == 1 else f"sources-{i}",
            title if len(runs) == 1 else f"{title} ({i}/{len(runs)})",
            None,
            words,
            src,
            notes,
            run,
        )
        for i, run in enumerate(runs, start=1)
    ]


# The over-time slide's x axis: at most this many years named (at CHART_FONT a year is about
# 110 px; the plot beside its legend is about 1300 px wide), the newest always among them.
TREND_TICKS = 8


def trend_slide_figure(fig: Any, years: list[int], height: int = PAGE_HEIGHT) -> Any:
    """Return the over-time chart for a slide (slide_figure): its legend beside the lines,
    one destination under another, even for a single line (the slide has no table to name
    it); lines and markers thick enough for a room; no more than TREND_TICKS years named on
    its axis."""
    out = slide_figure(fig, height)
    step = -(-len(years) // TREND_TICKS)  # ceiling
    out.update_layout(
        showlegend=True,
        legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top"),
    )
    out.update_traces(line=dict(width=6), marker=dict(size=14))
    out.update_xaxes(tickvals=years[::-1][::step][::-1])
    return out


def trend_slide(kind: ChartKind, ask: Ask, height: int = PAGE_HEIGHT) -> Slide | None:
    """Return the over-time slide, or None when the chart has nothing to draw (fewer than two
    years: `ask.every_year` not given, or one year of the view's indicator). Its source line
    is the chart's own (the datasets and the indicator, not one year; the years without a
    figure), and its notes add what the chart leaves out."""
    chart = kind.build(ask)
    if chart is None:
        return None
    titles: Titles | None = on_page(chart.figure)[1]
    source = " ".join(titles.source) if titles else source_text(ask.data, ask.lang, True)
    years = [int(y) for y in chart.figure.layout.xaxis.tickvals or ()]
    return Slide(
        kind.slug,
        kind.slug,
        chart.title,
        trend_slide_figure(chart.figure, years, height),
        kind.describe(ask),
        source,
        list(titles.subtitle) if titles else [],
    )


def crisis_slides(
    data: Bundle,
    crisis: str,
    lang: str = "en",
    height: int = PAGE_HEIGHT,
    every_year: Bundle | None = None,
) -> list[Slide]:
    """Return the slides of one crisis, in order; `data` already localized to `lang` (one
    indicator and year), `every_year` the same data in every year (localized too), for the
    over-time slide: without it, or with one year of the view's indicator, there is none."""
    t = tr(lang)
    label = crisis_label(data, crisis, lang)
    flows = flows_for_crisis(data.flows, crisis)
    has_figures = bool(flows[Flow.PEOPLE].notna().any())
    provenance = describe.provenance_lines(data, flows, lang)
    src = source_text(data, lang, has_figures)
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
    for kind in in_slides():
        ask = Ask(data, crisis, lang, every_year=every_year)
        if kind.slug == "trend":  # its own source line: the years it spans, not the view's
            if (slide := trend_slide(kind, ask, height)) is not None:
                slides.append(slide)
            continue
        if kind.slug == "map":  # drawn for the slide's size, not the page's
            title, figure = map_title(data, crisis, lang), slide_map_figure(data, crisis, lang)
        elif (chart := kind.build(ask)) is not None:
            title, figure = chart.title, slide_figure(chart.figure, height)
        else:
            continue
        words = kind.describe(ask)
        slides.append(Slide(kind.slug, kind.slug, title, figure, words, src, provenance))
    slides += _action_slides(data, crisis, label, lang, height)
    words = " ".join(
        [
            *source_notes(data, lang, has_figures),
            describe.key_figures_description(data, crisis, lang),
        ]
    ).replace("  ", " ")
    quotes = [
        f"{a} — {b}: “{q}”"
        for (a, b), q in zip(
            source_items(data, crisis, lang),
            with_points(flows, data.places)[Flow.QUOTE],
            strict=True,
        )
    ]
    slides += _source_slides(data, crisis, label, lang, src, [*provenance, *quotes], words)
    return slides


def downloaded_line(crisis_name: str, day: dt.date, lang: str = "en") -> str:
    """Return the line a downloaded deck or handout adds under each source line."""
    return tr(lang)(
        "Crisis: {crisis} · Downloaded {date}", crisis=crisis_name, date=day.isoformat()
    )
