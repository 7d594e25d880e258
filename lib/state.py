"""The one module that binds the app to Streamlit: cached loading, URL state, the shared frame.

Every page calls `frame()` first. It sets the page up, reads the crisis from the URL, draws
the sidebar (crisis selector and page menu) and returns what the page needs. State a
presenter would share lives in the URL: `?crisis=haiti&country=CHL`. An unknown value gives
a visible notice and falls back to the default.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from lib.data import Bundle, load_bundle
from lib.fmt import md_escape
from lib.i18n import LANG_NAMES, LANGS, localized, tr, translate
from lib.schema import CRISES, DATA_DIR, TABLES, Case

ALL = "all"
DATA_ENV = "DASHBOARD_DATA"
CRISIS_OPTIONS = (ALL, *CRISES)
MAX_PARAM_CHARS = 200

# (script path relative to dashboard.py, menu label, marked for translation). URLs: /, /map, /corridors, /actions, /sources.
PAGES = (
    ("dashboard.py", "Overview"),
    ("pages/map.py", "Flow map"),
    ("pages/corridors.py", "Corridors"),
    ("pages/actions.py", "Action explorer"),
    ("pages/sources.py", "Sources and method"),
)


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
    import pyarrow as pa

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
    key = (frame_.data_key, frame_.lang, frame_.crisis, *more)
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
    notices: list[str] = field(default_factory=list)
    data_key: tuple = ()  # names this version of `data`: folder, file stamps, this session's uploads

    @property
    def with_uploads(self) -> bool:
        """Return True when this view includes the session's own uploads."""
        return len(self.data_key) > 2 and bool(self.data_key[2])

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


def _clip(value: str) -> str:
    """Return a URL value cut to 40 characters and escaped for Markdown (notices render Markdown)."""
    return md_escape(value if len(value) <= 40 else value[:40] + "…")


def _write_param(name: str, value: str | list[str] | None, default: object) -> None:
    if value is None or value == default or value == [] or value == "":
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get_all(name) != ([value] if isinstance(value, str) else list(value)):
        st.query_params[name] = value


def url_select(
    name: str,
    options: Sequence[str],
    default: str,
    label: str,
    notices: list[str],
    format_func: Callable[[str], str] = str,
    widget=None,
    sticky: bool = False,
    key: str | None = None,
    lang: str = "en",
) -> str:
    """Return a single choice kept in the URL as ?name=value, drawn as a selectbox.

    `sticky`: a URL without the parameter keeps this session's last choice. Streamlit's
    page links drop the query string when clicked (folder-based pages), so the crisis is
    carried by the session and written back into the URL. A widget shared by every page
    needs a `key` per page: Streamlit resets a keyed widget met again on another page.
    """
    values = st.query_params.get_all(name)
    raw = values[-1] if values else None
    synced = f"_synced_{name}"
    if raw is None:
        url_value = st.session_state.get(synced, default) if sticky else default
    elif raw in options:
        url_value = raw
    else:
        notices.append(
            translate(
                lang,
                "Unknown {what} “{value}” in the link; showing {default} instead.",
                what=label.lower(),
                value=_clip(raw),
                default=format_func(default),
            )
        )
        url_value = default
    key = key or f"url_{name}"
    if key not in st.session_state or st.session_state.get(synced) != url_value:
        st.session_state[key] = url_value
        st.session_state[synced] = url_value
    value = (widget or st).selectbox(label, list(options), key=key, format_func=format_func)
    st.session_state[synced] = value
    _write_param(name, value, default)
    return value


def pick_from_chart(chart_key: str, param: str, layer: str, field: str) -> Callable[[], None]:
    """Return an on_select callback for a deck chart: the clicked object's `field` in `layer`
    becomes the value of the select box bound to ?param= (url_select with its default key),
    which writes it into the URL. A click on anything else changes nothing."""

    def picked() -> None:
        event = st.session_state.get(chart_key) or {}
        objects = (event.get("selection") or {}).get("objects", {}).get(layer, [])
        if objects and objects[0].get(field):
            st.session_state[f"url_{param}"] = objects[0][field]

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


def forget_param_if(name: str, values: set[str]) -> None:
    """Drop a URL parameter quietly when its value is one of `values` (known, but not shown now)."""
    current = st.query_params.get_all(name)
    if current and current[-1] in values:
        del st.query_params[name]
        st.session_state.pop(f"url_{name}", None)
        st.session_state.pop(f"_synced_{name}", None)


def url_multiselect(
    name: str,
    options: Sequence[str],
    label: str,
    notices: list[str],
    format_func: Callable[[str], str] = str,
    widget=None,
    lang: str = "en",
) -> list[str]:
    """Return several choices kept in the URL as repeated ?name=a&name=b, drawn as a multiselect."""
    raw = st.query_params.get_all(name)
    url_value = [v for v in dict.fromkeys(raw) if v in options]
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
    key, synced = f"url_{name}", f"_synced_{name}"
    if key not in st.session_state or st.session_state.get(synced) != url_value:
        st.session_state[key] = url_value
        st.session_state[synced] = url_value
    value = (widget or st).multiselect(label, list(options), key=key, format_func=format_func)
    st.session_state[synced] = list(value)
    _write_param(name, list(value), [])
    return list(value)


def url_text(name: str, label: str, widget=None, placeholder: str = "") -> str:
    """Return free text kept in the URL as ?name=..., at most MAX_PARAM_CHARS characters."""
    values = st.query_params.get_all(name)
    url_value = (values[-1] if values else "")[:MAX_PARAM_CHARS]
    key, synced = f"url_{name}", f"_synced_{name}"
    if key not in st.session_state or st.session_state.get(synced) != url_value:
        st.session_state[key] = url_value
        st.session_state[synced] = url_value
    value = (widget or st).text_input(
        label, key=key, max_chars=MAX_PARAM_CHARS, placeholder=placeholder
    )
    st.session_state[synced] = value
    _write_param(name, value, "")
    return value


