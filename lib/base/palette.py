"""One colour per crisis for the whole app (Okabe–Ito hues, safe for colour-blind readers),
darkened where needed so that every mark has at least 3:1 contrast against the page and the
map (WCAG 2.2, 1.4.11 non-text contrast); tests/base/test_palette.py checks it."""

from __future__ import annotations

from typing import Final

CRISIS_HEX: Final = {
    "venezuela": "#AD6800",  # orange (Okabe–Ito #E69F00, darkened: 1.8:1 on the land)
    "haiti": "#0072B2",  # blue
    "northern_triangle": "#B8558F",  # reddish purple (#CC79A7, darkened: 2.4:1 on the land)
    "structural": "#008A64",  # bluish green (#009E73, darkened: 2.7:1 on the land)
}
UNQUANTIFIED_HEX: Final = "#767676"  # grey: magnitude not reported (was #8C8C8C, 2.6:1)
# Dark grey: a figure of no crisis (an imported row whose origin is no crisis's origin; it is
# drawn only under "All crises"), solid where the unquantified grey is dashed.
NO_CRISIS_HEX: Final = "#4D4D4D"
BASEMAP_FILL: Final = (228, 228, 224)
BASEMAP_LINE: Final = (255, 255, 255)
OCEAN: Final = (243, 246, 249)
ACTIONS_SCALE: Final = (
    (198, 219, 239),
    (107, 174, 214),
    (33, 113, 181),
    (8, 48, 107),
)  # few → many


def crisis_colour(slug: object) -> str:
    """Return a crisis's colour ('#RRGGBB'); NO_CRISIS_HEX for a flow with none."""
    return CRISIS_HEX.get(slug, NO_CRISIS_HEX) if isinstance(slug, str) else NO_CRISIS_HEX


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """Return an (r, g, b) tuple for '#RRGGBB'."""
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def rgba_css(hex_colour: str, alpha: float) -> str:
    """Return a CSS rgba() string, as plotly takes it."""
    r, g, b = rgb(hex_colour)
    return f"rgba({r},{g},{b},{alpha})"


def luminance(colour: tuple[int, int, int]) -> float:
    """Return the relative luminance of an sRGB colour (WCAG 2.2 definition), 0 to 1."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """Return the WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def actions_colour(count: int, most: int) -> tuple[int, int, int]:
    """Return the fill for a country with `count` actions, on a scale up to `most`."""
    if most <= 0 or count <= 0:
        return BASEMAP_FILL
    step = min(len(ACTIONS_SCALE) - 1, int((count - 1) * len(ACTIONS_SCALE) / most))
    return ACTIONS_SCALE[step]
