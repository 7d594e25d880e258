"""Selections of flows and their figures: pure functions over the validated tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.base.fmt import format_count, people_compact
from lib.base.i18n import tr, translate
from lib.base.schema import Flow, Place

# What a chart draws when a selection is larger (synthetic or UN DESA-sized tables): the
# largest flows only, and the chart says so. The bundled sheet is far below every limit.
SANKEY_LIMIT = 40
MAP_LIMIT = 60
CARD_LIMIT = 12
TABLE_LIMIT = 1_000


def crisis_mask(flows: pd.DataFrame, crisis: str | None) -> pd.Series:
    """Return True for the flows of one crisis slug (every flow when crisis is None). A flow
    with no crisis (an imported row from no crisis's origin) is only in "every flow"."""
    if crisis is None:
        return pd.Series(True, index=flows.index)
    return flows[Flow.CRISIS].eq(crisis).fillna(False).astype(bool)


def crisis_name(slug: object, names: dict[str, str]) -> str:
    """Return a crisis's name from its slug (the slug when unnamed); "" for a flow with none."""
    return names.get(slug, slug) if isinstance(slug, str) and slug else ""


def flows_for_crisis(flows: pd.DataFrame, crisis: str | None) -> pd.DataFrame:
    """Return the flows of one crisis slug, or all flows when crisis is None."""
    if crisis is None:
        return flows
    return flows[crisis_mask(flows, crisis)]


def depth_of(flows: pd.DataFrame) -> pd.Series:
    """Return each flow's depth in the part_of hierarchy (0 at the top), indexed like flows.

    Only flows with a parent are walked, so a large flat table costs one null check. A
    parent missing from `flows` ends the chain, and so does a cycle.
    """
    depth = pd.Series(0, index=flows.index)
    has = flows[Flow.PART_OF].notna()
    if not has.any():
        return depth
    parent = dict(zip(flows.loc[has, Flow.ID], flows.loc[has, Flow.PART_OF], strict=True))
    ids = set(flows[Flow.ID])

    def walk(fid: str) -> int:
        d, seen = 0, {fid}
        while fid in parent and parent[fid] in ids and parent[fid] not in seen:
            fid = parent[fid]
            seen.add(fid)
            d += 1
        return d

    depth[has] = flows.loc[has, Flow.ID].map(walk).astype(int)
    return depth


@dataclass(frozen=True)
class Shown:
    """The flows a chart draws out of a larger selection, and how to say so on the chart."""

    flows: pd.DataFrame
    total: int  # flows in the selection
    largest: int  # of them, the largest figures kept (at most the limit)
    left_out: pd.DataFrame | None = None  # the selection's flows not kept, when known

    @property
    def cut(self) -> bool:
        return len(self.flows) < self.total

    def note(self, lang: str = "en") -> str:
        """Return the line a chart carries when it shows only part of the selection ('' if all)."""
        if not self.cut:
            return ""
        return translate(
            lang,
            "Showing the {limit} largest of {total} flows, with the flows that contain them; "
            "every flow is listed on the Sources page.",
            limit=format_count(self.largest, lang),
            total=format_count(self.total, lang),
        )


def largest_flows(flows: pd.DataFrame, crisis: str | None, limit: int) -> Shown:
    """Return a crisis's flows, cut to the `limit` with the largest figures plus the flows
    that contain them when there are more than `limit`. Nothing is added up: the rest are
    left out and the note says so; flows without a figure are the first left out. Only
    narrow columns of a large table are touched before the cut."""
    mask = crisis_mask(flows, crisis)
    total = int(mask.sum())
    if total <= limit:
        return Shown(flows_for_crisis(flows, crisis), total, total)
    keep = flows[Flow.PEOPLE].where(mask).dropna().nlargest(limit, keep="first").index
    wanted, parents = set(keep), flows.loc[keep, Flow.PART_OF].dropna()
    if len(parents):
        selected = flows.loc[mask, Flow.ID]
        row_of = dict(zip(selected.to_numpy(), selected.index, strict=True))
        while len(parents):
            rows = {row_of[p] for p in parents.unique() if p in row_of} - wanted
            wanted |= rows
            parents = flows.loc[list(rows), Flow.PART_OF].dropna() if rows else parents.iloc[:0]
    kept = flows.index.isin(wanted)
    return Shown(flows.loc[kept], total, len(keep), flows.loc[mask & ~kept])


MAP_DIRECTIONS = ("both", "in", "out")  # a selected country's flows on the map (?dir=)


def touching(flows: pd.DataFrame, country: str | None, direction: str = "both") -> pd.Series:
    """Return True for the flows into (`in`), out of (`out`) or both into and out of a
    country; all False when no country is chosen."""
    if not country:
        return pd.Series(False, index=flows.index)
    into, out = flows[Flow.DESTINATION] == country, flows[Flow.ORIGIN] == country
    return into if direction == "in" else out if direction == "out" else into | out


def map_selection(
    flows: pd.DataFrame,
    crisis: str | None,
    limit: int,
    country: str | None = None,
    direction: str = "both",
) -> Shown:
    """Return the flows a map draws: a crisis's largest `limit` (largest_flows), where a
    chosen country's flows in `direction` come first (its largest, up to `limit`), then the
    largest of the others in the room left. Nothing is added up."""
    mine_mask = touching(flows, country, direction) & crisis_mask(flows, crisis)
    if not mine_mask.any():
        return largest_flows(flows, crisis, limit)
    mine = largest_flows(flows[mine_mask], None, limit)
    room = limit - len(mine.flows)
    rest = largest_flows(flows[~mine_mask], crisis, max(room, 0))
    kept = pd.concat([mine.flows, rest.flows.iloc[: max(room, 0)]])
    selection = flows[crisis_mask(flows, crisis)]
    left = selection[~selection.index.isin(kept.index)]
    return Shown(kept, len(selection), min(limit, len(selection)), left)


def smaller_line(shown: Shown, lang: str = "en") -> str:
    """Return the line under a map that names what it leaves out: "412 smaller flows, 1.3
    million people, not drawn; see the table" ('' when nothing is left out). The people are
    added only for flows of one indicator and year that nest in nothing (never counted
    twice); otherwise only the flows are counted."""
    if not shown.cut or shown.left_out is None:
        return ""
    rest = shown.left_out
    count = format_count(len(rest), lang)
    one_time = rest[[Flow.INDICATOR, Flow.YEAR]].drop_duplicates().shape[0] <= 1
    flat = (
        rest[Flow.PART_OF].isna().all()
        and not rest[Flow.ID].isin(set(shown.flows[Flow.PART_OF].dropna())).any()
    )
    if one_time and flat and rest[Flow.PEOPLE].notna().any():
        return tr(lang).ngettext(
            "{count} smaller flow, {people} people, not drawn; see the table.",
            "{count} smaller flows, {people} people, not drawn; see the table.",
            len(rest),
            count=count,
            people=people_compact(rest[Flow.PEOPLE].sum(), lang),
        )
    return tr(lang).ngettext(
        "{count} smaller flow not drawn; see the table.",
        "{count} smaller flows not drawn; see the table.",
        len(rest),
        count=count,
    )


def first_flows(flows: pd.DataFrame, crisis: str | None, limit: int) -> tuple[pd.DataFrame, int]:
    """Return a crisis's first `limit` flows in table order, and how many it has."""
    mask = crisis_mask(flows, crisis)
    return flows[mask].iloc[:limit], int(mask.sum())


def quantified_count(flows: pd.DataFrame, crisis: str | None) -> int:
    """Return how many flows of a crisis carry a figure."""
    return int((crisis_mask(flows, crisis) & flows[Flow.PEOPLE].notna()).sum())


def headline_figures(
    flows: pd.DataFrame, places: pd.DataFrame, crisis: str | None, limit: int | None = None
) -> pd.DataFrame:
    """Return the quantified flows of a crisis, top of the hierarchy first, with place names
    (the first `limit` of them when given).

    Columns: those of flows plus `depth`, `origin_name`, `destination_name`. People stay as
    given (people, not thousands); nested figures are not added up. The order is found on
    three narrow columns, and only the rows returned are copied.
    """
    mask = crisis_mask(flows, crisis) & flows[Flow.PEOPLE].notna()
    keys = pd.DataFrame(
        {
            "depth": depth_of(flows)[mask],
            "status": flows.loc[mask, Flow.STATUS].map({"reported": 0, "derived": 1}),
            "people": flows.loc[mask, Flow.PEOPLE],
        }
    ).sort_values(["depth", "status", "people"], ascending=[True, True, False], kind="stable")
    rows = keys.index if limit is None else keys.index[:limit]
    sel = flows.loc[rows].copy()
    names = dict(zip(places[Place.CODE], places[Place.NAME], strict=True))
    sel["depth"] = keys.loc[rows, "depth"]
    sel["origin_name"] = sel[Flow.ORIGIN].map(names)
    sel["destination_name"] = sel[Flow.DESTINATION].map(names)
    return sel


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


def map_split(
    flows: pd.DataFrame, all_flows: pd.DataFrame, places: pd.DataFrame, lang: str = "en"
) -> tuple[pd.DataFrame, pd.DataFrame]:
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


def ends_text(row: pd.Series, lang: str = "en", escape=str) -> str:
    """Return a flow's ends as a reader sees them, "Origin not given → United States (via Mexico)";
    `row` comes from with_points, `escape` is applied to each place name."""
    ends = f"{escape(row['origin_name'])} → {escape(row['destination_name'])}"
    if isinstance(row.get("via_name"), str):
        ends += " " + translate(lang, "(via {place})", place=escape(row["via_name"]))
    return ends


def left_out_lines(left_out: pd.DataFrame, lang: str = "en", limit: int = 20) -> list[str]:
    """Return one sentence per flow left out of a chart: ends (with the place it passes
    through), figure if any, and why; past `limit` flows, one last line counts the rest."""
    out = []
    for _, row in left_out.head(limit).iterrows():
        figure = (
            ""
            if pd.isna(row[Flow.PEOPLE])
            else f": {people_compact(row[Flow.PEOPLE], lang)} ({tr(lang)(row[Flow.STATUS])})"
        )
        out.append(f"{ends_text(row, lang)}{figure} — {row['reason']}.")
    if len(left_out) > limit:
        out.append(
            translate(
                lang,
                "… and {count} more, listed on the Sources page.",
                count=format_count(len(left_out) - limit, lang),
            )
        )
    return out
