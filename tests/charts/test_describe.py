"""lib.charts.describe: every chart said in words, with the data's figures, in each language."""

from __future__ import annotations

import re

import pytest

from lib.base.fmt import people_compact
from lib.base.languages import LANGS
from lib.base.schema import CRISES, Flow
from lib.charts import describe
from lib.model.localise import localized

FUNCS = [
    describe.map_description,
    describe.nested_description,
    describe.corridors_description,
    describe.actions_description,
    describe.key_figures_description,
]
NUMBER = re.compile(r"\d+(?:[.,]\d+)?\s*(?:million|millones|milhões|milhão|thousand|mil)")


def figures_of(bundle, crisis, lang):
    flows = bundle.flows[(bundle.flows[Flow.CRISIS] == crisis) & bundle.flows[Flow.PEOPLE].notna()]
    return {people_compact(p, lang) for p in flows[Flow.PEOPLE]}


@pytest.mark.parametrize("lang", LANGS)
def test_nested_venezuela_says_each_figure_inside_its_parent(bundle, lang):
    data = localized(bundle, lang)
    text = describe.nested_description(data, "venezuela", lang)
    for figure in ("5.1", "4.3", "1.8", "2.5"):
        local = figure.replace(".", ",") if lang != "en" else figure
        assert local in text
    # 1.8 million is said inside the 4.3 million, never beside it as a separate figure.
    assert text.index(people_compact(4_300_000, lang)) < text.index(people_compact(1_800_000, lang))
    names = dict(zip(data.places["code"], data.places["name"], strict=True))
    for code in ("PER", "CHL", "ECU", "BRA"):
        assert names[code] in text
    unknown = {"en": "named without a figure", "es": "sin cifra", "pt": "sem número"}[lang]
    assert unknown in text
    stocks = {"en": "stocks", "es": "stocks", "pt": "estoques"}[lang]
    assert stocks in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("crisis", CRISES)
@pytest.mark.parametrize("func", FUNCS, ids=lambda f: f.__name__)
def test_every_figure_said_is_a_figure_of_the_data(bundle, func, crisis, lang):
    data = localized(bundle, lang)
    said = set(NUMBER.findall(func(data, crisis, lang)))
    assert said <= figures_of(bundle, crisis, lang), said - figures_of(bundle, crisis, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("crisis", ["haiti", "northern_triangle", "structural"])
def test_a_crisis_without_figures_is_described_without_any(bundle, crisis, lang):
    data = localized(bundle, lang)
    for func in FUNCS:
        assert NUMBER.findall(func(data, crisis, lang)) == []
    text = describe.nested_description(data, crisis, lang)
    assert data.cases.set_index("crisis").loc[crisis, "name"] in text


def test_map_venezuela_names_what_it_draws_and_what_it_cannot(bundle):
    text = describe.map_description(bundle, "venezuela")
    assert "draws 5 flows" in text
    assert "Colombia, 1.8 million (reported)" in text
    assert "Peru, Chile, Ecuador, and Brazil, named without a figure" in text
    assert "Not on the map: Venezuela → Outside the region: 800 thousand (derived)" in text
    assert "the most, 7, in Chile" in text


def test_corridors_venezuela_gives_no_total_and_lists_what_it_leaves_out(bundle):
    text = describe.corridors_description(bundle, "venezuela")
    assert text.startswith("South-south corridors: from Venezuela to Colombia, 1.8 million")
    assert "No corridor total is given." in text
    assert "Venezuela → All destinations: 5.1 million (reported)" in text


def test_actions_counts_come_from_the_actions_table(bundle):
    text = describe.actions_description(bundle, "venezuela")
    assert text.startswith("7 actions accompanied by EUROsociAL+ are linked to Venezuela.")
    assert "Chile 7" in text


@pytest.mark.parametrize("lang", LANGS)
def test_provenance_lines_give_section_words_and_formula(bundle, lang):
    data = localized(bundle, lang)
    lines = describe.provenance_lines(
        data, data.flows[data.flows[Flow.CRISIS] == "venezuela"], lang
    )
    assert len(lines) == 5
    assert any("The UN estimates that 5.1 million Venezuelans have emigrated" in x for x in lines)
    derived = next(x for x in lines if people_compact(800_000, lang) + "," in x)
    assert f"{people_compact(5_100_000, lang)} − {people_compact(4_300_000, lang)}" in derived
