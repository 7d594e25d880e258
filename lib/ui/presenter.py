"""Presenter mode (/present): its page set-up, the slide asked for, the slide controls, and
a slide as a phone shows it (what an audience member following along sees)."""

from __future__ import annotations

import streamlit as st

from lib.base.fmt import md_escape
from lib.base.i18n import translate
from lib.base.schema import CRISES
from lib.charts.map_view import map_view
from lib.charts.registry import CHARTS
from lib.export.slides import PRESENT_TITLE, Slide, narrow_figure
from lib.model.overview import crisis_summary
from lib.ui import cache, downloads, page, timebar, url
from lib.ui.cache import PageContext, load
from lib.ui.css import MAP_KEY, PRESENT_CSS, map_background


def setup() -> tuple[PageContext, list[str]]:
    """Set up /present: no sidebar, the language and one crisis read from the URL (an
    unknown or missing crisis falls back to the first one, with a notice when unknown), the
    data in that language, of the indicator and year in the URL (?indicator=&year=, or
    their fallbacks). Return the context and the notices for the page to show."""
    lang, notices = page.bare_page(PRESENT_TITLE, PRESENT_CSS)
    loaded = load(lang)
    names = loaded.crisis_names
    raw = url.last_in_link("crisis")
    crisis = raw if raw in CRISES else CRISES[0]
    if raw is not None and raw not in CRISES:
        notices.append(
            translate(
                lang,
                "Presenter mode shows one crisis; “{value}” is not one. Showing {default}.",
                value=url.clip(raw),
                default=names.get(crisis, crisis),
            )
        )
    key = (str(loaded.folder), loaded.stamp)
    everything = PageContext(loaded.data, crisis, names, lang, key)
    choice = timebar.read_choice(page.time_options(everything), lang, notices)
    return page.at_choice(everything, choice), notices


def slide_number(count: int, notices: list[str], lang: str) -> int:
    """Return the slide asked for by ?slide=N (1-based); a value that is not a slide number
    adds a notice and gives slide 1."""
    target = st.session_state.pop(SLIDE_TARGET, None)
    if target is not None:  # a button or key was pressed: the URL follows the slide
        number = min(max(1, target), count)
        st.query_params["slide"] = str(number)
        return number
    raw = (st.query_params.get_all("slide") or [None])[-1]
    if raw is None:
        return 1
    if raw.isdigit() and 1 <= int(raw) <= count:
        return int(raw)
    notices.append(
        translate(
            lang,
            "There is no slide “{value}” (slides 1 to {count}); showing slide 1.",
            value=url.clip(raw),
            count=count,
        )
    )
    return 1


SLIDE_TARGET = "_present_slide"


def _go_to_slide(number: int) -> None:
    # The run that shows the slide writes it into the URL (slide_number), so the two agree.
    st.session_state[SLIDE_TARGET] = number


def slide_controls(number: int, count: int, ctx: PageContext, phone: bool = False) -> None:
    """Draw Previous / counter / Next (and First, Last) and bind the keys presenters and
    their clickers send: → Space PageDown next, ← PageUp previous, Home first, End last.
    Streamlit's own button shortcuts do the binding (no component of ours); the extra keys
    are buttons hidden by PRESENT_CSS. Each click writes ?slide=N into the URL.

    On a `phone` the row is Previous / counter / Next only, without key hints, and stays at
    the foot of the screen (PRESENT_CSS) while the slide scrolls; the downloads follow it."""
    t = ctx.t
    prev_n, next_n = max(1, number - 1), min(count, number + 1)
    first, last = number == 1, number == count
    # (label, key, slide it goes to, key it answers, icon, greyed out), left to right
    back = (
        (t("First"), "nav_first", 1, "Home", None, first),
        (t("Previous"), "nav_prev", prev_n, "Left", ":material/arrow_back:", first),
    )
    forward = (
        (t("Next"), "nav_next", next_n, "Right", ":material/arrow_forward:", last),
        (t("Last"), "nav_last", count, "End", None, last),
    )

    if phone:
        back, forward = back[1:], forward[:1]

    def buttons(row: tuple) -> None:
        for label, key, target, shortcut, icon, disabled in row:
            st.button(
                label,
                key=key,
                on_click=_go_to_slide,
                args=(target,),
                shortcut=None if phone else shortcut,
                icon=icon,
                icon_position="right" if key == "nav_next" else "left",
                disabled=disabled,
            )

    with st.container(key="present_nav", horizontal=True, vertical_alignment="center"):
        buttons(back)
        with st.container(key="slide_counter", width="content"):
            st.markdown(f"{number} / {count}")
        buttons(forward)
        if not phone:
            downloads.slides_download(ctx, "present")
            downloads.handout_download(ctx, "present")
    if phone:
        with st.container(key="present_downloads", horizontal=True):
            downloads.slides_download(ctx, "present")
            downloads.handout_download(ctx, "present")
    with st.container(key="present_keys"):
        for key, target in (("Space", next_n), ("PageDown", next_n), ("PageUp", prev_n)):
            st.button(key, key=f"key_{key}", on_click=_go_to_slide, args=(target,), shortcut=key)


