"""The bytes of a downloaded file: charts as PNG, SVG and offline HTML, tables as safe CSV.

A downloaded file stands on its own: the title, the crisis, the date and the source are
inside the image; a CSV holds exactly the rows shown, with provenance columns; no cell can
run as a spreadsheet formula. The briefing pack that bundles them is lib/export/pack.py.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import os
import re
import shutil
import threading
import warnings
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.io as pio

from lib.base.i18n import translate
from lib.base.marks import N_
from lib.base.schema import WORLD_TOPOJSON
from lib.charts.titles import LINE, SOURCE, SOURCE_SIZE
from lib.model.sheet import about_these_data, source_sentence

PNG_SIZE = (1920, 1080)  # slide resolution, 16:9
CHROME_HELP = N_(
    "Image export (PNG, SVG) needs Chrome or Chromium on the server, and none was found. "
    "Install one (Debian/Ubuntu: apt-get install chromium) or set BROWSER_PATH to its binary. "
    "HTML and CSV downloads work without it."
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportUnavailable(RuntimeError):
    """Raised when images cannot be made because no Chrome/Chromium is available.

    It carries its message id (`msgid`, marked for translation) and, apart, the technical
    detail, so the reader's message is translated without comparing exception text."""

    def __init__(self, msgid: str, detail: str = ""):
        self.msgid, self.detail = msgid, detail
        super().__init__(f"{msgid} ({detail})" if detail else msgid)

    def message(self, lang: str) -> str:
        """Return the message in `lang`, the detail (not translated) after it."""
        text = translate(lang, self.msgid)
        return f"{text} ({self.detail})" if self.detail else text


# --------------------------------------------------------------------------- names


def file_name(
    crisis: str | None, chart: str, lang: str, day: dt.date, ext: str, time: Any = None
) -> str:
    """Return a download's file name, e.g. venezuela_nested_en_2026-11-27.png; for figures
    other than the sheet's, their indicator and year too: venezuela_map_oip-2024_en_….png
    (`time`: the data's lib.model.choice.TimeChoice)."""
    shown = "" if time is None or time.is_sheet else f"_{time.indicator}-{time.year}"
    return f"{crisis or 'all'}_{chart}{shown}_{lang}_{day.isoformat()}.{ext}"


# --------------------------------------------------------------------------- CSV


def safe_cell(value: Any) -> Any:
    """Return a text cell that no spreadsheet will run as a formula (OWASP CSV injection):
    text starting with = + - @ tab or CR gets a leading apostrophe. Other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(df: pd.DataFrame) -> bytes:
    """Return the table as UTF-8 CSV (with BOM, for spreadsheets), text cells made safe and
    quoted, lists joined with '; ', numbers left as numbers."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: safe_cell("; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
            )
    # Every text cell quoted: a bare CR inside a cell would otherwise split the row.
    return out.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")


def with_about(df: pd.DataFrame, lang: str = "en", about: Any = None) -> pd.DataFrame:
    """Return the table with a last column, 'about these data', saying in every row where the
    data come from and how old they are, and, when the table has a `people` column, what its
    figures count, so a downloaded table stands on its own. `about(lang, figures)` says it
    for data other than the sheet's (lib.model.sources.about_text)."""
    say = about or about_these_data
    return df.assign(
        **{translate(lang, "about these data"): say(lang, figures="people" in df.columns)}
    )


def table_csv(df: pd.DataFrame, lang: str = "en", about: Any = None) -> bytes:
    """Return a downloaded table as CSV: csv_bytes of the table with_about."""
    return csv_bytes(with_about(df, lang, about))


# --------------------------------------------------------------------------- images


_lock = threading.Lock()
_server_started = False


def chrome_path() -> str | None:
    """Return the Chrome/Chromium binary image export will use, or None."""
    env = os.environ.get("BROWSER_PATH")
    if env and Path(env).exists():
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _ensure_kaleido() -> None:
    global _server_started
    with _lock:
        if _server_started:
            return
        path = chrome_path()
        if path is None:
            raise ExportUnavailable(CHROME_HELP)
        os.environ.setdefault("BROWSER_PATH", path)
        pio.defaults.topojson = WORLD_TOPOJSON.parent.as_uri() + "/"
        import kaleido  # here, not at the top: only a process that makes an image needs it

        try:
            kaleido.start_sync_server(silence_warnings=True)
        except Exception as err:  # kaleido/choreographer raise several kinds
            raise ExportUnavailable(CHROME_HELP, f"{type(err).__name__}: {err}") from err
        _server_started = True


