"""Every chart of the dashboard, one entry each: the one list pages, /embed, "Share or embed",
the briefing pack, the slides, the handout and the docs read.

An entry names its slug (file names, slides, `?chart=`), its builder and its words (both from
an Ask), the pages it is on (the first holds its full view), its element key on a page, what
its table is called, whether it has a phone layout, whether it goes into the pack, the slides
and the handout, and the iframe heights /embed needs. tests/charts/test_registry.py fails for
an entry that lacks a part; a new chart is its builder module, its entry here and the line of
its page that shows it (docs/architecture.md, "Where a change goes").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import pandas as pd

from lib.base.marks import N_
from lib.charts.actions import actions_country_chart
from lib.charts.common import Chart
from lib.charts.corridors import corridor_chart, nested_chart
from lib.charts.describe import (
    actions_description,
    corridors_description,
    map_description,
    nested_description,
)
from lib.charts.map_view import map_chart
from lib.charts.trends import origins_of, trend_chart, trend_description
from lib.model.bundle import Bundle
from lib.model.over_time import NO_YEARS


@dataclass(frozen=True)
class Ask:
    """What a chart is built from: the view's data (one indicator and year), the crisis (None:
    all), the language, the layout ("phone": the narrow one, where the chart has it), the
    actions it counts (None: the crisis's), and for the over-time chart every year of the data
    and the origin it follows (None: the crisis's origin with the most figures)."""

    data: Bundle
    crisis: str | None
    lang: str = "en"
    layout: str = "desktop"
    actions: pd.DataFrame | None = None
    every_year: Bundle | None = None
    origin: str | None = None


@dataclass(frozen=True)
class ChartKind:
    """One chart of the dashboard and every place it goes."""

    slug: str
    build: Callable[[Ask], Chart | None]  # None: nothing to draw (say why: `empty`)
    describe: Callable[[Ask], str]  # the chart in words: alt text, page, slide notes, SVG
    pages: tuple[str, ...]  # the pages it is on; the first holds its full view
    key: str  # its element's key on a page (st-key-<key>; the browser tests find it there)
    table: str  # what its table is called on the page (an interface string)
    phone: bool  # True: build() with layout "phone" gives its narrow layout
    pack: bool  # in the briefing pack (PNG, SVG, CSV)
    slide: bool  # a slide of its own (/present, the PPTX)
    handout: bool  # a page of the handout (PDF); it prints slides, so only a chart with one
    embed_height: int  # /embed's iframe height in CSS px for one crisis (measured by e2e)
    embed_height_all: int  # … and for all crises (more flows, longer words)
    empty: str = ""  # what the page says when build() gives None (an interface string)
    empty_title: str = ""  # the page's heading then, with {crisis} (an interface string)

    @property
    def page(self) -> str:
        """Return the page of its full view (what /embed's "Open in the dashboard" opens)."""
        return self.pages[0]

    def height_for(self, crisis: str | None) -> int:
        """Return the iframe's height for a view of one crisis, or of all (None)."""
        return self.embed_height if crisis else self.embed_height_all


def _origins(ask: Ask) -> list[str]:
    full = ask.every_year or ask.data
    if ask.origin:
        return [ask.origin]
    time = ask.data.time
    return origins_of(full.flows, ask.crisis, time.indicator)[:1] if time else []


def _trend(ask: Ask) -> Chart | None:
    origins = _origins(ask)
    if not origins or ask.data.time is None:
        return None
    return trend_chart(ask.every_year or ask.data, origins, ask.data.time, ask.lang)


def _trend_words(ask: Ask) -> str:
    origins = _origins(ask)
    if not origins or ask.data.time is None or len(ask.data.time.years) < 2:
        return ""
    return trend_description(ask.every_year or ask.data, origins, ask.data.time, ask.lang)


def _actions(ask: Ask) -> Chart | None:
    chart = actions_country_chart(ask.data, ask.crisis, ask.actions, ask.lang)
    return chart if len(chart.table) else None


CHARTS: Final = {
    kind.slug: kind
    for kind in (
        ChartKind(
            "map",
            lambda a: map_chart(a.data, a.crisis, a.lang),
            lambda a: map_description(a.data, a.crisis, a.lang),
            pages=("map",),
            key="flowmap",
            table=N_("flows on the map"),
            phone=False,  # its page draws the map's own phone layout (lib.charts.map_view)
            pack=True,
            slide=True,
            handout=True,
            embed_height=1140,
            embed_height_all=1340,
        ),
        ChartKind(
            "nested",
            lambda a: nested_chart(a.data, a.crisis, a.lang, a.layout),
            lambda a: nested_description(a.data, a.crisis, a.lang),
            pages=("corridors",),
            key="sankey_nested",
            table=N_("nested flows"),
            phone=True,
            pack=True,
            slide=True,
            handout=True,
            embed_height=1000,
            embed_height_all=2240,
        ),
        ChartKind(
            "corridors",
            lambda a: corridor_chart(a.data, a.crisis, a.lang, a.layout)[0],
            lambda a: corridors_description(a.data, a.crisis, a.lang),
            pages=("corridors",),
            key="sankey_corridors",
            table=N_("flows by corridor"),
            phone=True,
            pack=True,
            slide=True,
            handout=True,
            embed_height=1010,
            embed_height_all=1490,
        ),
        ChartKind(
            "actions",
            _actions,
            lambda a: actions_description(a.data, a.crisis, a.lang, a.actions),
            pages=("actions",),
            key="actions_chart",
            table=N_("actions per country"),
            phone=False,
            pack=True,
            slide=False,  # the slides list the actions themselves, with their small map
            handout=False,
            embed_height=700,
            embed_height_all=730,
            empty=N_(
                "No action matches these filters. Remove a filter or change the crisis to see more."
            ),
            empty_title=N_("Actions accompanied by EUROsociAL+: {crisis}"),
        ),
        ChartKind(
            "trend",
            _trend,
            _trend_words,
            pages=("trends",),
            key="trend_chart",
            table=N_("destinations over time"),
            phone=False,
            pack=True,  # built with the Ask's every_year: None (left out) for one year
            slide=True,
            handout=True,
            embed_height=900,
            embed_height_all=900,
            empty=NO_YEARS,
            empty_title=N_("Over time: {crisis}"),
        ),
    )
}
DEFAULT_CHART: Final = next(iter(CHARTS))  # /embed's fallback for an unknown ?chart=


def in_pack() -> list[ChartKind]:
    """Return the charts of the briefing pack, in page order."""
    return [kind for kind in CHARTS.values() if kind.pack]


def in_handout() -> list[ChartKind]:
    """Return the charts the handout prints, in page order."""
    return [kind for kind in CHARTS.values() if kind.handout]


def in_slides() -> list[ChartKind]:
    """Return the charts that get a slide, in page order."""
    return [kind for kind in CHARTS.values() if kind.slide]
