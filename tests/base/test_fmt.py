"""lib/base/fmt.py: numbers as a reader of each language writes them."""

import math

import pandas as pd
import pytest

from lib.base.fmt import people_compact, people_exact, readable_table


@pytest.mark.parametrize(
    "lang, expected", [("en", "5.1 million"), ("es", "5,1 millones"), ("pt", "5,1 milhões")]
)
def test_compact_people_per_language(lang, expected):
    assert people_compact(5_100_000, lang) == expected


def test_exact_people_and_unknown():
    assert people_exact(1_800_000, "en") == "1,800,000"
    assert people_exact(1_800_000, "es") == "1.800.000"
    assert people_compact(math.nan, "en") == "not reported"
    assert people_compact(None, "es", unknown="no informado") == "no informado"
    assert people_compact(800_000, "en") == "800 thousand"


def test_a_small_table_reads_as_text_and_the_threshold_is_fifty_rows():
    df = pd.DataFrame({"Countries": [["CHL", "PER"], []], "Outcome": ["done", None], "n": [1, 2]})
    out = readable_table(df)
    assert out["Countries"].tolist() == ["CHL · PER", ""]
    assert out["Outcome"].tolist() == ["done", ""]
    assert out["n"].tolist() == [1, 2]
    assert df["Countries"].tolist() == [["CHL", "PER"], []]  # the input is not changed


def test_a_figure_the_sheet_does_not_give_is_an_empty_cell_not_a_zero():
    df = pd.DataFrame({"people": [1_800_000.0, float("nan")], "share": [0.5, float("nan")]})
    assert readable_table(df)["people"].tolist() == ["1800000", ""]
    assert readable_table(df)["share"].tolist() == ["0.5", ""]
