"""What is counted, as a reader reads it: the indicators in display order, their names in
the reader's language, and how a year is said (the sheet's is always "about 2020")."""

from __future__ import annotations

from collections.abc import Iterable

from lib.base.i18n import translate
from lib.base.schema import INDICATORS, SHEET_INDICATOR


def indicator_order(indicators: Iterable[str]) -> list[str]:
    """Return indicators in display order: the sheet's first, then the known ones in their
    order (lib.base.schema.INDICATORS), then any other slug alphabetically."""
    known = list(INDICATORS)
    found = set(indicators)
    return [i for i in known if i in found] + sorted(found - set(known))


def indicator_label(indicator: str, lang: str = "en") -> str:
    """Return an indicator's name in `lang`; an indicator we do not know is named by its slug."""
    return translate(lang, INDICATORS[indicator]) if indicator in INDICATORS else indicator


def year_label(year: int, indicator: str, lang: str = "en") -> str:
    """Return how a year is said: the sheet's is always "about 2020", never a bare 2020."""
    if indicator == SHEET_INDICATOR:
        return translate(lang, "about {year}", year=year)
    return str(year)
