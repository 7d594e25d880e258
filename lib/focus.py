"""What keyboard focus looks like: a ring on every element focused from the keyboard.

Streamlit rings its buttons and expanders (a box-shadow in the primary colour) but not its
page links, the buttons of a table's toolbar, the inputs of its select boxes and text fields
(only their border changes colour), the data grid or the main area. FOCUS_CSS gives those
a 2 px ring in the primary colour, 5.2:1 on white; tests/e2e/test_keyboard_browser.py
checks it at every step. It also keeps small HTML tables from scrolling sideways, where the
keyboard could not follow.
"""

from __future__ import annotations

from typing import Final

RING: Final = "#0072B2"  # the theme's primaryColor (.streamlit/config.toml)

FOCUS_CSS: Final = f"""<style>
a:focus-visible, canvas:focus-visible, [data-testid="stMain"]:focus-visible,
[data-testid="stBaseButton-elementToolbar"]:focus-visible {{
  outline: 2px solid {RING} !important; outline-offset: 2px;
}}
[data-testid="stMain"]:focus-visible {{ outline-offset: -2px; }}
[data-testid="stSelectbox"] div:has(> input:focus),
[data-testid="stMultiSelect"] div:has(> [data-testid="stMultiSelectTagsContainer"] input:focus),
[data-testid="stTextInputRootElement"]:focus-within {{
  box-shadow: 0 0 0 2px {RING} !important;
}}
/* An HTML table (st.table) wraps its long cells instead of scrolling sideways: a scrolling
   region the keyboard cannot reach is a WCAG failure (axe: scrollable-region-focusable),
   and Streamlit's wrapper cannot be given a tabindex. */
[data-testid="stTable"] > div {{ overflow: visible !important; }}
[data-testid="stTable"] table {{ width: 100%; table-layout: auto; }}
[data-testid="stTable"] td, [data-testid="stTable"] th {{
  white-space: normal !important; overflow-wrap: anywhere; min-width: 0 !important;
  width: auto !important; max-width: none !important;
}}
</style>"""
