"""The shared page set-up: every page calls `page()` first.

It sets the page up, reads the language and the crisis from the URL, draws the sidebar
(language, crisis, page menu, "Your data", downloads, source line) and returns the page's
context (lib.ui.cache.PageContext): the data, the crisis, the language.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from lib.base.fmt import md_escape
from lib.base.i18n import tr, translate
from lib.base.languages import LANG_NAMES, LANGS
from lib.base.links import view_params
from lib.base.marks import N_
from lib.base.schema import CRISES, DATA_DIR, PAGE_SCRIPTS, PRESENT_SCRIPT, SHEET_INDICATOR, Flow
from lib.ingest import upload
from lib.model import timeline
from lib.model.choice import TimeChoice
from lib.model.indicators import indicator_label, year_label
from lib.model.selection import crisis_mask
from lib.model.sources import source_of
from lib.ui import downloads, timebar, url
from lib.ui.cache import PageContext, load, memo
from lib.ui.css import FOCUS_CSS
from lib.ui.upload_panel import your_data

ALL = "all"
CRISIS_OPTIONS = (ALL, *CRISES)

# Menu labels, in the order of PAGE_SCRIPTS then PRESENT_SCRIPT.
MENU = (
    N_("Overview"),
    N_("Flow map"),
    N_("Corridors"),
    N_("Over time"),
    N_("Action explorer"),
    N_("Sources and method"),
    N_("Presenter mode"),
)
PAGES = tuple(zip((*PAGE_SCRIPTS, PRESENT_SCRIPT), MENU, strict=True))


def layout_hint() -> str:
    """Return "phone" when the browser says it is a mobile one (its User-Agent has "Mobi",
    as every phone browser's does), else "desktop". Streamlit tells the server nothing of
    the screen's size; the map uses this to fit its view and labels to a narrow screen."""
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except (AttributeError, RuntimeError):
        agent = ""
    return "phone" if "Mobi" in agent else "desktop"


def show_notices(notices: list[str]) -> None:
    """Show notices about the link (unknown values that fell back), above the page."""
    for notice in notices:
        st.warning(notice, icon="⚠️")


def lang_hint() -> str:
    """Return the language asked for in the URL or kept by the session, before the sidebar
    runs (the page's title is set before anything is drawn)."""
    values = st.query_params.get_all("lang")
    lang = values[-1] if values else url.last_value("lang", "en")
    return lang if lang in LANGS else "en"


def _page_setup(title: str) -> None:
    # "auto": open on a wide screen, collapsed on a phone (where it would cover the page).
    st.set_page_config(
        page_title=f"{translate(lang_hint(), title)} · EUROsociAL+",
        layout="wide",
        initial_sidebar_state="auto",
    )
    st.html(FOCUS_CSS)  # a visible ring wherever the keyboard puts focus


def _language(slug: str, notices: list[str]) -> str:
    return url.select(
        "lang",
        LANGS,
        "en",
        "Language · Idioma",
        notices,
        format_func=LANG_NAMES.get,
        sticky=True,
        scope=slug,
    )


def _crisis(names: dict[str, str], slug: str, lang: str, notices: list[str]) -> str | None:
    t = tr(lang)
    crisis = url.select(
        "crisis",
        CRISIS_OPTIONS,
        ALL,
        t("Crisis"),
        notices,
        format_func=lambda c: t("All crises") if c == ALL else names.get(c, c),
        sticky=True,
        scope=slug,
        lang=lang,
    )
    return None if crisis == ALL else crisis


def _menu(crisis: str | None, lang: str, choice: TimeChoice) -> None:
    keep = view_params(crisis, lang, **timeline.link_params(choice))
    for path, label in PAGES:
        st.page_link(path, label=translate(lang, label), query_params=keep)


def _folder_banner(folder: Path, lang: str) -> None:
    """Say where the data come from when it is not the bundled sheet's folder."""
    t = tr(lang)
    if folder != DATA_DIR:
        st.info(
            t(
                "These tables come from {folder} (`DASHBOARD_DATA`), not from the bundled data "
                "of the EUROsociAL+ sheet.",
                folder=md_escape(str(folder)),
            ),
            icon=":material/folder_open:",
        )


def _uploads_banner(ctx: PageContext) -> None:
    """Say which of this session's files the view shows rows of (none: nothing is said)."""
    uploads = list(st.session_state.get("uploads", {}).values())
    mine = upload.files_in_view(uploads, ctx.data, ctx.crisis)
    if not mine:
        return
    published = {up.name for up in uploads if up.own_source}
    if set(mine) <= published:  # a published table's rows cite its dataset, not "Your data"
        text = ctx.t(
            "This view includes your data ({files}). Its rows cite their own dataset; the "
            "rest comes from the EUROsociAL+ sheet.",
            files=md_escape(", ".join(mine)),
        )
    else:
        text = ctx.t(
            "This view includes your data ({files}). Its rows say “Your data” in their "
            "source; the rest comes from the EUROsociAL+ sheet.",
            files=md_escape(", ".join(mine)),
        )
    st.info(text)


def _focus(everything: PageContext, options: timeline.TimeOptions) -> tuple[str, int] | None:
    """Return the indicator and year of the files added since the last run (all of them are
    seen now, the newest decides), unless the link already names an indicator and a year a
    new file has figures for in the crisis. Where the file's dataset rivals another for the
    same flows, the link is set to show the file's."""
    done = st.session_state.setdefault("_focused_files", set())
    flows, crisis = everything.data.flows, everything.crisis
    raw_ind, raw_year = url.last_in_link("indicator"), url.last_in_link("year")
    named = raw_ind is not None and raw_year is not None and raw_year.isdigit()
    found, source, stay = None, None, False
    for up in st.session_state.get("uploads", {}).values():
        if not up.ok or up.table != "flows" or up.name in done or up.rows.empty:
            continue
        done.add(up.name)
        ids = set(up.rows[Flow.ID])
        if named and timeline.has_figures(flows, ids, raw_ind, int(raw_year), crisis):
            stay = True  # the link shows this file's figures already
        here = timeline.focus_of(flows, ids, crisis)
        if here is not None and here[0] in options.years:
            found = here
            sources = up.rows[Flow.SOURCE].dropna()
            source = str(sources.iloc[0]) if up.own_source and not sources.empty else None
    if stay or found is None:
        return None
    if source is not None:
        st.query_params["dataset"] = source
    return found


def _focus_note(choice: TimeChoice, options: timeline.TimeOptions, lang: str) -> None:
    """Say in one line that the view moved to the added file's figures, and where the sheet's
    are."""
    t = tr(lang)
    text = t(
        "Showing your file: {indicator}, {year}.",
        indicator=indicator_label(choice.indicator, lang),
        year=year_label(choice.year, choice.indicator, lang),
    )
    if SHEET_INDICATOR in options.years and choice.indicator != SHEET_INDICATOR:
        text += " " + t(
            "The sheet's figures: What is counted → {sheet}.",
            sheet=indicator_label(SHEET_INDICATOR, lang),
        )
    st.info(md_escape(text), icon=":material/upload_file:")


def _dataset(everything: PageContext, choice: TimeChoice, notices: list[str]) -> TimeChoice:
    """Return the choice with its dataset: where two datasets give figures for the same
    origin and destination in this year and indicator, a box picks one (?dataset=) and a line
    says which is shown; otherwise the parameter is dropped quietly."""
    flows, crisis = everything.data.flows, everything.crisis
    when = (choice.indicator, choice.year)
    rivals = memo(  # among the flows this crisis shows (memo's key holds the crisis)
        everything,
        "rivals",
        lambda: timeline.rival_datasets(
            timeline.flows_at(flows[crisis_mask(flows, crisis)], *when)
        ),
        *when,
    )
    if not rivals:
        url.forget_if("dataset", set(st.query_params.get_all("dataset")))
        return choice
    t = tr(everything.lang)
    with st.container(key="dataset_choice"):
        with st.container(width=380):  # as wide as the indicator's box above it
            shown = url.select(
                "dataset", rivals, rivals[0], t("Dataset"), notices, lang=everything.lang
            )
        others = [r for r in rivals if r != shown]
        st.caption(
            md_escape(
                t(
                    "Datasets give figures for the same flows: showing {shown}, never added "
                    "to {others}, which fill only the flows {shown} lacks. Choose the dataset "
                    "above to see another.",
                    shown=shown,
                    others="; ".join(others),
                )
            )
        )
    return replace(choice, dataset=shown)


def time_options(everything: PageContext) -> timeline.TimeOptions:
    """Return the years and indicators a crisis's view can show (memoised)."""
    flows, crisis = everything.data.flows, everything.crisis
    return memo(everything, "time_options", lambda: timeline.options_for(flows, crisis))


def at_choice(everything: PageContext, choice: TimeChoice) -> PageContext:
    """Return the page's context for one indicator and year: its data those flows only
    (memoised), every year's data kept in `full`."""
    data = everything.data
    view = memo(
        everything,
        "at",
        lambda: timeline.at(data, choice),
        choice.indicator,
        choice.year,
        choice.dataset,
    )
    return replace(everything, data=view, full=data)


def source_caption(ctx: PageContext) -> str:
    """Return the sidebar's source line: the sheet's, or the chosen dataset's and year."""
    time = ctx.data.time
    if time is None or time.is_sheet:
        return translate(
            ctx.lang,
            "Source: EUROsociAL+ migration sheet, about 2020. Every figure cites its "
            "section; see Sources and method.",
        )
    return (
        source_of(ctx.data, ctx.lang)
        + " "
        + ctx.t("Every figure cites its file and row; see Sources and method.")
    )


def _sidebar_downloads(ctx: PageContext, slug: str) -> None:
    """Offer the briefing pack, and for one crisis its slides and handout, in the sidebar."""
    downloads.pack_download(ctx, slug)
    if ctx.crisis:  # the slides and the handout are of one crisis
        downloads.slides_download(ctx, slug)
        downloads.handout_download(ctx, slug)


def setup(title: str, slug: str = "") -> PageContext:
    """Set up the page, draw the shared sidebar and return the data and the chosen crisis.

    The steps, in order: page setup; language; data; crisis; page menu; the user's uploads;
    downloads (briefing pack, slides, handout) and source line; then the notices and banners
    above the page. `slug` names the page in widget keys and links ("" is the overview).
    """
    _page_setup(title)
    slug = slug or "overview"
    notices: list[str] = []
    with st.sidebar:
        lang = _language(slug, notices)
        loaded = load(lang)
        st.markdown("**" + translate(lang, "Migration flows and actions") + "**")
        crisis = _crisis(loaded.crisis_names, slug, lang, notices)
        menu = st.container()  # drawn once the year and indicator are known
        data, uploads = your_data(loaded.data, tr(lang))
        key = (str(loaded.folder), loaded.stamp)
        everything = PageContext(data, crisis, loaded.crisis_names, lang, key, uploads)
        options = time_options(everything)
        focus = _focus(everything, options)
        choice = timebar.read_choice(options, lang, notices, focus)
    top = st.container()  # the notices, banners and the focus line: drawn once all is known
    _folder_banner(loaded.folder, lang)
    choice = timebar.draw(options, choice, slug, lang)
    choice = _dataset(everything, choice, notices)
    with menu:
        _menu(crisis, lang, choice)
    ctx = at_choice(everything, choice)
    with top:
        show_notices(notices)
        if focus is not None and (choice.indicator, choice.year) == focus:
            _focus_note(choice, options, lang)
        _uploads_banner(ctx)
    with st.sidebar:
        _sidebar_downloads(ctx, "" if slug == "overview" else slug)
        # dataset names come from files: shown as typed
        st.caption(md_escape(memo(ctx, "source_caption", lambda: source_caption(ctx))))
    return ctx


def bare_page(title: str, css: str) -> tuple[str, list[str]]:
    """Set up a page without the sidebar (/present, /embed): the language of ?lang= (an
    unknown one falls back to English with a notice), the tab's title (`title`, a msgid) and
    the page's CSS. Return the language and the notices so far."""
    lang_raw = url.last_in_link("lang")
    lang = lang_raw if lang_raw in LANGS else "en"
    st.set_page_config(
        page_title=f"{translate(lang, title)} · EUROsociAL+",
        layout="wide",
        initial_sidebar_state="collapsed",
    )
    st.html(css + FOCUS_CSS)
    notices: list[str] = []
    if lang_raw is not None and lang_raw not in LANGS:
        notices.append(
            url.unknown_notice(lang, translate(lang, "language"), lang_raw, LANG_NAMES["en"])
        )
    return lang, notices
