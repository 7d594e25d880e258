"""Slides that fit, as a room sees them: every text box of every crisis's deck, in EN, ES
and PT, measured again with the slide's font (DejaVu Sans, read from each run) and checked to
fit its box at 18 pt or more, inside the slide and clear of every other box; every chart
picture drawn so that its smallest text is 18 pt once placed; the same for the decks of a data
folder with years, which have the over-time slide (and LibreOffice shows it with no text off
the slide). And the QR code of the view's link, decoded (zxing-cpp) from the PPTX's first
slide, the handout's cover and /present's first slide, carries the view's parameters, on the
address `python -m lib.export --link` was given.

The text-box checks replace the charts' pictures by a blank one (the layout does not depend
on them), so they need no browser; the QR and LibreOffice checks do.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from lib.base.languages import LANGS
from lib.base.schema import CRISES
from lib.charts.textfit import FONT_NAME, line_height, wrap
from lib.export import render
from lib.export import slide_layout as layout
from lib.export.slides import CHART_FONT
from lib.model.localise import localized
from tests.helpers import decoded, first_slide_qr_links, libreoffice_pdf, view_of

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


def blank_decks(views) -> tuple[dict, dict]:
    """Return {key: PPTX bytes} and {key: [(figure, drawn size)]} for `views` {key: (data,
    crisis, lang, every_year)}, each deck's pictures blank and their figures recorded."""
    from lib.export import powerpoint

    sizes: dict = {}
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        for key, (data, crisis, lang, every_year) in views.items():
            calls = sizes.setdefault(key, [])

            def record(fig, fmt, size=render.PNG_SIZE, calls=calls):
                calls.append((fig, size))
                return blank_png()

            mp.setattr(render, "image_bytes", record)
            link = LINK.format(crisis=crisis, lang=lang)
            out[key] = powerpoint.pptx_bytes(
                data, crisis, lang, DAY, link=link, every_year=every_year
            )
    return out, sizes


@pytest.fixture(scope="module")
def decks(bundle):
    """Every crisis's deck in EN, ES and PT, with blank pictures (what the layout places is
    what is measured; the pictures' own text is checked apart)."""
    return blank_decks(
        {
            (crisis, lang): (localized(bundle, lang), crisis, lang, bundle)
            for crisis in CRISES
            for lang in LANGS
        }
    )


YEARS_CRISES = ("venezuela", "haiti")  # the crises the test folder's UN DESA table has years for
TREND_TITLE = {
    ("venezuela", "en"): "Venezuela: the largest destinations, 1990–2024",
    ("venezuela", "es"): "Venezuela: los mayores destinos, 1990–2024",
    ("venezuela", "pt"): "Venezuela: os maiores destinos, 1990–2024",
    ("haiti", "en"): "Haiti: the largest destinations, 1990–2024",
    ("haiti", "es"): "Haití: los mayores destinos, 1990–2024",
    ("haiti", "pt"): "Haiti: os maiores destinos, 1990–2024",
}


@pytest.fixture(scope="module")
def year_decks(timed_data):
    """The decks of a data folder with years (tests/conftest.py's timed_data: UN DESA's
    stock, 1990-2024), of that indicator, in EN, ES and PT: each has the over-time slide."""
    from lib.model import timeline
    from lib.model.bundle import load_bundle

    loaded = load_bundle(timed_data)
    views = {}
    for lang in LANGS:
        every = localized(loaded, lang)
        for crisis in YEARS_CRISES:
            choice = timeline.choice_for(every.flows, crisis, "undesa_stock")
            views[crisis, lang] = (timeline.at(every, choice), crisis, lang, every)
    return blank_decks(views)


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
    assert small_picture_text(open_deck(decks[0][crisis, lang]), decks[1][crisis, lang]) == []


