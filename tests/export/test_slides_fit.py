"""Slides that fit, as a room sees them: every text box of every crisis's deck, in EN, ES
and PT, measured again with the slide's font (DejaVu Sans, read from each run) and checked to
fit its box at 18 pt or more, inside the slide and clear of every other box; every chart
picture drawn so that its smallest text is 18 pt once placed. And the QR code of the view's
link, decoded (zxing-cpp) from the PPTX's first slide, the handout's cover and /present's
first slide, carries the view's parameters.

The text-box checks replace the charts' pictures by a blank one (the layout does not depend
on them), so they need no browser; the QR and LibreOffice checks do.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from lib.base.languages import LANGS
from lib.base.schema import CRISES
from lib.charts.textfit import FONT_NAME, line_height, wrap
from lib.export import render
from lib.export import slide_layout as layout
from lib.export.slides import CHART_FONT
from lib.model.localise import localized
from tests.helpers import libreoffice_pdf

pytestmark = pytest.mark.slow  # every deck of every crisis in three languages, with kaleido

DAY = dt.date(2026, 11, 27)
EMU_PER_PT = 12_700
LINK = "https://data.example.org/dashboard/present?crisis={crisis}&lang={lang}"


def blank_png(*_args, **_kwargs) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 9), "white").save(out, format="PNG")
    return out.getvalue()


@dataclass
class Problem:
    slide: int
    what: str


def _pt(emu: int) -> float:
    return emu / EMU_PER_PT


def _rect(shape) -> tuple[float, float, float, float]:
    return (
        _pt(shape.left),
        _pt(shape.top),
        _pt(shape.left + shape.width),
        _pt(shape.top + shape.height),
    )


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def text_height(shape) -> float:
    """Return the height in points the shape's text takes, measured as the slide sets it:
    each run's font and size (checked to be the slide's font), wrapped in the box's width
    less its insets, with each paragraph's space after."""
    frame = shape.text_frame
    width = _pt(shape.width - frame.margin_left - frame.margin_right)
    total = _pt(frame.margin_top + frame.margin_bottom)
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        size = max(r.font.size.pt for r in runs)
        bold = any(r.font.bold for r in runs)
        lines = wrap("".join(r.text for r in runs), size, width, bold)
        total += len(lines) * line_height(size) + (paragraph.space_after or 0) / EMU_PER_PT
    return total


def deck_problems(prs) -> list[Problem]:
    """Return every way a deck's slides do not fit: a run not in the slide's font or under
    18 pt, a text taller than its box, a box off the slide, two boxes overlapping."""
    found = []
    width, height = _pt(prs.slide_width), _pt(prs.slide_height)
    for number, slide in enumerate(prs.slides, start=1):
        rects = []
        for shape in slide.shapes:
            rect = _rect(shape)
            if rect[0] < 0 or rect[1] < 0 or rect[2] > width + 0.5 or rect[3] > height + 0.5:
                found.append(Problem(number, f"{shape.name} runs off the slide: {rect}"))
            for other_name, other in rects:
                if _overlap(rect, other):
                    found.append(Problem(number, f"{shape.name} overlaps {other_name}"))
            rects.append((shape.name, rect))
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            for run in (r for p in shape.text_frame.paragraphs for r in p.runs):
                if run.font.name != FONT_NAME or run.font.size is None:
                    found.append(
                        Problem(number, f"{shape.name}: {run.text[:30]!r} not set in {FONT_NAME}")
                    )
                elif run.font.size.pt < layout.MIN_PT:
                    found.append(Problem(number, f"{shape.name}: {run.font.size.pt} pt < 18 pt"))
            need = text_height(shape)
            if need > _pt(shape.height) + 0.5:
                found.append(
                    Problem(
                        number,
                        f"{shape.name}: text {need:.0f} pt in a box of "
                        f"{_pt(shape.height):.0f} pt: {shape.text_frame.text[:60]!r}",
                    )
                )
    return found


