"""Spanish, Portuguese and English: interface strings, country names and data text.

- Interface strings are marked where they are written: `t("...")` where shown,
  `t.ngettext("{n} row", "{n} rows", n)` for a count, and `N_("...")` (lib.base.marks) where a
  string is defined away from where it is shown (a vocabulary, a menu label). They are
  translated from gettext catalogues, `locales/<lang>/LC_MESSAGES/messages.po`, managed with
  Babel (`scripts/i18n_extract.sh`). Placeholders use `{name}`.
- Country names come from pycountry's ISO 3166 catalogues, with a short-name table for the
  long official forms ("Venezuela", not "Venezuela, República Bolivariana de").
- Data text (action titles and outcomes, themes, crisis names and summaries, principles,
  region names) comes from `data/translations.csv`; English stays in the main tables.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pycountry
from babel.messages.pofile import read_po

from lib.base.languages import LANGS, LANGUAGES, SOURCE_LANG
from lib.base.schema import ROOT

LOCALE_DIR = ROOT / "locales"

# Long official ISO names replaced by the short names people use, per language.
SHORT_NAMES = {
    "BOL": {"en": "Bolivia", "es": "Bolivia", "pt": "Bolívia"},
    "VEN": {"en": "Venezuela", "es": "Venezuela", "pt": "Venezuela"},
}


@dataclass(frozen=True)
class Catalogue:
    """One language's translations: msgid → text, and (singular, plural) → its plural forms."""

    texts: dict[str, str]
    plurals: dict[tuple[str, str], tuple[str, ...]]
    plural_form: Callable[[int], int]


ENGLISH = Catalogue({}, {}, lambda n: 0 if n == 1 else 1)


@lru_cache(maxsize=8)
def catalogue(lang: str) -> Catalogue:
    """Return a language's catalogue (empty for English, the source language). Raise
    LookupError for a language not in LANGUAGES, FileNotFoundError for one without its
    catalogue: a missing translation is never English by accident."""
    if lang == SOURCE_LANG:
        return ENGLISH
    if lang not in LANGUAGES:
        raise LookupError(f"{lang!r} is not a language of the interface ({', '.join(LANGS)})")
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    done = [m for m in cat if m.id and not m.fuzzy]
    return Catalogue(
        texts={m.id: m.string for m in done if isinstance(m.id, str) and m.string},
        plurals={
            tuple(m.id): tuple(m.string)
            for m in done
            if not isinstance(m.id, str) and all(m.string)
        },
        plural_form=gettext.c2py(cat.plural_expr),
    )


class Translator:
    """The interface text of one language.

    - `t("Crisis")`, `t("{shown} of {total}", shown=2, total=12)`: one string, placeholders
      filled;
    - `t.ngettext("{n} row added", "{n} rows added", n)`: the form for n in that language's
      plural rule (`n` is also a placeholder).

    Unknown text falls back to English.
    """

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "en"
        self._cat = catalogue(self.lang)

    def __call__(self, msgid: str, **kw: object) -> str:
        text = self._cat.texts.get(msgid, msgid)
        return text.format(**kw) if kw else text

    def ngettext(self, singular: str, plural: str, n: int, **kw: object) -> str:
        forms = self._cat.plurals.get((singular, plural))
        if forms:
            text = forms[min(self._cat.plural_form(n), len(forms) - 1)]
        else:
            text = singular if n == 1 else plural
        return text.format(n=n, **kw)


@lru_cache(maxsize=8)
def tr(lang: str) -> Translator:
    """Return the translator of a language: t(msgid, **placeholders), t.ngettext(...)."""
    return Translator(lang)


def translate(lang: str, msgid: str, **kw: object) -> str:
    """Return one interface string in a language: translate("es", "Crisis") (extracted as msgid)."""
    return tr(lang)(msgid, **kw)


@lru_cache(maxsize=4)
def _iso_names(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])


def country_name(code: str, lang: str, fallback: str) -> str:
    """Return a country's short name in a language (pycountry + the short-name table)."""
    if code in SHORT_NAMES:
        return SHORT_NAMES[code].get(lang, fallback)
    if lang == "en":
        return fallback
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return fallback
    name = _iso_names(lang).gettext(country.name)
    return fallback if ", " in name else name
