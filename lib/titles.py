"""The titles of every chart: title, subtitle lines and source line, in one style.

Every plotly figure the dashboard shows or exports gets its title, the lines under it (what
its numbers count, what it leaves out) and its source line from `titled`, so they sit at the
same places, in the same sizes and colours, on screen, in a PNG and in a PDF.
"""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go

from lib.fmt import plotly_safe

SOURCE = "source"  # the name of the source-line annotation (lib.render.stamped adds to it)
TITLE_SIZE = 20
SUBTITLE_SIZE = 13
SOURCE_SIZE = 11
SUBTITLE_COLOUR = "#8a3b00"  # 6.3:1 on white
SOURCE_COLOUR = "#555555"  # 7.5:1 on white
LINE = 1.6  # line height, in font sizes
SLIDE_SCALE = 1.5  # text of a chart drawn for a 1920×1080 slide
AXIS_TITLE_HEIGHT = 48  # what an x axis's tick labels and title take under the plot, in px


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
    source line must clear. Text is escaped for plotly (lib.fmt.plotly_safe) except the
    source line's `<br>` breaks.
    """
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    lines = [plotly_safe(line) for line in lines if line]
    source_lines = source.count("<br>") + 1
    top = round((40 + TITLE_SIZE + SUBTITLE_SIZE * LINE * len(lines)) * scale)
    bottom = round((16 + SOURCE_SIZE * LINE * source_lines) * scale) + below
    fig.update_layout(
        title=dict(
            text=plotly_safe(title),
            x=0.01,
            xanchor="left",
            font=dict(size=round(TITLE_SIZE * scale)),
            subtitle=dict(
                text="<br>".join(lines),
                font=dict(size=round(SUBTITLE_SIZE * scale), color=SUBTITLE_COLOUR),
            ),
        ),
        margin=dict(t=top, b=bottom),
    )
    fig.add_annotation(
        name=SOURCE,
        text=source,
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        yanchor="top",
        yshift=-below - round(6 * scale),
        showarrow=False,
        xanchor="left",
        align="left",
        font=dict(size=round(SOURCE_SIZE * scale), color=SOURCE_COLOUR),
    )
    return fig
