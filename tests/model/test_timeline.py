"""lib/model/timeline.py: which years and indicators a view has, its choice and fallbacks, the
sheet's figure beside the newest (never a change across two indicators), and the over-time
table (a missing year is a gap, never a zero)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lib.base.schema import SHEET_INDICATOR, Flow
from lib.model import over_time, timeline
from lib.model.bundle import load_bundle
from lib.model.indicators import year_label
from lib.model.sources import source_of, title_year


@pytest.fixture(scope="module")
def timed(timed_data):
    return load_bundle(timed_data)


def test_the_bundled_sheet_alone_offers_no_choice(bundle):
    choice = timeline.choice_for(bundle.flows, "venezuela")
    assert (choice.indicator, choice.year, choice.has_choice) == (SHEET_INDICATOR, 2020, False)
    assert choice.largest == 5_100_000  # the widest flow on every map: the sheet's largest
    assert year_label(2020, SHEET_INDICATOR, "en") == "about 2020"
    assert year_label(2020, SHEET_INDICATOR, "es") == "hacia 2020"


def test_a_view_lists_each_indicator_with_its_years(timed):
    options = timeline.options_for(timed.flows, "venezuela")
    assert list(options.years) == [
        SHEET_INDICATOR,
        "undesa_stock",
        "refugees",
        "asylum_seekers",
        "oip",
    ]
    assert options.years["undesa_stock"] == (1990, 1995, 2000, 2010, 2015, 2020, 2024)  # 2005: ..
    assert options.years["oip"] == (2023,)
    haiti = timeline.options_for(timed.flows, "haiti")
    assert haiti.years["undesa_stock"] == (1995, 2000, 2005, 2010, 2015, 2020, 2024)
    assert options.elsewhere == ()  # every indicator of the data has Venezuelan rows
    assert haiti.elsewhere == ("asylum_seekers",)  # in the data; none for Haiti
    triangle = timeline.options_for(timed.flows, "northern_triangle")
    assert list(triangle.years) == [SHEET_INDICATOR]
    assert triangle.elsewhere == ("undesa_stock", "refugees", "asylum_seekers", "oip")


def test_an_unknown_year_or_indicator_falls_back(timed):
    options = timeline.options_for(timed.flows, "venezuela")
    assert options.choose("undesa_stock", 2005).year == 2024  # no figure in 2005: the newest
    assert options.choose("nonsense", None).indicator == SHEET_INDICATOR
    assert options.choose(None, 1990).year == 2020  # the sheet's only year
    picked = options.choose("undesa_stock", 1995)
    assert (picked.indicator, picked.year, picked.has_choice) == ("undesa_stock", 1995, True)


def test_a_view_holds_one_indicator_and_one_year_only(timed):
    view = timeline.at(timed, timeline.choice_for(timed.flows, None, "undesa_stock", 2020))
    assert set(view.flows[Flow.INDICATOR]) == {"undesa_stock"}
    assert set(view.flows[Flow.YEAR]) == {2020}
    assert view.time.year == 2020
    assert source_of(view, "en") == (
        "Source: UN DESA, International Migrant Stock 2024, Table 1, 2020: "
        "International migrant stock, both sexes (UN DESA)."
    )
    assert title_year(view) == ", 2020"
    sheet = timeline.at(timed, timeline.choice_for(timed.flows, None))
    assert title_year(sheet) == "" and len(sheet.flows) == 34


def _sheet_row(data, flow_id: str) -> pd.Series:
    return data.flows.set_index(Flow.ID, drop=False).loc[flow_id]


def test_then_and_now_of_two_indicators_computes_no_change(timed):
    pair = over_time.then_and_now(timed.flows, _sheet_row(timed, "ven_col"))
    assert pair.then[Flow.PEOPLE] == 1_800_000
    assert (pair.now[Flow.INDICATOR], pair.now[Flow.YEAR], pair.now[Flow.PEOPLE]) == (
        "undesa_stock",
        2024,
        80,
    )
    assert not pair.comparable and pair.change is None
    preferred = over_time.then_and_now(timed.flows, _sheet_row(timed, "ven_col"), prefer="oip")
    assert preferred.now[Flow.INDICATOR] == "undesa_stock"  # 2024 is newer than oip's 2023


def test_then_and_now_of_one_indicator_gives_the_change(timed):
    flows = timed.flows
    then = flows[(flows[Flow.INDICATOR] == "undesa_stock") & (flows[Flow.YEAR] == 1990)].iloc[0]
    pair = over_time.then_and_now(flows, then)
    assert pair.comparable and pair.now[Flow.YEAR] == 2024
    assert pair.change == pair.now[Flow.PEOPLE] - then[Flow.PEOPLE] == 70


def test_then_and_now_without_a_newer_figure(timed):
    pair = over_time.then_and_now(timed.flows, _sheet_row(timed, "ven_emigrated"))
    assert pair.now is None and pair.change is None


def test_over_time_a_missing_year_is_a_gap_never_a_zero(timed):
    trend = over_time.trend(timed.flows, ["VEN"], "undesa_stock")
    assert trend.years == (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)
    row = trend.table.loc[("VEN", "COL")]
    assert math.isnan(row[2005])  # `..` in the workbook: a gap
    assert [row[y] for y in (1990, 2000, 2024)] == [10, 30, 80]
    assert trend.gaps == {"VEN→COL": (2005,)}
    assert 0 not in set(trend.table.stack().dropna())


def test_over_time_ranks_destinations_by_their_newest_figure(timed):
    trend = over_time.trend(timed.flows, ["VEN", "HTI", "COL"], "undesa_stock", limit=2)
    assert list(trend.table.index) == [("COL", "CHL"), ("VEN", "COL")]  # 120 and 80 in 2024
    assert trend.left_out == 1


def test_the_then_and_now_line_says_both_and_no_change_across_indicators(timed):
    pair = over_time.then_and_now(timed.flows, _sheet_row(timed, "ven_col"))
    assert over_time.then_now_text(pair, "Venezuela", "Colombia", "es") == (
        "Colombia: 1,8 millones, hacia 2020 (la ficha: personas de Venezuela que viven allí) · "
        "80, 2024 (Stock de migrantes internacionales, ambos sexos (UN DESA)). Dos indicadores: "
        "no se calcula ningún cambio."
    )
    flows = timed.flows
    then = flows[(flows[Flow.INDICATOR] == "undesa_stock") & (flows[Flow.YEAR] == 1990)].iloc[0]
    same = over_time.then_and_now(flows, then)
    assert over_time.then_now_text(same, "Venezuela", "Colombia", "en").endswith(
        "Change: +70 (the same indicator)."
    )
