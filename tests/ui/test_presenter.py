"""/present through AppTest: the slides a presenter sees, the URL, the notices and the notes."""

from __future__ import annotations

import json

import pytest

from tests.helpers import open_page, param

PAGE = "pages/present.py"


def title(at) -> str:
    return at.title[0].value


def counter(at) -> str:
    return next(m.value for m in at.markdown if " / " in m.value and len(m.value) < 10)


def test_first_slide_shows_the_crisis_key_figures_counter_and_no_sidebar():
    at = open_page(PAGE, crisis="venezuela", slide="1")
    assert not at.exception
    assert title(at) == "Venezuela: migration and the policy actions that answer it"
    assert counter(at) == "1 / 9"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    texts = " ".join(a.get("text", "") for a in spec["layout"]["annotations"])
    for figure in ("5.1 million", "4.3 million", "1.8 million", "800 thousand", "2.5 million"):
        assert figure in texts
    assert len(at.sidebar) == 0
    assert not at.warning


@pytest.mark.parametrize(
    ("slide", "expected"),
    [
        ("2", "Who moves where: Venezuela"),
        ("3", "Venezuela: flows named in the sheet, nested as the sheet nests them"),
        ("4", "Venezuela: flows by corridor"),
        ("5", "Actions accompanied by EUROsociAL+: Venezuela (1 of 3)"),
        ("8", "Sources: Venezuela (1/2)"),
        ("9", "Sources: Venezuela (2/2)"),
    ],
)
def test_a_link_opens_at_its_slide(slide, expected):
    at = open_page(PAGE, crisis="venezuela", slide=slide)
    assert title(at) == expected
    assert counter(at) == f"{slide} / 9"


def test_next_and_previous_buttons_move_and_write_the_slide_into_the_url():
    at = open_page(PAGE, crisis="venezuela", slide="1")
    at.button(key="nav_next").click().run()
    assert title(at) == "Who moves where: Venezuela"
    assert param(at, "slide") == ["2"]
    at.button(key="nav_last").click().run()
    assert title(at) == "Sources: Venezuela (2/2)" and param(at, "slide") == ["9"]
    at.button(key="nav_prev").click().run()
    assert param(at, "slide") == ["8"] and counter(at) == "8 / 9"
    at.button(key="nav_first").click().run()
    assert param(at, "slide") == ["1"] and counter(at) == "1 / 9"


@pytest.mark.parametrize("bad", ["0", "10", "two", "-1"])
def test_an_unknown_slide_gives_a_notice_and_slide_one(bad):
    at = open_page(PAGE, crisis="venezuela", slide=bad)
    assert not at.exception
    assert counter(at) == "1 / 9"
    assert [w.value for w in at.warning] == [
        f"There is no slide “{bad}” (slides 1 to 9); showing slide 1.".replace("-", "\\-")
    ]


def test_an_unknown_crisis_gives_a_notice_and_the_first_crisis():
    at = open_page(PAGE, crisis="atlantis", slide="2")
    assert title(at) == "Who moves where: Venezuela"
    assert "“atlantis” is not one. Showing Venezuela." in at.warning[0].value


def test_notes_say_the_chart_in_words_in_the_chosen_language():
    at = open_page(PAGE, crisis="venezuela", slide="3", lang="es", notes="1")
    assert title(at).startswith("Venezuela")
    notes = " ".join(m.value for m in at.markdown).replace("\\", "")  # as Markdown shows it
    assert "Notas del orador" in [s.value for s in at.subheader]
    assert "Personas de Venezuela que viven en el exterior: 5,1 millones (informada)" in notes
    assert "nombrados sin cifra" in notes
    assert "Siguiente" in [b.label for b in at.button]


def test_without_notes_no_notes_are_shown():
    at = open_page(PAGE, crisis="venezuela", slide="3")
    assert [s.value for s in at.subheader] == []


def test_a_crisis_without_figures_says_so_on_its_title_slide():
    at = open_page(PAGE, crisis="haiti", lang="pt")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    texts = " ".join(a.get("text", "") for a in spec["layout"]["annotations"])
    assert "A ficha não dá números para Haiti." in texts
    assert counter(at) == "1 / 13"  # 4 charts, 11 actions on 7 slides, 11 flows on 2 (in PT)


@pytest.mark.parametrize("page", ["dashboard.py", "pages/map.py", "pages/corridors.py"])
def test_every_page_offers_the_slides_and_handout_of_its_crisis_in_its_language(page):
    at = open_page(page, crisis="haiti", lang="es")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Diapositivas (PPTX)" in labels and "Documento impreso (PDF)" in labels


def test_with_all_crises_there_are_no_slides_to_offer():
    at = open_page("dashboard.py")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Slides (PPTX)" not in labels


def test_present_offers_the_slides_and_handout():
    at = open_page(PAGE, crisis="venezuela", slide="9")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Slides (PPTX)" in labels and "Handout (PDF)" in labels


def test_actions_and_sources_slides_are_lists_a_room_can_read():
    """An actions slide lists its actions beside a small map of their countries (no bar
    chart); a sources slide is a list of every flow with its figure, status and section."""
    at = open_page(PAGE, crisis="haiti", slide="6")
    assert title(at) == "Actions accompanied by EUROsociAL+: Haiti (2 of 5)"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["type"] for t in spec["data"]} == {"scatter"}  # country shapes, no bars
    assert not any(t.get("text") for t in spec["data"])
    filled = {t["fillcolor"] for t in spec["data"]}
    assert "#0072B2" in filled  # Haiti's colour on the actions' countries
    at = open_page(PAGE, crisis="haiti", slide="10")
    assert title(at) == "Sources: Haiti (1/2)"
    assert not at.get("plotly_chart")
    rows = [m.value for m in at.markdown if m.value.startswith("**Haiti → ")]
    assert rows[0].startswith("**Haiti → Peru**") and "not reported \\(unquantified\\)" in rows[0]
