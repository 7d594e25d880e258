"""The one module that binds the app to Streamlit: cached loading, URL state, the shared frame.

Every page calls `frame()` first. It sets the page up, reads the crisis from the URL, draws
the sidebar (crisis selector and page menu) and returns what the page needs. State a
presenter would share lives in the URL: `?crisis=haiti&country=CHL`. An unknown value gives
a visible notice and falls back to the default.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import streamlit as st

from lib import deck, export, handout, upload
from lib.data import Bundle, load_bundle
from lib.fmt import NARROW_TABLE, SMALL_TABLE, md_escape, readable_table
from lib.focus import FOCUS_CSS
from lib.i18n import LANG_NAMES, LANGS, localized, tr, translate
from lib.links import public_base_url
from lib.marks import N_
from lib.schema import CRISES, DATA_DIR, PAGE_SCRIPTS, PRESENT_SCRIPT, TABLES, Case
from lib.slides import PRESENT_CSS, PRESENT_TITLE

ALL = "all"
DATA_ENV = "DASHBOARD_DATA"
CRISIS_OPTIONS = (ALL, *CRISES)
MAX_PARAM_CHARS = 200

# (page script, menu label), in menu order.
MENU = (
    N_("Overview"),
    N_("Flow map"),
    N_("Corridors"),
    N_("Action explorer"),
    N_("Sources and method"),
    N_("Presenter mode"),
)
PAGES = tuple(zip((*PAGE_SCRIPTS, PRESENT_SCRIPT), MENU, strict=True))


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Return a key that changes whenever a table file is written (size and modification
    time of each), so an edited CSV is re-read without a restart. Reading the bytes would
    cost more than the page itself on a large table."""
    parts = []
    for table in (
        *TABLES,
        "translations",
        "organisations",
    ):  # the last two feed the localized bundle
        path = data_dir / f"{table}.csv"
        stat = path.stat() if path.exists() else None
        parts.append(f"{table}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{table}:missing")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


# cache_resource, not cache_data: every run gets the same frames instead of an unpickled copy
# (a copy of half a million flows costs more than the whole page). Nothing writes to them:
# every function in lib/ returns new frames.
@st.cache_resource(show_spinner=False, max_entries=4)
def _bundle(data_dir: str, fingerprint: str) -> Bundle:
    return load_bundle(Path(data_dir))


@st.cache_resource(show_spinner=False, max_entries=8)
def _localized(data_dir: str, fingerprint: str, lang: str) -> Bundle:
    return localized(_bundle(data_dir, fingerprint), lang)


def data_dir() -> Path:
    """Return the folder of tables to show: $DASHBOARD_DATA when set (a larger table set of
    the same schema), else the bundled `data/`."""
    return Path(os.environ.get(DATA_ENV) or DATA_DIR)


def bundle(folder: Path | None = None, lang: str = "en", stamp: str | None = None) -> Bundle:
    """Return the validated tables (text in `lang`), re-read only when a file was written.
    `stamp`, when given, is the folder's data_fingerprint already read this run."""
    folder = folder or data_dir()
    return _localized(str(folder), stamp or data_fingerprint(folder), lang)


@st.cache_resource(show_spinner=False, max_entries=256)
def _memo(what: str, key: tuple, _build: Callable[[], Any]) -> Any:
    return _build()


def arrow(frame_: Frame, what: str, df: Any, *more: object) -> Any:
    """Return `df` as an Arrow table, converted once per data version, language, crisis and
    `more` (state.memo), for st.dataframe: the conversion is the costly part of showing it."""
    return memo(
        frame_, f"{what}:arrow", lambda: pa.Table.from_pandas(df, preserve_index=False), *more
    )


SESSION_MEMO = "_memo"
SESSION_MEMO_MAX = 32


def memo(frame_: Frame, what: str, build: Callable[[], Any], *more: object) -> Any:
    """Return `build()`, made once per data version, language, crisis and `more`, and shared
    by every session (a chart, a summary: small, and never written to). A crisis switch back
    and forth then rebuilds nothing.

    A view that includes this session's uploads is memoised in the session's own state
    instead: nothing made from an upload outlives its session or reaches another one."""
    key = (*frame_.memo_key, *more)
    if not frame_.with_uploads:
        return _memo(what, key, build)
    mine: dict = st.session_state.setdefault(SESSION_MEMO, {})
    if (what, key) not in mine:
        while len(mine) >= SESSION_MEMO_MAX:
            mine.pop(next(iter(mine)))
        mine[(what, key)] = build()
    return mine[(what, key)]


