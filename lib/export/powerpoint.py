"""The slides of a crisis as a PowerPoint file (python-pptx): one 16:9 slide per slide of
/present.

Each slide is laid out so that a room can read it (lib.export.slide_layout): the title on one line
(or the body moves down), every text at 18 pt or more in DejaVu Sans (the font set on every
run, and the one the layout measures with), the source line with the date of the figures and
the download date at the foot, the body between. A chart is a picture drawn so that its text,
too, is 18 pt or more once placed; its alt text is the chart's description (lib.charts.describe).
Lists (actions, sources) are text, split over as many slides as they need. The first slide
carries the QR code of the view's link, with the link printed under it. The speaker notes
hold the description and where each figure comes from.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from lib.base.i18n import tr
from lib.charts.common import crisis_label
from lib.charts.textfit import FONT_NAME, Para
from lib.export import qr, render
from lib.export import slide_layout as layout
from lib.export.slide_layout import Box
from lib.export.slides import (
    CHART_FONT,
    FIGURE_WIDTH,
    PAGE_HEIGHT,
    Slide,
    crisis_slides,
    downloaded_line,
)
from lib.model.bundle import Bundle

SLIDE_W, SLIDE_H = Emu(12_192_000), Emu(6_858_000)  # 13.333 × 7.5 in: 16:9 exactly
TITLE_ONLY = 5  # the default template's "Title Only" layout
FIXED_SIZE = ("map",)  # figures laid out in pixels: drawn at their own size, then placed
QR_SIDE = layout.QR_W


def set_alt_text(picture, text: str) -> None:
    """Set a picture's alt text (the 'descr' of its non-visual properties, which PowerPoint
    and LibreOffice read out)."""
    picture._element.nvPicPr.cNvPr.set("descr", text)


def _fill(frame, paragraphs: Sequence[Para]) -> None:
    """Write paragraphs into a text frame: font, size, weight and spacing of each set
    explicitly, insets as lib.export.slide_layout measures them, no autofit."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Pt(layout.INSET_X)
    frame.margin_top = frame.margin_bottom = Pt(layout.INSET_Y)
    for i, para in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.line_spacing = 1.0
        paragraph.space_before = Pt(0)
        paragraph.space_after = Pt(para.space_after)
        run = paragraph.add_run()
        run.text = para.text
        run.font.name = FONT_NAME
        run.font.size = Pt(para.size)
        run.font.bold = para.bold


def _text_box(page, box: Box, paragraphs: Sequence[Para]):
    shape = page.shapes.add_textbox(Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))
    _fill(shape.text_frame, paragraphs)
    return shape


def _fit(box: Box, aspect: float) -> Box:
    """Return the largest box of `aspect` (width / height) inside `box`, centred."""
    width = min(box.width, box.height * aspect)
    height = width / aspect
    return Box(box.left + (box.width - width) / 2, box.top, width, height)


def _picture(page, slide: Slide, box: Box) -> None:
    """Place the slide's chart as a picture filling `box` (its aspect kept), drawn so that
    its smallest text (CHART_FONT px) is at least layout.MIN_PT once placed."""
    if slide.kind in FIXED_SIZE:
        size = (FIGURE_WIDTH, PAGE_HEIGHT)
        placed = _fit(box, size[0] / size[1])
    else:
        placed = box
        per_pt = CHART_FONT / (layout.MIN_PT + 0.5)  # figure pixels per point of the slide
        size = (round(box.width * per_pt), round(box.height * per_pt))
    image = render.image_bytes(slide.figure, "png", size)
    pic = page.shapes.add_picture(
        io.BytesIO(image), Pt(placed.left), Pt(placed.top), Pt(placed.width), Pt(placed.height)
    )
    set_alt_text(pic, slide.description)


def _title(page, slide: Slide) -> None:
    title = page.shapes.title
    box = layout.title_box(slide.title)
    title.left, title.top = Pt(box.left), Pt(box.top)
    title.width, title.height = Pt(box.width), Pt(box.height)
    title.text_frame.text = ""
    frame = title.text_frame
    _fill(frame, [layout.title_para(slide.title)])
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def _first_slide_qr(page, body: Box, link: str, lang: str) -> Box:
    """Put the QR code of the view's link at the body's top right and the link under it,
    printed in full (broken before its query and each parameter); return the room left for
    the chart, beside them."""
    t = tr(lang)
    side = layout.QR_W
    left = body.left + body.width - side
    paras = [
        Para(line, layout.SOURCE_PT) for line in layout.link_lines(link, side - 2 * layout.INSET_X)
    ]
    height = layout.box_height(paras, side)
    side = min(side, body.height - height - layout.GAP)  # a long link leaves a smaller code
    code = page.shapes.add_picture(
        io.BytesIO(qr.qr_png(link)), Pt(left), Pt(body.top), Pt(side), Pt(side)
    )
    set_alt_text(code, t("QR code of the link to this view: {link}", link=link))
    _text_box(page, Box(left, body.top + side + layout.GAP, layout.QR_W, height), paras)
    return Box(body.left, body.top, body.width - layout.QR_W - layout.GAP, body.height)


def add_slide(prs, slide: Slide, stamp: str, link: str = "", lang: str = "en") -> None:
    """Add one slide: the title, the body (chart, list, or both), the source line and date,
    the QR code on the first slide, and the speaker notes."""
    page = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(page, slide)
    source = layout.source_box(slide.source, stamp)
    _text_box(page, source, layout.source_paras(slide.source, stamp))
    body = layout.body_box(slide.title, slide.source, stamp)
    if slide.kind == "title" and link:
        body = _first_slide_qr(page, body, link, lang)
    if slide.items:
        share = layout.ITEMS_SHARE if slide.figure is not None else 1.0
        width = body.width * share - (layout.GAP if slide.figure is not None else 0)
        _text_box(
            page, Box(body.left, body.top, width, body.height), layout.item_paras(slide.items)
        )
        body = Box(
            body.left + width + layout.GAP, body.top, body.width - width - layout.GAP, body.height
        )
    if slide.figure is not None:
        _picture(page, slide, body)
    page.notes_slide.notes_text_frame.text = slide.notes


def pptx_bytes(
    data: Bundle,
    crisis: str,
    lang: str = "en",
    day: dt.date | None = None,
    slides: list[Slide] | None = None,
    *,
    link: str,
    every_year: Bundle | None = None,
) -> bytes:
    """Return the PPTX file of a crisis; `data` already localized. `link` is the link the
    first slide's QR code opens, printed under it: the crisis's presenter mode on the public
    address the deck is made for (lib.export.pack.present_view_link), never an address of
    its own. `every_year` (the data in every year) gives the over-time slide, when `slides` are
    not given. Pictures are made by the process's kaleido browser (render.image_bytes), so
    this raises ExportUnavailable without Chrome/Chromium."""
    day = day or dt.date.today()
    slides = (
        slides if slides is not None else crisis_slides(data, crisis, lang, every_year=every_year)
    )
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = slides[0].title
    prs.core_properties.language = lang
    stamp = downloaded_line(crisis_label(data, crisis, lang), day, lang)
    for slide in slides:
        add_slide(prs, slide, stamp, link, lang)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
