"""The slides of a crisis as a PowerPoint file (python-pptx): one 16:9 slide per slide of
/present.

On each slide: the title in the layout's title placeholder, the chart as a picture made at
slide resolution (1920 px wide slide, the picture 1800 px), the source line with the date of
the figures and the download date as text. The picture's alt text is the chart's description
(lib.describe); the speaker notes hold the description and where each figure comes from.
"""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation
from pptx.util import Emu, Pt

from lib import render
from lib.charts import crisis_label
from lib.data import Bundle
from lib.slides import PICTURE, Slide, crisis_slides, downloaded_line

SLIDE_W, SLIDE_H = Emu(12_192_000), Emu(6_858_000)  # 13.333 × 7.5 in: 16:9 exactly
PX = SLIDE_W / 1920  # one pixel of a 1920×1080 slide, in EMU
TITLE_ONLY = 5  # the default template's "Title Only" layout
ITEMS_SHARE = 0.55  # an actions slide: the list's share of the width, the chart beside it


def _px(n: float) -> Emu:
    return Emu(int(n * PX))


def set_alt_text(picture, text: str) -> None:
    """Set a picture's alt text (the 'descr' of its non-visual properties, which PowerPoint
    and LibreOffice read out)."""
    picture._element.nvPicPr.cNvPr.set("descr", text)


def picture_size(slide: Slide) -> tuple[int, int]:
    """Return the pixel size of a slide's chart picture (narrower beside a list of actions)."""
    if slide.items:
        return int(PICTURE[0] * (1 - ITEMS_SHARE)), PICTURE[1]
    return PICTURE


def add_slide(prs, slide: Slide, picture: bytes, stamp: str) -> None:
    """Add one slide: title placeholder, picture with alt text, actions as text, the source
    line and date, and the speaker notes."""
    page = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    title = page.shapes.title
    title.left, title.top, title.width, title.height = _px(60), _px(20), _px(1800), _px(130)
    title.text = slide.title
    for paragraph in title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(32)
            run.font.bold = True
    width, height = picture_size(slide)
    left = 60 + (1800 - width if slide.items else 0)
    pic = page.shapes.add_picture(io.BytesIO(picture), _px(left), _px(160), _px(width), _px(height))
    set_alt_text(pic, slide.description)
    if slide.items:
        box = page.shapes.add_textbox(_px(60), _px(170), _px(1800 * ITEMS_SHARE - 40), _px(780))
        frame = box.text_frame
        frame.word_wrap = True
        for i, (item_title, detail) in enumerate(slide.items):
            head = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            head.text = item_title
            head.runs[0].font.size, head.runs[0].font.bold = Pt(18), True
            body = frame.add_paragraph()
            body.text = detail
            body.runs[0].font.size = Pt(14)
            body.space_after = Pt(12)
    source = page.shapes.add_textbox(_px(60), _px(980), _px(1800), _px(90))
    frame = source.text_frame
    frame.word_wrap = True
    frame.paragraphs[0].text = slide.source
    second = frame.add_paragraph()
    second.text = stamp
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(11)
    page.notes_slide.notes_text_frame.text = slide.notes


def pptx_bytes(
    data: Bundle,
    crisis: str,
    lang: str = "en",
    day: dt.date | None = None,
    slides: list[Slide] | None = None,
) -> bytes:
    """Return the PPTX file of a crisis; `data` already localized. Pictures are made by the
    process's kaleido browser (render.image_bytes), so this raises ExportUnavailable
    without Chrome/Chromium."""
    day = day or dt.date.today()
    slides = slides if slides is not None else crisis_slides(data, crisis, lang)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = slides[0].title
    prs.core_properties.language = lang
    stamp = downloaded_line(crisis_label(data, crisis, lang), day, lang)
    for slide in slides:
        add_slide(prs, slide, render.image_bytes(slide.figure, "png", picture_size(slide)), stamp)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
