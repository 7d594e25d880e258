"""The year and the indicator of a view: read from the URL (?year=2024&indicator=oip), checked
against the years and indicators that have figures, and drawn above the page as OWID's
timeline is: a select box of indicators and a slider that snaps to the years with figures
(arrow keys step it), with Play and Pause. With the bundled sheet alone (one indicator, one
year) nothing is drawn and nothing changes."""

from __future__ import annotations

import time

import streamlit as st

from lib.base.i18n import tr
from lib.base.marks import N_
from lib.model import timeline
from lib.model.choice import TimeChoice
from lib.model.indicators import indicator_label, year_label
from lib.ui import url

PLAYING = "_timebar_playing"
NEXT_YEAR = "_timebar_next_year"  # set by the player, applied before the slider is drawn
STEPPED = "_timebar_stepped"  # time.monotonic() of the player's last step (or of Play)
STEP_S = 1.6  # seconds between years while playing
PLAY_KEY = "K"  # Play and Pause from the keyboard anywhere on the page (as video players do)
YEAR, INDICATOR = "year", "indicator"


def _raw(name: str) -> str | None:
    values = st.query_params.get_all(name)
    return values[-1] if values else None


def read_choice(
    options: timeline.TimeOptions,
    lang: str,
    notices: list[str],
    focus: tuple[str, int] | None = None,
) -> TimeChoice:
    """Return the view's indicator and year from the URL (or this session's last choice),
    with a notice and the fallback for a value that has no figures: the default indicator,
    the newest year with figures for the indicator. `focus`: the indicator and year of a file
    just added, shown instead (lib.ui.page decides when)."""
    if focus is not None:
        return options.choose(*focus)
    t = tr(lang)
    raw_ind = _raw(INDICATOR)
    indicator = raw_ind if raw_ind is not None else url.last_value(INDICATOR)
    if raw_ind is not None and raw_ind not in options.years:
        fallback = timeline.default_indicator(options.years)
        shown = indicator_label(fallback, lang)
        if raw_ind in options.elsewhere:  # a known indicator, with no figures for this crisis
            notices.append(
                t(
                    "The link's indicator, {indicator}, has no figures for this crisis; "
                    "showing {default} instead.",
                    indicator=indicator_label(raw_ind, lang),
                    default=shown,
                )
            )
        else:
            notices.append(url.unknown_notice(lang, t(N_("indicator")), raw_ind, shown))
    raw_year = _raw(YEAR)
    year_text = raw_year if raw_year is not None else url.last_value(YEAR)
    year = int(year_text) if isinstance(year_text, str) and year_text.isdigit() else None
    choice = options.choose(indicator, year)
    if raw_year is not None and (year is None or year not in choice.years):
        shown = year_label(choice.year, choice.indicator, lang)
        notices.append(url.unknown_notice(lang, t(N_("year")), raw_year, shown))
    return choice


def _forget_year() -> None:
    """A new indicator has its own years: the year falls back to its newest, quietly."""
    url.forget_if(YEAR, set(st.query_params.get_all(YEAR)))
    st.session_state[PLAYING] = False


def _toggle(years: list[str], year: str) -> None:
    """Play or Pause. Pause wins over a step asked for but not yet drawn (the year stays the
    one on screen); Play at the newest year starts again from the first."""
    playing = not st.session_state.get(PLAYING, False)
    st.session_state[PLAYING] = playing
    st.session_state[STEPPED] = time.monotonic()  # the first step comes STEP_S after Play
    if not playing:
        st.session_state.pop(NEXT_YEAR, None)
    elif year == years[-1]:
        st.session_state[NEXT_YEAR] = years[0]