@dataclass
class Frame:
    """What every page gets from the shared frame."""

    data: Bundle
    crisis: str | None  # None means all crises
    crisis_names: dict[str, str]
    lang: str = "en"
    data_key: tuple = ()  # names this version of `data`: folder, file stamps
    uploads: tuple[str, ...] = ()  # names this session's uploads in `data`; empty when none

    @property
    def with_uploads(self) -> bool:
        """Return True when this view includes the session's own uploads."""
        return bool(self.uploads)

    @property
    def memo_key(self) -> tuple:
        """Name this view's data for memoised views: data version, uploads, language, crisis."""
        return (*self.data_key, self.uploads, self.lang, self.crisis)

    @property
    def t(self):
        """The translator for the chosen language: f.t("Crisis")."""
        return tr(self.lang)

    def crisis_label(self) -> str:
        """Return the selected crisis's name, or 'All crises'."""
        return (
            self.crisis_names.get(self.crisis, self.t("All crises"))
            if self.crisis
            else self.t("All crises")
        )


# --------------------------------------------------------------------------- URL ↔ widgets
#
# A widget bound to ?name= has the key widget_key(name) (widget_key(name, page) for one
# drawn on every page: Streamlit resets a keyed widget met again on another page). Its last
# value seen in the URL is kept under _synced_<name>, so a value changed in the URL (a link,
# the back button) replaces the widget's, and a value changed in the widget is written back.


def widget_key(name: str, scope: str = "") -> str:
    """Return the session-state key of the widget bound to ?name= (in `scope`, a page)."""
    return f"url_{name}_{scope}" if scope else f"url_{name}"


def _synced(name: str) -> str:
    return f"_synced_{name}"


def _clip(value: str) -> str:
    """Return a URL value cut to 40 characters and escaped for Markdown (notices render
    Markdown)."""
    return md_escape(value if len(value) <= 40 else value[:40] + "…")


def _write_param(name: str, value: str | list[str] | None, default: object) -> None:
    if value is None or value == default or value == [] or value == "":
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get_all(name) != ([value] if isinstance(value, str) else list(value)):
        st.query_params[name] = value


def bind_url(
    name: str, url_value: Any, default: Any, draw: Callable[[str], Any], key: str | None = None
) -> Any:
    """Bind a widget to ?name=: the one place that moves a value between URL and widget.

    `url_value` is the URL's value, already checked; `draw(key)` draws the widget with that
    key and returns its value, which is written back into the URL (dropped when `default`).
    """
    key = key or widget_key(name)
    if key not in st.session_state or st.session_state.get(_synced(name)) != url_value:
        st.session_state[key] = url_value
        st.session_state[_synced(name)] = url_value
    value = draw(key)
    value = list(value) if isinstance(value, (list, tuple)) else value
    st.session_state[_synced(name)] = value
    _write_param(name, value, default)
    return value


def forget_param_if(name: str, values: set[str]) -> None:
    """Drop a URL parameter quietly when its value is one of `values` (known, but not shown
    now), with its widget's state wherever it is drawn."""
    current = st.query_params.get_all(name)
    if current and current[-1] in values:
        del st.query_params[name]
        base = widget_key(name)
        for key in [k for k in st.session_state if k == base or k.startswith(base + "_")]:
            del st.session_state[key]
        st.session_state.pop(_synced(name), None)


def _unknown(lang: str, what: str, value: str, default: str) -> str:
    """Return the notice for an unknown URL value; `default` is what is shown instead, if any."""
    if not default:
        return translate(
            lang,
            "Unknown {what} {values} in the link; ignored.",
            what=what.lower(),
            values=f"“{_clip(value)}”",
        )
    return translate(
        lang,
        "Unknown {what} “{value}” in the link; showing {default} instead.",
        what=what.lower(),
        value=_clip(value),
        default=default,
    )


