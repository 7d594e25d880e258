"""One colour per crisis for the whole app (Okabe–Ito, safe for colour-blind readers)."""

from __future__ import annotations

from typing import Final

CRISIS_HEX: Final = {
    "venezuela": "#E69F00",  # orange
    "haiti": "#0072B2",  # blue
    "northern_triangle": "#CC79A7",  # reddish purple
    "structural": "#009E73",  # bluish green
}
UNQUANTIFIED_HEX: Final = "#8C8C8C"  # grey: magnitude not reported
BASEMAP_FILL: Final = (228, 228, 224)
BASEMAP_LINE: Final = (255, 255, 255)
ACTIONS_SCALE: Final = (
    (198, 219, 239),
    (107, 174, 214),
    (33, 113, 181),
    (8, 48, 107),
)  # few → many


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """Return an (r, g, b) tuple for '#RRGGBB'."""
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def rgba_css(hex_colour: str, alpha: float) -> str:
    """Return a CSS rgba() string, as plotly takes it."""
    r, g, b = rgb(hex_colour)
    return f"rgba({r},{g},{b},{alpha})"


def actions_colour(count: int, most: int) -> tuple[int, int, int]:
    """Return the fill for a country with `count` actions, on a scale up to `most`."""
    if most <= 0 or count <= 0:
        return BASEMAP_FILL
    step = min(len(ACTIONS_SCALE) - 1, int((count - 1) * len(ACTIONS_SCALE) / most))
    return ACTIONS_SCALE[step]