def stamped(fig: Any, crisis_name: str, day: dt.date, lang: str = "en") -> Any:
    """Return a copy of the figure whose source line also names the crisis and the date. A
    legend laid out under the plot (the over-time chart's, on a page) goes beside it, one
    entry under another: under the plot of an image it would sit on the source line; and it
    is shown for a single line too (the image, unlike the page, has no table to name it)."""
    out = copy.deepcopy(fig)
    legend = out.layout.legend
    if legend.orientation == "h" and legend.y is not None and legend.y < 0:
        out.update_layout(
            showlegend=True,
            legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top"),
        )
    stamp = translate(
        lang, "Crisis: {crisis} · Downloaded {date}", crisis=crisis_name, date=day.isoformat()
    )
    lines = 1
    for note in out.layout.annotations or []:
        if note.name == SOURCE:
            note.text = f"{note.text}<br>{stamp}"
            lines = note.text.count("<br>") + 1
            size = note.font.size or SOURCE_SIZE
            need = round(size * LINE * lines) + abs(note.yshift or 0) + 8
            out.update_layout(margin=dict(b=max(out.layout.margin.b or 0, need)))
    return out


def export_size(fig: Any) -> tuple[int, int]:
    """Return a downloaded image's size: a slide's 1920×1080, or 1920 wide and as tall as the
    chart is drawn when that is taller (the all-crises Sankey, 1,651 px): its labels are placed
    for its own height, and squeezing it into 1080 px would pile them up."""
    return PNG_SIZE[0], max(PNG_SIZE[1], int(fig.layout.height or 0))


def image_bytes(fig: Any, fmt: str, size: tuple[int, int] | None = None) -> bytes:
    """Return the figure as PNG or SVG bytes, via one kaleido browser for the process, at
    `size`, else at export_size."""
    width, height = size or export_size(fig)
    _ensure_kaleido()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fig.to_image(format=fmt, width=width, height=height)


def described_svg(svg: bytes, title: str, description: str) -> bytes:
    """Return the SVG with the chart's title and its description in words as <title> and
    <desc>, its first children, and role="img" labelled by them: what a screen reader says of
    the picture, wherever the file is pasted."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    end = text.find(">", start)
    words = (
        f'<title id="chart-title">{escape(title)}</title>'
        f'<desc id="chart-desc">{escape(description)}</desc>'
    )
    head = text[start:end] + ' role="img" aria-labelledby="chart-title chart-desc"'
    return (text[:start] + head + ">" + words + text[end + 1 :]).encode("utf-8")


def chart_svg(fig: Any, title: str, description: str) -> bytes:
    """Return the figure as SVG, with its title and description (described_svg)."""
    return described_svg(image_bytes(fig, "svg"), title, description)


def html_bytes(fig: Any, description: str = "") -> bytes:
    """Return a self-contained interactive HTML file (plotly.js inlined; works offline); the
    chart's description in words is the paragraph under it and the chart's ARIA description."""
    html = fig.to_html(
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False},
        div_id="chart",
    )
    if description:
        words = f'<p id="chart-desc" style="font:14px/1.5 sans-serif">{escape(description)}</p>'
        html = html.replace(
            '<div id="chart"', '<div id="chart" role="img" aria-describedby="chart-desc"', 1
        )
        html = html.replace("</body>", words + "\n</body>", 1)
    return html.encode("utf-8")


# Whatever host deck.gl names for its widgets' stylesheet, the address is replaced.
_WIDGETS_CSS = re.compile(r"https?://[^\"'`\s]*/@deck\.gl/widgets@[^\"'`\s]*?/dist/stylesheet\.css")
_REMOTE_TAG = re.compile(
    r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>|<link[^>]*\shref="https?://[^"]*"[^>]*/?>'
)


def map_html_caption(title: str, lang: str = "en") -> list[str]:
    """Return the lines the interactive map's HTML file shows over the map: its title and the
    source line with the date of the figures."""
    return [title, source_sentence(lang)]


def deck_html_bytes(
    deck: Any, caption: list[str] | None = None, description: str = "", lang: str = "en"
) -> bytes:
    """Return the pydeck map as a self-contained HTML file that requests nothing online, with
    `caption` (title, source and date; see map_html_caption) in a box over its top left
    corner, and under it the map's `description` in words, one click away ("In words").

    pydeck's offline template inlines deck.gl but still links mapbox-gl.js and three
    stylesheets from CDNs, and deck.gl adds its widgets' stylesheet from a CDN when it
    starts. The map has no online basemap and no widgets, so the tags are removed and the
    stylesheet's address becomes an empty inline one: opening the file sends nothing out.
    """
    html = deck.to_html(as_string=True, offline=True)
    html = _WIDGETS_CSS.sub("data:text/css,", _REMOTE_TAG.sub("", html))
    if caption or description:
        first = '<div style="font-weight:600;font-size:16px">'
        lines = "".join(
            (first if i == 0 else "<div>") + escape(line) + "</div>"
            for i, line in enumerate(caption or [])
        )
        if description:
            label = translate(lang, "In words")
            lines += (
                f"<details><summary>{escape(label)}</summary>"
                f'<p id="chart-desc">{escape(description)}</p></details>'
            )
        box = (
            '<div id="caption" style="position:fixed;top:8px;left:8px;z-index:10;max-width:60%;'
            "padding:6px 10px;"
            'background:rgba(255,255,255,0.92);font:13px/1.4 sans-serif;color:#1a1a1a">'
            + lines
            + "</div>"
        )
        html = html.replace("<body>", "<body>\n    " + box, 1)
    return html.encode("utf-8")
