"""The action explorer's logic: filtering, search and counts over data/actions.csv."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.base.i18n import tr
from lib.base.schema import CRISES, SHEET_INDICATOR, Action, Flow, Place
from lib.model.cells import split_list
from lib.model.organisations import (
    official_names,
    organisation_caveats,
    organisation_label,
    organisations_text,
)


@dataclass(frozen=True)
class ActionFilter:
    """What the user picked. Empty means 'any'. Kinds combine with AND, values with OR."""

    crisis: str | None = None
    countries: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    text: str = ""


def _has_any(cells: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    wanted_set = set(wanted)
    return cells.map(lambda c: bool(wanted_set & set(split_list(c))))


def filter_actions(actions: pd.DataFrame, f: ActionFilter) -> pd.DataFrame:
    """Return the actions that pass every chosen filter, in their original order."""
    keep = pd.Series(True, index=actions.index)
    if f.crisis:
        keep &= _has_any(actions[Action.CRISES], (f.crisis,))
    if f.countries:
        keep &= _has_any(actions[Action.COUNTRIES], f.countries)
    if f.scopes:
        keep &= actions[Action.SCOPE].isin(f.scopes)
    if f.themes:
        keep &= _has_any(actions[Action.THEMES], f.themes)
    if f.organisations:
        keep &= _has_any(actions[Action.ORGANISATIONS], f.organisations)
    words = f.text.strip().casefold().split()
    if words:
        haystack = (
            actions[Action.TITLE].fillna("") + " " + actions[Action.OUTCOME].fillna("")
        ).str.casefold()
        for w in words:
            keep &= haystack.str.contains(w, regex=False)
    return actions[keep]


def crisis_countries(flows: pd.DataFrame, places: pd.DataFrame) -> dict[str, set[str]]:
    """Return, for each crisis, the countries where one of its flows in the sheet starts, ends
    or passes through (origin, destination, via). Aggregates such as XLA are not expanded.
    Rows brought in from published tables do not count: an action's link to a crisis is the
    sheet's, and does not change with the year or the indicator shown."""
    countries = set(places.loc[places[Place.KIND] == "country", Place.CODE])
    flows = flows[flows[Flow.INDICATOR] == SHEET_INDICATOR]
    ends = (
        pd.concat(
            [
                flows[[Flow.CRISIS, end]].set_axis([Flow.CRISIS, "code"], axis=1)
                for end in (Flow.ORIGIN, Flow.DESTINATION, Flow.VIA)
            ]
        )
        .dropna()
        .drop_duplicates()
    )
    ends = ends[ends["code"].isin(countries)]
    return {crisis: set(group["code"]) for crisis, group in ends.groupby(Flow.CRISIS)}


def crisis_links(countries_cell: object, by_crisis: dict[str, set[str]]) -> dict[str, list[str]]:
    """Return the crisis links of an action by the one rule: crisis → the action's countries
    that one of the crisis's flows starts from, ends in or passes through, in CRISES order.
    An action that lists no country is linked to no crisis."""
    mine = split_list(countries_cell)
    links = {crisis: [c for c in mine if c in by_crisis.get(crisis, set())] for crisis in CRISES}
    return {crisis: codes for crisis, codes in links.items() if codes}


def linked_crises(actions: pd.DataFrame, flows: pd.DataFrame, places: pd.DataFrame) -> pd.Series:
    """Return each action's crises by the rule, written as actions.csv writes them
    ("venezuela;haiti"), indexed like `actions`."""
    by_crisis = crisis_countries(flows, places)
    return actions[Action.COUNTRIES].map(lambda cell: ";".join(crisis_links(cell, by_crisis)))


def options(actions: pd.DataFrame, column: str) -> list[str]:
    """Return the sorted distinct items of a list column (or plain column) of actions."""
    items = {i for cell in actions[column] for i in split_list(cell)}
    return sorted(items)


