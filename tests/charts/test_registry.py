"""lib.charts.registry: every chart is one entry with every part, and each part is what the
pages, /embed, the pack and the deck get."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from lib.base.i18n import catalogue, translate
from lib.base.languages import LANGS
from lib.base.schema import PAGE_SCRIPTS
from lib.charts.common import Chart
from lib.charts.registry import (
    CHARTS,
    DEFAULT_CHART,
    Ask,
    ChartKind,
    in_handout,
    in_pack,
    in_slides,
)
from lib.export.slides import crisis_slides
from lib.model import timeline
from lib.model.localise import localized

PAGES = {script.removeprefix("pages/").removesuffix(".py") for script in PAGE_SCRIPTS}
OPTIONAL = {"empty", "empty_title"}  # only a chart that may have nothing to draw needs them


def missing_parts(kind: ChartKind) -> list[str]:
    """Return the parts an entry lacks: an empty value, a page that does not exist, an
    interface string without its translation, a height that is not a height."""
    gaps = [
        f.name
        for f in fields(kind)
        if f.name not in OPTIONAL and getattr(kind, f.name) in ("", (), None)
    ]
    gaps += [f"page {p}" for p in kind.pages if p not in PAGES]
    texts = [kind.table] + ([kind.empty, kind.empty_title] if kind.empty else [])
    for lang in LANGS[1:]:
        gaps += [f"{lang}: {m}" for m in texts if m and m not in catalogue(lang).texts]
    if not (0 < kind.embed_height <= kind.embed_height_all):
        gaps.append("embed heights")
    if bool(kind.empty) != bool(kind.empty_title):
        gaps.append("empty and empty_title go together")
    if kind.handout and not kind.slide:
        gaps.append("the handout prints slides: a chart in it needs one")
    return gaps


@pytest.mark.parametrize("slug", list(CHARTS))
def test_every_registered_chart_has_every_part(slug):
    assert CHARTS[slug].slug == slug
    assert missing_parts(CHARTS[slug]) == []


def test_a_chart_that_lacks_a_part_is_found():
    kind = CHARTS["nested"]
    assert missing_parts(replace(kind, table="")) == ["table"]
    assert missing_parts(replace(kind, pages=("nowhere",))) == ["page nowhere"]
    assert missing_parts(replace(kind, table="A table nobody translated")) == [
        "es: A table nobody translated",
        "pt: A table nobody translated",
    ]
    assert missing_parts(replace(kind, embed_height=0)) == ["embed heights"]
    assert missing_parts(replace(kind, slide=False)) == [
        "the handout prints slides: a chart in it needs one"
    ]


@pytest.mark.parametrize("kind", list(CHARTS.values()), ids=list(CHARTS))
def test_each_builder_gives_its_own_chart_with_a_table_and_its_words(bundle, kind):
    view = timeline.at(bundle, timeline.choice_for(bundle.flows, "venezuela"))
    ask = Ask(localized(view, "es"), "venezuela", "es", every_year=bundle)
    chart = kind.build(ask)
    if chart is None:  # the sheet alone has one year: nothing over time
        assert kind.empty and kind.slug == "trend"
        return
    assert isinstance(chart, Chart) and chart.name == kind.slug
    assert len(chart.table) > 0 and chart.title
    assert "Venezuela" in kind.describe(ask)


def test_the_phone_layout_is_a_different_figure_where_a_chart_has_one(bundle):
    view = timeline.at(bundle, timeline.choice_for(bundle.flows, "haiti"))
    for kind in CHARTS.values():
        if not kind.phone:
            continue
        desk, phone = kind.build(Ask(view, "haiti")), kind.build(Ask(view, "haiti", layout="phone"))
        assert desk.figure.to_json() != phone.figure.to_json(), kind.slug


def test_the_pack_and_the_slides_take_their_charts_from_the_registry(bundle):
    assert [k.slug for k in in_pack()] == ["map", "nested", "corridors", "actions", "trend"]
    assert [k.slug for k in in_slides()] == ["map", "nested", "corridors", "trend"]
    assert [k.slug for k in in_handout()] == ["map", "nested", "corridors", "trend"]
    view = timeline.at(bundle, timeline.choice_for(bundle.flows, "haiti"))
    slides = crisis_slides(view, "haiti", every_year=bundle)
    charted = [s.kind for s in slides if s.kind in CHARTS and CHARTS[s.kind].slide]
    # the sheet alone has one year: no over-time slide, and nothing said of one
    assert charted == ["map", "nested", "corridors"]
    assert "actions" in [s.kind for s in slides]  # the actions' own slides, not the bar chart


def test_with_years_the_over_time_chart_gets_its_slide_after_the_corridors(timed_data):
    from lib.model.bundle import load_bundle

    every = localized(load_bundle(timed_data), "es")
    view = timeline.at(every, timeline.choice_for(every.flows, "haiti", "undesa_stock"))
    slides = crisis_slides(view, "haiti", "es", every_year=every)
    charted = [s.kind for s in slides if s.kind in CHARTS and CHARTS[s.kind].slide]
    assert charted == [k.slug for k in in_slides()]
    trend = next(s for s in slides if s.kind == "trend")
    assert trend.title == "Haití: los mayores destinos, 1990–2024"
    # its own source line: the dataset and what it counts, not one year, and the missing year
    assert trend.source == (
        "Fuente: UN DESA, International Migrant Stock 2024, Table 1: Stock de migrantes "
        "internacionales, ambos sexos (UN DESA). Sin cifra (un hueco en la línea, no un cero): "
        "Perú en 1990."
    )
    assert trend.description.startswith("Stock de migrantes internacionales, ambos sexos")
    assert "Perú: 2 en 1995, 8 en 2024." in trend.notes
    # without every year (one year's flows only) there is no line to draw: no slide
    alone = crisis_slides(view, "haiti", "es")
    assert "trend" not in [s.kind for s in alone]


def test_embed_falls_back_to_the_map_and_an_empty_chart_is_said_in_the_readers_language():
    assert DEFAULT_CHART == "map"
    trend = CHARTS["trend"]
    assert translate("es", trend.empty_title, crisis="Haití") == "A lo largo del tiempo: Haití"
    assert translate("pt", trend.empty).startswith("Um único ano de números")
