"""The PPTX deck and the PDF handout as a reader opens them: python-pptx, LibreOffice
(headless, Debian's package) and pdftotext (poppler-utils). And the command line's flags."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from lib.base.fmt import people_compact
from lib.base.schema import ROOT
from lib.export import pack as export
from lib.export import render
from lib.model.localise import localized
from tests.helpers import libreoffice_pdf

pytestmark = pytest.mark.slow  # kaleido, Chromium's print to PDF and LibreOffice

DAY = dt.date(2026, 11, 27)
LINK = "http://localhost:8501/present?crisis=venezuela"
needs_chrome = pytest.mark.skipif(render.chrome_path() is None, reason="needs Chrome/Chromium")


@pytest.fixture(scope="module")
def deck(bundle):
    from lib.export.powerpoint import pptx_bytes

    if render.chrome_path() is None:
        pytest.skip("needs Chrome/Chromium")
    return {
        lang: pptx_bytes(localized(bundle, lang), "venezuela", lang, DAY, link=LINK)
        for lang in ("en", "es")
    }


@pytest.fixture(scope="module")
def handout(bundle):
    from lib.export.handout import handout_pdf

    if render.chrome_path() is None:
        pytest.skip("needs Chrome/Chromium")
    return handout_pdf(bundle, "venezuela", "en", DAY, LINK)


def open_deck(content: bytes):
    from pptx import Presentation

    return Presentation(io.BytesIO(content))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_slide_has_a_title_a_described_picture_or_a_list_and_notes_with_the_figures(
    deck, lang
):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = open_deck(deck[lang])
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    slides = list(prs.slides)
    # as /present: title, map, nested, corridors, the 7 actions on 3 slides, 9 flows on 2
    assert len(slides) == 9
    titles = [s.shapes.title.text for s in slides]
    assert len(set(titles)) == 9 and all(titles)
    assert titles[0].startswith("Venezuela")
    figures = [people_compact(p, lang) for p in (5_100_000, 4_300_000, 1_800_000)]
    for slide in slides:
        title = slide.shapes.title.text
        pictures = [
            s
            for s in slide.shapes
            if s.shape_type == MSO_SHAPE_TYPE.PICTURE
            and "QR" not in s.name + (s._element.nvPicPr.cNvPr.get("descr") or "")
        ]
        sources = title.startswith(("Sources", "Fuentes"))
        assert len(pictures) == (0 if sources else 1), title  # the sources are a list
        for picture in pictures:
            alt = picture._element.nvPicPr.cNvPr.get("descr")
            assert alt and len(alt) > 40
            # made at slide resolution: a pixel or more per pixel of a 1920 px wide screen
            assert picture.image.size[0] >= picture.width / prs.slide_width * 1920
            assert alt in slide.notes_slide.notes_text_frame.text
        notes = slide.notes_slide.notes_text_frame.text
        if not title.startswith(("Acciones", "Actions")):
            assert all(f in notes for f in figures), title
            assert "MIGRATION, A DYNAMIC PHENOMENON" in notes  # the figures' provenance
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert "2020" in text and "2026-11-27" in text  # the source line and date as text


def test_map_picture_alt_text_is_the_map_in_words(deck):
    from lib.charts.describe import map_description

    prs = open_deck(deck["en"])
    slide = list(prs.slides)[1]
    pic = next(s for s in slide.shapes if s.shape_type == 13)
    assert pic._element.nvPicPr.cNvPr.get("descr") == map_description(
        __import__("lib.model.bundle", fromlist=["load_bundle"]).load_bundle(), "venezuela", "en"
    )


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="needs LibreOffice (libreoffice-impress)"
)
def test_libreoffice_opens_the_deck_and_renders_every_slide(deck, tmp_path):
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck["en"])
    pdf, done = libreoffice_pdf(path)
    assert pdf.exists(), done.stderr.decode(errors="replace")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           9" in info
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Who moves where: Venezuela" in text and "Sources: Venezuela" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_handout_text_has_the_crisis_figures_source_pages_and_link(handout, tmp_path):
    path = tmp_path / "handout.pdf"
    path.write_bytes(handout)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    pages = int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])
    assert pages >= 4
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Venezuela: migration and the policy actions that answer it" in text
    assert "5.1 million" in text and "1.8 million" in text
    assert "Source: EUROsociAL+ migration sheet" in text and "from about 2020" in text
    for page in range(1, pages + 1):  # every page numbered, at its foot
        alone = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert re.search(rf"(?m)^\s*{page}\s*/\s*{pages}\s*$", alone), alone[-200:]
    assert LINK in text
    assert "Who moves where: Venezuela" in text  # the charts' titles, one per half page
    assert "Chile Valora" in text  # the actions
    assert "The UN estimates that 5.1 million Venezuelans have emigrated" in text  # sources table


def test_handout_charts_are_vectors_not_pictures(handout, tmp_path):
    path = tmp_path / "handout.pdf"
    path.write_bytes(handout)
    if shutil.which("pdfimages") is None:
        pytest.skip("needs poppler-utils")
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert len(listing.strip().splitlines()) <= 2  # header lines only: no raster image


@needs_chrome
def test_briefing_pack_holds_the_deck_and_the_handout(bundle):
    files, problem = export.briefing_pack(
        localized(bundle, "pt"), "venezuela", "pt", "http://localhost:8501", DAY
    )
    assert problem is None
    assert "venezuela_slides_pt_2026-11-27.pptx" in files
    assert files["venezuela_handout_pt_2026-11-27.pdf"].startswith(b"%PDF")
    with zipfile.ZipFile(io.BytesIO(export.zip_bytes(files))) as zf:
        assert "venezuela_slides_pt_2026-11-27.pptx" in zf.namelist()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lib.export", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--crisis", "venezuela", "--format", "docx", "--out", "x"], "invalid choice: 'docx'"),
        (["--crisis", "atlantis", "--format", "pdf", "--out", "x"], "invalid choice: 'atlantis'"),
        (["--crisis", "all", "--format", "pptx", "--out", "x"], "--format pptx needs one crisis"),
        (["--crisis", "haiti", "--format", "pdf"], "the following arguments are required: --out"),
        (
            ["--crisis", "haiti", "--format", "pdf", "--lang", "fr", "--out", "x"],
            "invalid choice: 'fr'",
        ),
    ],
)
def test_bad_flags_exit_2_with_a_clear_message(args, message, tmp_path):
    done = run_cli(*[str(tmp_path / a) if a == "x" else a for a in args])
    assert done.returncode == 2
    assert message in done.stderr
    assert not any(tmp_path.iterdir())  # nothing written


@needs_chrome
@pytest.mark.parametrize(("fmt", "lang"), [("pptx", "es"), ("pdf", "pt")])
def test_cli_writes_one_deck_or_handout_named_for_its_language(fmt, lang, tmp_path):
    done = run_cli("--crisis", "haiti", "--format", fmt, "--lang", lang, "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    name = "slides" if fmt == "pptx" else "handout"
    [written] = list(tmp_path.iterdir())
    assert written.name == f"haiti_{name}_{lang}_{dt.date.today().isoformat()}.{fmt}"
    if fmt == "pptx":
        titles = [s.shapes.title.text for s in open_deck(written.read_bytes()).slides]
        assert titles[0] == "Haití: la migración y las acciones de política que le responden"


def test_the_handouts_templates_escape_what_they_are_given(bundle, monkeypatch):
    """The handout is written by Jinja2 templates with autoescape: an action's text and the
    link cannot become markup, and the link cannot close the <style> it sits in."""
    from lib.export import handout

    monkeypatch.setattr(render, "image_bytes", lambda *a, **k: b"<svg><text>map</text></svg>")
    data = localized(bundle, "en")
    actions = data.actions.copy()
    actions.loc[actions["action_id"] == "chl_criminal_defence_model", "title"] = (
        "Legal aid <b>network</b>"
    )
    data = dataclasses.replace(data, actions=actions)
    link = 'http://x/?q="</style><script>alert(1)</script>'
    html = handout.handout_html(data, "venezuela", "en", DAY, link)
    assert "<script>" not in html and "</style><script>" not in html
    assert "Legal aid &lt;b&gt;network&lt;/b&gt;" in html
    assert html.count("<svg>") == 3  # the map, nested and corridor charts, inline
    assert '\\"\\3c /style>\\3c script>' in html  # the link in the page-margin box, escaped
