"""Each chart of a crisis said in words, in the reader's language: for speaker notes, the
deck's alt text, the handout, the SVG's description, and under every chart on its page.

Every figure said here is a row of data/flows.csv, formatted as the chart formats it
(people_compact). A flow the sheet names without a magnitude is named without a figure, never
given one. Figures are stocks (people living there at the time of the sheet), and each
description that gives one says so. Nested figures are said inside their parent ("of the 4.3
million…"), never added up.

One function per chart kind, each named in its entry of lib.charts.registry.CHARTS:
map_description, nested_description, corridors_description, actions_description (the
over-time chart's words are lib.charts.trends.trend_description); key_figures_description for
the title slide and provenance_lines for the notes.
"""

from __future__ import annotations

import pandas as pd
from babel.lists import format_list

from lib.base.fmt import locale_of, people_compact
from lib.base.i18n import tr
from lib.base.schema import CORRIDORS, Flow
from lib.charts.common import crisis_label
from lib.charts.map_view import map_flows
from lib.charts.sankey import corridor_data, corridor_name
from lib.model.actions import ActionFilter, actions_per_country, filter_actions
from lib.model.bundle import Bundle
from lib.model.indicators import indicator_label
from lib.model.overview import crisis_summary, derivation
from lib.model.selection import SANKEY_LIMIT, largest_flows, left_out_lines, with_points

WORLD = "XWD"  # "All destinations": a flow to it is everyone who left


def names_list(names: list[str], lang: str = "en") -> str:
    """Return names joined as the language joins a list: "Peru, Chile, and Brazil" /
    "Perú, Chile y Brasil"."""
    return format_list(list(names), locale=locale_of(lang)) if names else ""


def figure_text(row: pd.Series, lang: str = "en") -> str:
    """Return a flow's figure with its status, "1.8 million (reported)"; the row must have one."""
    return f"{people_compact(row[Flow.PEOPLE], lang)} ({tr(lang)(row[Flow.STATUS])})"


def _place(row: pd.Series, lang: str) -> str:
    """Return the destination's name, with the place it passes through when there is one."""
    name = str(row["destination_name"])
    if isinstance(row.get("via_name"), str):
        name += " " + tr(lang)("(via {place})", place=row["via_name"])
    return name


def stock_sentence(data: Bundle, lang: str = "en") -> str:
    """Return the sentence that says what the figures count: the sheet's stocks (about 2020),
    or the chosen indicator in its year (lib.model.timeline)."""
    t = tr(lang)
    if data.time is None or data.time.is_sheet:
        return t(
            "These figures are stocks: people living there at the time of the sheet (about "
            "2020), not movements per year."
        )
    return t(
        "These figures count {indicator} in {year}, not movements per year.",
        indicator=indicator_label(data.time.indicator, lang),
        year=data.time.year,
    )


def _parts(children: pd.DataFrame, lang: str, both_ways: bool = False) -> list[str]:
    """Return the parts of a list of flows: each figure with its place, then the places named
    without a figure in one part."""
    t = tr(lang)
    parts = [
        t("{place}, {figure}", place=_place(r, lang), figure=figure_text(r, lang))
        for _, r in children[children[Flow.PEOPLE].notna()].iterrows()
    ]
    unknown = list(
        dict.fromkeys(_place(r, lang) for _, r in children[children[Flow.PEOPLE].isna()].iterrows())
    )  # a pair in two agreements is named once
    if unknown:
        parts.append(
            t("{places}, named without a figure", places=names_list(unknown, lang))
            if not both_ways
            else t("{places}, both ways, named without a figure", places=names_list(unknown, lang))
        )
    return parts


