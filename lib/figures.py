"""Selections of flows and their figures: pure functions over the validated tables."""

from __future__ import annotations

import pandas as pd

from lib.fmt import people_compact
from lib.i18n import tr
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



def with_points(flows: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Return flows with origin/destination names and points (NaN where a place has none)."""
    p = places.set_index(Place.CODE)
    out = flows.copy()
    for end in (Flow.ORIGIN, Flow.DESTINATION):
        out[f"{end}_name"] = out[end].map(p[Place.NAME])
        out[f"{end}_kind"] = out[end].map(p[Place.KIND])
        out[f"{end}_lat"] = out[end].map(p[Place.LAT])
        out[f"{end}_lon"] = out[end].map(p[Place.LON])
    out["via_name"] = out[Flow.VIA].map(p[Place.NAME])
    return out


def map_split(flows: pd.DataFrame, all_flows: pd.DataFrame, places: pd.DataFrame,
              lang: str = "en") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (drawn, not_drawn) flows for a map, each with a `reason` for leaving a flow off.

    A flow is drawn when it has no sub-flows (containers would double count what their
    parts show) and both ends have a point and differ. `all_flows` decides containment.
    """
    pts = with_points(flows, places)
    container = pts[Flow.ID].isin(set(all_flows[Flow.PART_OF].dropna()))
    no_point = pts[["origin_lat", "destination_lat"]].isna().any(axis=1)
    same = pts[Flow.ORIGIN] == pts[Flow.DESTINATION]
    t = tr(lang)
    reason = pd.Series("", index=pts.index, dtype=object)
    reason[same] = t("no distinct ends to draw")
    reason[no_point] = t("the sheet gives no place to draw it at")
    reason[container] = t("shown through the flows it contains")
    pts["reason"] = reason
    drawn = pts[reason == ""]
    return drawn.drop(columns="reason"), pts[reason != ""]


def left_out_lines(left_out: pd.DataFrame, lang: str = "en") -> list[str]:
    """Return one sentence per flow left out of a chart: ends, figure if any, and why."""
    out = []
    for _, row in left_out.iterrows():
        figure = "" if pd.isna(row[Flow.PEOPLE]) else f": {people_compact(row[Flow.PEOPLE], lang)} ({tr(lang)(row[Flow.STATUS])})"
        out.append(f"{row['origin_name']} → {row['destination_name']}{figure} — {row['reason']}.")
    return out


def provenance_table(flows: pd.DataFrame, places: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Return every flow with its figure as a reader sees it ("not reported" when unknown),
    status, parent, formula, source section, the sheet's words and the reading note."""
    pts = with_points(flows, places)
    t = tr(lang)
    return pd.DataFrame({
        t("flow"): pts[Flow.ID].to_numpy(),
        t("crisis"): pts[Flow.CRISIS].to_numpy(),
        t("from"): pts["origin_name"].to_numpy(),
        t("to"): pts["destination_name"].to_numpy(),
        t("figure"): [people_compact(p, lang) for p in pts[Flow.PEOPLE]],
        "people": pts[Flow.PEOPLE].to_numpy(),
        t("status"): [t(s) for s in pts[Flow.STATUS]],
        t("part of"): pts[Flow.PART_OF].fillna("").to_numpy(),
        t("formula"): pts[Flow.FORMULA].fillna("").to_numpy(),
        t("source section"): pts[Flow.SOURCE].to_numpy(),
        t("the sheet's words"): pts[Flow.QUOTE].to_numpy(),
        t("how it was read"): pts[Flow.NOTE].fillna("").to_numpy(),
    })