def _indicator_box(choice: TimeChoice, slug: str, lang: str) -> str:
    t = tr(lang)
    default = timeline.default_indicator(dict.fromkeys(choice.indicators, ()))
    if len(choice.indicators) < 2:
        url.forget_if(INDICATOR, set(st.query_params.get_all(INDICATOR)))
        return choice.indicator
    return url.bind_url(
        INDICATOR,
        choice.indicator,
        default,
        lambda key: st.selectbox(
            t("What is counted"),
            list(choice.indicators),
            key=key,
            format_func=lambda i: indicator_label(i, lang),
            on_change=_forget_year,
            width=380,
        ),
        url.widget_key(INDICATOR, slug),
    )


def _year_slider(choice: TimeChoice, slug: str, lang: str) -> int:
    years = [str(y) for y in choice.years]
    key = url.widget_key(YEAR, slug)
    pending = st.session_state.pop(NEXT_YEAR, None)
    if pending in years:  # the player moved on: the URL and the slider follow
        st.query_params[YEAR] = pending
        choice = TimeChoice(
            choice.indicator, int(pending), choice.indicators, choice.years, choice.largest
        )
    t = tr(lang)
    picked = url.bind_url(
        YEAR,
        str(choice.year),
        years[-1],
        lambda key: st.select_slider(
            t("Year"),
            years,
            key=key,
            format_func=lambda y: year_label(int(y), choice.indicator, lang),
            help=t("Only the years with figures. Arrow keys step through them."),
        ),
        key,
    )
    playing = st.session_state.get(PLAYING, False)
    st.button(
        t("Pause") if playing else t("Play"),
        key=f"play_{slug}",
        icon=":material/pause:" if playing else ":material/play_arrow:",
        on_click=_toggle,
        args=(years, picked),
        shortcut=PLAY_KEY,
        help=t(
            "Step through the years with figures, oldest to newest, and stop at the newest "
            "(key: {key})",
            key=PLAY_KEY,
        ),
    )
    _player(years, picked)
    return int(picked)


def due(playing: bool, stepped: float | None, now: float) -> bool:
    """Return True when the player should step: playing, and STEP_S (less a tenth, for the
    timer's jitter) since the last step. A fragment runs inline in every full run too; without
    this, each run the step starts would step again at once, a loop of interrupted runs that
    drew no year and let Pause through only by chance."""
    return playing and (stepped is None or now - stepped >= 0.9 * STEP_S)


def next_step(years: list[str], year: str) -> tuple[str, bool]:
    """Return the year the player steps to from `year` and whether it plays on: it stops at
    the newest year (a presenter's story ends on the latest figures, not back at the start)."""
    after = years[min(years.index(year) + 1, len(years) - 1)]
    return after, after != years[-1]


def _player(years: list[str], year: str) -> None:
    """While playing, ask for the next year with figures every STEP_S seconds (a fragment
    that reruns itself on a timer), then rerun the page for it."""

    @st.fragment(run_every=STEP_S if st.session_state.get(PLAYING) else None)
    def tick() -> None:
        now = time.monotonic()
        if due(st.session_state.get(PLAYING, False), st.session_state.get(STEPPED), now):
            st.session_state[STEPPED] = now
            st.session_state[NEXT_YEAR], st.session_state[PLAYING] = next_step(years, year)
            st.rerun(scope="app")

    tick()


def draw(options: timeline.TimeOptions, choice: TimeChoice, slug: str, lang: str) -> TimeChoice:
    """Draw the indicator box, the year slider and Play/Pause when there is a choice, keep
    the URL in step, and return the choice as the widgets leave it."""
    if not choice.has_choice:
        for name in (YEAR, INDICATOR):
            url.forget_if(name, set(st.query_params.get_all(name)))
        return choice
    with st.container(key="timebar", horizontal=True, vertical_alignment="bottom"):
        indicator = _indicator_box(choice, slug, lang)
        choice = options.choose(indicator, choice.year if indicator == choice.indicator else None)
        if len(choice.years) > 1:
            choice = options.choose(indicator, _year_slider(choice, slug, lang))
        else:
            url.forget_if(YEAR, set(st.query_params.get_all(YEAR)))
    return choice