def _lang_hint() -> str:
    """Return the language asked for in the URL or kept by the session, before the sidebar runs."""
    values = st.query_params.get_all("lang")
    lang = values[-1] if values else st.session_state.get("_synced_lang", "en")
    return lang if lang in LANGS else "en"


def frame(title: str, page: str = "") -> Frame:
    """Set up the page, draw the shared sidebar and return the data and the chosen crisis."""
    # "auto": open on a wide screen, collapsed on a phone (where it would cover the page).
    st.set_page_config(
        page_title=f"{translate(_lang_hint(), title)} · EUROsociAL+",
        layout="wide",
        initial_sidebar_state="auto",
    )
    page = page or "overview"
    notices: list[str] = []
    with st.sidebar:
        lang = url_select(
            "lang",
            LANGS,
            "en",
            "Language · Idioma",
            notices,
            format_func=LANG_NAMES.get,
            sticky=True,
            key=f"url_lang_{page}",
        )
        t = tr(lang)
        folder = data_dir()
        stamp = data_fingerprint(
            folder
        )  # read once: the data and the memo key name the same version
        data = bundle(folder, lang, stamp)
        names = dict(zip(data.cases[Case.CRISIS], data.cases[Case.NAME]))
        st.markdown("**" + t("Migration flows and actions") + "**")
        crisis = url_select(
            "crisis",
            CRISIS_OPTIONS,
            ALL,
            t("Crisis"),
            notices,
            format_func=lambda c: t("All crises") if c == ALL else names.get(c, c),
            sticky=True,
            key=f"url_crisis_{page}",
            lang=lang,
        )
        keep = view_params(None if crisis == ALL else crisis, lang)
        for path, label in PAGES:
            st.page_link(path, label=t(label), query_params=keep)
        data, uploads = your_data(data, t)
    result = Frame(
        data=data,
        crisis=None if crisis == ALL else crisis,
        crisis_names=names,
        notices=notices,
        lang=lang,
        data_key=(str(folder), stamp, uploads),
    )
    with st.sidebar:
        pack_download(result, "" if page == "overview" else page)
        st.caption(
            t(
                "Source: EUROsociAL+ migration sheet, about 2020. Every figure cites its section; see Sources and method."
            )
        )
    for notice in notices:
        st.warning(notice, icon="⚠️")
    if folder != DATA_DIR:
        st.info(
            t(
                "These tables come from {folder} (`DASHBOARD_DATA`), not from the bundled data of the EUROsociAL+ sheet.",
                folder=md_escape(str(folder)),
            ),
            icon=":material/folder_open:",
        )
    mine = [up.name for up in st.session_state.get("uploads", {}).values() if up.ok]
    if mine:
        st.info(
            t(
                "This view includes your data ({files}). Its rows say “Your data” in their source; the rest comes "
                "from the EUROsociAL+ sheet.",
                files=", ".join(mine),
            )
        )
    return result


def bind_notices(frame_: Frame, more: list[str]) -> None:
    """Show notices raised after the frame was drawn (page filters read from the URL)."""
    for notice in more:
        st.warning(notice, icon="⚠️")
    frame_.notices.extend(more)


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
            st.dataframe(
                df() if callable(df) else df,
                hide_index=True,
                width="stretch",
                column_config=column_config,
            )


def _today():
    import datetime as dt

    return dt.date.today()


def base_url() -> str:
    """Return the public address this dashboard is served at (proxy headers, path prefix),
    for links in downloads; see lib/links.py."""
    from lib.links import public_base_url

    try:
        headers, url = dict(st.context.headers), st.context.url
    except (AttributeError, RuntimeError):
        headers, url = {}, None
    return public_base_url(headers, url, st.get_option("server.baseUrlPath") or "")


def chart_downloads(
    chart,
    frame_: Frame,
    html: Callable[[], bytes] | None = None,
    figure: Callable[[], object] | None = None,
) -> None:
    """Offer a chart as PNG (1920×1080), SVG and offline HTML, and its table as CSV.

    Images are made only when clicked (deferred), by the process's one kaleido browser;
    `figure`, when given, builds the figure to export only then.
    """
    make = figure or (lambda: chart.figure)
    from lib import export

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
            data=lambda: export.image_bytes(export.stamped(make(), label, day, lang), "svg"),
            file_name=name("svg"),
            mime="image/svg+xml",
            on_click="ignore",
            key=f"svg_{chart.name}",
        )
    else:
        cols[0].caption(t(export.CHROME_HELP))
    cols[2].download_button(
        t("Interactive HTML"),
        data=html or (lambda: export.html_bytes(export.stamped(make(), label, day, lang))),
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
    from lib import export

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
    from lib import export

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
    from lib import upload

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
        for f, key in zip(files or [], keys):
            if key not in reads:
                reads[key] = upload.read_upload(f.getvalue()[: upload.MAX_BYTES + 1], f.name)
        st.session_state["upload_reads"] = {k: reads[k] for k in keys}
        current = upload.validate_all([reads[k] for k in keys], data)
        st.session_state["uploads"] = {up.name: up for up in current}
        for up in current:
            if up.ok:
                st.success(
                    t("{file}: {rows} rows added as “your data”", file=up.name, rows=len(up.frame))
                )
            for notice in up.notices:
                st.info(notice)
            if up.problems:
                st.error(
                    t(
                        "{file}: {count} problem(s); nothing from this file is shown",
                        file=up.name,
                        count=len(up.problems),
                    )
                )
                st.text("\n".join(str(p) for p in up.problems[:50]))
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
