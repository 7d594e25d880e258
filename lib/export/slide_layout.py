"""Where text and pictures go on a 16:9 slide so that everything fits a room's screen: every
text at 18 pt or more, a title on one line (else the body moves down), the source line at
the foot, and the body between them. Pure geometry, in points (the slide is 960 × 540 pt).

lib/export/powerpoint.py places the PPTX's boxes with it; lib/export/slides.py splits the
actions and the sources over as many slides as their measured text needs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lib.charts.textfit import Para, line_height, paragraphs_height, text_width, wrap

SLIDE_W, SLIDE_H = 960.0, 540.0  # points: 13.333 × 7.5 in
MARGIN_X = 30.0
CONTENT_W = SLIDE_W - 2 * MARGIN_X
TOP = 10.0
BOTTOM = 8.0
GAP = 8.0
INSET_X, INSET_Y = 7.2, 3.6  # a text box's inner margins, set explicitly on every box
MIN_PT = 18.0  # the smallest text on a slide
TITLE_SIZES = (32.0, 28.0, 24.0)  # tried in turn for a one-line title; else 28 pt, wrapped
ITEM_TITLE_PT, ITEM_PT, ITEM_GAP = 20.0, 18.0, 10.0
SOURCE_PT = 18.0
ITEMS_SHARE = 0.62  # an actions slide: the list's share of the width, the small map beside it
QR_W = 200.0  # the first slide's column of the QR code and its link, in points


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points from its top left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        """Return the box's lower edge."""
        return self.top + self.height

    @property
    def inner_width(self) -> float:
        """Return the width text wraps in (inside the insets)."""
        return self.width - 2 * INSET_X


def box_height(paragraphs: Sequence[Para], width: float) -> float:
    """Return the height a text box `width` wide needs for `paragraphs`, insets included."""
    return paragraphs_height(paragraphs, width - 2 * INSET_X) + 2 * INSET_Y


def title_para(title: str) -> Para:
    """Return the title as a paragraph: the largest of TITLE_SIZES that keeps it on one
    line, else the middle size, wrapped."""
    inner = CONTENT_W - 2 * INSET_X
    size = next((s for s in TITLE_SIZES if text_width(title, s, True) <= inner), TITLE_SIZES[1])
    return Para(title, size, bold=True)


def title_box(title: str) -> Box:
    """Return the title's box: as tall as its lines."""
    return Box(MARGIN_X, TOP, CONTENT_W, box_height([title_para(title)], CONTENT_W))


def source_paras(source: str, stamp: str) -> list[Para]:
    """Return the source line and the download line as paragraphs at SOURCE_PT."""
    return [Para(source, SOURCE_PT), Para(stamp, SOURCE_PT)]


def source_box(source: str, stamp: str) -> Box:
    """Return the source line's box, at the foot of the slide."""
    height = box_height(source_paras(source, stamp), CONTENT_W)
    return Box(MARGIN_X, SLIDE_H - BOTTOM - height, CONTENT_W, height)


def body_box(title: str, source: str, stamp: str) -> Box:
    """Return the room between the title and the source line."""
    top = title_box(title).bottom + GAP
    return Box(MARGIN_X, top, CONTENT_W, source_box(source, stamp).top - GAP - top)


def item_paras(items: Sequence[tuple[str, str]]) -> list[Para]:
    """Return a list of (title, detail) items as paragraphs: the title in bold, the detail
    under it, a gap after each item."""
    out: list[Para] = []
    for title, detail in items:
        out.append(Para(title, ITEM_TITLE_PT, bold=True))
        out.append(Para(detail, ITEM_PT, space_after=ITEM_GAP))
    return out


def split_items(
    items: Sequence[tuple[str, str]], width: float, height: float
) -> list[list[tuple[str, str]]]:
    """Return the items split into runs that each fit a text box `width` × `height` points,
    in order; an item taller than the box alone still gets a slide of its own."""
    parts: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for item in items:
        if current and box_height(item_paras([*current, item]), width) > height:
            parts.append(current)
            current = []
        current.append(item)
    return [*parts, current] if current else parts


def fits(paragraphs: Sequence[Para], box: Box) -> bool:
    """Return whether paragraphs fit a box (every size ≥ MIN_PT too)."""
    return (
        all(p.size >= MIN_PT for p in paragraphs)
        and box_height(paragraphs, box.width) <= box.height + 0.01
    )


def link_lines(link: str, width: float, size: float = SOURCE_PT) -> list[str]:
    """Return a link broken for a narrow box: between its parts (after `://` and `=`, before
    `/`, `?` and `&`; as many parts to a line as fit), a part wider than the box cut where it
    overflows."""
    lines: list[str] = []
    line = ""
    for part in re.findall(r"^[A-Za-z]+://|[/?&]?[^/?&=]+=?|[/?&=]", link):
        if text_width(line + part, size) <= width:
            line += part
            continue
        if line:
            lines.append(line)
        pieces = wrap(part, size, width) if text_width(part, size) > width else [part]
        lines.extend(pieces[:-1])
        line = pieces[-1]
    return [*lines, line] if line else lines


def line_count_height(lines: int, size: float) -> float:
    """Return the height of `lines` single-spaced lines at `size` points, insets included."""
    return lines * line_height(size) + 2 * INSET_Y
