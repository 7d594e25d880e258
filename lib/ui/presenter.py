"""Presenter mode (/present): its page set-up, the slide asked for, and the slide controls."""

from __future__ import annotations

import streamlit as st

from lib.i18n import LANG_NAMES, LANGS, translate
from lib.schema import CRISES
from lib.slides import PRESENT_TITLE
from lib.ui import downloads, page, timebar, url
from lib.ui.cache import PageContext, load
from lib.ui.css import FOCUS_CSS, PRESENT_CSS


def setup() -> tuple[PageContext, list[str]]:
    """Set up /present: no sidebar, the language and one crisis read from the URL (an
    unknown or missing crisis falls back to the first one, with a notice when unknown), the
    data in that language, of the indicator and year in the URL (?indicator=&year=, or
    their fallbacks). Return the context and the notices for the page to show."""
    lang_raw = (st.query_params.get_all("lang") or [None])[-1]
    lang = lang_raw if lang_raw in LANGS else "en"
    st.set_page_config(
        page_title=f"{translate(lang, PRESENT_TITLE)} · EUROsociAL+",
        layout="wide",
        initial_sidebar_state="collapsed",
    )
    st.html(PRESENT_CSS + FOCUS_CSS)
    notices: list[str] = []
    if lang_raw is not None and lang_raw not in LANGS:
        notices.append(
            url.unknown_notice(lang, translate(lang, "language"), lang_raw, LANG_NAMES["en"])
        )
    loaded = load(lang)
    names = loaded.crisis_names
    raw = (st.query_params.get_all("crisis") or [None])[-1]
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


def slide_controls(number: int, count: int, ctx: PageContext) -> None:
    """Draw Previous / counter / Next (and First, Last) and bind the keys presenters and
    their clickers send: → Space PageDown next, ← PageUp previous, Home first, End last.
    Streamlit's own button shortcuts do the binding (no component of ours); the extra keys
    are buttons hidden by PRESENT_CSS. Each click writes ?slide=N into the URL."""
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

    def buttons(row: tuple) -> None:
        for label, key, target, shortcut, icon, disabled in row:
            st.button(
                label,
                key=key,
                on_click=_go_to_slide,
                args=(target,),
                shortcut=shortcut,
                icon=icon,
                icon_position="right" if key == "nav_next" else "left",
                disabled=disabled,
            )

    with st.container(key="present_nav", horizontal=True, vertical_alignment="center"):
        buttons(back)
        with st.container(key="slide_counter", width="content"):
            st.markdown(f"{number} / {count}")
        buttons(forward)
        downloads.slides_download(ctx, "present")
        downloads.handout_download(ctx, "present")
    with st.container(key="present_keys"):
        for key, target in (("Space", next_n), ("PageDown", next_n), ("PageUp", prev_n)):
            st.button(key, key=f"key_{key}", on_click=_go_to_slide, args=(target,), shortcut=key)