@pytest.fixture(scope="module")
def decks(bundle):
    """Every crisis's deck in EN, ES and PT, with blank pictures (what the layout places is
    what is measured; the pictures' own text is checked apart)."""
    from lib.export import powerpoint

    sizes: dict[tuple[str, str], list] = {}
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        for crisis in CRISES:
            for lang in LANGS:
                calls = sizes.setdefault((crisis, lang), [])

                def record(fig, fmt, size=render.PNG_SIZE, calls=calls):
                    calls.append((fig, size))
                    return blank_png()

                mp.setattr(render, "image_bytes", record)
                link = LINK.format(crisis=crisis, lang=lang)
                out[crisis, lang] = powerpoint.pptx_bytes(
                    localized(bundle, lang), crisis, lang, DAY, link=link
                )
    return out, sizes


def open_deck(content: bytes):
    from pptx import Presentation

    return Presentation(io.BytesIO(content))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("crisis", CRISES)
def test_every_text_box_fits_its_area_at_18_pt(decks, crisis, lang):
    prs = open_deck(decks[0][crisis, lang])
    problems = deck_problems(prs)
    assert problems == [], "\n".join(f"slide {p.slide}: {p.what}" for p in problems)


def test_the_check_finds_a_box_that_overflows_and_a_small_font(decks):
    """The measure itself: text added to a slide's action list overflows its box, and a run
    set at 14 pt is reported."""
    from pptx.util import Pt

    prs = open_deck(decks[0]["haiti", "en"])
    slide = next(s for s in prs.slides if s.shapes.title.text.startswith("Actions"))
    box = max((s for s in slide.shapes if s.has_text_frame), key=lambda s: len(s.text_frame.text))
    run = box.text_frame.paragraphs[-1].runs[0]
    run.text += " attribution in doubt" * 40
    prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    whats = [p.what for p in deck_problems(prs)]
    assert any("text" in w and "in a box of" in w for w in whats), whats
    assert any("14.0 pt < 18 pt" in w for w in whats), whats