def small_picture_text(prs, drawn: list) -> list[tuple[str, float]]:
    """Return (slide title, size once placed) for each chart picture of a deck whose smallest
    text is under CHART_FONT pixels of its drawing or under 18 pt once placed; `drawn` the
    (figure, drawn size) of each picture, in order."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    calls = iter(drawn)
    small = []
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
            if min(sizes) < CHART_FONT or smallest < layout.MIN_PT:
                small.append((slide.shapes.title.text, smallest))
    return small


def _font_sizes(fig) -> list[float]:
    """Return the size of every text a figure draws: annotations, traces' text, legend, the
    tick labels of an axis shown."""
    spec = fig.to_plotly_json()
    lay = spec["layout"]
    sizes = []
    axes = [axis for name, axis in lay.items() if name.startswith(("xaxis", "yaxis"))]
    for axis in axes:
        if axis.get("visible", True) and axis.get("showticklabels", True):
            sizes.append(axis.get("tickfont", {}).get("size", lay.get("font", {}).get("size", 12)))
    for note in lay.get("annotations", []):
        if note.get("text"):
            sizes.append(note.get("font", {}).get("size", lay.get("font", {}).get("size", 12)))
    for trace in spec["data"]:
        if trace.get("text") is not None or trace.get("mode", "").find("text") >= 0:
            sizes.append(trace.get("textfont", {}).get("size", lay.get("font", {}).get("size", 12)))
    if lay.get("showlegend") or any(t.get("showlegend") for t in spec["data"]):
        sizes.append(lay.get("legend", {}).get("font", {}).get("size", 12))
    return sizes


# --------------------------------------------------------------------------- QR codes


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


# --------------------------------------------------------------------------- over time


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("crisis", YEARS_CRISES)
def test_the_over_time_slide_fits_at_18_pt_like_every_other(year_decks, crisis, lang):
    """A folder with years gives the deck an over-time slide after the corridors: its title,
    its source line (the dataset, no one year) and its chart fit as every slide's do."""
    prs = open_deck(year_decks[0][crisis, lang])
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert titles[4] == TREND_TITLE[crisis, lang]
    assert titles.count(TREND_TITLE[crisis, lang]) == 1
    problems = deck_problems(prs)
    assert problems == [], "\n".join(f"slide {p.slide}: {p.what}" for p in problems)
    assert small_picture_text(prs, year_decks[1][crisis, lang]) == []
    text = [s.text_frame.text for s in prs.slides[4].shapes if s.has_text_frame]
    assert any("UN DESA, International Migrant Stock 2024, Table 1:" in t for t in text), text


