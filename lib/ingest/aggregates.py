"""The areas publishers give figures for that are not countries: one list, shared by every
reader, so that a region, a group or a total is never imported as a country.

Three sources, each a published list rather than a guess:
- UN M49 codes: 900 and up are UN DESA's World and its development and income groups; the
  numeric codes CLDR lists as regions (Babel's territory list: 001 World, 419 Latin America…)
  are regions. Their CLDR names in English, Spanish and Portuguese are aggregate names too.
- The regions of our own data/places.csv (kind `region`: XLA Latin America and the Caribbean,
  XNA North America, XWD All destinations, XOG…): drawn where the sheet uses them, never an
  imported destination or origin.
- The names publishers use in their tables for regions, groups, totals and "other" rows
  (UN DESA's Table 1 regions and groups, UNHCR's "Various/Unknown", R4V's "Latin America and
  the Caribbean" and "Total"), in English, Spanish and Portuguese: AGGREGATE_NAMES below.

A name is matched as lib.ingest.areas matches country names: case, accents, punctuation and
spacing ignored, and a trailing note mark (`*`) dropped.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pandas as pd
from babel import Locale

from lib.base.languages import LANGS
from lib.base.schema import Place

GROUP_CODES_FROM = 900  # UN DESA: 900 World, then development and income groups

# Names of regions, groups, totals and "other" rows in the publishers' tables, EN/ES/PT.
AGGREGATE_NAMES: tuple[str, ...] = (
    # totals and catch-alls (R4V, UNHCR, any long table)
    "Total",
    "Grand total",
    "Total general",
    "All",
    "All countries",
    "All destinations",
    "All origins",
    "Todos",
    "Todos los países",
    "Todos los destinos",
    "Todos os países",
    "Todos os destinos",
    "Other",
    "Others",
    "Other countries",
    "Other destinations",
    "Otro",
    "Otros",
    "Otros países",
    "Otros destinos",
    "Outro",
    "Outros",
    "Outros países",
    "Outros destinos",
    "Rest of the world",
    "Resto del mundo",
    "Resto do mundo",
    "Rest of the region",
    "Resto de la región",
    "Resto da região",
    "Outside the region",
    "Various/Unknown",
    "Various",
    "Varios/Desconocido",
    "Vários/Desconhecido",
    "Origin not given",
    # UN DESA's regions and groups (Table 1's area names)
    "World",
    "Mundo",
    "Latin America and the Caribbean",
    "América Latina y el Caribe",
    "América Latina e o Caribe",
    "América Latina e Caribe",
    "Latin America",
    "América Latina",
    "Northern America",
    "North America",
    "América del Norte",
    "América do Norte",
    "South America",
    "América del Sur",
    "Central America",
    "América Central",
    "Caribbean",
    "El Caribe",
    "Europe",
    "Europa",
    "Europe and Northern America",
    "Sub-Saharan Africa",
    "Northern Africa and Western Asia",
    "Central and Southern Asia",
    "Eastern and South-Eastern Asia",
    "Oceania (excluding Australia and New Zealand)",
    "Australia and New Zealand",
    "Oceania",
    "Africa",
    "Asia",
    "Developed regions",
    "Developing regions",
    "More developed regions",
    "Less developed regions",
    "Least developed countries",
    "Less developed regions, excluding least developed countries",
    "Land-locked Developing Countries (LLDC)",
    "Small Island Developing States (SIDS)",
    "High-income countries",
    "Middle-income countries",
    "Upper-middle-income countries",
    "Lower-middle-income countries",
    "Low-income countries",
    "No income group available",
    "European Union",
    "Unión Europea",
    "União Europeia",
)


def folded(text: str) -> str:
    """Return a name for matching: case, accents, punctuation and spacing ignored."""
    plain = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


@lru_cache(maxsize=1)
def cldr_regions() -> frozenset[int]:
    """Return the numeric M49 codes CLDR lists as regions (001 World, 419 Latin America…)."""
    return frozenset(int(k) for k in Locale("en").territories if k.isdigit())


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    names = {folded(n) for n in AGGREGATE_NAMES}
    for lang in LANGS:
        territories = Locale(lang).territories
        names |= {folded(territories[k]) for k in territories if k.isdigit()}
        names |= {folded(territories[k]) for k in ("EU", "UN", "ZZ") if k in territories}
    return frozenset(names)


def is_aggregate_m49(code: int) -> bool:
    """Return True for an M49 code of UN DESA's groups (900 and up) or a CLDR region."""
    return code >= GROUP_CODES_FROM or code in cldr_regions()


def is_aggregate(value: object, places: pd.DataFrame | None = None) -> bool:
    """Return True when a table's area (a name, an M49 code as text, or one of our place
    codes) is a region, a group, a total or an "other" row, never a country."""
    text = str(value).strip().rstrip("*").strip()
    if text.isdigit() and 0 < int(text) < 10_000:
        return is_aggregate_m49(int(text))
    if places is not None:
        regions = places[places[Place.KIND] == "region"]
        if text.upper() in set(regions[Place.CODE]):
            return True
        if folded(text) in {folded(n) for n in regions[Place.NAME]}:
            return True
    return folded(text) in _names()
