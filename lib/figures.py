"""Selections of flows and their figures: pure functions over the validated tables."""

from __future__ import annotations

import pandas as pd

from lib.schema import Flow, Place


def flows_for_crisis(flows: pd.DataFrame, crisis: str | None) -> pd.DataFrame:
    """Return the flows of one crisis slug, or all flows when crisis is None."""
    if crisis is None:
        return flows
    return flows[flows[Flow.CRISIS] == crisis]


def depth_of(flows: pd.DataFrame) -> pd.Series:
    """Return each flow's depth in the part_of hierarchy (0 at the top), indexed like flows."""
    parent = dict(zip(flows[Flow.ID], flows[Flow.PART_OF]))
    def depth(fid: str) -> int:
        d, seen = 0, {fid}
        while isinstance(parent.get(fid), str) and parent[fid] in parent and parent[fid] not in seen:
            fid = parent[fid]
            seen.add(fid)
            d += 1
        return d
    return flows[Flow.ID].map(depth)


def headline_figures(flows: pd.DataFrame, places: pd.DataFrame, crisis: str | None) -> pd.DataFrame:
    """Return the quantified flows of a crisis, top of the hierarchy first, with place names.

    Columns: those of flows plus `depth`, `origin_name`, `destination_name`. People stay as
    given (people, not thousands); nested figures are not added up.
    """
    sel = flows_for_crisis(flows, crisis)
    sel = sel[sel[Flow.PEOPLE].notna()].copy()
    names = dict(zip(places[Place.CODE], places[Place.NAME]))
    sel["depth"] = depth_of(flows).loc[sel.index]
    sel["origin_name"] = sel[Flow.ORIGIN].map(names)
    sel["destination_name"] = sel[Flow.DESTINATION].map(names)
    order = {"reported": 0, "derived": 1}
    sel["_status_order"] = sel[Flow.STATUS].map(order)
    sel = sel.sort_values(["depth", "_status_order", Flow.PEOPLE], ascending=[True, True, False], kind="stable")
    return sel.drop(columns="_status_order")
