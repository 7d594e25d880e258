"""How a cell's text is read: a `;` list, a number of people (or a formula of other rows),
a year. Shared by the checks, the loaders and the importers."""

from __future__ import annotations

import re

import pandas as pd

from lib.base.schema import LIST_SEP


def split_list(value: object) -> list[str]:
    """Return the items of a `;`-separated cell, stripped, without empties."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [item.strip() for item in str(value).split(LIST_SEP) if item.strip()]


_FORMULA = re.compile(r"^\s*([a-z0-9_]+)\s*(?:([+-])\s*([a-z0-9_]+)\s*)*$")


_TERM = re.compile(r"([+-]?)\s*([a-z0-9_]+)")


def formula_value(formula: str, people: dict[str, float]) -> float | None:
    """Return the value of a formula such as `a - b` over flow ids, or None if it can't be
    computed."""
    if not isinstance(formula, str) or not _FORMULA.match(formula):
        return None
    total = 0.0
    for sign, name in _TERM.findall(formula.replace(" ", "")):
        value = people.get(name)
        if value is None or pd.isna(value):
            return None
        total += -value if sign == "-" else value
    return total


def parse_people(cells: pd.Series) -> pd.Series:
    """Return cells as float people counts; NaN where empty or not a plain finite number."""
    text = cells.astype("string").str.strip()
    plain = text.str.fullmatch(r"[0-9]+(\.[0-9]+)?").fillna(False).astype(bool)
    return pd.to_numeric(text.where(plain), errors="coerce").astype(float)


def parse_years(cells: pd.Series) -> pd.Series:
    """Return cells as whole years (Int64); <NA> where empty or not a plain whole number."""
    text = cells.astype("string").str.strip()
    plain = text.str.fullmatch(r"[0-9]{1,4}").fillna(False).astype(bool)
    return pd.to_numeric(text.where(plain), errors="coerce").astype("Int64")