def nested_description(data: Bundle, crisis: str, lang: str = "en") -> str:
    """Return the nested Sankey of a crisis in words: each figure inside its parent, then the
    places named without a figure."""
    t = tr(lang)
    flows = with_points(largest_flows(data.flows, crisis, SANKEY_LIMIT).flows, data.places)
    ids = set(flows[Flow.ID])
    parent = flows[Flow.PART_OF].where(flows[Flow.PART_OF].isin(ids))
    sentences: list[str] = []
    if flows[Flow.PEOPLE].isna().all():
        sentences.append(
            t("The sheet gives no figures for {crisis}.", crisis=crisis_label(data, crisis, lang))
        )

    def walk(row: pd.Series, top: bool) -> None:
        children = flows[parent == row[Flow.ID]]
        if top and row[Flow.DESTINATION] == WORLD and pd.notna(row[Flow.PEOPLE]):
            sentences.append(
                t(
                    "{figure} people from {origin} live abroad ({status}).",
                    figure=people_compact(row[Flow.PEOPLE], lang),
                    origin=row["origin_name"],
                    status=t(row[Flow.STATUS]),
                )
            )
            lead = t("Of these {figure}:", figure=people_compact(row[Flow.PEOPLE], lang))
        elif pd.notna(row[Flow.PEOPLE]):
            if top:
                sentences.append(
                    t(
                        "{figure} people from {origin} live in {place} ({status}).",
                        figure=people_compact(row[Flow.PEOPLE], lang),
                        origin=row["origin_name"],
                        place=_place(row, lang),
                        status=t(row[Flow.STATUS]),
                    )
                )
            lead = t(
                "Of the {figure} in {place}:",
                figure=people_compact(row[Flow.PEOPLE], lang),
                place=row["destination_name"],
            )
        else:
            lead = t("Within {place}:", place=row["destination_name"])
        if len(children):
            sentences.append(f"{lead} {'; '.join(_parts(children, lang))}.")
            for _, child in children.iterrows():
                walk(child, top=False)

    roots = flows[parent.isna()]
    containers = roots[roots[Flow.ID].isin(set(parent.dropna()))]
    for _, row in containers.iterrows():
        walk(row, top=True)
    leaves = roots[~roots[Flow.ID].isin(set(parent.dropna()))]
    for _, group in leaves.groupby(Flow.ORIGIN, sort=False):
        sentences.append(_from_sentence(group, lang))
    if flows[Flow.PEOPLE].notna().any():
        sentences.append(stock_sentence(data, lang))
    return " ".join(sentences)


def _from_sentence(group: pd.DataFrame, lang: str, first: bool = True) -> str:
    """Return "From Haiti to Peru, Chile … named without a figure." for flows of one origin
    ("from Haiti to …" when it is not the first clause of its sentence)."""
    t = tr(lang)
    one_way = group[group[Flow.DIRECTION] != "both_ways"]
    both = group[group[Flow.DIRECTION] == "both_ways"]
    parts = "; ".join([*_parts(one_way, lang), *_parts(both, lang, both_ways=True)])
    origin = group["origin_name"].iloc[0]
    if first:
        return t("From {origin} to {parts}.", origin=origin, parts=parts)
    return t("from {origin} to {parts}", origin=origin, parts=parts)


def map_description(data: Bundle, crisis: str, lang: str = "en") -> str:
    """Return the flow map of a crisis in words: the flows drawn from each origin (with their
    figures, or dashed without one), the flows with a figure it cannot draw, and where the
    actions are."""
    t = tr(lang)
    drawn, not_drawn, _shown = map_flows(data, crisis, lang)
    sentences = [
        t.ngettext(
            "The map ({crisis}) draws {n} flow.",
            "The map ({crisis}) draws {n} flows.",
            len(drawn),
            crisis=crisis_label(data, crisis, lang),
        )
    ]
    for _, group in drawn.groupby(Flow.ORIGIN, sort=False):
        sentences.append(_from_sentence(group, lang))
    if drawn[Flow.PEOPLE].isna().any():
        sentences.append(
            t("A flow without a figure is a thin dashed arrow; its width is no figure.")
        )
    unplaced = not_drawn[
        not_drawn[Flow.PEOPLE].notna()
        & (not_drawn["reason"] != tr(lang)("shown through the flows it contains"))
    ]
    for line in left_out_lines(unplaced, lang):
        sentences.append(t("Not on the map: {line}", line=line))
    counts = actions_per_country(
        filter_actions(data.actions, ActionFilter(crisis=crisis)), data.places
    )
    if len(counts):
        most = counts[counts["actions"] == counts["actions"].max()]
        sentences.append(
            t.ngettext(
                "Countries are shaded by the number of actions accompanied by EUROsociAL+ "
                "({n} country); the most, {count}, in {places}.",
                "Countries are shaded by the number of actions accompanied by EUROsociAL+ "
                "({n} countries); the most, {count}, in {places}.",
                len(counts),
                count=int(most["actions"].iloc[0]),
                places=names_list(list(most["name"]), lang),
            )
        )
    if drawn[Flow.PEOPLE].notna().any() or len(unplaced):
        sentences.append(stock_sentence(data, lang))
    return " ".join(sentences)


