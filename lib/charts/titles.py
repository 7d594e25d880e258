"""The titles of every chart: title, subtitle lines and source line, in one style.

Every plotly figure the dashboard shows or exports gets its title, the lines under it (what
its numbers count, what it leaves out) and its source line from `titled`, so they sit at the
same places, in the same sizes and colours, in a PNG, an SVG and a PDF.

Plotly does not wrap text. In a file of a known width (a 1920×1080 PNG) `titled` breaks
each line where the measured text (the bundled DejaVu Sans, as the exporting browser draws
it) would run past the image's edge. On a page, whose width the server never learns, the
title, the lines under it and the source line are page text instead, which wraps at any
width: `on_page` returns the figure without them, and the text to show around it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

import plotly.graph_objects as go

from lib.base.fmt import plotly_safe
from lib.charts.textfit import text_width

SOURCE = "source"  # the name of the source-line annotation (lib.export.render.stamped adds to it)
TITLE_SIZE = 20
SUBTITLE_SIZE = 13
SOURCE_SIZE = 11
SUBTITLE_COLOUR = "#8a3b00"  # 6.3:1 on white
SOURCE_COLOUR = "#555555"  # 7.5:1 on white
LINE = 1.6  # line height, in font sizes
LINE_SPACING = 1.3  # plotly's own line height for text broken by <br>, in font sizes
SLIDE_SCALE = 1.5  # text of a chart drawn for a 1920×1080 slide
AXIS_TITLE_HEIGHT = 48  # what an x axis's tick labels and title take under the plot, in px
EXPORT_WIDTH = 1920  # the width of an exported image (lib.export.render.PNG_SIZE), in px
TEXT_ROOM = EXPORT_WIDTH - 80  # what a line of text may take in it: margins and the title's x
PAGE_MARGIN = 10  # top and bottom margins of a figure on a page, without its titles, in px


@dataclass(frozen=True)
class Titles:
    """A chart's title, the lines under it and its source lines, as plain text."""

    title: str
    subtitle: tuple[str, ...]
    source: tuple[str, ...]


def lines_within(text: str, width: float, size: int, bold: bool = False) -> list[str]:
    """Return `text` broken at spaces into lines no wider than `width` pixels at `size`
    (DejaVu Sans, measured by lib.charts.textfit); a word wider than that stays whole, and so do
    words joined by a no-break space."""
    lines: list[str] = []
    for word in filter(None, text.split(" ")):
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _broken(text: str, size: int, bold: bool = False) -> str:
    """Return plotly text (`<br>` between lines) with every line broken to fit TEXT_ROOM."""
    return "<br>".join(
        line for part in text.split("<br>") for line in lines_within(part, TEXT_ROOM, size, bold)
    )


def titled(
    fig: go.Figure,
    title: str,
    source: str,
    subtitle: str | Iterable[str] = (),
    scale: float = 1.0,
    below: int = 0,
) -> go.Figure:
    """Give `fig` its title, subtitle lines and source line; return it.

    `scale` enlarges the text for a large export (1.5 for a 1920×1080 slide). `below` is the
    height in pixels of what the plot itself puts under its area (an axis title), which the
    source line must clear. Text is escaped for plotly (lib.base.fmt.plotly_safe) except the
    source line's `<br>` breaks, and broken into lines that fit an exported image. The plain
    text is kept in the layout's meta for `on_page`.
    """
    raw = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    raw = [line for line in raw if line]
    sizes = [round(s * scale) for s in (TITLE_SIZE, SUBTITLE_SIZE, SOURCE_SIZE)]
    title_text = _broken(plotly_safe(title), sizes[0], bold=True)
    lines = [_broken(plotly_safe(line), sizes[1]) for line in raw]
    source_text = _broken(source, sizes[2])
    line_count = sum(line.count("<br>") + 1 for line in lines)
    top = round(
        (
            40
            + TITLE_SIZE * (1 + LINE * title_text.count("<br>"))
            + SUBTITLE_SIZE * LINE * line_count
        )
        * scale
    )
    bottom = round((16 + SOURCE_SIZE * LINE * (source_text.count("<br>") + 1)) * scale) + below
    fig.update_layout(
        title=dict(
            text=title_text,
            x=0.01,
            xanchor="left",
            font=dict(size=sizes[0]),
            subtitle=dict(
                text="<br>".join(lines),
                font=dict(size=sizes[1], color=SUBTITLE_COLOUR),
            ),
        ),
        margin=dict(t=top, b=bottom),
        meta={
            "titles": {
                "title": title,
                "subtitle": raw,
                "source": source.split("<br>"),
                "below": below,
            }
        },
    )
    fig.add_annotation(
        name=SOURCE,
        text=source_text,
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        yanchor="top",
        yshift=-below - round(6 * scale),
        showarrow=False,
        xanchor="left",
        align="left",
        font=dict(size=sizes[2], color=SOURCE_COLOUR),
    )
    return fig


def on_page(fig: go.Figure) -> tuple[go.Figure, Titles | None]:
    """Return a copy of a titled figure without its title, subtitle lines and source line,
    for a page that shows them as text (which wraps at any width), and that text; a figure
    `titled` never saw comes back as it is, with None."""
    meta = fig.layout.meta
    kept = meta.get("titles") if isinstance(meta, dict) else None
    if not kept:
        return fig, None
    out = copy.deepcopy(fig)
    out.layout.annotations = [a for a in out.layout.annotations or [] if a.name != SOURCE]
    out.layout.title = None
    top, bottom = PAGE_MARGIN, PAGE_MARGIN + kept["below"]
    if out.layout.height:  # the plot keeps its height: a layout made for it still holds
        lost = (out.layout.margin.t or 0) - top + (out.layout.margin.b or 0) - bottom
        out.update_layout(height=out.layout.height - lost)
    out.update_layout(margin=dict(t=top, b=bottom))
    return out, Titles(kept["title"], tuple(kept["subtitle"]), tuple(kept["source"]))
