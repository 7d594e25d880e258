"""The languages of the interface, the one list: the language picker, `?lang=`, the number
locales, the catalogues, the translations table's columns, the importers' area names, the
command line, the tests and the benches read it. Imports nothing of ours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Language:
    """An interface language: its code (?lang=, the catalogue's folder locales/<code>/), its
    name in itself (the language picker) and its Babel locale (numbers, dates and CLDR's area
    names)."""

    code: str
    name: str
    locale: str


# The languages of the interface, the one list: pages, the CLI, the tests and the benches
# read it. A language here needs its catalogue (catalogue() raises without it) and a Babel
# locale (tests/base/test_i18n.py checks both).
LANGUAGES: Final = {
    language.code: language
    for language in (
        Language("en", "English", "en"),
        Language("es", "Español", "es"),
        Language("pt", "Português", "pt_BR"),
    )
}
SOURCE_LANG: Final = "en"  # the language the interface is written in (msgids)
LANGS: Final = tuple(LANGUAGES)
LANG_NAMES: Final = {code: language.name for code, language in LANGUAGES.items()}
