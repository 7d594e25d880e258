"""URL state: the one binder between a URL parameter and a widget, and the notices for
unknown values.

State a presenter would share lives in the URL (`?crisis=haiti&country=CHL`), so a copied
link reopens the same view. A widget bound to ?name= has the key widget_key(name)
(widget_key(name, page) for one drawn on every page: Streamlit resets a keyed widget met
again on another page). Its last value seen in the URL is kept under _synced_<name>, so a
value changed in the URL (a link, the back button) replaces the widget's, and a value changed
in the widget is written back. An unknown value gives a visible notice and falls back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from lib.base.fmt import md_escape
from lib.base.i18n import translate

MAX_PARAM_CHARS = 200


def widget_key(name: str, scope: str = "") -> str:
    """Return the session-state key of the widget bound to ?name= (in `scope`, a page)."""
    return f"url_{name}_{scope}" if scope else f"url_{name}"


def _synced(name: str) -> str:
    return f"_synced_{name}"


def last_value(name: str, default: Any = None) -> Any:
    """Return the value of ?name= this session last saw (in the URL or its widget)."""
    return st.session_state.get(_synced(name), default)


def last_in_link(name: str) -> str | None:
    """Return the last ?name= of the URL (a link may repeat a parameter), or None."""
    values = st.query_params.get_all(name)
    return values[-1] if values else None


def clip(value: str) -> str:
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


def forget_if(name: str, values: set[str]) -> None:
    """Drop a URL parameter quietly when its value is one of `values` (known, but not shown
    now), with its widget's state wherever it is drawn."""
    current = st.query_params.get_all(name)
    if current and current[-1] in values:
        del st.query_params[name]
        base = widget_key(name)
        for key in [k for k in st.session_state if k == base or k.startswith(base + "_")]:
            del st.session_state[key]
        st.session_state.pop(_synced(name), None)


def unknown_notice(lang: str, what: str, value: str, default: str) -> str:
    """Return the notice for an unknown URL value; `default` is what is shown instead, if any."""
    if not default:
        return translate(
            lang,
            "Unknown {what} {values} in the link; ignored.",
            what=what.lower(),
            values=f"“{clip(value)}”",
        )
    return translate(
        lang,
        "Unknown {what} “{value}” in the link; showing {default} instead.",
        what=what.lower(),
        value=clip(value),
        default=default,
    )


def select(
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
    show: bool = True,
) -> str:
    """Return a single choice kept in the URL as ?name=value, drawn as a selectbox.

    An unknown value adds a notice and falls back to `default`. `sticky`: a URL without the
    parameter keeps this session's last choice (Streamlit's page links drop the query string
    when clicked, so the crisis is carried by the session and written back into the URL).
    `scope` names the page of a widget drawn on every page. `what` names the value in the
    notice when the label does not ("action" for "Show one action in full"). `show` False:
    read and check the value only (/embed draws no widgets; the URL is left as it is).
    """
    values = st.query_params.get_all(name)
    raw = values[-1] if values else None
    if raw is None:
        url_value = last_value(name, default) if sticky else default
    elif raw in options:
        url_value = raw
    else:
        notices.append(unknown_notice(lang, what or label, raw, default and format_func(default)))
        url_value = default
    if not show:
        return url_value

    def draw(key: str) -> str:
        return (widget or st).selectbox(label, list(options), key=key, format_func=format_func)

    return bind_url(name, url_value, default, draw, widget_key(name, scope))


def multiselect(
    name: str,
    options: Sequence[str],
    label: str,
    notices: list[str],
    format_func: Callable[[str], str] = str,
    widget=None,
    lang: str = "en",
    show: bool = True,
) -> list[str]:
    """Return several choices kept in the URL as repeated ?name=a&name=b, drawn as a
    multiselect; unknown values are ignored with a notice. `show` False: read only."""
    raw = st.query_params.get_all(name)
    unknown = [v for v in raw if v not in options]
    if unknown:
        shown = ", ".join(f"“{clip(v)}”" for v in unknown[:3])
        notices.append(
            translate(
                lang,
                "Unknown {what} {values} in the link; ignored.",
                what=label.lower(),
                values=shown,
            )
        )
    known = [v for v in dict.fromkeys(raw) if v in options]
    if not show:
        return known

    def draw(key: str) -> list[str]:
        return (widget or st).multiselect(label, list(options), key=key, format_func=format_func)

    return bind_url(name, known, [], draw)


def text(name: str, label: str, widget=None, placeholder: str = "", show: bool = True) -> str:
    """Return free text kept in the URL as ?name=..., at most MAX_PARAM_CHARS characters.
    `show` False: read only."""
    values = st.query_params.get_all(name)
    value = (values[-1] if values else "")[:MAX_PARAM_CHARS]
    if not show:
        return value

    def draw(key: str) -> str:
        return (widget or st).text_input(
            label, key=key, max_chars=MAX_PARAM_CHARS, placeholder=placeholder
        )

    return bind_url(name, value, "", draw)


def pick_from_chart(chart_key: str, param: str, layer: str, field: str) -> Callable[[], None]:
    """Return an on_select callback for a deck chart: the clicked object's `field` in `layer`
    becomes the value of the select box bound to ?param= (url.select without a scope), which
    writes it into the URL. A click on anything else changes nothing."""

    def picked() -> None:
        event = st.session_state.get(chart_key) or {}
        objects = (event.get("selection") or {}).get("objects", {}).get(layer, [])
        if objects and objects[0].get(field):
            st.session_state[widget_key(param)] = objects[0][field]

    return picked
