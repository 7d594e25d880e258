"""Downloads on the page: a chart as PNG, SVG, HTML and CSV, a table as CSV, the briefing
pack, and a crisis's slides (PPTX) and handout (PDF). Every file is made only when its
button is clicked (deferred downloads), by lib/export/render.py and lib/export/pack.py."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import streamlit as st

from lib.base.i18n import tr
from lib.base.links import public_base_url
from lib.export import handout, powerpoint, render
from lib.export import pack as export
from lib.model.sources import about_text
from lib.ui import share
from lib.ui.cache import PageContext

_BASE_URL = "_base_url"
_chrome_seen: list = [float("-inf"), False]  # when Chromium was last looked up, and found?

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _today() -> dt.date:
    return dt.date.today()


def base_url() -> str:
    """Return the public address this dashboard is served at (proxy headers, path prefix),
    for links in downloads; see lib/base/links.py. Worked out once for each address the session
    is opened at: the headers are its connection's, and reading them on every run cost 3%
    of a map re-run."""
    try:
        url = st.context.url
    except (AttributeError, RuntimeError):
        url = None
    known = st.session_state.get(_BASE_URL)
    if known is not None and known[0] == url:
        return known[1]
    try:
        headers = dict(st.context.headers)
    except (AttributeError, RuntimeError):
        headers = {}
    found = public_base_url(headers, url, st.get_option("server.baseUrlPath") or "")
    st.session_state[_BASE_URL] = (url, found)
    return found


def can_draw_images() -> bool:
    """Whether PNG, SVG, slides and the handout can be made here (a Chromium is installed):
    looked up at most once a minute, not four times on every run."""
    now = time.monotonic()
    if now - _chrome_seen[0] > 60:
        _chrome_seen[:] = [now, render.chrome_path() is not None]
    return bool(_chrome_seen[1])


def chart_downloads(
    chart,
    ctx: PageContext,
    html: Callable[[], bytes] | None = None,
    figure: Callable[[], object] | None = None,
    description: str = "",
) -> None:
    """Offer a chart as PNG (1920 px wide: lib.export.render.export_size), SVG and offline HTML, and
    its table as CSV; then its link and embed code (lib.ui.share).

    Images are made only when clicked (deferred), by the process's one kaleido browser;
    `figure`, when given, builds the figure to export only then. `description`, the chart in
    words, is the SVG's <desc> and the HTML file's text under the chart.
    """
    make = figure or (lambda: chart.figure)
    day, crisis, lang = _today(), ctx.crisis, ctx.lang
    label = ctx.crisis_label()
    t = tr(lang)

    def name(ext: str) -> str:
        return render.file_name(crisis, chart.name, lang, day, ext, ctx.data.time)

    def stamped():
        return render.stamped(make(), label, day, lang)

    cols = st.columns(4)
    if can_draw_images():
        cols[0].download_button(
            t("PNG, 1920 px"),
            data=lambda: render.image_bytes(stamped(), "png"),
            file_name=name("png"),
            mime="image/png",
            on_click="ignore",
            key=f"png_{chart.name}",
        )
        cols[1].download_button(
            "SVG",
            data=lambda: render.chart_svg(stamped(), chart.title, description),
            file_name=name("svg"),
            mime="image/svg+xml",
            on_click="ignore",
            key=f"svg_{chart.name}",
        )
    else:
        cols[0].caption(t(render.CHROME_HELP))
    cols[2].download_button(
        t("Interactive HTML"),
        data=html or (lambda: render.html_bytes(stamped(), description)),
        file_name=name("html"),
        mime="text/html",
        on_click="ignore",
        key=f"html_{chart.name}",
    )
    cols[3].download_button(
        t("Data, CSV"),
        data=lambda: render.table_csv(chart.table, lang, about_text(ctx.data)),
        file_name=name("csv"),
        mime="text/csv",
        on_click="ignore",
        key=f"csv_{chart.name}",
    )
    share.chart_share(ctx, chart.name, chart.title, base_url())


def table_download(df, ctx: PageContext, name: str) -> None:
    """Offer a table as a safe CSV, written only when clicked; `df` may be a function that
    builds the table, also only then."""
    st.download_button(
        ctx.t("Download this table, CSV"),
        data=lambda: render.table_csv(df() if callable(df) else df, ctx.lang, about_text(ctx.data)),
        mime="text/csv",
        on_click="ignore",
        key=f"csv_table_{name}",
        file_name=render.file_name(ctx.crisis, name, ctx.lang, _today(), "csv", ctx.data.time),
    )


def pack_download(ctx: PageContext, slug: str) -> None:
    """Offer the briefing pack of the selected crisis (ZIP), made only when clicked."""
    day, base = _today(), base_url()

    def make() -> bytes:
        files, _problem = export.briefing_pack(
            ctx.data,
            ctx.crisis,
            ctx.lang,
            base,
            day,
            images=can_draw_images(),
            page=slug,
            every_year=ctx.all_years,
        )
        return export.zip_bytes(files)

    t = ctx.t
    st.download_button(
        t("Briefing pack: {crisis} (ZIP)", crisis=ctx.crisis_label()),
        data=make,
        mime="application/zip",
        file_name=render.file_name(ctx.crisis, "briefing", ctx.lang, day, "zip", ctx.data.time),
        on_click="ignore",
        key="briefing_pack",
        width="stretch",
        help=t(
            "Every chart as PNG and SVG, the tables as CSV, SOURCES.md and the link to this view."
        ),
    )


def slides_download(ctx: PageContext, slug: str) -> None:
    """Offer the crisis's slides as a PPTX file, made only when clicked; its first slide's
    QR code opens the crisis's presenter mode on the dashboard's public address."""
    day, crisis = _today(), ctx.crisis or "venezuela"
    link = export.present_view_link(base_url(), crisis, ctx.lang, ctx.data.time)
    st.download_button(
        ctx.t("Slides (PPTX)"),
        data=lambda: powerpoint.pptx_bytes(
            ctx.data, crisis, ctx.lang, day, link=link, every_year=ctx.all_years
        ),
        file_name=render.file_name(crisis, "slides", ctx.lang, day, "pptx", ctx.data.time),
        mime=PPTX_MIME,
        on_click="ignore",
        key=f"slides_{slug}",
        disabled=not can_draw_images(),
        help=ctx.t("One 16:9 slide for each slide of the presenter mode, with speaker notes."),
    )


def handout_download(ctx: PageContext, slug: str) -> None:
    """Offer the crisis's A4 handout as PDF, made only when clicked; its cover's QR code
    opens the crisis's presenter mode on the dashboard's public address, as the deck's."""
    day, crisis = _today(), ctx.crisis or "venezuela"
    link = export.present_view_link(base_url(), crisis, ctx.lang, ctx.data.time)
    st.download_button(
        ctx.t("Handout (PDF)"),
        data=lambda: handout.handout_pdf(
            ctx.data, crisis, ctx.lang, day, link, every_year=ctx.all_years
        ),
        file_name=render.file_name(crisis, "handout", ctx.lang, day, "pdf", ctx.data.time),
        mime="application/pdf",
        on_click="ignore",
        key=f"handout_{slug}",
        disabled=not can_draw_images(),
        help=ctx.t(
            "A4: the key figures, every chart, the actions and the sources, with page numbers."
        ),
    )
