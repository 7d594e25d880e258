"""Every reliance on Streamlit's internals, named in one place.

Streamlit's public API does not cover everything the dashboard needs, so a few things lean
on how Streamlit 1.67 is built:

- the `data-testid` attributes our CSS targets (focus rings, presenter mode, the map's
  background) and the `st-key-<key>` class Streamlit gives a keyed container;
- `__MAP_STYLE__`, the map style for which Streamlit's deck.gl chart draws no base map;
- the inline script of Streamlit's `index.html`, allowed by its hash in nginx's CSP;
- the `streamlit.proto` messages that `bench.load` speaks over the websocket.

`installed_problems()` checks each against the installed Streamlit and names what moved, so
an upgrade fails one test (tests/base/test_internals.py) with a message, not a page in a
viewer's browser. This module imports no Streamlit, so every layer may read it: lib/charts/maps.py
reads MAP_STYLE_PLACEHOLDER without pulling Streamlit into the command-line tools.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import importlib.util
import re
from pathlib import Path
from typing import Final

# --------------------------------------------------------------------------- data-testid
# Each testid our CSS (lib/ui/css.py) targets. A value with a "-" after the prefix is built by
# Streamlit from a prefix and a kind (`stBaseButton-${kind}`): both halves are checked.
MAIN: Final = "stMain"
MAIN_BLOCK: Final = "stMainBlockContainer"
SIDEBAR: Final = "stSidebar"
EXPAND_SIDEBAR: Final = "stExpandSidebarButton"
HEADER: Final = "stHeader"
TOOLBAR: Final = "stToolbar"
MAIN_MENU: Final = "stMainMenu"
ALERT: Final = "stAlert"
TOOLBAR_BUTTON: Final = "stBaseButton-elementToolbar"
SELECTBOX: Final = "stSelectbox"
MULTISELECT: Final = "stMultiSelect"
MULTISELECT_TAGS: Final = "stMultiSelectTagsContainer"
TEXT_INPUT: Final = "stTextInputRootElement"
TABLE: Final = "stTable"
DECK_CHART: Final = "stDeckGlJsonChart"
PLOTLY_CHART: Final = "stPlotlyChart"
METRIC_LABEL: Final = "stMetricLabel"
MARKDOWN: Final = "stMarkdownContainer"

TESTIDS: Final = (
    MAIN,
    MAIN_BLOCK,
    SIDEBAR,
    EXPAND_SIDEBAR,
    HEADER,
    TOOLBAR,
    MAIN_MENU,
    ALERT,
    TOOLBAR_BUTTON,
    SELECTBOX,
    MULTISELECT,
    MULTISELECT_TAGS,
    TEXT_INPUT,
    TABLE,
    DECK_CHART,
    PLOTLY_CHART,
    METRIC_LABEL,
    MARKDOWN,
)
COMPOSED: Final = {TOOLBAR_BUTTON: ("stBaseButton-", "elementToolbar")}

# A keyed container (st.container(key="flowmap")) carries the class st-key-flowmap.
KEY_CLASS_PREFIX: Final = "st-key-"

# Streamlit's deck.gl chart draws no base map (no MapLibre, no Carto style fetched) when the
# map style is this placeholder (lib.charts.maps.NO_BASE_MAP).
MAP_STYLE_PLACEHOLDER: Final = "__MAP_STYLE__"

# The one inline <script> of Streamlit's index.html, allowed by this hash in deploy/nginx.conf's
# Content-Security-Policy (script-src 'sha256-…').
INLINE_SCRIPT_SHA256: Final = "THxz9J9+wf7rhwR2YkXJoSZ13UCmYyC+3lNDv2+8ugA="

# The protobuf messages bench/session.py sends and reads, with the fields it uses.
BACK_MSG: Final = "streamlit.proto.BackMsg_pb2.BackMsg"
FORWARD_MSG: Final = "streamlit.proto.ForwardMsg_pb2.ForwardMsg"
WIDGET_STATES: Final = "streamlit.proto.WidgetStates_pb2.WidgetStates"
PROTO_MESSAGES: Final = {
    BACK_MSG: ("rerun_script", "file_urls_request"),
    FORWARD_MSG: (
        "new_session",
        "navigation",
        "delta",
        "script_finished",
        "file_urls_response",
        "metadata",
        "hash",
    ),
    WIDGET_STATES: ("widgets",),
    "streamlit.proto.ClientState_pb2.ClientState": (
        "query_string",
        "page_name",
        "page_script_hash",
        "cached_message_hashes",
        "widget_states",
    ),
    "streamlit.proto.WidgetStates_pb2.WidgetState": ("id", "file_uploader_state_value"),
}


def testid(name: str) -> str:
    """Return the CSS attribute selector of a data-testid: [data-testid="stMain"]."""
    return f'[data-testid="{name}"]'


def key_class(key: str) -> str:
    """Return the CSS class selector of a keyed container: .st-key-flowmap."""
    return f".{KEY_CLASS_PREFIX}{key}"


def proto_class(path: str) -> type:
    """Return a streamlit.proto message class by its dotted path (PROTO_MESSAGES' keys)."""
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def _streamlit_dir() -> Path:
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise RuntimeError("streamlit is not installed")
    return Path(spec.origin).parent


def frontend_bundle() -> str:
    """Return the text of the installed Streamlit's frontend JavaScript (all chunks)."""
    js = _streamlit_dir() / "static" / "static" / "js"
    return "\n".join(p.read_text(errors="replace") for p in sorted(js.glob("*.js")))


def inline_script_hashes() -> set[str]:
    """Return the base64 SHA-256 of each inline script of the installed index.html."""
    html = (_streamlit_dir() / "static" / "index.html").read_text()
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    return {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in inline}


def _testid_problems(bundle: str) -> list[str]:
    problems = []
    for name in TESTIDS:
        parts = COMPOSED.get(name, (name,))
        missing = [p for p in parts if p not in bundle]
        if missing:
            problems.append(
                f"data-testid {name!r}: {', '.join(map(repr, missing))} is not in Streamlit's "
                "frontend any more; update lib/base/internals.py and the CSS in lib/ui/css.py"
            )
    return problems


def _proto_problems() -> list[str]:
    problems = []
    for path, fields in PROTO_MESSAGES.items():
        try:
            message = proto_class(path)
        except (ImportError, AttributeError) as err:
            problems.append(f"{path}: cannot be imported ({err}); bench/session.py speaks it")
            continue
        known = set(message.DESCRIPTOR.fields_by_name)
        for field in fields:
            if field not in known:
                problems.append(f"{path}.{field}: no such field any more; bench/session.py uses it")
    return problems


def installed_problems() -> list[str]:
    """Return one sentence per reliance that the installed Streamlit no longer meets."""
    bundle = frontend_bundle()
    problems = _testid_problems(bundle)
    if KEY_CLASS_PREFIX not in bundle:
        problems.append(f"keyed containers no longer get the class {KEY_CLASS_PREFIX}<key>")
    if MAP_STYLE_PLACEHOLDER not in bundle:
        problems.append(
            f"{MAP_STYLE_PLACEHOLDER}: Streamlit's deck.gl chart no longer knows this map "
            "style; the map page would fetch a base map (lib/charts/maps.py)"
        )
    hashes = inline_script_hashes()
    if hashes != {INLINE_SCRIPT_SHA256}:
        problems.append(
            f"index.html's inline scripts hash to {sorted(hashes)}, not {INLINE_SCRIPT_SHA256}: "
            "update INLINE_SCRIPT_SHA256 and the CSP in deploy/nginx.conf"
        )
    return problems + _proto_problems()
