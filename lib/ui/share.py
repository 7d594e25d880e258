"""Sharing a chart: the link to this view and the <iframe> snippet that embeds the chart in
another site, each in a code block with Streamlit's own copy button; and the QR code of a
view's link, for a room's phones (/present's first slide)."""

from __future__ import annotations

import streamlit as st

from lib.base.links import embed_url, iframe_snippet, page_url, view_params
from lib.base.params import view_query
from lib.charts.registry import CHARTS
from lib.export import qr
from lib.model import timeline
from lib.ui.cache import PageContext


def current_params() -> dict[str, list[str]]:
    """Return this view's query parameters as the URL has them now (Streamlit's own
    `embed` and `embed_options` are never among them)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def view_now(ctx: PageContext, page: str) -> dict[str, list[str]]:
    """Return the parameters that reopen `page`'s view as it is now (lib.base.params): every
    one of the URL's that shapes the page, with the crisis, the language and, when not the
    sheet's, the indicator and the year named even where the URL leaves them to their
    defaults (a link keeps its year when newer figures arrive)."""
    named = view_params(ctx.crisis, ctx.lang, **timeline.link_params(ctx.data.time))
    return view_query(page, {**current_params(), **named})


def chart_share(ctx: PageContext, chart: str, title: str, base: str) -> None:
    """Offer, by a chart, the link to this view and the <iframe> snippet that embeds the
    chart (lib.charts.registry.CHARTS), both from the public address; nothing for a chart /embed
    does not show. `base` is the public address (lib.ui.downloads.base_url). Drawn only once
    its expander is opened."""
    spec = CHARTS.get(chart)
    if spec is None:
        return
    t = ctx.t
    box = st.expander(
        t("Share or embed: {title}", title=title),
        icon=":material/share:",
        on_change="rerun",
        key=f"share_{chart}",
    )
    if not box.open:
        return
    with box:
        st.markdown("**" + t("Link to this view") + "**")
        view = view_now(ctx, spec.page)
        st.code(page_url(base, spec.page, view), language=None, wrap_lines=True)
        st.markdown("**" + t("Embed this chart in a web page (HTML)") + "**")
        src = embed_url(base, chart, view)
        st.code(
            iframe_snippet(src, title, spec.height_for(ctx.crisis)),
            language="html",
            wrap_lines=True,
        )
        st.caption(
            t(
                "The chart, its source line and a link back to this view, as wide as the "
                "page's column. A site can frame it only if the dashboard's operator allows "
                "it (DASHBOARD_EMBED_ORIGINS)."
            )
        )


def present_qr(ctx: PageContext, base: str) -> str:
    """Show the QR code of this crisis's presenter mode at its public address, with the link
    printed under it (a phone in the room opens the same view); return the link."""
    view = view_now(ctx, "present")
    view.pop("slide", None)  # the code is on the first slide: a phone opens there, as the room
    link = page_url(base, "present", view)
    with st.container(key="slide_qr"):
        st.image(
            qr.qr_png(link),
            width=240,
            output_format="PNG",  # a QR code blurred by JPEG scans badly
            alt=ctx.t("QR code of the link to this view: {link}", link=link),
        )
        st.markdown(ctx.t("Open this view on your phone:") + f"  \n`{link}`")
    return link