@pytest.mark.parametrize("crisis", CRISES)
def test_titles_fit_on_one_line_or_the_body_moves_down(decks, crisis):
    prs = open_deck(decks[0][crisis, "es"])
    for slide in prs.slides:
        title = slide.shapes.title
        lines = len(
            wrap(
                title.text_frame.text,
                title.text_frame.paragraphs[0].runs[0].font.size.pt,
                _pt(title.width) - 2 * layout.INSET_X,
                True,
            )
        )
        below = [s for s in slide.shapes if s.shape_id != title.shape_id]
        assert all(_pt(s.top) >= _pt(title.top + title.height) for s in below), title.text
        if lines > 1:  # a wrapped title is never smaller than the middle size
            assert title.text_frame.paragraphs[0].runs[0].font.size.pt == layout.TITLE_SIZES[1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("crisis", CRISES)
def test_every_chart_picture_has_its_text_at_18_pt_once_placed(decks, crisis, lang):
    """A picture's smallest text is CHART_FONT pixels of the drawing; placed on the slide at
    its drawn width, that is at least 18 pt."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = open_deck(decks[0][crisis, lang])
    calls = iter(decks[1][crisis, lang])
    for slide in prs.slides:
        for pic in (s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE):
            alt = pic._element.nvPicPr.cNvPr.get("descr")
            if alt.startswith(("QR", "Código QR", "Código")) and "http" in alt:
                continue  # the QR code, not a chart
            fig, (drawn_w, _h) = next(calls)
            sizes = _font_sizes(fig)
            if not sizes:
                continue  # a map with no text (the actions' countries)
            smallest = min(sizes) * _pt(pic.width) / drawn_w
            assert min(sizes) >= CHART_FONT and smallest >= layout.MIN_PT, (
                slide.shapes.title.text,
                smallest,
            )


def _font_sizes(fig) -> list[float]:
    """Return the size of every text a figure draws: annotations, traces' text, legend."""
    spec = fig.to_plotly_json()
    lay = spec["layout"]
    sizes = []
    for note in lay.get("annotations", []):
        if note.get("text"):
            sizes.append(note.get("font", {}).get("size", lay.get("font", {}).get("size", 12)))
    for trace in spec["data"]:
        if trace.get("text") is not None or trace.get("mode", "").find("text") >= 0:
            sizes.append(trace.get("textfont", {}).get("size", lay.get("font", {}).get("size", 12)))
    if any(t.get("showlegend") for t in spec["data"]):
        sizes.append(lay.get("legend", {}).get("font", {}).get("size", 12))
    return sizes


# --------------------------------------------------------------------------- QR codes


def decoded(image: Image.Image) -> list[str]:
    """Return the text of every QR code zxing-cpp finds in a picture."""
    import zxingcpp

    return [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


def view_of(link: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(link)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", parse_qs(parts.query)


def test_the_pptx_first_slide_carries_the_qr_code_of_the_view_and_prints_the_link(decks):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    first = open_deck(decks[0]["haiti", "es"]).slides[0]
    link = LINK.format(crisis="haiti", lang="es")
    codes = [
        decoded(Image.open(io.BytesIO(s.image.blob)))
        for s in first.shapes
        if s.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert [link] in codes
    assert view_of(link) == (
        "https://data.example.org/dashboard/present",
        {"crisis": ["haiti"], "lang": ["es"]},
    )
    text = "".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert link in "".join(text.split())  # printed under the code, in full (over lines)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_the_qr_code_scans_from_the_first_slide_as_libreoffice_shows_it(decks, tmp_path):
    path = tmp_path / "deck.pptx"
    path.write_bytes(decks[0]["northern_triangle", "pt"])
    pdf, done = libreoffice_pdf(path)
    assert pdf.exists(), done.stderr.decode(errors="replace")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "96",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(tmp_path / "slide"),
        ],
        check=True,
    )
    [png] = list(tmp_path.glob("slide*.png"))
    [link] = decoded(Image.open(png))
    assert view_of(link)[1] == {"crisis": ["northern_triangle"], "lang": ["pt"]}


@pytest.mark.slow
@pytest.mark.skipif(
    render.chrome_path() is None or shutil.which("pdftoppm") is None,
    reason="needs Chromium and poppler-utils",
)
def test_the_handout_cover_carries_the_qr_code_of_the_view(bundle, monkeypatch, tmp_path):
    from lib.export import handout

    monkeypatch.setattr(render, "image_bytes", lambda *a, **k: b"<svg></svg>")
    link = LINK.format(crisis="venezuela", lang="pt")
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(handout.handout_pdf(localized(bundle, "pt"), "venezuela", "pt", DAY, link))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "cover")],
        check=True,
    )
    [png] = list(tmp_path.glob("cover*.png"))
    assert decoded(Image.open(png)) == [link]
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert link in "".join(text.split())  # printed beside it (a line may break in the link)


def test_present_first_slide_shows_the_qr_code_of_its_view_with_the_link(monkeypatch):
    """/present's first slide sends a PNG whose QR code is the presenter mode's link for this
    crisis and language (the bytes are caught where Streamlit stores them)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from tests.helpers import open_page

    sent: list[bytes] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if mimetype == "image/png":
            sent.append(path_or_data)
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    at = open_page("pages/present.py", crisis="haiti", lang="es", slide="1")
    [link] = [text for data in sent for text in decoded(Image.open(io.BytesIO(data)))]
    assert view_of(link) == ("http://localhost:8501/present", {"crisis": ["haiti"], "lang": ["es"]})
    assert any(link in m.value for m in at.markdown)  # printed under it
    assert at.get("image")[0].proto.imgs[0].alt.endswith(link)
    at = open_page("pages/present.py", crisis="haiti", lang="es", slide="2")
    assert not at.get("image")  # on the first slide only


@pytest.mark.parametrize(
    "link",
    [
        "https://data.example.org/dashboard/present?crisis=northern_triangle&lang=es",
        "http://localhost:8501/present?crisis=haiti",
        "https://a-very-long-subdomain-name.ministerio.example.gob/present?crisis=haiti",
    ],
)
def test_a_link_broken_for_the_qr_column_keeps_every_character_and_fits(link):
    from lib.charts.textfit import text_width

    width = layout.QR_W - 2 * layout.INSET_X
    lines = layout.link_lines(link, width)
    assert "".join(lines) == link
    assert all(text_width(line, layout.SOURCE_PT) <= width for line in lines)
