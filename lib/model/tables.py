"""The tables a reader sees beside the charts: the provenance of each flow, the principles,
the effects and the actions per country, with their columns named in the reader's language."""

from __future__ import annotations

import pandas as pd

from lib.base.fmt import md_escape, people_compact
from lib.base.i18n import tr
from lib.base.schema import Flow
from lib.model.indicators import indicator_label, year_label
from lib.model.selection import crisis_name, with_points


def provenance_table(
    flows: pd.DataFrame,
    places: pd.DataFrame,
    lang: str = "en",
    cases: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return every flow with its figure as a reader sees it ("not reported" when unknown),
    its year ("about 2020" for the sheet's) and indicator, status, parent, formula, source
    section, the sheet's words (or the file and row) and the reading note; its crisis by
    name when `cases` is given."""
    names = {} if cases is None else dict(zip(cases["crisis"], cases["name"], strict=True))
    pts = with_points(flows, places)
    t = tr(lang)
    pairs = pts[[Flow.YEAR, Flow.INDICATOR]].drop_duplicates()
    years = {(y, i): year_label(int(y), i, lang) for y, i in pairs.itertuples(index=False)}
    labels = {i: indicator_label(i, lang) for i in pairs[Flow.INDICATOR]}
    return pd.DataFrame(
        {
            t("flow"): pts[Flow.ID].to_numpy(),
            t("crisis"): [crisis_name(c, names) for c in pts[Flow.CRISIS]],
            t("from"): pts["origin_name"].to_numpy(),
            t("to"): pts["destination_name"].to_numpy(),
            t("via"): pts["via_name"].fillna("").to_numpy(),
            t("figure"): [people_compact(p, lang) for p in pts[Flow.PEOPLE]],
            t("year"): [years[p] for p in zip(pts[Flow.YEAR], pts[Flow.INDICATOR], strict=True)],
            t("indicator"): pts[Flow.INDICATOR].map(labels).to_numpy(),
            "people": pts[Flow.PEOPLE].to_numpy(),
            t("status"): [t(s) for s in pts[Flow.STATUS]],
            t("part of"): pts[Flow.PART_OF].fillna("").to_numpy(),
            t("formula"): pts[Flow.FORMULA].fillna("").to_numpy(),
            t("source section"): pts[Flow.SOURCE].to_numpy(),
            t("the sheet's words"): pts[Flow.QUOTE].to_numpy(),
            t("how it was read"): pts[Flow.NOTE].fillna("").to_numpy(),
        }
    )


def principles_markdown(principles: pd.DataFrame) -> str:
    """Return the guiding principles as one Markdown list: number and name in bold, then the
    sheet's text (escaped, so it shows as typed)."""
    return "\n".join(
        f"{row['number']}. **{md_escape(str(row['name']))}**  \n{md_escape(str(row['text']))}"
        for _, row in principles.iterrows()
    )


def effects_table(rows: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Return one block of the sheet's effects → response → impact table as a reader sees it:
    headers and the column's name in `lang`, the sheet's own text in its English."""
    t = tr(lang)
    return pd.DataFrame(
        {
            t("Column of the sheet's table"): [t(c) for c in rows["column"]],
            t("Item"): rows["item"].to_numpy(),
            t("the sheet's words"): rows["text"].to_numpy(),
        }
    )


def actions_per_country_table(counts: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Return the actions per country as a reader sees it: country and number, headers in
    `lang`."""
    t = tr(lang)
    return pd.DataFrame(
        {t("Country"): counts["name"].to_numpy(), t("Actions"): counts["actions"].to_numpy()}
    )
