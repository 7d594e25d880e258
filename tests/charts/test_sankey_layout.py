"""lib/charts/sankey_layout.py: every label of every Sankey clears every other at the narrowest
width its page gives it, and at any wider or taller drawing; plotly's own node scale, reproduced."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import pytest

from lib.base.languages import LANGS
from lib.base.schema import CRISES
from lib.charts.corridors import corridor_chart, nested_chart
from lib.charts.sankey_layout import (
    PAD,
    PAGE_FIT,
    PLACES,
    TEXT_PAD,
    SankeyFit,
    columns,
    fit_sankey,
    node_scale,
    node_values,
)
from lib.charts.textfit import text_width
from lib.charts.titles import LINE_SPACING
from lib.export.slides import CHART_FONT, SLIDE_FIT, crisis_slides
from lib.model.localise import localized

VENEZUELA = "venezuela"


def sankey(fig: go.Figure):
    return next((t for t in fig.data if t.type == "sankey"), None)


def label_boxes(fig: go.Figure, fit: SankeyFit, width: float, stretch: float = 1.0):
    """Each label's box (x0, y0, x1, y1) as plotly draws it in a plot `width` px wide and
    `stretch` times the figure's plot height: centred on its node, right of it (left in the
    last column), with d3-sankey's node heights."""
    trace = sankey(fig)
    src, tgt = list(trace.link.source), list(trace.link.target)
    values = node_values(len(trace.node.label), src, tgt, [float(v) for v in trace.link.value])
    cols = columns(len(values), src, tgt)
    plot = (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b) * stretch
    ky = node_scale(plot, cols, values, trace.node.pad)
    boxes = []
    for i, label in enumerate(trace.node.label):
        lines = html.unescape(label).split("<br>")
        w = max(text_width(line, fit.font_size) for line in lines)
        half = LINE_SPACING * fit.font_size * len(lines) / 2
        x, y = trace.node.x[i] * width, trace.node.y[i] * plot
        if cols[i] == max(cols):
            x1 = x - fit.thickness / 2 - TEXT_PAD
            boxes.append((x1 - w, y - half, x1, y + half, label))
        else:
            x0 = x + fit.thickness / 2 + TEXT_PAD
            boxes.append((x0, y - half, x0 + w, y + half, label))
        assert values[i] * ky <= plot  # a node inside the plot
    return boxes


def overlapping(boxes) -> list[tuple[str, str]]:
    return [
        (a[4], b[4])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0
    ]


def charts(bundle, lang: str):
    data = localized(bundle, lang)
    for crisis in (*CRISES, None):
        yield nested_chart(data, crisis, lang).figure
        yield corridor_chart(data, crisis, lang)[0].figure


@pytest.mark.parametrize("lang", LANGS)
def test_no_label_meets_another_at_the_narrowest_width_or_wider(bundle, lang):
    seen = 0
    for fig in charts(bundle, lang):
        if sankey(fig) is None:
            continue  # no figure at all: the named flows chart (its own test)
        seen += 1
        for width in (PAGE_FIT.min_width, 1.5 * PAGE_FIT.min_width, 3 * PAGE_FIT.min_width):
            for stretch in (1.0, 1.7):  # the page, and a 1920×1080 PNG's taller plot
                assert overlapping(label_boxes(fig, PAGE_FIT, width, stretch)) == []
    assert seen == 4  # Venezuela and all crises, nested and by corridor


def test_the_overlap_the_issue_found_is_gone_and_the_check_finds_it_in_plotlys_own_layout(
    bundle,
):
    """'Resto de la región 2,5 millones' over 'Ecuador · magnitud no informada': the check
    above finds it when the nodes sit where plotly's own even columns would put them."""
    fig = nested_chart(localized(bundle, "es"), VENEZUELA, "es").figure
    assert overlapping(label_boxes(fig, PAGE_FIT, PAGE_FIT.min_width)) == []
    trace = sankey(fig)
    rest = next(i for i, lbl in enumerate(trace.node.label) if lbl.startswith("Resto"))
    ecuador = next(i for i, lbl in enumerate(trace.node.label) if lbl.startswith("Ecuador"))
    ys = list(trace.node.y)
    ys[ecuador] = ys[rest]  # level with the region, as plotly's relaxation put it
    trace.node.y = ys
    assert overlapping(label_boxes(fig, PAGE_FIT, PAGE_FIT.min_width))


