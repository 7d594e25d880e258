"""Measuring text as a slide sets it: the width of a line, where it wraps, and the height of
paragraphs in a text box, with the font the slides use (DejaVu Sans, bundled in
static/fonts) at a size in points.

The PPTX lays out its slides with these measures (lib/export/powerpoint.py) and decides how
many actions or sources fit on a slide (lib/export/slides.py); tests/export/test_slides_fit.py
measures every text box of a written deck again and fails on overflow. Lines wrap at spaces,
as PowerPoint and LibreOffice wrap them; a word longer than the line (a link) is cut where
it overflows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from lib.base.schema import ROOT

FONT_NAME = "DejaVu Sans"  # the name the PPTX gives every run (installed with LibreOffice)
FONTS = ROOT / "static" / "fonts"
_UNITS = 100  # the font is loaded at 100 units per point, for sub-point precision


@lru_cache(maxsize=4)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), _UNITS)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Return the width of one line of text at `size` points, in points."""
    return _font(bold).getlength(text) * size / _UNITS


def line_height(size: float) -> float:
    """Return the height of one line at `size` points with single spacing (the font's
    ascent plus descent, as LibreOffice and PowerPoint set it), in points."""
    ascent, descent = _font(False).getmetrics()
    return (ascent + descent) * size / _UNITS


def _cut(word: str, size: float, width: float, bold: bool) -> list[str]:
    """Return a word longer than the line cut into pieces that each fit."""
    pieces, piece = [], ""
    for char in word:
        if piece and text_width(piece + char, size, bold) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Return the lines a paragraph wraps to in a box `width` points wide (an empty
    paragraph is one empty line)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if text_width(trial, size, bold) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        pieces = _cut(word, size, width, bold) if text_width(word, size, bold) > width else [word]
        lines.extend(pieces[:-1])
        line = pieces[-1]
    return [*lines, line] if line or not lines else lines


@dataclass(frozen=True)
class Para:
    """One paragraph of a text box: its text, size in points, weight and the space after it
    (points)."""

    text: str
    size: float
    bold: bool = False
    space_after: float = 0.0


def paragraphs_height(paragraphs: Iterable[Para], width: float) -> float:
    """Return the height in points that paragraphs take in a box `width` points wide
    (inside its insets), the last paragraph's space after included."""
    return sum(
        len(wrap(p.text, p.size, width, p.bold)) * line_height(p.size) + p.space_after
        for p in paragraphs
    )
