"""The CSS the dashboard adds to Streamlit's page: focus rings on every page, and the
presenter mode's look. Every selector of Streamlit's comes from lib/base/internals.py.

Focus: Streamlit rings its buttons and expanders (a box-shadow in the primary colour) but not
its page links, the buttons of a table's toolbar, the inputs of its select boxes and text
fields (only their border changes colour), the data grid or the main area. FOCUS_CSS gives
those a 2 px ring in the primary colour, 5.2:1 on white; tests/e2e/test_keyboard_browser.py
checks it at every step. It also keeps small HTML tables from scrolling sideways, where the
keyboard could not follow.
"""

from __future__ import annotations

from typing import Final

from lib.base.internals import (
    ALERT,
    DECK_CHART,
    EXPAND_SIDEBAR,
    HEADER,
    MAIN,
    MAIN_BLOCK,
    MAIN_MENU,
    MARKDOWN,
    METRIC_LABEL,
    MULTISELECT,
    MULTISELECT_TAGS,
    SELECTBOX,
    SIDEBAR,
    TABLE,
    TEXT_INPUT,
    TOOLBAR,
    TOOLBAR_BUTTON,
    key_class,
    testid,
)
from lib.charts.map_view import MapView
from lib.charts.maps import map_css

MAP_KEY: Final = "flowmap"  # the key of a page's map container: st.container(key=MAP_KEY)
RING: Final = "#0072B2"  # the theme's primaryColor (.streamlit/config.toml)
PHONE_MAX: Final = 640  # px: the widest screen the phone rules apply to

FOCUS_CSS: Final = f"""<style>
a:focus-visible, canvas:focus-visible, {testid(MAIN)}:focus-visible,
{testid(TOOLBAR_BUTTON)}:focus-visible {{
  outline: 2px solid {RING} !important; outline-offset: 2px;
}}
{testid(MAIN)}:focus-visible {{ outline-offset: -2px; }}
{testid(SELECTBOX)} div:has(> input:focus),
{testid(MULTISELECT)} div:has(> {testid(MULTISELECT_TAGS)} input:focus),
{testid(TEXT_INPUT)}:focus-within {{
  box-shadow: 0 0 0 2px {RING} !important;
}}
/* An HTML table (st.table) wraps its long cells instead of scrolling sideways: a scrolling
   region the keyboard cannot reach is a WCAG failure (axe: scrollable-region-focusable),
   and Streamlit's wrapper cannot be given a tabindex. */
{testid(TABLE)} > div {{ overflow: visible !important; }}
{testid(TABLE)} table {{ width: 100%; table-layout: auto; }}
{testid(TABLE)} td, {testid(TABLE)} th {{
  white-space: normal !important; overflow-wrap: anywhere; min-width: 0 !important;
  width: auto !important; max-width: none !important;
}}
/* A metric's label wraps instead of ending in "…" (on a phone, "Latin America and the
   Caribbean: people from Ve…"). */
{testid(METRIC_LABEL)} {testid(MARKDOWN)}, {testid(METRIC_LABEL)} p {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
</style>"""


def _in_slide(*keys: str, tail: str = "") -> str:
    return ", ".join(f"{key_class(k)}{tail}" for k in keys)