def test_slides_fit_their_760_px_at_the_slides_text_size(bundle):
    for lang in LANGS:
        for slide in crisis_slides(localized(bundle, lang), VENEZUELA, lang):
            if slide.kind in ("nested", "corridors"):
                assert slide.figure.layout.height == 760
                assert sankey(slide.figure).textfont.size == CHART_FONT
                assert overlapping(label_boxes(slide.figure, SLIDE_FIT, SLIDE_FIT.min_width)) == []


def test_a_label_breaks_at_spaces_to_fit_its_gap_and_never_inside_its_figure(bundle):
    fig = nested_chart(localized(bundle, "pt"), VENEZUELA, "pt").figure
    labels = list(sankey(fig).node.label)
    assert "América Latina e o<br>Caribe<br>4,3 milhões" in labels  # two lines of place
    assert all(
        line in ("5,1 milhões", "4,3 milhões", "1,8 milhão", "800 mil", "2,5 milhões")
        for label in labels
        for line in label.split("<br>")[1:]
        if line[0].isdigit()
    )
    # the unbroken labels are kept, so a slide can break them again for its own text
    assert sankey(fig).meta["labels"][1] == "América Latina e o Caribe<br>4,3 milhões"


def test_node_heights_are_a_share_of_the_plot_so_a_taller_drawing_only_adds_room(bundle):
    fig = nested_chart(bundle, VENEZUELA).figure
    trace = sankey(fig)
    src, tgt = list(trace.link.source), list(trace.link.target)
    values = node_values(len(trace.node.label), src, tgt, list(trace.link.value))
    cols = columns(len(values), src, tgt)
    assert trace.node.pad == PAD and trace.arrangement == "fixed"
    assert node_scale(1000, cols, values, PAD) == pytest.approx(
        2 * node_scale(500, cols, values, PAD)
    )
    # d3-sankey: the value of a node is the larger of what enters and what leaves it
    assert max(values) == 5_100_000


def test_justified_columns_put_every_end_node_last():
    # 0 → 1 → 2, and 0 → 3: 3 ends, so it is drawn in the last column with 2
    assert columns(4, [0, 1, 0], [1, 2, 3]) == [0, 1, 2, 2]


def test_bands_leave_each_node_top_to_bottom_in_the_order_of_their_targets(bundle):
    trace = sankey(nested_chart(bundle, VENEZUELA).figure)
    assert trace.link.sort == "input"  # plotly keeps this order
    ys = list(trace.node.y)
    for node in set(trace.link.source):
        targets = [
            t for s, t in zip(trace.link.source, trace.link.target, strict=True) if s == node
        ]
        assert [ys[t] for t in targets] == sorted(ys[t] for t in targets)


def test_a_figure_without_a_sankey_or_with_one_column_comes_back_as_it_was():
    bare = go.Figure(go.Scatter(x=[1], y=[1]))
    assert fit_sankey(bare) is bare and bare.layout.height is None
    lone = go.Figure(go.Sankey(node=dict(label=["a"]), link=dict(source=[], target=[], value=[])))
    assert fit_sankey(lone).data[0].node.x is None


@pytest.mark.parametrize("lang", LANGS)
def test_charts_without_figures_keep_their_side_labels_inside_the_plot(bundle, lang):
    data = localized(bundle, lang)
    for crisis in ("haiti", "northern_triangle", "structural"):
        for fig in (
            nested_chart(data, crisis, lang).figure,
            corridor_chart(data, crisis, lang)[0].figure,
        ):
            trace = next(t for t in fig.data if t.name == PLACES)
            lo, hi = fig.layout.xaxis.range
            px = PAGE_FIT.min_width / (hi - lo)  # px per unit at the narrowest width
            for x, text, side in zip(trace.x, trace.text, trace.textposition, strict=True):
                w = max(
                    text_width(html.unescape(t), PAGE_FIT.font_size) for t in text.split("<br>")
                )
                if side == "middle left":
                    assert (x - lo) * px - 9 - w >= 0, (crisis, text)
                elif side == "middle right":
                    assert (x - lo) * px + 9 + w <= PAGE_FIT.min_width, (crisis, text)
