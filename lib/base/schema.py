"""Column names, vocabularies and file names of the bundled data, in one place.

Pages and builders refer to columns through these constants, never through string
literals, so that a renamed column fails loudly in one spot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from lib.base.languages import LANGS, SOURCE_LANG
from lib.base.marks import N_

ROOT: Final = Path(__file__).resolve().parents[2]
DATA_DIR: Final = ROOT / "data"
SHEET_PATH: Final = DATA_DIR / "sheet.txt"
# The page scripts, relative to ROOT, in menu order: /, /map, /corridors, /trends, /actions,
# /sources.
PAGE_SCRIPTS: Final = (
    "dashboard.py",
    *(f"pages/{p}.py" for p in ("map", "corridors", "trends", "actions", "sources")),
)
# The presenter mode's slides (/present): in the menu, but not a page of the dashboard's frame.
PRESENT_SCRIPT: Final = "pages/present.py"
# One chart alone for another site's iframe (/embed): neither in the menu nor with a sidebar.
EMBED_SCRIPT: Final = "pages/embed.py"
WORLD_TOPOJSON: Final = ROOT / "static" / "world" / "world_110m.json"

# Public slugs: they appear in URLs, so they never change.
CRISES: Final = ("venezuela", "haiti", "northern_triangle", "structural")
STATUSES: Final = (N_("reported"), N_("derived"), N_("unquantified"))
CORRIDORS: Final = ("south_north", "south_south")
DIRECTIONS: Final = (
    "one_way",
    "both_ways",
)  # a flow row's `direction`; the map's ?dir= is MAP_DIRECTIONS
SCOPES: Final = (N_("national"), N_("binational"), N_("multinational"), N_("regional"))
PLACE_KINDS: Final = ("country", "region")
POINT_RULES: Final = ("ct", "mean", "none")
EFFECT_COLUMNS: Final = (N_("effect"), N_("response"), N_("impact"))

LIST_SEP: Final = ";"

# Time and what is counted. Figures of two indicators or two years are never added.
YEAR_RANGE: Final = (1900, 2100)
SHEET_YEAR: Final = 2020  # the sheet's figures are "about 2020": said so wherever shown
SHEET_INDICATOR: Final = "sheet_stock"
# The known indicators: slug → interface label (translated where shown). A long table may
# bring other slugs; they are labelled by their slug. UN DESA's males and females are not read
# (both sexes only: docs/data-import.md), so they have no indicator.
INDICATORS: Final = {
    SHEET_INDICATOR: N_("People from the country living abroad (the sheet, about 2020)"),
    "undesa_stock": N_("International migrant stock, both sexes (UN DESA)"),
    "refugees": N_("Refugees under UNHCR's mandate (UNHCR)"),
    "asylum_seekers": N_("Asylum-seekers (UNHCR)"),
    "oip": N_("Other people in need of international protection (UNHCR)"),
    "stateless": N_("Stateless persons (UNHCR)"),
    "ooc": N_("Others of concern to UNHCR (UNHCR)"),
}
# An imported row joins a crisis when its origin is one of that crisis's origins in the
# sheet; any other origin joins none (shown under "All crises" only).
CRISIS_ORIGINS: Final = {
    "VEN": "venezuela",
    "HTI": "haiti",
    "GTM": "northern_triangle",
    "HND": "northern_triangle",
    "SLV": "northern_triangle",
}


class Flow:
    """Columns of data/flows.csv."""

    ID = "flow_id"
    CRISIS = "crisis"
    ORIGIN = "origin"
    DESTINATION = "destination"
    VIA = "via"
    CORRIDOR = "corridor"
    DIRECTION = "direction"
    PEOPLE = "people"
    STATUS = "status"
    PART_OF = "part_of"
    FORMULA = "formula"
    AGREEMENT = "agreement"
    SOURCE = "source"
    QUOTE = "quote"
    NOTE = "note"
    YEAR = "year"  # the year the figure is of (an integer, YEAR_RANGE)
    INDICATOR = "indicator"  # what is counted: a slug, INDICATORS for the known ones
    ALL = (
        ID,
        CRISIS,
        ORIGIN,
        DESTINATION,
        VIA,
        CORRIDOR,
        DIRECTION,
        PEOPLE,
        STATUS,
        PART_OF,
        FORMULA,
        AGREEMENT,
        SOURCE,
        QUOTE,
        NOTE,
        YEAR,
        INDICATOR,
    )


class Place:
    """Columns of data/places.csv."""

    CODE = "code"
    KIND = "kind"
    NAME = "name"
    REGION = "region"
    LAT = "lat"
    LON = "lon"
    POINT_RULE = "point_rule"
    ALL = (CODE, KIND, NAME, REGION, LAT, LON, POINT_RULE)


class Action:
    """Columns of data/actions.csv."""

    ID = "action_id"
    COUNTRIES = "countries"
    SCOPE = "scope"
    TITLE = "title"
    OUTCOME = "outcome"
    ORGANISATIONS = "organisations"
    THEMES = "themes"
    CRISES = "crises"
    SOURCE = "source"
    NOTE = "note"
    ALL = (ID, COUNTRIES, SCOPE, TITLE, OUTCOME, ORGANISATIONS, THEMES, CRISES, SOURCE, NOTE)
    LISTS = (COUNTRIES, ORGANISATIONS, THEMES, CRISES)


class Theme:
    """Columns of data/themes.csv."""

    THEME = "theme"
    LABEL = "label"
    DESCRIPTION = "description"
    ALL = (THEME, LABEL, DESCRIPTION)


class Principle:
    """Columns of data/principles.csv."""

    NUMBER = "number"
    NAME = "name"
    TEXT = "text"
    SOURCE = "source"
    NOTE = "note"
    ALL = (NUMBER, NAME, TEXT, SOURCE, NOTE)


class Effect:
    """Columns of data/effects.csv (the effects → response → impact table)."""

    ROW_ID = "row_id"
    BLOCK = "block"
    COLUMN = "column"
    ITEM = "item"
    TEXT = "text"
    SOURCE = "source"
    NOTE = "note"
    ALL = (ROW_ID, BLOCK, COLUMN, ITEM, TEXT, SOURCE, NOTE)


class Case:
    """Columns of data/cases.csv (one short summary per crisis)."""

    CRISIS = "crisis"
    NAME = "name"
    SUMMARY = "summary"
    SOURCE = "source"
    QUOTE = "quote"
    ALL = (CRISIS, NAME, SUMMARY, SOURCE, QUOTE)


# File stem -> columns, for the command-line check and the loader.
# A column no file has: lib.ingest.upload sets it where uploads are merged, True on a user's rows
# and False on the bundled ones. Read it with lib.model.bundle.uploaded_rows.
UPLOADED: Final = "uploaded"

TABLES: Final = {
    "flows": Flow.ALL,
    "places": Place.ALL,
    "actions": Action.ALL,
    "themes": Theme.ALL,
    "principles": Principle.ALL,
    "effects": Effect.ALL,
    "cases": Case.ALL,
}
# Tables read by lib.base.i18n, not by the loader: lib.ingest.validate checks their header only.
AUXILIARY_TABLES: Final = {
    "organisations": ("name", "official_name", "note", "caveat"),
    "translations": ("table", "key", "field", *(c for c in LANGS if c != SOURCE_LANG)),
}