def actions_per_country(actions: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Return one row per country with its number of actions: code, name, actions, lat, lon.

    An action counts once for each country it lists; sorted by count, then name.
    """
    counts: dict[str, int] = {}
    for cell in actions[Action.COUNTRIES]:
        for code in split_list(cell):
            counts[code] = counts.get(code, 0) + 1
    p = places.set_index(Place.CODE)
    rows = [
        {
            "code": c,
            "name": p.at[c, Place.NAME],
            "actions": n,
            "lat": p.at[c, Place.LAT],
            "lon": p.at[c, Place.LON],
        }
        for c, n in counts.items()
    ]
    df = pd.DataFrame(rows, columns=["code", "name", "actions", "lat", "lon"])
    return df.sort_values(["actions", "name"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def table_view(
    actions: pd.DataFrame,
    country_names: dict[str, str],
    theme_labels: dict[str, str],
    lang: str = "en",
) -> pd.DataFrame:
    """Return the explorer's table: lists as lists, names instead of codes, headers in `lang`.

    Organisations are named as the sheet names them, with what this project adds (official
    name, attribution in doubt) in square brackets.
    """
    t = tr(lang)
    originals, caveats = official_names(), organisation_caveats(lang)
    return pd.DataFrame(
        {
            t("Title"): actions[Action.TITLE].to_numpy(),
            t("Countries"): [
                [country_names.get(c, c) for c in split_list(v)] for v in actions[Action.COUNTRIES]
            ],
            t("Scope"): [t(s) for s in actions[Action.SCOPE]],
            t("Themes"): [
                [theme_labels.get(x, x) for x in split_list(v)] for v in actions[Action.THEMES]
            ],
            t("Organisations"): [
                organisations_text(v, originals, lang, caveats)
                for v in actions[Action.ORGANISATIONS]
            ],
            t("Outcome"): actions[Action.OUTCOME].to_numpy(),
            t("Source"): actions[Action.SOURCE].to_numpy(),
        }
    )


def action_details(
    action: pd.Series,
    country_names: dict[str, str],
    theme_labels: dict[str, str],
    lang: str = "en",
    crisis_names: dict[str, str] | None = None,
    by_crisis: dict[str, set[str]] | None = None,
) -> list[tuple[str, str]]:
    """Return every field of one action as (label, text) pairs, lists joined for reading.

    With `by_crisis` (crisis_countries), each crisis names the action's countries that link it:
    "Haiti (Chile, Mexico)"."""
    t = tr(lang)

    def names(cell: object, table: dict[str, str]) -> str:
        items = [table.get(i, i) for i in split_list(cell)]
        return ", ".join(items) if items else "—"

    def crises(cell: object) -> str:
        links = crisis_links(action[Action.COUNTRIES], by_crisis) if by_crisis is not None else {}
        items = [
            (crisis_names or {}).get(c, c)
            + (f" ({names(';'.join(links[c]), country_names)})" if c in links else "")
            for c in split_list(cell)
        ]
        return ", ".join(items) if items else "—"

    note = action[Action.NOTE] if isinstance(action[Action.NOTE], str) else "—"
    orgs = organisations_text(
        action[Action.ORGANISATIONS], official_names(), lang, organisation_caveats(lang)
    )
    return [
        (t("Action"), action[Action.TITLE]),
        (t("Countries"), names(action[Action.COUNTRIES], country_names)),
        (t("Scope"), t(action[Action.SCOPE])),
        (t("Outcome"), action[Action.OUTCOME]),
        (t("Organisations"), ", ".join(orgs) if orgs else "—"),
        (t("Themes"), names(action[Action.THEMES], theme_labels)),
        (t("Crises"), crises(action[Action.CRISES])),
        (t("Source"), action[Action.SOURCE]),
        (t("How the sheet was read"), note),
    ]


def organisation_option(lang: str = "en"):
    """Return how the organisation filter shows an option: as organisation_label does."""
    originals, caveats = official_names(), organisation_caveats(lang)
    return lambda name: organisation_label(name, originals, lang, caveats)