def url_select(
    name: str,
    options: Sequence[str],
    default: str,
    label: str,
    notices: list[str],
    format_func: Callable[[str], str] = str,
    widget=None,
    sticky: bool = False,
    scope: str = "",
    lang: str = "en",
    what: str = "",
) -> str:
    """Return a single choice kept in the URL as ?name=value, drawn as a selectbox.

    An unknown value adds a notice and falls back to `default`. `sticky`: a URL without the
    parameter keeps this session's last choice (Streamlit's page links drop the query string
    when clicked, so the crisis is carried by the session and written back into the URL).
    `scope` names the page of a widget drawn on every page. `what` names the value in the
    notice when the label does not ("action" for "Show one action in full").
    """
    values = st.query_params.get_all(name)
    raw = values[-1] if values else None
    if raw is None:
        url_value = st.session_state.get(_synced(name), default) if sticky else default
    elif raw in options:
        url_value = raw
    else:
        notices.append(_unknown(lang, what or label, raw, default and format_func(default)))
        url_value = default

    def draw(key: str) -> str:
        return (widget or st).selectbox(label, list(options), key=key, format_func=format_func)

    return bind_url(name, url_value, default, draw, widget_key(name, scope))


def url_multiselect(
    name: str,
    options: Sequence[str],
    label: str,
    notices: list[str],
    format_func: Callable[[str], str] = str,
    widget=None,
    lang: str = "en",
) -> list[str]:
    """Return several choices kept in the URL as repeated ?name=a&name=b, drawn as a
    multiselect; unknown values are ignored with a notice."""
    raw = st.query_params.get_all(name)
    unknown = [v for v in raw if v not in options]
    if unknown:
        shown = ", ".join(f"“{_clip(v)}”" for v in unknown[:3])
        notices.append(
            translate(
                lang,
                "Unknown {what} {values} in the link; ignored.",
                what=label.lower(),
                values=shown,
            )
        )

    def draw(key: str) -> list[str]:
        return (widget or st).multiselect(label, list(options), key=key, format_func=format_func)

    return bind_url(name, [v for v in dict.fromkeys(raw) if v in options], [], draw)


def url_text(name: str, label: str, widget=None, placeholder: str = "") -> str:
    """Return free text kept in the URL as ?name=..., at most MAX_PARAM_CHARS characters."""
    values = st.query_params.get_all(name)

    def draw(key: str) -> str:
        return (widget or st).text_input(
            label, key=key, max_chars=MAX_PARAM_CHARS, placeholder=placeholder
        )

    return bind_url(name, (values[-1] if values else "")[:MAX_PARAM_CHARS], "", draw)


def pick_from_chart(chart_key: str, param: str, layer: str, field: str) -> Callable[[], None]:
    """Return an on_select callback for a deck chart: the clicked object's `field` in `layer`
    becomes the value of the select box bound to ?param= (url_select without a scope), which
    writes it into the URL. A click on anything else changes nothing."""

    def picked() -> None:
        event = st.session_state.get(chart_key) or {}
        objects = (event.get("selection") or {}).get("objects", {}).get(layer, [])
        if objects and objects[0].get(field):
            st.session_state[widget_key(param)] = objects[0][field]

    return picked


def view_params(crisis: str | None, lang: str) -> dict[str, str]:
    """Return the query parameters that carry a view to another page: crisis and language,
    each only when not the default."""
    return {k: v for k, v in (("crisis", crisis), ("lang", lang if lang != "en" else None)) if v}


def layout_hint() -> str:
    """Return "phone" when the browser says it is a mobile one (its User-Agent has "Mobi",
    as every phone browser's does), else "desktop". Streamlit tells the server nothing of
    the screen's size; the map uses this to fit its view and labels to a narrow screen."""
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except (AttributeError, RuntimeError):
        agent = ""
    return "phone" if "Mobi" in agent else "desktop"


# --------------------------------------------------------------------------- the frame


def _lang_hint() -> str:
    """Return the language asked for in the URL or kept by the session, before the sidebar runs."""
    values = st.query_params.get_all("lang")
    lang = values[-1] if values else st.session_state.get(_synced("lang"), "en")
    return lang if lang in LANGS else "en"


def _load(lang: str) -> tuple[Path, str, Bundle, dict[str, str]]:
    """Return the data folder, its fingerprint (read once: the data and the memo key name one
    version), its tables in `lang` and crisis → name."""
    folder = data_dir()
    stamp = data_fingerprint(folder)
    data = bundle(folder, lang, stamp)
    names = dict(zip(data.cases[Case.CRISIS], data.cases[Case.NAME], strict=True))
    return folder, stamp, data, names


