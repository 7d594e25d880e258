"""lib/base/i18n.py and the catalogues: complete, consistent, and used for names and data text."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from lib.base.i18n import LOCALE_DIR, country_name, tr
from lib.base.schema import SHEET_PATH, Action
from lib.model.localise import localized
from lib.model.organisations import official_names, organisation_caveats, organisation_label
from tests.helpers import code_msgids

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def catalogue(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_every_interface_string_is_translated_with_the_same_placeholders(lang):
    ids = code_msgids()
    assert len(ids) > 100
    cat = catalogue(lang)
    # a plural entry is keyed by its singular, as the extractor names it
    entries = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in cat if m.id}

    def forms(m) -> tuple[str, ...]:
        return (m.string,) if isinstance(m.string, str) else tuple(m.string)

    def holders(m) -> set[str]:
        ids = (m.id,) if isinstance(m.id, str) else m.id
        return {h for i in ids for h in PLACEHOLDER.findall(i)}

    missing = sorted(
        i for i in ids if i not in entries or not all(forms(entries[i])) or entries[i].fuzzy
    )
    assert missing == []
    mismatched = sorted(
        i
        for i in ids
        for form in forms(entries[i])
        if set(PLACEHOLDER.findall(form)) != holders(entries[i])
    )
    assert mismatched == []
    stale = sorted(set(entries) - ids)
    assert stale == []


@pytest.mark.parametrize(
    "lang, counts",
    [
        ("en", {0: "0 actions linked", 1: "1 action linked", 2: "2 actions linked"}),
        ("es", {1: "1 acción vinculada", 2: "2 acciones vinculadas"}),
        ("pt", {1: "1 ação vinculada", 2: "2 ações vinculadas"}),
    ],
)
def test_counts_take_their_languages_plural(lang, counts):
    t = tr(lang)
    for n, text in counts.items():
        assert t.ngettext("{n} action linked", "{n} actions linked", n) == text
    # Spanish and Portuguese say "de" after a round million: "1000000 de acciones"
    if lang != "en":
        assert " de " in t.ngettext("{n} action linked", "{n} actions linked", 1_000_000)


def test_translator_formats_and_falls_back():
    assert tr("es")("Corridors: {crisis}", crisis="Haití") == "Corredores: Haití"
    assert tr("pt")("Overview") == "Visão geral"
    assert tr("en")("Overview") == "Overview"
    assert tr("xx")("Overview") == "Overview"
    assert tr("es")("a string nobody marked") == "a string nobody marked"


@pytest.mark.parametrize(
    "code, lang, expected",
    [
        ("VEN", "es", "Venezuela"),
        ("VEN", "pt", "Venezuela"),
        ("BOL", "pt", "Bolívia"),
        ("BOL", "es", "Bolivia"),
        ("USA", "es", "Estados Unidos"),
        ("HTI", "es", "Haití"),
        ("COL", "pt", "Colômbia"),
        ("MEX", "en", "Mexico"),
        ("ESP", "pt", "Espanha"),
    ],
)
def test_country_names_are_short_and_localized(code, lang, expected):
    fallback = {"MEX": "Mexico"}.get(code, code)
    assert country_name(code, lang, fallback) == expected


def test_every_action_theme_case_principle_and_region_has_spanish_and_portuguese(bundle):
    for lang in ("es", "pt"):
        loc = localized(bundle, lang)
        for df, cols in (
            (loc.actions, ("title", "outcome")),
            (loc.themes, ("label", "description")),
            (loc.cases, ("name", "summary")),
            (loc.principles, ("name", "text")),
        ):
            for col in cols:
                same = sum(
                    a == b
                    for a, b in zip(df[col], getattr(bundle, _table(df, bundle))[col], strict=True)
                )
                assert same <= 3, (
                    lang,
                    col,
                    same,
                )  # a few proper names are the same in every language
        regions = loc.places[loc.places["kind"] == "region"]
        assert set(regions["name"]).isdisjoint(
            set(bundle.places.loc[bundle.places["kind"] == "region", "name"]) - {"Europa"}
        )
    es = localized(bundle, "es")
    assert es.cases.set_index("crisis").at["northern_triangle", "name"] == "Triángulo Norte"
    assert (
        es.actions.set_index(Action.ID)
        .at["chl_criminal_defence_model", Action.TITLE]
        .startswith("Desarrollo e implementación")
    )
    assert localized(bundle, "pt").places.set_index("code").at["XLO", "name"] == "Resto da região"


def _table(df, bundle) -> str:
    for name in ("actions", "themes", "cases", "principles"):
        if list(getattr(bundle, name).columns) == list(df.columns):
            return name
    raise AssertionError("unknown table")


def test_translations_keep_the_numbers_of_the_english_text(bundle):
    sheet_numbers = set(re.findall(r"\d+", SHEET_PATH.read_text(encoding="utf-8")))
    for lang in ("es", "pt"):
        loc = localized(bundle, lang)
        for en, other in zip(
            bundle.actions[Action.OUTCOME], loc.actions[Action.OUTCOME], strict=True
        ):
            assert sorted(re.findall(r"\d+", en)) == sorted(re.findall(r"\d+", other))
        summaries = " ".join(loc.cases["summary"])
        assert set(re.findall(r"\d+", summaries)) <= sheet_numbers


@pytest.mark.parametrize(
    "lang, label",
    [
        (
            "en",
            "Public Criminal Defender's Office [official name, added by us: Defensoría Penal "
            "Pública]",
        ),
        (
            "es",
            "Public Criminal Defender's Office [nombre oficial, añadido por nosotros: Defensoría "
            "Penal Pública]",
        ),
        (
            "pt",
            "Public Criminal Defender's Office [nome oficial, acrescentado por nós: Defensoría "
            "Penal Pública]",
        ),
    ],
)
def test_organisations_show_the_sheets_name_first_and_mark_the_official_name_as_ours(
    bundle, lang, label
):
    names = official_names()
    orgs = {o for cell in bundle.actions[Action.ORGANISATIONS] for o in cell.split(";")}
    assert orgs <= set(names) | {"Ministry of Justice and Human Rights"}
    assert organisation_label("Public Criminal Defender's Office", names, lang) == label
    assert (
        organisation_label("Chile Valora", names, lang) == "Chile Valora"
    )  # ChileValora is the same name, spaced


@pytest.mark.parametrize(
    "lang, doubt",
    [
        (
            "en",
            "attribution in doubt: the sheet lists it in this Mexican row, but it names no "
            "Mexican body; Chile has a ministry",
        ),
        (
            "es",
            "atribución dudosa: la ficha lo sitúa en esta fila de México, pero no nombra ningún "
            "organismo mexicano; Chile",
        ),
        (
            "pt",
            "atribuição duvidosa: a ficha o coloca nesta linha do México, mas não nomeia nenhum "
            "órgão mexicano; o Chile",
        ),
    ],
)
def test_the_ministry_of_justice_in_the_mexican_row_carries_its_doubt(lang, doubt):
    caveats = organisation_caveats(lang)
    assert list(caveats) == ["Ministry of Justice and Human Rights"]
    label = organisation_label(
        "Ministry of Justice and Human Rights", official_names(), lang, caveats
    )
    assert label.startswith("Ministry of Justice and Human Rights [" + doubt)


def test_every_translation_row_points_at_existing_data(bundle):
    import pandas as pd

    from lib.model.localise import TRANSLATIONS_CSV

    rows = pd.read_csv(TRANSLATIONS_CSV, dtype=str, keep_default_na=False)
    keys = {
        "actions": set(bundle.actions[Action.ID]),
        "themes": set(bundle.themes["theme"]),
        "cases": set(bundle.cases["crisis"]),
        "principles": {str(n) for n in bundle.principles["number"]},
        "places": set(bundle.places.loc[bundle.places["kind"] == "region", "code"]),
        "organisations": set(organisation_caveats("en")),
    }
    bad = [(r.table, r.key) for r in rows.itertuples() if r.key not in keys.get(r.table, set())]
    assert bad == []
    assert (rows["es"] != "").all() and (rows["pt"] != "").all()
    assert (
        len(rows) == 12 * 2 + 10 * 2 + 4 * 2 + 7 * 2 + 7 + 1
    )  # 7 region names, 1 organisation caveat


def test_every_language_of_the_list_has_its_catalogue_and_its_locale():
    from babel import Locale

    from lib.base.i18n import LANGUAGES, SOURCE_LANG, catalogue

    for code, language in LANGUAGES.items():
        assert Locale.parse(language.locale).language == code
        if code != SOURCE_LANG:
            assert len(catalogue(code).texts) > 400, code


def test_a_language_not_in_the_list_fails_loudly_not_in_english():
    from lib.base.i18n import catalogue

    with pytest.raises(LookupError, match="'fr' is not a language of the interface"):
        catalogue("fr")
