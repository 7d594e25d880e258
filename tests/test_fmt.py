"""lib/fmt.py: numbers as a reader of each language writes them."""

import math

import pytest

from lib.fmt import people_compact, people_exact


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
