"""The organisations an action names (data/organisations.csv): official names, and the
caveat a reader needs beside some of them, per language."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from lib.base.i18n import translate
from lib.base.schema import DATA_DIR
from lib.model.cells import split_list
from lib.model.localise import data_text


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
