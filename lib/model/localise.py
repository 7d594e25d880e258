"""The bundle in a language: place names (CLDR via lib.base.i18n.country_name) and the data's
own text (data/translations.csv) put in place of the English."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pandas as pd

from lib.base.i18n import country_name
from lib.base.schema import DATA_DIR, Action, Case, Place, Principle, Theme
from lib.model.bundle import Bundle

TRANSLATIONS_CSV = DATA_DIR / "translations.csv"


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
