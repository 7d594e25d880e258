"""Numbers and labels formatted for the reader's language (Babel / CLDR)."""

from __future__ import annotations

import math
import re

import pandas as pd
from babel.numbers import format_compact_decimal, format_decimal

from lib.base.i18n import translate
from lib.base.languages import LANGUAGES, SOURCE_LANG


def locale_of(lang: str) -> str:
    """Return the Babel locale for an interface language code (unknown -> English)."""
    return LANGUAGES[lang].locale if lang in LANGUAGES else LANGUAGES[SOURCE_LANG].locale


def _unknown(lang: str) -> str:
    return translate(lang, "not reported")


def people_compact(n: float | None, lang: str = "en", unknown: str | None = None) -> str:
    """Return a number of people in words, e.g. 5.1 million / 5,1 millones / 5,1 milhões."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return _unknown(lang) if unknown is None else unknown
    return format_compact_decimal(n, format_type="long", locale=locale_of(lang), fraction_digits=1)


def people_exact(n: float | None, lang: str = "en", unknown: str | None = None) -> str:
    """Return a number of people in full digits, e.g. 1,800,000 / 1.800.000."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return _unknown(lang) if unknown is None else unknown
    return format_decimal(int(round(n)), locale=locale_of(lang))  # noqa: RUF046 (numpy floats)


def format_count(n: int, lang: str = "en") -> str:
    """Return a count in the reader's digits, e.g. 125,000 / 125.000."""
    return format_decimal(int(n), locale=locale_of(lang))


def plotly_safe(text: object) -> str:
    """Return data text safe inside plotly labels and hovers: plotly reads a subset of HTML
    (<a href>, <b>, <br>…) and $…$ as LaTeX, so <, >, & and $ become character references."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("$", "&#36;")
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>:$])")


def md_escape(text: str) -> str:
    """Return text that Streamlit's Markdown shows as typed: no links, images or formatting."""
    return _MD_SPECIAL.sub(r"\\\1", text)


# A table with at most this many rows and columns is shown as an HTML table (st.table): a
# screen reader reads its rows and headers, and a reader sees it all at once. A longer or a
# wider one keeps the data grid, where sorting and scrolling matter (it draws on a canvas):
# twelve columns of the sheet's words (the provenance table) do not fit a page as HTML.
SMALL_TABLE = 50
NARROW_TABLE = 8


def readable_table(df: pd.DataFrame) -> pd.DataFrame:
    """Return the table as text for an HTML table: list cells joined with " · " (the grid
    shows them as chips; "; " is taken, inside the brackets of organisation labels),
    missing cells empty."""
    out = df.copy()
    for column in out.columns:
        cells = out[column]
        if cells.map(lambda v: isinstance(v, (list, tuple))).any():
            out[column] = cells.map(
                lambda v: " · ".join(map(str, v)) if isinstance(v, (list, tuple)) else v
            )
        elif pd.api.types.is_float_dtype(cells) and cells.isna().any():
            # a column of numbers with gaps becomes text: "" where none is given, whole
            # numbers without ".0" (an HTML table cannot mix numbers and empty text)
            out[column] = [
                "" if pd.isna(v) else (f"{v:.0f}" if float(v).is_integer() else str(v))
                for v in cells
            ]
    return out.astype(object).where(out.notna(), "")
