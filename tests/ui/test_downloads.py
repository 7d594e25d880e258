"""lib/ui/downloads.py: the slides, handout and briefing pack a reader downloads from the app
are made on the dashboard's public address (lib.ui.downloads.base_url) and with every year of
the data. Each button's file is made as its click makes it, and opened: the deck's QR code
decoded, the handout's page read, the pack's files listed."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from lib.export import handout, render
from lib.model import timeline
from lib.model.bundle import load_bundle
from lib.model.localise import localized
from lib.ui import downloads
from lib.ui.cache import PageContext
from tests.helpers import first_slide_qr_links

PUBLIC = "https://data.example.org/dashboard"
PRESENT = f"{PUBLIC}/present?crisis=haiti&lang=es&year=2010&indicator=undesa_stock"


def blank_image(fig, fmt, size=None) -> bytes:
    """What kaleido would draw, without a browser: a blank PNG, or an empty SVG."""
    if fmt == "svg":
        return b'<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"></svg>'
    out = io.BytesIO()
    Image.new("RGB", (16, 9), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def clicked(monkeypatch):
    """Return {button key: the bytes its click gives}: every download button drawn records
    its deferred file, made here as a click would make it; the handout's HTML stands for its
    PDF (no Chromium needed), and the public address is PUBLIC's."""
    made: dict[str, bytes] = {}

    def button(label, data, **kwargs):
        made[kwargs["key"]] = data() if callable(data) else data

    monkeypatch.setattr(downloads.st, "download_button", button)
    monkeypatch.setattr(downloads, "base_url", lambda: PUBLIC)
    monkeypatch.setattr(downloads, "can_draw_images", lambda: True)
    monkeypatch.setattr(render, "image_bytes", blank_image)
    monkeypatch.setattr(handout, "print_pdf", lambda html: html.encode("utf-8"))
    return made


@pytest.fixture(scope="module")
def haiti_in_2010(timed_data) -> PageContext:
    """A page's context for Haiti in Spanish, UN DESA's stock in 2010 (of a folder with
    years), as lib.ui.page.setup makes it: the view's flows, every year in `full`."""
    every = localized(load_bundle(timed_data), "es")
    view = timeline.at(every, timeline.choice_for(every.flows, "haiti", "undesa_stock", 2010))
    return PageContext(view, "haiti", {"haiti": "Haití"}, "es", full=every)


def test_the_slides_button_gives_a_deck_whose_qr_code_opens_the_public_presenter_mode(
    clicked, haiti_in_2010
):
    from pptx import Presentation

    downloads.slides_download(haiti_in_2010, "map")
    deck = clicked["slides_map"]
    assert first_slide_qr_links(deck) == [PRESENT]
    titles = [slide.shapes.title.text for slide in Presentation(io.BytesIO(deck)).slides]
    assert "Haití: los mayores destinos, 1990–2024" in titles  # every year reached the deck


def test_the_handout_button_gives_a_handout_that_opens_the_public_presenter_mode(
    clicked, haiti_in_2010
):
    downloads.handout_download(haiti_in_2010, "corridors")
    page = clicked["handout_corridors"].decode("utf-8")
    assert f'<a href="{PRESENT.replace("&", "&amp;")}">' in page
    assert "localhost" not in page
    assert "Haití: los mayores destinos, 1990–2024" in page


def test_the_pack_button_gives_every_link_on_the_public_address_and_the_over_time_chart(
    clicked, haiti_in_2010
):
    downloads.pack_download(haiti_in_2010, "map")
    with zipfile.ZipFile(io.BytesIO(clicked["briefing_pack"])) as zf:
        names = zf.namelist()
        link = zf.read("LINK.txt").decode()
        deck = zf.read(next(n for n in names if n.endswith(".pptx")))
    assert link == f"{PUBLIC}/map?crisis=haiti&lang=es&year=2010&indicator=undesa_stock\n"
    assert first_slide_qr_links(deck) == [PRESENT]
    stem = "haiti_trend_undesa_stock-2010_es_"
    assert {ext for n in names if n.startswith(stem) for ext in [n.rsplit(".", 1)[1]]} == {
        "png",
        "svg",
        "csv",
    }
