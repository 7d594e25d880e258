"""lib/base/palette.py and the theme: WCAG contrast of the marks against the map and the page,
and of captions (Streamlit draws them in the theme's text colour at 60% opacity)."""

from __future__ import annotations

import tomllib

import pytest

from lib.base.palette import (
    BASEMAP_FILL,
    CRISIS_HEX,
    NO_CRISIS_HEX,
    OCEAN,
    UNQUANTIFIED_HEX,
    contrast,
    rgb,
)
from lib.base.schema import ROOT
from lib.charts.titles import SOURCE_COLOUR, SUBTITLE_COLOUR

WHITE = (255, 255, 255)
# What a mark is drawn on: the page and the charts (white), the map's sea and its land.
BACKGROUNDS = {"page": WHITE, "map sea": OCEAN, "map land": BASEMAP_FILL}
MARKS = {**CRISIS_HEX, "unquantified": UNQUANTIFIED_HEX, "no crisis": NO_CRISIS_HEX}
# Streamlit 1.67's default light theme: the sidebar's background (secondaryBackgroundColor)
# and the opacity of caption text (its fadedText60: the text colour at 60%).
SIDEBAR = rgb("#F8F8F7")
CAPTION_OPACITY = 0.6


def test_contrast_matches_the_wcag_reference_values():
    assert contrast(WHITE, (0, 0, 0)) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == pytest.approx(1)
    assert contrast(rgb("#767676"), WHITE) == pytest.approx(4.54, abs=0.01)  # WebAIM's checker
    assert contrast(rgb("#E69F00"), WHITE) == pytest.approx(2.25, abs=0.01)


@pytest.mark.parametrize("background", list(BACKGROUNDS))
@pytest.mark.parametrize("mark", list(MARKS))
def test_every_crisis_colour_and_the_unquantified_grey_stand_out_3_to_1(mark, background):
    ratio = contrast(rgb(MARKS[mark]), BACKGROUNDS[background])
    assert ratio >= 3, f"{mark} {MARKS[mark]} on the {background}: {ratio:.2f}:1"


def _blend(front: tuple[int, ...], back: tuple[int, ...], alpha: float) -> tuple[int, ...]:
    return tuple(round(alpha * f + (1 - alpha) * b) for f, b in zip(front, back, strict=True))


@pytest.mark.parametrize("background", ["page", "sidebar"])
def test_captions_in_the_theme_text_colour_are_4_5_to_1(background):
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    back = WHITE if background == "page" else SIDEBAR
    caption = _blend(rgb(theme["textColor"]), back, CAPTION_OPACITY)
    assert contrast(caption, back) >= 4.5, f"caption {caption} on the {background}"


@pytest.mark.parametrize("colour", [SUBTITLE_COLOUR, SOURCE_COLOUR])
def test_chart_subtitles_and_source_lines_are_4_5_to_1_on_white(colour):
    assert contrast(rgb(colour), WHITE) >= 4.5
