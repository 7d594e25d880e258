"""Overview (/): the selected crisis's figures with their provenance, or all crises side by side."""

import streamlit as st

from lib.base.schema import CRISES
from lib.model.overview import cards_note, crisis_summary, overview_counts, reported_heading
from lib.model.sources import counts_note
from lib.ui import cache, page

ctx = page.setup("Overview", "")
t = ctx.t
st.title(t("Migration flows in Latin America and the policy actions that answer them"))
st.caption(
    t(
        "From the EUROsociAL+ migration sheet “Migration, social cohesion and public policies in "
        "the "
        "EUROsociAL+ Programme”, from about 2020: it names a meeting of June 2020 as still to "
        "come, so its "
        "figures are not current. Reported figures are the sheet's; derived ones are computed "
        "from them."
    )
)


def show_cards(cards, per_row: int = 3) -> None:
    for start in range(0, len(cards), per_row):
        for col, card in zip(st.columns(per_row), cards[start : start + per_row], strict=False):
            col.metric(card.label, card.value, help=card.detail, border=True)
            col.caption(card.provenance)
            if card.then_now:
                col.caption(card.then_now)


def show_crisis(summary, compact: bool = False) -> None:
    st.subheader(summary.name)
    reported = [c for c in summary.cards if c.status == "reported"]
    derived = [c for c in summary.cards if c.status == "derived"]
    if summary.cards:
        st.caption(counts_note(ctx.data, ctx.lang))
    if not summary.cards:
        st.info(
            t(
                "The sheet gives no figures for {crisis}: its flows are named without a magnitude.",
                crisis=summary.name,
            )
        )
    elif compact:
        show_cards(reported, per_row=1)
    else:
        st.markdown("**" + reported_heading(ctx.data, ctx.lang) + "**")
        show_cards(reported)
        if derived:
            st.markdown("**" + t("Derived from the reported figures") + "**")
            show_cards(derived)
    if note := cards_note(summary, ctx.lang):
        st.caption(note)
    st.write(summary.summary)
    st.caption(overview_counts(summary, ctx.lang))


every = ctx.all_years.flows if ctx.data.time and ctx.data.time.has_choice else None


def summary_of(crisis: str):
    return cache.memo(
        ctx, "summary", lambda: crisis_summary(ctx.data, crisis, ctx.lang, every), crisis
    )


if ctx.crisis:
    show_crisis(summary_of(ctx.crisis))
else:
    for col, crisis in zip(st.columns(len(CRISES)), CRISES, strict=True):
        with col:
            show_crisis(summary_of(crisis), compact=True)