def _page_setup(title: str) -> None:
    # "auto": open on a wide screen, collapsed on a phone (where it would cover the page).
    st.set_page_config(
        page_title=f"{translate(_lang_hint(), title)} · EUROsociAL+",
        layout="wide",
        initial_sidebar_state="auto",
    )
    st.html(FOCUS_CSS)  # a visible ring wherever the keyboard puts focus


def _language(page: str, notices: list[str]) -> str:
    return url_select(
        "lang",
        LANGS,
        "en",
        "Language · Idioma",
        notices,
        format_func=LANG_NAMES.get,
        sticky=True,
        scope=page,
    )


def _crisis(names: dict[str, str], page: str, lang: str, notices: list[str]) -> str | None:
    t = tr(lang)
    crisis = url_select(
        "crisis",
        CRISIS_OPTIONS,
        ALL,
        t("Crisis"),
        notices,
        format_func=lambda c: t("All crises") if c == ALL else names.get(c, c),
        sticky=True,
        scope=page,
        lang=lang,
    )
    return None if crisis == ALL else crisis


def _menu(crisis: str | None, lang: str) -> None:
    keep = view_params(crisis, lang)
    for path, label in PAGES:
        st.page_link(path, label=translate(lang, label), query_params=keep)


def _banners(folder: Path, lang: str) -> None:
    """Say where the data come from when it is not only the bundled sheet."""
    t = tr(lang)
    if folder != DATA_DIR:
        st.info(
            t(
                "These tables come from {folder} (`DASHBOARD_DATA`), not from the bundled data "
                "of the EUROsociAL+ sheet.",
                folder=md_escape(str(folder)),
            ),
            icon=":material/folder_open:",
        )
    mine = [up.name for up in st.session_state.get("uploads", {}).values() if up.ok]
    if mine:
        st.info(
            t(
                "This view includes your data ({files}). Its rows say “Your data” in their "
                "source; the rest comes from the EUROsociAL+ sheet.",
                files=", ".join(mine),
            )
        )


def frame(title: str, page: str = "") -> Frame:
    """Set up the page, draw the shared sidebar and return the data and the chosen crisis.

    The steps, in order: page setup; language; data; crisis; page menu; the user's uploads;
    downloads (briefing pack, deck, handout) and source line; then the notices and banners
    above the page.
    """
    _page_setup(title)
    page = page or "overview"
    notices: list[str] = []
    with st.sidebar:
        lang = _language(page, notices)
        folder, stamp, data, names = _load(lang)
        st.markdown("**" + translate(lang, "Migration flows and actions") + "**")
        crisis = _crisis(names, page, lang, notices)
        _menu(crisis, lang)
        data, uploads = your_data(data, tr(lang))
        result = Frame(data, crisis, names, lang, (str(folder), stamp), uploads)
        _downloads(result, "" if page == "overview" else page)
        st.caption(
            translate(
                lang,
                "Source: EUROsociAL+ migration sheet, about 2020. Every figure cites its "
                "section; see Sources and method.",
            )
        )
    show_notices(notices)
    _banners(folder, lang)
    return result


def _downloads(frame_: Frame, page: str) -> None:
    """Offer the briefing pack, and for one crisis its deck and handout, in the sidebar."""
    pack_download(frame_, page)
    if frame_.crisis:  # the deck and the handout are of one crisis
        deck_download(frame_, page)
        handout_download(frame_, page)


def show_notices(notices: list[str]) -> None:
    """Show notices about the link (unknown values that fell back), above the page."""
    for notice in notices:
        st.warning(notice, icon="⚠️")


def data_table(df, title: str, column_config: dict | None = None, lang: str = "en") -> None:
    """Show the table behind a chart one click away, in an expander. The table is sent only
    once the expander is opened: on a full room, converting closed tables on every re-run was
    a tenth of the server's time (bench.load)."""
    box = st.expander(
        translate(lang, "Data behind the chart: {title}", title=title),
        on_change="rerun",
        key=f"table_{title}",
    )
    if box.open:
        with box:
            show_table(df() if callable(df) else df, column_config)


