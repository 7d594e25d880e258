"""The one module that binds the app to Streamlit: cached loading, URL state, the shared frame.

Every page calls `frame()` first. It sets the page up, reads the crisis from the URL, draws
the sidebar (crisis selector and page menu) and returns what the page needs. State a
presenter would share lives in the URL: `?crisis=haiti&country=CHL`. An unknown value gives
a visible notice and falls back to the default.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import streamlit as st

from lib.data import Bundle, load_bundle
from lib.schema import CRISES, DATA_DIR, TABLES, Case

ALL = "all"
CRISIS_OPTIONS = (ALL, *CRISES)
MAX_PARAM_CHARS = 200

# (script path relative to dashboard.py, menu label). URLs: /, /map, /corridors, /actions, /sources.
PAGES = (
    ("dashboard.py", "Overview"),
    ("pages/map.py", "Flow map"),
    ("pages/corridors.py", "Corridors"),
    ("pages/actions.py", "Action explorer"),
    ("pages/sources.py", "Sources and method"),
)


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Return a hash of every table's bytes, so an edited CSV gives a new cache key."""
    digest = hashlib.sha256()
    for table in TABLES:
        path = data_dir / f"{table}.csv"
        digest.update(table.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=4)
def _bundle(data_dir: str, fingerprint: str) -> Bundle:
    return load_bundle(Path(data_dir))


def bundle(data_dir: Path = DATA_DIR) -> Bundle:
    """Return the validated tables, re-read only when a file's content changed."""
    return _bundle(str(data_dir), data_fingerprint(data_dir))


@dataclass
class Frame:
    """What every page gets from the shared frame."""

    data: Bundle
    crisis: str | None  # None means all crises
    crisis_names: dict[str, str]
    lang: str = "en"
    notices: list[str] = field(default_factory=list)

    def crisis_label(self) -> str:
        """Return the selected crisis's name, or 'All crises'."""
        return self.crisis_names.get(self.crisis, "All crises") if self.crisis else "All crises"


def _clip(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def _write_param(name: str, value: str | list[str] | None, default: object) -> None:
    if value is None or value == default or value == [] or value == "":
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get_all(name) != ([value] if isinstance(value, str) else list(value)):
        st.query_params[name] = value


def url_select(name: str, options: Sequence[str], default: str, label: str, notices: list[str],
               format_func: Callable[[str], str] = str, widget=None, sticky: bool = False,
               key: str | None = None) -> str:
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
        notices.append(f"Unknown {label.lower()} “{_clip(raw)}” in the link; showing {format_func(default)} instead.")
        url_value = default
    key = key or f"url_{name}"
    if key not in st.session_state or st.session_state.get(synced) != url_value:
        st.session_state[key] = url_value
        st.session_state[synced] = url_value
    value = (widget or st).selectbox(label, list(options), key=key, format_func=format_func)
    st.session_state[synced] = value
    _write_param(name, value, default)
    return value


def url_multiselect(name: str, options: Sequence[str], label: str, notices: list[str],
                    format_func: Callable[[str], str] = str, widget=None) -> list[str]:
    """Return several choices kept in the URL as repeated ?name=a&name=b, drawn as a multiselect."""
    raw = st.query_params.get_all(name)
    url_value = [v for v in dict.fromkeys(raw) if v in options]
    unknown = [v for v in raw if v not in options]
    if unknown:
        shown = ", ".join(f"“{_clip(v)}”" for v in unknown[:3])
        notices.append(f"Unknown {label.lower()} {shown} in the link; ignored.")
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
    value = (widget or st).text_input(label, key=key, max_chars=MAX_PARAM_CHARS, placeholder=placeholder)
    st.session_state[synced] = value
    _write_param(name, value, "")
    return value


def frame(title: str) -> Frame:
    """Set up the page, draw the shared sidebar and return the data and the chosen crisis."""
    st.set_page_config(page_title=f"{title} · Migration flows and actions", layout="wide",
                       initial_sidebar_state="expanded")
    data = bundle()
    names = dict(zip(data.cases[Case.CRISIS], data.cases[Case.NAME]))
    notices: list[str] = []
    with st.sidebar:
        st.markdown("**Migration flows and actions**")
        crisis = url_select("crisis", CRISIS_OPTIONS, ALL, "Crisis", notices,
                            format_func=lambda c: "All crises" if c == ALL else names.get(c, c), sticky=True,
                            key=f"url_crisis_{title}")
        keep = {"crisis": crisis} if crisis != ALL else {}
        for path, label in PAGES:
            st.page_link(path, label=label, query_params=keep)
        st.caption("Source: EUROsociAL+ migration sheet. Every figure cites its section; "
                   "see Sources and method.")
    for notice in notices:
        st.warning(notice, icon="⚠️")
    return Frame(data=data, crisis=None if crisis == ALL else crisis, crisis_names=names, notices=notices)


def bind_notices(frame_: Frame, more: list[str]) -> None:
    """Show notices raised after the frame was drawn (page filters read from the URL)."""
    for notice in more:
        st.warning(notice, icon="⚠️")
    frame_.notices.extend(more)


def data_table(df, title: str, column_config: dict | None = None) -> None:
    """Show the table behind a chart one click away, in an expander."""
    with st.expander(f"Data behind the chart: {title}"):
        st.dataframe(df, hide_index=True, width="stretch", column_config=column_config)
