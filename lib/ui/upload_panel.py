"""The sidebar's "Your data": a user's flows, actions or places CSV, checked with the same
schema as the bundled data, shown on top of it or instead of it, for this session only."""

from __future__ import annotations

import streamlit as st

from lib import upload
from lib.data import Bundle


def your_data(data: Bundle, t) -> tuple[Bundle, tuple[str, ...]]:
    """Draw the sidebar's upload; return the bundle with this session's valid uploads and
    a key naming them (empty when there are none).

    Uploads live in this browser session only (st.session_state); the bundled files are
    never written, and no other session sees them.
    """

    with st.expander(t("Your data"), expanded=bool(st.session_state.get("uploads"))):
        files = st.file_uploader(
            t("Add a flows, actions or places CSV in our format"),
            type=["csv"],
            accept_multiple_files=True,
            key="your_data_files",
            max_upload_size=upload.MAX_BYTES // 1_000_000 or 1,
        )
        replace_mode = st.radio(
            t("Show it"),
            ["on_top", "instead"],
            key="your_data_mode",
            horizontal=True,
            format_func=lambda m: (
                t("on top of the bundled data") if m == "on_top" else t("instead of it")
            ),
        )
        reads = st.session_state.setdefault("upload_reads", {})
        keys = [f"{f.file_id}:{f.name}" for f in files or []]
        for f, key in zip(files or [], keys, strict=True):
            if key not in reads:
                reads[key] = upload.read_upload(f.getvalue()[: upload.MAX_BYTES + 1], f.name)
        st.session_state["upload_reads"] = {k: reads[k] for k in keys}
        current = upload.validate_all([reads[k] for k in keys], data)
        st.session_state["uploads"] = {up.name: up for up in current}
        for up in current:
            if up.ok:
                st.success(
                    t.ngettext(
                        "{file}: {n} row added as “your data”",
                        "{file}: {n} rows added as “your data”",
                        len(up.rows),
                        file=up.name,
                    )
                )
            for notice in up.notices:
                st.info(notice.text(t))
            if up.problems:
                st.error(
                    t.ngettext(
                        "{file}: {n} problem; nothing from this file is shown",
                        "{file}: {n} problems; nothing from this file is shown",
                        len(up.problems),
                        file=up.name,
                    )
                )
                st.text("\n".join(p.text(t) for p in up.problems[:50]))
        for table in upload.UPLOADABLE:
            st.download_button(
                t("Template: {table}.csv", table=table),
                data=upload.template_csv(table),
                file_name=f"{table}_template.csv",
                mime="text/csv",
                on_click="ignore",
                key=f"tpl_{table}",
            )
    valid = [up for up in current if up.ok]
    if not valid:
        return data, ()
    return upload.merged(data, valid, replace=replace_mode == "instead"), (replace_mode, *keys)