def test_the_over_time_slide_names_its_lines_in_a_legend_at_the_rooms_size(year_decks):
    """The slide's chart has no table beside it: its one line is named in a legend, at
    CHART_FONT, and no more than eight years are named on its axis."""
    from lib.export.slides import TREND_TICKS

    prs = open_deck(year_decks[0]["venezuela", "en"])
    trend = next(i for i, s in enumerate(prs.slides) if s.shapes.title.text.endswith("1990–2024"))
    charts = [f for f, _ in year_decks[1]["venezuela", "en"]]
    fig = charts[trend]  # one chart per slide up to the actions (the title's key figures first)
    assert [t.name for t in fig.data] == ["Colombia"] and fig.layout.showlegend
    assert fig.layout.legend.font.size >= CHART_FONT
    assert len(fig.layout.xaxis.tickvals) <= TREND_TICKS and fig.layout.xaxis.tickvals[-1] == 2024


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice and poppler-utils",
)
def test_libreoffice_shows_the_over_time_slide_with_no_text_off_the_slide(year_decks, tmp_path):
    import re

    path = tmp_path / "deck.pptx"
    path.write_bytes(year_decks[0]["haiti", "es"])
    pdf, done = libreoffice_pdf(path)
    assert pdf.exists(), done.stderr.decode(errors="replace")
    box = subprocess.run(
        ["pdftotext", "-f", "5", "-l", "5", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    width, height = map(float, re.search(r'<page width="([\d.]+)" height="([\d.]+)"', box).groups())
    number = r'"([\d.-]+)"'
    word = rf"<word xMin={number} yMin={number} xMax={number} yMax={number}>([^<]*)</word>"
    words = [
        (float(x0), float(y0), float(x1), float(y1), text)
        for x0, y0, x1, y1, text in re.findall(word, box)
    ]
    text = " ".join(w[-1] for w in words)
    assert "Haití: los mayores destinos, 1990–2024" in text
    assert "Sin cifra (un hueco en la línea, no un cero): Perú en 1990." in text
    assert "Crisis: Haití · Descargado el 2026-11-27" in text  # the last line, at the foot
    off = [w for w in words if w[0] < 0 or w[1] < 0 or w[2] > width + 0.5 or w[3] > height + 0.5]
    assert off == []


# --------------------------------------------------------------------------- public links

PUBLIC = "https://dashboard.example.org"


def cover_qr_links(pdf: Path) -> list[str]:
    """Return what the QR codes of a PDF's first page open, rendered at 150 dpi."""
    prefix = pdf.parent / f"{pdf.stem}-cover"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True
    )
    [png] = list(pdf.parent.glob(f"{prefix.name}*.png"))
    return decoded(Image.open(png))


@pytest.mark.skipif(
    render.chrome_path() is None or shutil.which("pdftoppm") is None,
    reason="needs Chromium and poppler-utils",
)
@pytest.mark.parametrize(
    "fmt, lang, link",
    [("pptx", "en", PUBLIC), ("pdf", "es", PUBLIC), ("pack", "pt", PUBLIC), ("pptx", "es", None)],
)
def test_the_command_lines_qr_codes_open_presenter_mode_on_the_address_given(
    fmt, lang, link, tmp_path, monkeypatch
):
    """`python -m lib.export --link URL`: the QR code of the deck's first slide and of the
    handout's cover (alone, or in the pack) opens the crisis's presenter mode on URL, with the
    language unless English; without --link, on localhost, which --help names as the
    default."""
    from lib.export.pack import main

    monkeypatch.delenv("DASHBOARD_DATA", raising=False)
    out = tmp_path / "out"
    args = ["--crisis", "haiti", "--lang", lang, "--out", str(out)]
    args += ["--link", link] if link else []
    args += [] if fmt == "pack" else ["--format", fmt]
    assert main(args) == 0
    decks, handouts = sorted(out.glob("*.pptx")), sorted(out.glob("*.pdf"))
    assert (len(decks), len(handouts)) == {"pptx": (1, 0), "pdf": (0, 1), "pack": (1, 1)}[fmt]
    query = {"crisis": ["haiti"]} | ({} if lang == "en" else {"lang": [lang]})
    base = f"{link or 'http://localhost:8501'}/present"
    for deck in decks:
        assert [view_of(found) for found in first_slide_qr_links(deck.read_bytes())] == [
            (base, query)
        ]
    for handout in handouts:
        assert [view_of(found) for found in cover_qr_links(handout)] == [(base, query)]
        text = subprocess.run(
            ["pdftotext", str(handout), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert ("localhost" in text) == (link is None)  # the cover and every page's foot
    if fmt == "pack":
        assert (out / "LINK.txt").read_text() == f"{PUBLIC}/?crisis=haiti&lang=pt\n"


@pytest.mark.skipif(render.chrome_path() is None, reason="needs Chromium")
def test_the_decks_qr_code_carries_the_indicator_and_year_of_the_view(timed_data, tmp_path):
    from lib.export.pack import main

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_DATA", str(timed_data))
        args = ["--crisis", "venezuela", "--indicator", "undesa_stock", "--year", "2010"]
        args += ["--format", "pptx", "--link", f"{PUBLIC}/dashboard/", "--out", str(tmp_path)]
        assert main(args) == 0
    [deck] = list(tmp_path.glob("*.pptx"))
    assert first_slide_qr_links(deck.read_bytes()) == [
        f"{PUBLIC}/dashboard/present?crisis=venezuela&year=2010&indicator=undesa_stock"
    ]
    titles = [slide.shapes.title.text for slide in open_deck(deck.read_bytes()).slides]
    assert "Venezuela: the largest destinations, 1990–2024" in titles