# The presenter mode's look at 1920×1080: no app chrome, body text 30 px, the chart filling the
# slide. Shown with st.html (a <style> only: Streamlit adds no element for it).
PRESENT_CSS: Final = f"""<style>
header{testid(HEADER)}, {testid(TOOLBAR)}, section{testid(SIDEBAR)}, {testid(EXPAND_SIDEBAR)},
{testid(MAIN_MENU)}, {key_class("present_keys")} {{ display: none !important; }}
.block-container, {testid(MAIN_BLOCK)} {{
  padding: 0.75rem 2rem 0.5rem 2rem !important; max-width: 100% !important; }}
{key_class("slide")} h1 {{ font-size: 52px !important; line-height: 1.15 !important;
  padding: 0 0 0.2rem 0 !important; }}
{_in_slide("slide", "slide_items", "notes", tail=" p")}, {_in_slide("slide", "notes", tail=" li")},
{testid(ALERT)} p {{ font-size: 30px !important; line-height: 1.35 !important; }}
{key_class("slide_source")} p {{ font-size: 28px !important; color: #444;
  line-height: 1.3 !important; }}
{key_class("slide_counter")} p {{ font-size: 30px !important; font-weight: 600;
  margin: 0 1rem !important; }}
{key_class("present_nav")} button p {{ font-size: 28px !important; }}
{key_class("present_nav")} button {{ min-height: 3rem; }}
/* A phone (the layout Streamlit itself stacks columns at): what an audience member following
   along reads, at a phone's sizes; every button stays a 44 px target. */
@media (max-width: {PHONE_MAX}px) {{
.block-container, {testid(MAIN_BLOCK)} {{ padding: 0.5rem 1rem 1rem 1rem !important; }}
{key_class("slide")} h1 {{ font-size: 28px !important; line-height: 1.2 !important; }}
{_in_slide("slide", "slide_items", "notes", tail=" p")}, {_in_slide("slide", "notes", tail=" li")},
{testid(ALERT)} p {{ font-size: 17px !important; line-height: 1.45 !important; }}
{key_class("slide_cards")} h2 {{ font-size: 30px !important; padding: 0 !important; }}
{key_class("slide_source")} p {{ font-size: 14px !important; }}
{key_class("slide_counter")} p {{ font-size: 17px !important; margin: 0 0.25rem !important; }}
{key_class("present_nav")} button p {{ font-size: 16px !important; }}
{key_class("present_nav")} button {{ min-height: 44px; }}
div:has(> {key_class("present_nav")}) {{ position: sticky; bottom: 0; z-index: 5;
  background: #fff; padding: 0.5rem 0; border-top: 1px solid #d0d5da; }}
{key_class("present_nav")} {{ justify-content: space-between; }}
}}
</style>"""


# /embed inside another site's iframe: no app chrome (with or without Streamlit's own
# ?embed=true), the page as wide as the frame, a modest heading. A heading kept for screen
# readers only (EMBED_SR_ONLY) stays in the page but takes no room.
EMBED_SR_ONLY: Final = "embed_heading_sr"
EMBED_CSS: Final = f"""<style>
header{testid(HEADER)}, {testid(TOOLBAR)}, section{testid(SIDEBAR)}, {testid(EXPAND_SIDEBAR)},
{testid(MAIN_MENU)} {{ display: none !important; }}
.block-container, {testid(MAIN_BLOCK)} {{
  padding: 0.5rem 0.75rem 0.5rem 0.75rem !important; max-width: 100% !important; }}
{key_class("embed_heading")} h1 {{ font-size: 1.4rem !important; line-height: 1.25 !important;
  padding: 0 !important; }}
{key_class(EMBED_SR_ONLY)} {{ position: absolute !important; width: 1px !important;
  height: 1px !important; overflow: hidden !important; clip-path: inset(50%) !important;
  white-space: nowrap !important; }}
</style>"""


def _css_string(text: str) -> str:
    """Return text as a CSS string: quoted; its backslashes, quotes and "<" (which could
    close the <style>) escaped; line breaks as spaces."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return '"' + escaped.replace("\n", " ") + '"'


def stacked_table_css(container: str, columns: list[str]) -> str:
    """Return the <style> that turns the HTML table in `container` (a CSS selector) into
    one block per row on a phone, each value after its column's name (the header row, now
    said in every row, is left out): seven columns do not fit 390 px, and a table wider than
    the screen was cut at its right edge."""
    rows = f"{container} {testid(TABLE)}"
    labels = "\n".join(
        f"{rows} td:nth-of-type({i})::before {{ content: {_css_string(name)}; "
        "font-weight: 600; margin-right: 0.35em; }"
        for i, name in enumerate(columns, start=1)
    )
    return f"""<style>
@media (max-width: {PHONE_MAX}px) {{
{rows} table, {rows} tbody, {rows} tr, {rows} td {{ display: block; width: 100% !important; }}
{rows} thead {{ display: none; }}
{rows} tr {{ border-bottom: 1px solid #d0d5da; padding: 0.35rem 0; }}
{rows} td {{ border: none !important; padding: 0.1rem 0.25rem !important; }}
{rows} td p {{ display: inline; overflow-wrap: anywhere; }}
{labels}
}}
</style>"""


def map_background(view: MapView) -> str:
    """Return the <style> that draws a map view's bitmap behind its deck, in the container
    keyed MAP_KEY (the deck draws the dots and the hover points; the bitmap the rest)."""
    return map_css(view.model, view.png, f"{key_class(MAP_KEY)} {testid(DECK_CHART)}")