def show_table(
    df, column_config: dict | None = None, grid: Callable[[], Any] | None = None
) -> None:
    """Show a table: as an HTML table when it is small (lib.fmt.SMALL_TABLE rows, NARROW_TABLE
    columns), which a screen reader can read; else as the data grid, from `grid()` when given
    (an Arrow table converted once, state.arrow)."""
    if len(df) <= SMALL_TABLE and len(df.columns) <= NARROW_TABLE:
        st.table(readable_table(df), hide_index=True)
    else:
        data = grid() if grid else df
        st.dataframe(data, hide_index=True, width="stretch", column_config=column_config)


def _today() -> dt.date:
    return dt.date.today()


def base_url() -> str:
    """Return the public address this dashboard is served at (proxy headers, path prefix),
    for links in downloads; see lib/links.py."""
    try:
        headers, url = dict(st.context.headers), st.context.url
    except (AttributeError, RuntimeError):
        headers, url = {}, None
    return public_base_url(headers, url, st.get_option("server.baseUrlPath") or "")


def chart_words(frame_: Frame, description: str) -> None:
    """Show a chart's description in words under it (its alt text too: see the pages)."""
    label = frame_.t("In words")
    st.markdown(f"**{label}:** {md_escape(description)}")


def chart_downloads(
    chart,
    frame_: Frame,
    html: Callable[[], bytes] | None = None,
    figure: Callable[[], object] | None = None,
    description: str = "",
) -> None:
    """Offer a chart as PNG (1920×1080), SVG and offline HTML, and its table as CSV.

    Images are made only when clicked (deferred), by the process's one kaleido browser;
    `figure`, when given, builds the figure to export only then. `description`, the chart in
    words, is the SVG's <desc> and the HTML file's text under the chart.
    """
    make = figure or (lambda: chart.figure)

    day, crisis, lang = _today(), frame_.crisis, frame_.lang
    label = frame_.crisis_label()
    t = tr(lang)
    name = lambda ext: export.file_name(crisis, chart.name, lang, day, ext)  # noqa: E731
    cols = st.columns(4)
    if export.chrome_path():
        cols[0].download_button(
            t("PNG, 1920 px"),
            data=lambda: export.image_bytes(export.stamped(make(), label, day, lang), "png"),
            file_name=name("png"),
            mime="image/png",
            on_click="ignore",
            key=f"png_{chart.name}",
        )
        cols[1].download_button(
            "SVG",
            data=lambda: export.chart_svg(
                export.stamped(make(), label, day, lang), chart.title, description
            ),
            file_name=name("svg"),
            mime="image/svg+xml",
            on_click="ignore",
            key=f"svg_{chart.name}",
        )
    else:
        cols[0].caption(t(export.CHROME_HELP))
    cols[2].download_button(
        t("Interactive HTML"),
        data=html
        or (lambda: export.html_bytes(export.stamped(make(), label, day, lang), description)),
        file_name=name("html"),
        mime="text/html",
        on_click="ignore",
        key=f"html_{chart.name}",
    )
    cols[3].download_button(
        t("Data, CSV"),
        data=lambda: export.table_csv(chart.table, lang),
        file_name=name("csv"),
        mime="text/csv",
        on_click="ignore",
        key=f"csv_{chart.name}",
    )


def table_download(df, frame_: Frame, name: str) -> None:
    """Offer a table as a safe CSV, written only when clicked; `df` may be a function that
    builds the table, also only then."""

    st.download_button(
        frame_.t("Download this table, CSV"),
        data=lambda: export.table_csv(df() if callable(df) else df, frame_.lang),
        mime="text/csv",
        on_click="ignore",
        key=f"csv_table_{name}",
        file_name=export.file_name(frame_.crisis, name, frame_.lang, _today(), "csv"),
    )


def pack_download(frame_: Frame, page: str) -> None:
    """Offer the briefing pack of the selected crisis (ZIP), made only when clicked."""

    day = _today()
    link = export.view_link(base_url(), page, frame_.crisis, frame_.lang)

    def make() -> bytes:
        files, _problem = export.briefing_pack(
            frame_.data,
            frame_.crisis,
            frame_.lang,
            link,
            day,
            images=export.chrome_path() is not None,
        )
        return export.zip_bytes(files)

    t = frame_.t
    st.download_button(
        t("Briefing pack: {crisis} (ZIP)", crisis=frame_.crisis_label()),
        data=make,
        mime="application/zip",
        file_name=export.file_name(frame_.crisis, "briefing", frame_.lang, day, "zip"),
        on_click="ignore",
        key="briefing_pack",
        width="stretch",
        help=t(
            "Every chart as PNG and SVG, the tables as CSV, SOURCES.md and the link to this view."
        ),
    )


