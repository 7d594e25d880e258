"""lib/charts/titles.py: titles broken to fit an exported image, and kept as text for a page."""

from __future__ import annotations

import plotly.graph_objects as go

from lib.charts.corridors import nested_chart
from lib.charts.textfit import text_width
from lib.charts.titles import (
    PAGE_MARGIN,
    SOURCE,
    SOURCE_SIZE,
    TEXT_ROOM,
    lines_within,
    on_page,
    titled,
)
from lib.model.localise import localized


def test_lines_break_at_spaces_by_measured_width_and_keep_no_break_spaces():
    lines = lines_within(
        "Venezuela: flujos que nombra la ficha, anidados como en la ficha", 300, 20
    )
    assert len(lines) == 3 and all(text_width(line, 20) <= 300 for line in lines)
    assert " ".join(lines) == "Venezuela: flujos que nombra la ficha, anidados como en la ficha"
    assert lines_within("Colombia ·\u00a01,8\u00a0millones", 60, 14) == [
        "Colombia",
        "·\u00a01,8\u00a0millones",
    ]
    assert lines_within("Anticonstitucionalmente", 10, 14) == ["Anticonstitucionalmente"]


def test_a_long_source_line_is_broken_to_fit_a_1920_px_image():
    words = "Fonte: ficha de migração do EUROsociAL+, " * 12
    fig = titled(go.Figure(), "T", words.strip(), scale=1.5)
    note = next(a for a in fig.layout.annotations if a.name == SOURCE)
    lines = note.text.split("<br>")
    assert len(lines) > 1
    assert all(text_width(line, round(SOURCE_SIZE * 1.5)) <= TEXT_ROOM for line in lines)


def test_on_page_the_title_lines_and_source_leave_the_figure_and_the_plot_keeps_its_height(
    bundle,
):
    fig = nested_chart(localized(bundle, "es"), "venezuela", "es").figure
    page, titles = on_page(fig)
    assert titles.title == "Venezuela: flujos que nombra la ficha, anidados como en la ficha"
    assert titles.subtitle[0].startswith("Cifras: personas que vivían en el extranjero")
    assert titles.source[0].startswith("Fuente: ficha de migración de EUROsociAL+")
    assert page.layout.title.text is None
    assert [a for a in page.layout.annotations if a.name == SOURCE] == []
    assert page.layout.margin.t == PAGE_MARGIN

    def plot(f):
        return f.layout.height - f.layout.margin.t - f.layout.margin.b

    assert plot(page) == plot(fig)  # the Sankey's layout was made for this plot
    assert fig.layout.title.text  # the download keeps its titles


def test_a_figure_titled_never_saw_is_shown_as_it_is():
    fig = go.Figure()
    assert on_page(fig) == (fig, None)
