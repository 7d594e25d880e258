"""Areas of published tables → our place codes (ISO 3166-1 alpha-3), and new places.

- UN M49 numeric codes are read with pycountry's ISO 3166-1 numeric codes: a code pycountry
  does not know is not a country of ISO 3166 and is skipped, never guessed. What kind of area
  it is comes from published lists only: 900 and up are UN DESA's World and groups; CLDR's
  region codes (Babel's territory list: 001 World, 419 Latin America and the Caribbean…) are
  regions; any other code is an area without an ISO code (830, the Channel Islands).
- Names are matched with the catalogue our labels use (pycountry's names in English, Spanish
  and Portuguese, and lib.base.i18n's short names), ignoring case and accents.
- A new place gets its point only from the bundled shapes' own label point (`ct` of
  static/world/world_110m.json, by ISO-3 id); a country the shapes lack gets none.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
import pycountry

from lib.base.i18n import SHORT_NAMES, country_name
from lib.base.languages import LANGS, SOURCE_LANG
from lib.base.schema import WORLD_TOPOJSON, Place
from lib.ingest.aggregates import GROUP_CODES_FROM, cldr_regions, folded


def country_of_m49(code: int) -> str | None:
    """Return the ISO 3166-1 alpha-3 code of an M49 numeric code, or None when pycountry
    knows no country by that number."""
    if not 0 < code < 1000:
        return None
    found = pycountry.countries.get(numeric=f"{code:03d}")
    return found.alpha_3 if found else None


def m49_kind(code: int) -> str:
    """Return what an M49 code names: "country" (an ISO 3166 country), "group" (UN DESA's
    World and groups, 900 and up), "region" (a CLDR region) or "no_iso" (an area without an
    ISO 3166 code, such as 830 Channel Islands)."""
    if country_of_m49(code):
        return "country"
    if code >= GROUP_CODES_FROM:
        return "group"
    return "region" if code in cldr_regions() else "no_iso"


def is_country(code: str) -> bool:
    """Return True for an ISO 3166-1 alpha-3 code that pycountry knows."""
    return len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded name → ISO3, for every country's names in our labels' catalogue."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(c, attr, None):
                out.setdefault(folded(getattr(c, attr)), c.alpha_3)
        for lang in (c for c in LANGS if c != SOURCE_LANG):
            out.setdefault(folded(country_name(c.alpha_3, lang, c.name)), c.alpha_3)
    for code, names in SHORT_NAMES.items():
        for name in names.values():
            out[folded(name)] = code
    return out


def code_of_name(name: str, places: pd.DataFrame | None = None) -> str | None:
    """Return the place code of a country or area name or code, or None when unmatched.

    An ISO 3166-1 alpha-3 code is taken as written; so is a country code of `places`. A name
    is looked up in pycountry's names (en, es, pt), the short-name table and `places`' country
    names. A region of `places` (XLA) is never returned: imported rows go between countries."""
    text = name.strip()
    if is_country(text.upper()) and len(text) == 3:
        return text.upper()
    if places is not None:
        places = places[places[Place.KIND] == "country"]
        if text in set(places[Place.CODE]):
            return text
        by_name = {
            folded(n): c for c, n in zip(places[Place.CODE], places[Place.NAME], strict=True)
        }
        if folded(text) in by_name:
            return by_name[folded(text)]
    return _names().get(folded(text))


@lru_cache(maxsize=1)
def label_points() -> dict[str, tuple[float, float]]:
    """Return ISO3 → (lat, lon) of each country's label point in the bundled shapes."""
    topo = json.loads(WORLD_TOPOJSON.read_text())
    out = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        ct = (geometry.get("properties") or {}).get("ct")
        if geometry.get("id") and ct:
            out[geometry["id"]] = (float(ct[1]), float(ct[0]))
    return out


def country_label(code: str) -> str:
    """Return a country's English name: pycountry's short common name where it has one."""
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]["en"]
    found = pycountry.countries.get(alpha_3=code)
    return getattr(found, "common_name", None) or found.name


def new_places(codes: set[str], places: pd.DataFrame) -> pd.DataFrame:
    """Return a places.csv row for each country code not yet in `places`, as text cells:
    kind country, English name, no region, the shapes' label point (rule `ct`) or none."""
    points = label_points()
    rows = []
    for code in sorted(codes - set(places[Place.CODE])):
        lat, lon = points.get(code, (None, None))
        rows.append(
            {
                Place.CODE: code,
                Place.KIND: "country",
                Place.NAME: country_label(code),
                Place.REGION: pd.NA,
                Place.LAT: pd.NA if lat is None else f"{lat:g}",
                Place.LON: pd.NA if lon is None else f"{lon:g}",
                Place.POINT_RULE: "none" if lat is None else "ct",
            }
        )
    return pd.DataFrame(rows, columns=list(Place.ALL), dtype="string")
