"""Every URL parameter of a view, one entry each: its name, the pages that read it, and what
it holds (pure).

A view is its link. The share link, the embed snippet and /embed's "Open in the dashboard", the
QR codes and the pack's LINK.txt all take a view's parameters through `view_query`, so a
parameter added to a page is carried everywhere once it has its entry here.
tests/test_params.py fails when a page or lib/ui reads a parameter that has no entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

# The pages a parameter can belong to: "" is the overview. /embed reads ?chart= (which chart of
# lib.charts.registry.CHARTS) and the parameters of that chart's page.
PAGE_SLUGS: Final = ("", "map", "corridors", "trends", "actions", "sources", "present")
EVERY: Final = PAGE_SLUGS


@dataclass(frozen=True)
class Param:
    """One URL parameter."""

    name: str
    pages: tuple[str, ...]  # the pages whose view it shapes
    holds: str  # what it holds, for the docs and the reader of this file
    shared: bool = True  # False: the reader's own setting, never put into a link for others


PARAMS: Final = {
    p.name: p
    for p in (
        Param("crisis", EVERY, "a crisis (venezuela, haiti, northern_triangle); none: all"),
        Param("lang", EVERY, "the language (en, es, pt); none: English"),
        Param("indicator", EVERY, "what is counted; none: the sheet's figures"),
        Param("year", EVERY, "the year of the figures"),
        Param("dataset", EVERY, "the dataset shown where two give figures for the same flows"),
        Param("country", ("map", "actions"), "a country (map) or countries (actions), ISO3"),
        Param("dir", ("map",), "which flows of the map's country: in, out or both"),
        Param("top", ("map",), "how many flows the map draws, at most"),
        Param("view", ("map",), "the map's extent (world, americas, …)"),
        Param("compare", ("map",), "years side by side, separated by commas"),
        Param("origin", ("trends",), "the origin followed over time, ISO3"),
        Param("scope", ("actions",), "the actions' scopes (repeated)"),
        Param("theme", ("actions",), "the actions' themes (repeated)"),
        Param("org", ("actions",), "the actions' organisations (repeated)"),
        Param("q", ("actions",), "words searched in the actions' titles and outcomes"),
        Param("action", ("actions",), "the action shown in full"),
        Param("slide", ("present",), "the slide shown, from 1"),
        Param("notes", ("present",), "1: the speaker notes under the slide", shared=False),
    )
}


def names_of(page: str) -> tuple[str, ...]:
    """Return the names of the parameters that shape `page`'s view, in link order."""
    return tuple(p.name for p in PARAMS.values() if page in p.pages)


def view_query(
    page: str, query: Mapping[str, str | Sequence[str]], shared: bool = True
) -> dict[str, list[str]]:
    """Return the parameters of `query` that shape `page`'s view, in link order, each with its
    values (a repeated one keeps them all); empty values and other pages' parameters are left
    out, and with `shared` so are the reader's own settings (?notes=)."""
    kept: dict[str, list[str]] = {}
    for name in names_of(page):
        if shared and not PARAMS[name].shared:
            continue
        values = query.get(name)
        values = [values] if isinstance(values, str) else list(values or ())
        values = [v for v in values if v != ""]
        if values:
            kept[name] = values
    return kept