def corridors_description(data: Bundle, crisis: str, lang: str = "en") -> str:
    """Return the corridor Sankey of a crisis in words: each corridor's flows from each origin,
    then the flows it leaves out and why."""
    t = tr(lang)
    shown = largest_flows(data.flows, crisis, SANKEY_LIMIT)
    _sd, left_out = corridor_data(shown.flows, data.places, lang)
    kept = with_points(shown.flows[~shown.flows[Flow.ID].isin(set(left_out[Flow.ID]))], data.places)
    sentences = []
    for corridor in CORRIDORS:
        rows = kept[kept[Flow.CORRIDOR] == corridor]
        if len(rows):
            froms = [
                _from_sentence(group, lang, first=False)
                for _, group in rows.groupby(Flow.ORIGIN, sort=False)
            ]
            sentences.append(f"{corridor_name(corridor, lang)}: {'; '.join(froms)}.")
    sentences.append(t("No corridor total is given."))
    for line in left_out_lines(left_out, lang):
        sentences.append(t("Not in this view: {line}", line=line))
    if kept[Flow.PEOPLE].notna().any() or left_out[Flow.PEOPLE].notna().any():
        sentences.append(stock_sentence(data, lang))
    return " ".join(sentences)


def actions_description(
    data: Bundle, crisis: str, lang: str = "en", actions: pd.DataFrame | None = None
) -> str:
    """Return the actions per country of a crisis (or of `actions`, part of them) in words:
    how many, and the count in each country, most first."""
    t = tr(lang)
    if actions is None:
        actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    counts = actions_per_country(actions, data.places)
    by_country = names_list(
        [
            t("{country} {count}", country=n, count=int(c))
            for n, c in zip(counts["name"], counts["actions"], strict=True)
        ],
        lang,
    )
    text = t.ngettext(
        "{n} action accompanied by EUROsociAL+ is linked to {crisis}.",
        "{n} actions accompanied by EUROsociAL+ are linked to {crisis}.",
        len(actions),
        crisis=crisis_label(data, crisis, lang),
    )
    if by_country:
        text += " " + t(
            "Actions per country: {counts}. An action counts once for each country it lists.",
            counts=by_country,
        )
    return text


def key_figures_description(data: Bundle, crisis: str, lang: str = "en") -> str:
    """Return the title slide's key figures in words: each figure where people live, with its
    status, or that the sheet gives none; then how many flows and actions there are."""
    t = tr(lang)
    summary = crisis_summary(data, crisis, lang)
    if summary.cards:
        text = "; ".join(f"{c.label}: {c.value} ({t(c.status)})" for c in summary.cards) + "."
        text += " " + stock_sentence(data, lang)
    else:
        text = t("The sheet gives no figures for {crisis}.", crisis=summary.name)
    return (
        text
        + " "
        + t(
            "Flows named by the sheet: {flows}. Actions linked: {actions}.",
            flows=summary.flows,
            actions=summary.actions,
        )
    )


def provenance_lines(data: Bundle, flows: pd.DataFrame, lang: str = "en") -> list[str]:
    """Return one line per figure of `flows`: the figure, its status, how it was derived, the
    sheet's section and its words."""
    t = tr(lang)
    pts = with_points(flows[flows[Flow.PEOPLE].notna()], data.places)
    out = []
    for _, r in pts.iterrows():
        how = (
            t("derived: {formula}", formula=derivation(r[Flow.FORMULA], data.flows, lang))
            if r[Flow.STATUS] == "derived"
            else t(r[Flow.STATUS])
        )
        out.append(
            t(
                "{origin} → {destination}: {figure}, {how}; section “{section}”: “{quote}”",
                origin=r["origin_name"],
                destination=r["destination_name"],
                figure=people_compact(r[Flow.PEOPLE], lang),
                how=how,
                section=r[Flow.SOURCE],
                quote=r[Flow.QUOTE],
            )
        )
    return out