# ------------------------------------------------------------------------------- phone


CARD = "slide_card_"  # the key of each key-figure card, then its number


def _cards(ctx: PageContext) -> None:
    """The key figures as cards stacked one under another, each with its provenance (the
    overview's cards: reported, then derived), then the counts of flows and actions."""
    summary = cache.memo(
        ctx, "present_summary", lambda: crisis_summary(ctx.data, ctx.crisis, ctx.lang)
    )
    t = ctx.t
    rows = [
        (heading, [(c.value, c.label, c.provenance) for c in summary.cards if c.status == status])
        for status, heading in (
            ("reported", t("Reported by the sheet")),
            ("derived", t("Derived from the reported figures")),
        )
    ]
    if not summary.cards:
        rows.append((t("The sheet gives no figures for {crisis}.", crisis=summary.name), []))
    counts = [
        (str(summary.flows), t("flows named by the sheet"), ""),
        (str(summary.actions), t("actions linked"), ""),
    ]
    number = 0
    with st.container(key="slide_cards"):
        for heading, tiles in [*rows, ("", counts)]:
            if heading and (tiles or not summary.cards):
                st.markdown(f"**{md_escape(heading)}**")
            for value, label, provenance in tiles:
                number += 1
                with st.container(border=True, key=f"{CARD}{number}"):
                    st.markdown(f"## {md_escape(value)}")
                    st.markdown(md_escape(label))
                    if provenance:
                        st.caption(md_escape(provenance))


def _map(ctx: PageContext) -> None:
    """The flow map in its phone frame (lib.charts.flowmap.PHONE), with its legend above it."""
    view = cache.memo(
        ctx,
        "map",  # the one /map and /embed build on a phone
        lambda: map_view(ctx.data, ctx.crisis, ctx.crisis_names, ctx.lang, "phone", None),
        "phone",
        None,
    )
    st.html(view.legend)  # escaped text (lib.charts.maps.legend_html), sanitized again by st.html
    with st.container(key=MAP_KEY):  # map_background draws the map's bitmap in this container
        st.html(map_background(view))
        st.pydeck_chart(view.deck, height=view.model.layout.height, width="stretch")


def phone_slide(slide: Slide, ctx: PageContext) -> None:
    """Show a slide's body as a phone shows it, one thing under another: the key figures as
    cards, the map in its phone frame, a Sankey in its narrow layout, actions and sources as
    text (their small pictures are left out). A kind of slide this does not know shows its
    figure, as wide as the screen."""
    if slide.kind == "title":
        _cards(ctx)
    elif slide.kind == "map":
        _map(ctx)
    elif slide.kind in CHARTS and CHARTS[slide.kind].phone:
        figure = cache.memo(
            ctx,
            "present_narrow",
            lambda: narrow_figure(slide.kind, ctx.data, ctx.crisis, ctx.lang),
            slide.kind,
        )
        st.plotly_chart(figure, width="stretch", key="slide_chart", config={"staticPlot": True})
    elif slide.items:
        with st.container(key="slide_items"):
            for title, detail in slide.items:
                st.markdown(f"**{md_escape(title)}**  \n{md_escape(detail)}")
    elif slide.figure is not None:
        st.plotly_chart(
            slide.figure, width="stretch", key="slide_chart", config={"staticPlot": True}
        )
