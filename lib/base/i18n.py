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
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd
import pycountry
from babel.messages.pofile import read_po

from lib.base.schema import DATA_DIR, ROOT, Action, Case, Place, Principle, Theme
from lib.model.data import Bundle, split_list

LANGS = ("en", "es", "pt")
LANG_NAMES = {"en": "English", "es": "Español", "pt": "Português"}
LOCALE_DIR = ROOT / "locales"
TRANSLATIONS_CSV = DATA_DIR / "translations.csv"

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
    """Return a language's catalogue (empty for English, the source language)."""
    if lang == "en":
        return ENGLISH
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


@lru_cache(maxsize=2)
def _translations(path: str, mtime_ns: int) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def data_text(lang: str) -> dict[tuple[str, str, str], str]:
    """Return (table, key, field) → text in a language, from data/translations.csv."""
    if lang == "en":
        return {}
    df = _translations(
        str(TRANSLATIONS_CSV), TRANSLATIONS_CSV.stat().st_mtime_ns
    )  # an edit is seen at once
    return {(r["table"], r["key"], r["field"]): r[lang] for _, r in df.iterrows() if r[lang]}


def _apply(
    df: pd.DataFrame, table: str, key_col: str, fields: tuple[str, ...], texts: dict
) -> pd.DataFrame:
    out = df.copy()
    for field in fields:
        out[field] = [
            texts.get((table, str(k), field), v)
            for k, v in zip(out[key_col], out[field], strict=True)
        ]
    return out


def localized(data: Bundle, lang: str) -> Bundle:
    """Return the bundle with its reader-facing text in `lang` (figures, ids and codes
    untouched)."""
    if lang == "en":
        return data
    texts = data_text(lang)
    places = data.places.copy()
    places[Place.NAME] = [
        country_name(c, lang, texts.get(("places", c, Place.NAME), n))
        if k == "country"
        else texts.get(("places", c, Place.NAME), n)
        for c, k, n in zip(places[Place.CODE], places[Place.KIND], places[Place.NAME], strict=True)
    ]
    return replace(
        data,
        places=places,
        actions=_apply(data.actions, "actions", Action.ID, (Action.TITLE, Action.OUTCOME), texts),
        themes=_apply(data.themes, "themes", Theme.THEME, (Theme.LABEL, Theme.DESCRIPTION), texts),
        cases=_apply(data.cases, "cases", Case.CRISIS, (Case.NAME, Case.SUMMARY), texts),
        principles=_apply(
            data.principles, "principles", Principle.NUMBER, (Principle.NAME, Principle.TEXT), texts
        ),
    )


def organisation_label(
    name: str, originals: dict[str, str], lang: str, caveats: dict[str, str] | None = None
) -> str:
    """Return an organisation in the sheet's words (its acronym in round brackets, as the data
    write it), followed by what this project adds, in square brackets and marked as ours: the
    official name where it differs
    ("Public Criminal Defender's Office [official name, added by us: Defensoría Penal Pública]")
    and a caveat where the attribution is in doubt."""
    added = []
    original = originals.get(name)
    if original and original.replace(" ", "").casefold() != name.replace(" ", "").casefold():
        added.append(translate(lang, "official name, added by us: {name}", name=original))
    if caveats and caveats.get(name):
        added.append(caveats[name])
    return f"{name} [{'; '.join(added)}]" if added else name


def organisations_text(
    cell: object, originals: dict[str, str], lang: str, caveats: dict[str, str] | None = None
) -> list[str]:
    """Return the organisations of a `;` list, each labelled by organisation_label."""
    return [organisation_label(o, originals, lang, caveats) for o in split_list(cell)]


def official_names() -> dict[str, str]:
    """Return the sheet's organisation name → its official (original-language) name."""
    df = _organisations()
    return {r["name"]: r["official_name"] for _, r in df.iterrows() if r["official_name"]}


def organisation_caveats(lang: str = "en") -> dict[str, str]:
    """Return the sheet's organisation name → the caveat shown wherever it is shown (an
    attribution in doubt), in `lang`; only organisations that have one."""
    texts = data_text(lang)
    df = _organisations()
    return {
        r["name"]: texts.get(("organisations", r["name"], "caveat"), r["caveat"])
        for _, r in df.iterrows()
        if r["caveat"]
    }


def _organisations() -> pd.DataFrame:
    path = DATA_DIR / "organisations.csv"
    return _read_organisations(str(path), path.stat().st_mtime_ns)  # an edit is seen at once


@lru_cache(maxsize=2)
def _read_organisations(path: str, mtime_ns: int) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)
