"""lib/model/sheet.py: what every chart and download says about the source, its date and its
evidence."""

from __future__ import annotations

import re

import pytest

from lib.base.schema import SHEET_PATH
from lib.model.sheet import DATE_EVIDENCE, about_these_data, date_note, source_sentence

DATED = {  # lang: (the date, the sheet's evidence for it)
    "en": ("from about 2020", "it names a meeting of June 2020 as still to come"),
    "es": ("de hacia 2020", "menciona como aún por venir una reunión de junio de 2020"),
    "pt": ("de por volta de 2020", "cita como ainda por vir uma reunião de junho de 2020"),
}


def test_the_date_rests_on_the_sheets_own_words():
    sheet = re.sub(r"\s+", " ", SHEET_PATH.read_text(encoding="utf-8"))
    assert DATE_EVIDENCE in sheet
    assert (
        "(June 2020)" in DATE_EVIDENCE and "to be approved" in DATE_EVIDENCE
    )  # a meeting still to come
    assert set(re.findall(r"\b(?:19|20)\d\d\b", sheet)) == {
        "2020",
        "2030",
    }  # no other year; 2030 is the Agenda


@pytest.mark.parametrize("lang", list(DATED))
def test_source_line_and_notes_say_about_2020_and_why(lang):
    date, evidence = DATED[lang]
    for text in (source_sentence(lang), date_note(lang), about_these_data(lang)):
        assert date in text and evidence in text, text
    assert source_sentence(lang).startswith(
        {
            "en": "Source: EUROsociAL+ migration sheet",
            "es": "Fuente: ficha de migración",
            "pt": "Fonte: ficha de migração",
        }[lang]
    )


# what the sheet's words support: Venezuelans "have emigrated", Colombia has "migrants in its
# territory"
STOCK = {
    "en": "people living abroad at the time of the sheet (about 2020), not movements per year",
    "es": (
        "personas que vivían en el extranjero en la época de la ficha (hacia 2020), no movimientos "
        "por año"
    ),
    "pt": (
        "pessoas que viviam no exterior na época da ficha (por volta de 2020), não movimentos "
        "por ano"
    ),
}
# UN DESA's definition of a migrant stock (country of birth), which the sheet does not give
BIRTH = {"en": "country of birth", "es": "país de nacimiento", "pt": "país de nascimento"}
ABROAD = {
    "en": "people living abroad",
    "es": "personas que vivían en el extranjero",
    "pt": "pessoas que viviam no exterior",
}


@pytest.mark.parametrize("lang", list(STOCK))
def test_stock_note_says_people_living_abroad_not_movements_per_year(lang):
    from lib.model.sheet import stock_note

    assert STOCK[lang] in stock_note(lang)
    assert STOCK[lang] in about_these_data(lang, figures=True)
    assert STOCK[lang] not in about_these_data(
        lang, figures=False
    )  # a table of actions has no figures to describe


@pytest.mark.parametrize("lang", list(BIRTH))
def test_no_interface_text_defines_a_stock_by_country_of_birth(lang):
    """The sheet never says "country of birth" (UN DESA's definition): no page, chart or download
    says it for the sheet."""
    from lib.base.i18n import tr
    from tests.helpers import code_msgids

    t = tr(lang)
    shown = [t(m) for m in code_msgids()]
    assert [s for s in shown if BIRTH[lang] in s.casefold()] == []
    says = [s for s in shown if ABROAD[lang] in s.casefold()]
    assert len(says) == 3  # the stock note, the Sources page and the map's caption
    assert BIRTH["en"] not in SHEET_PATH.read_text(encoding="utf-8")