def your_data(data: Bundle, t) -> tuple[Bundle, tuple[str, ...]]:
    """Draw the sidebar's upload; return the bundle with this session's valid uploads and
    a key naming them (empty when there are none).

    Uploads live in this browser session only (st.session_state); the bundled files are
    never written, and no other session sees them.
    """

    with st.expander(t("Your data"), expanded=bool(st.session_state.get("uploads"))):
        files = st.file_uploader(
            t("Add a flows, actions or places CSV in our format"),
            type=["csv"],
            accept_multiple_files=True,
            key="your_data_files",
            max_upload_size=upload.MAX_BYTES // 1_000_000 or 1,
        )
        replace_mode = st.radio(
            t("Show it"),
            ["on_top", "instead"],
            key="your_data_mode",
            horizontal=True,
            format_func=lambda m: (
                t("on top of the bundled data") if m == "on_top" else t("instead of it")
            ),
        )
        reads = st.session_state.setdefault("upload_reads", {})
        keys = [f"{f.file_id}:{f.name}" for f in files or []]
        for f, key in zip(files or [], keys, strict=True):
            if key not in reads:
                reads[key] = upload.read_upload(f.getvalue()[: upload.MAX_BYTES + 1], f.name)
        st.session_state["upload_reads"] = {k: reads[k] for k in keys}
        current = upload.validate_all([reads[k] for k in keys], data)
        st.session_state["uploads"] = {up.name: up for up in current}
        for up in current:
            if up.ok:
                st.success(
                    t.ngettext(
                        "{file}: {n} row added as “your data”",
                        "{file}: {n} rows added as “your data”",
                        len(up.frame),
                        file=up.name,
                    )
                )
            for notice in up.notices:
                st.info(notice.text(t))
            if up.problems:
                st.error(
                    t.ngettext(
                        "{file}: {n} problem; nothing from this file is shown",
                        "{file}: {n} problems; nothing from this file is shown",
                        len(up.problems),
                        file=up.name,
                    )
                )
                st.text("\n".join(p.text(t) for p in up.problems[:50]))
        for table in upload.UPLOADABLE:
            st.download_button(
                t("Template: {table}.csv", table=table),
                data=upload.template_csv(table),
                file_name=f"{table}_template.csv",
                mime="text/csv",
                on_click="ignore",
                key=f"tpl_{table}",
            )
    valid = [up for up in current if up.ok]
    if not valid:
        return data, ()
    return upload.merged(data, valid, replace=replace_mode == "instead"), (replace_mode, *keys)


# --------------------------------------------------------------------------- presenter mode


def present_frame() -> tuple[Frame, list[str]]:
    """Set up /present: no sidebar, the language and one crisis read from the URL (an
    unknown or missing crisis falls back to the first one, with a notice when unknown), the
    bundled data in that language. Return the frame and the notices for the page to show."""
    lang_raw = (st.query_params.get_all("lang") or [None])[-1]
    lang = lang_raw if lang_raw in LANGS else "en"
    st.set_page_config(
        page_title=f"{translate(lang, PRESENT_TITLE)} · EUROsociAL+",
        layout="wide",
        initial_sidebar_state="collapsed",
    )
    st.html(PRESENT_CSS + FOCUS_CSS)
    notices: list[str] = []
    if lang_raw is not None and lang_raw not in LANGS:
        notices.append(_unknown(lang, translate(lang, "language"), lang_raw, LANG_NAMES["en"]))
    folder, stamp, data, names = _load(lang)
    raw = (st.query_params.get_all("crisis") or [None])[-1]
    crisis = raw if raw in CRISES else CRISES[0]
    if raw is not None and raw not in CRISES:
        notices.append(
            translate(
                lang,
                "Presenter mode shows one crisis; “{value}” is not one. Showing {default}.",
                value=_clip(raw),
                default=names.get(crisis, crisis),
            )
        )
    return Frame(data, crisis, names, lang, (str(folder), stamp)), notices


