"""Presenter mode (/present): one crisis as slides, full screen, with large type.

?crisis=venezuela&slide=3&lang=es opens a slide; &notes=1 adds the speaker notes (the chart
in words and where each figure comes from) for a second screen. Keys: → Space PageDown next,
← PageUp previous, Home first, End last.
"""

import streamlit as st

from lib.base.fmt import md_escape
from lib.export.slides import crisis_slides
from lib.ui import cache, downloads, page, presenter, share

ctx, notices = presenter.setup()
phone = page.layout_hint() == "phone"  # an audience member following along on a phone
slides = cache.memo(
    ctx, "slides", lambda: crisis_slides(ctx.data, ctx.crisis, ctx.lang, every_year=ctx.all_years)
)
number = presenter.slide_number(len(slides), notices, ctx.lang)
slide = slides[number - 1]
page.show_notices(notices)
with st.container(key="slide"):
    st.title(slide.title, anchor=False)
    if phone:  # no QR code: the phone is already there
        presenter.phone_slide(slide, ctx)
    elif slide.kind == "title":  # the room opens the same view on their phones
        chart, code = st.columns([4, 1], vertical_alignment="center")
        chart.plotly_chart(
            slide.figure, width="stretch", key="slide_chart", config={"staticPlot": True}
        )
        with code:
            share.present_qr(ctx, downloads.base_url())
    elif slide.items:
        left, right = st.columns([3, 2]) if slide.figure is not None else (st.container(), None)
        with left, st.container(key="slide_items"):
            for title, detail in slide.items:
                st.markdown(f"**{md_escape(title)}**  \n{md_escape(detail)}")
        if right is not None:
            right.plotly_chart(
                slide.figure, width="stretch", key="slide_chart", config={"staticPlot": True}
            )
    else:
        st.plotly_chart(
            slide.figure, width="stretch", key="slide_chart", config={"staticPlot": True}
        )
    with st.container(key="slide_source"):
        st.markdown(md_escape(slide.source))
presenter.slide_controls(number, len(slides), ctx, phone)
if st.query_params.get("notes") == "1":
    with st.container(key="notes", border=True):
        st.subheader(ctx.t("Speaker notes"), anchor=False)
        for paragraph in slide.notes.split("\n\n"):
            st.markdown(md_escape(paragraph))
