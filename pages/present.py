"""Presenter mode (/present): one crisis as slides, full screen, with large type.

?crisis=venezuela&slide=3&lang=es opens a slide; &notes=1 adds the speaker notes (the chart
in words and where each figure comes from) for a second screen. Keys: → Space PageDown next,
← PageUp previous, Home first, End last.
"""

import streamlit as st

from lib import state
from lib.slides import crisis_slides

f, notices = state.present_frame()
slides = state.memo(f, "slides", lambda: crisis_slides(f.data, f.crisis, f.lang))
number = state.slide_number(len(slides), notices, f.lang)
slide = slides[number - 1]
state.show_notices(notices)
with st.container(key="slide"):
    st.title(slide.title, anchor=False)
    if slide.items:
        left, right = st.columns([3, 2])
        with left, st.container(key="slide_items"):
            for title, detail in slide.items:
                st.markdown(f"**{state.md_escape(title)}**  \n{state.md_escape(detail)}")
        right.plotly_chart(
            slide.figure, width="stretch", key="slide_chart", config={"staticPlot": True}
        )
    else:
        st.plotly_chart(
            slide.figure, width="stretch", key="slide_chart", config={"staticPlot": True}
        )
    with st.container(key="slide_source"):
        st.markdown(state.md_escape(slide.source))
state.slide_controls(number, len(slides), f)
if st.query_params.get("notes") == "1":
    with st.container(key="notes", border=True):
        st.subheader(f.t("Speaker notes"), anchor=False)
        for paragraph in slide.notes.split("\n\n"):
            st.markdown(state.md_escape(paragraph))