def slide_number(count: int, notices: list[str], lang: str) -> int:
    """Return the slide asked for by ?slide=N (1-based); a value that is not a slide number
    adds a notice and gives slide 1."""
    target = st.session_state.pop(SLIDE_TARGET, None)
    if target is not None:  # a button or key was pressed: the URL follows the slide
        number = min(max(1, target), count)
        st.query_params["slide"] = str(number)
        return number
    raw = (st.query_params.get_all("slide") or [None])[-1]
    if raw is None:
        return 1
    if raw.isdigit() and 1 <= int(raw) <= count:
        return int(raw)
    notices.append(
        translate(
            lang,
            "There is no slide “{value}” (slides 1 to {count}); showing slide 1.",
            value=_clip(raw),
            count=count,
        )
    )
    return 1


SLIDE_TARGET = "_present_slide"


def _go_to_slide(number: int) -> None:
    # The run that shows the slide writes it into the URL (slide_number), so the two agree.
    st.session_state[SLIDE_TARGET] = number


def slide_controls(number: int, count: int, frame_: Frame) -> None:
    """Draw Previous / counter / Next (and First, Last) and bind the keys presenters and
    their clickers send: → Space PageDown next, ← PageUp previous, Home first, End last.
    Streamlit's own button shortcuts do the binding (no component of ours); the extra keys
    are buttons hidden by PRESENT_CSS. Each click writes ?slide=N into the URL."""
    t = frame_.t
    prev_n, next_n = max(1, number - 1), min(count, number + 1)
    first, last = number == 1, number == count
    # (label, key, slide it goes to, key it answers, icon, greyed out), left to right
    back = (
        (t("First"), "nav_first", 1, "Home", None, first),
        (t("Previous"), "nav_prev", prev_n, "Left", ":material/arrow_back:", first),
    )
    forward = (
        (t("Next"), "nav_next", next_n, "Right", ":material/arrow_forward:", last),
        (t("Last"), "nav_last", count, "End", None, last),
    )

    def buttons(row: tuple) -> None:
        for label, key, target, shortcut, icon, disabled in row:
            st.button(
                label,
                key=key,
                on_click=_go_to_slide,
                args=(target,),
                shortcut=shortcut,
                icon=icon,
                icon_position="right" if key == "nav_next" else "left",
                disabled=disabled,
            )

    with st.container(key="present_nav", horizontal=True, vertical_alignment="center"):
        buttons(back)
        with st.container(key="slide_counter", width="content"):
            st.markdown(f"{number} / {count}")
        buttons(forward)
        deck_download(frame_, "present")
        handout_download(frame_, "present")
    with st.container(key="present_keys"):
        for key, target in (("Space", next_n), ("PageDown", next_n), ("PageUp", prev_n)):
            st.button(key, key=f"key_{key}", on_click=_go_to_slide, args=(target,), shortcut=key)


def deck_download(frame_: Frame, page: str) -> None:
    """Offer the crisis's slides as a PPTX deck, made only when clicked."""
    day, crisis = _today(), frame_.crisis or "venezuela"
    st.download_button(
        frame_.t("Slides (PPTX)"),
        data=lambda: deck.deck_bytes(frame_.data, crisis, frame_.lang, day),
        file_name=export.file_name(crisis, "slides", frame_.lang, day, "pptx"),
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        on_click="ignore",
        key=f"deck_{page}",
        disabled=export.chrome_path() is None,
        help=frame_.t("One 16:9 slide for each slide of the presenter mode, with speaker notes."),
    )


def handout_download(frame_: Frame, page: str) -> None:
    """Offer the crisis's A4 handout as PDF, made only when clicked."""
    day, crisis = _today(), frame_.crisis or "venezuela"
    link = export.view_link(base_url(), page, crisis, frame_.lang)
    st.download_button(
        frame_.t("Handout (PDF)"),
        data=lambda: handout.handout_pdf(frame_.data, crisis, frame_.lang, day, link),
        file_name=export.file_name(crisis, "handout", frame_.lang, day, "pdf"),
        mime="application/pdf",
        on_click="ignore",
        key=f"handout_{page}",
        disabled=export.chrome_path() is None,
        help=frame_.t(
            "A4: the key figures, every chart, the actions and the sources, with page numbers."
        ),
    )
