"""The sidebar's "Your data": a CSV in our schema (flows, actions, places), checked with the
same schema as the bundled data, or a published table (UN DESA's Table 1, UNHCR's population
statistics) or a long table of the user's (R4V's among them), read into our schema by
lib.ingest, with a small form to choose a long table's columns. Shown on top of the bundled
data or instead of it, for this session only."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from lib import ingest
from lib.base.fmt import md_escape
from lib.ingest import imported, upload
from lib.ingest.long import REQUIRED, ROLE_LABELS, ROLES
from lib.ingest.receipt import receipt
from lib.ingest.shapes import FILE_TYPES, FORMATS, SHAPES
from lib.ingest.upload import Upload
from lib.model.bundle import Bundle

NONE = ""  # the select boxes' "not in this file" choice
SAME = "__same__"  # "the same origin for every row"

YOUR_DATA_KEY = "your_data_open"  # the panel's open state (bench.session opens it too)


def _problems(t, name: str, problems) -> None:
    st.error(
        t.ngettext(
            "{file}: {n} problem; nothing from this file is shown",
            "{file}: {n} problems; nothing from this file is shown",
            len(problems),
            file=md_escape(name),
        )
    )
    st.text("\n".join(p.text(t) for p in problems[:50]))


def _long_form(t, key: str, header: list[str], countries: dict[str, str]) -> dict:
    """Draw the form of a long table's columns (pre-filled from its header); return the
    options for lib.ingest.read_dataset."""
    proposed = ingest.propose_columns(header)
    st.caption(t("Choose which column holds what (a long table: one figure per row)."))
    columns, origin, indicator = {}, None, None
    for role in ROLES:
        choices = [NONE, *header] + ([SAME] if role == "origin" else [])
        shown = {NONE: t("(not in this file)"), SAME: t("the same origin for every row")}
        default = proposed.get(role, NONE)
        picked = st.selectbox(
            t(ROLE_LABELS[role]).capitalize() + (" *" if role in REQUIRED else ""),
            choices,
            index=choices.index(default),
            key=f"{key}:{role}",
            format_func=lambda c, shown=shown: shown.get(c, c),
        )
        if picked == SAME:
            origin = st.selectbox(
                t("Origin of every row"),
                sorted(countries, key=countries.get),
                key=f"{key}:origin_code",
                format_func=countries.get,
            )
        elif picked:
            columns[role] = picked
    if "indicator" not in columns:
        indicator = (
            st.text_input(
                t("What the figures count (an indicator name, such as r4v_stock)"),
                key=f"{key}:indicator_name",
                max_chars=60,
            ).strip()
            or None
        )
    return {"columns": columns, "origin": origin, "indicator": indicator}


def _dataset(t, f, data: Bundle, before: tuple[str, ...]) -> tuple[imported.Import, str]:
    """Read one published or long table (cached per file, choice and the files read before
    it in the session); return it and a key naming the file and the choices it was read with.
    `data` holds the files read before it: a second file adds to the first (lib.ingest keeps
    a figure imported twice once and refuses an edition that changes one)."""
    key = f"ds:{f.file_id}"
    raw = f.getvalue()
    fmt = st.selectbox(
        t("{file}: its shape", file=md_escape(f.name)),
        list(FORMATS),
        key=f"{key}:format",
        format_func=lambda s: t("found from its header") if s == "auto" else t(SHAPES[s].name),
    )
    dataset = (
        st.text_input(
            t("{file}: its dataset and edition (optional)", file=md_escape(f.name)),
            key=f"{key}:dataset",
            max_chars=80,
            placeholder=t("such as: UNHCR, mid-2024"),
            help=t(
                "The source every figure of the file will cite, when the file does not say; "
                "two editions of one dataset are then kept apart."
            ),
        ).strip()
        or None
    )
    options: dict = {"columns": {}, "origin": None, "indicator": None, "dataset": dataset}
    first = _read(f.file_id, raw, f.name, fmt, options, data, before)
    if fmt == "long" or (fmt == "auto" and any(p.check == "shape_known" for p in first.problems)):
        countries = dict(zip(data.places["code"], data.places["name"], strict=True))
        with st.container(border=True):
            options = {
                **_long_form(t, key, ingest.table_header(raw, f.name), countries),
                "dataset": dataset,
            }
        fmt = "long"
        first = _read(f.file_id, raw, f.name, fmt, options, data, before)
    return first, repr((f.file_id, f.name, fmt, sorted(options["columns"].items()), options))


def _read(
    file_id: str,
    raw: bytes,
    name: str,
    fmt: str,
    options: dict,
    data: Bundle,
    before: tuple[str, ...] = (),
) -> imported.Import:
    cache = st.session_state.setdefault("dataset_reads", {})
    cols = tuple(sorted(options["columns"].items()))
    key = (file_id, fmt, cols, options["origin"], options["indicator"], options["dataset"], before)
    if key not in cache:
        while len(cache) >= 8:
            cache.pop(next(iter(cache)))
        cache[key] = ingest.read_dataset(
            raw,
            name,
            fmt,
            origin=options["origin"],
            columns=dict(cols) or None,
            indicator=options["indicator"],
            dataset=options["dataset"],
            base=data,
        )
    return cache[key]


def _ours(t, files, data: Bundle) -> list[Upload]:
    """Read and check the CSVs in our schema; say what each added or why it was refused."""
    reads = st.session_state.setdefault("upload_reads", {})
    keys = [f"{f.file_id}:{f.name}" for f in files]
    for f, key in zip(files, keys, strict=True):
        if key not in reads:
            reads[key] = upload.read_upload(f.getvalue()[: upload.MAX_BYTES + 1], f.name)
    st.session_state["upload_reads"] = {k: reads[k] for k in keys}
    current = upload.validate_all([reads[k] for k in keys], data)
    for up in current:
        if up.ok:
            st.success(
                t.ngettext(
                    "{file}: {n} row added as “your data”",
                    "{file}: {n} rows added as “your data”",
                    len(up.rows),
                    file=md_escape(up.name),
                )
            )
        for notice in up.notices:
            st.info(md_escape(notice.text(t)))
        if up.problems:
            _problems(t, up.name, up.problems)
    return current


def _published(
    t, files, data: Bundle, lang: str, instead: bool = False
) -> tuple[list[Upload], list[str]]:
    """Read the published and long tables, each on top of those before it; say what each
    found or why it was refused, and offer its receipt. Return the uploads and a key per file
    naming it and the choices it was read with. Every text from a file is shown as typed.
    `instead`: the files replace the bundled flows, so they are read against none of them (a
    figure "kept once" because the bundled data had it would otherwise vanish)."""
    current: list[Upload] = []
    keys: list[str] = [f"instead={instead}:{len(data.flows)}:{len(data.places)}"]
    start = replace(data, flows=data.flows.head(0)) if instead else data
    for f in files:
        base = upload.merged(start, current, replace=False) if current else start
        found, key = _dataset(t, f, base, tuple(keys))
        keys.append(key)
        if found.ok:
            st.success(md_escape(found.summary(lang)))
            current += found.uploads()
        for notice in found.notices:
            st.info(md_escape(notice.text(t)))
        if found.problems:
            _problems(t, f.name, found.problems)
        st.download_button(
            t("Receipt of {file} (what was read and skipped)", file=md_escape(f.name)),
            data=receipt(found, f.getvalue(), lang).encode("utf-8"),
            file_name=f"{Path(f.name).stem}-import-report.md",
            mime="text/markdown",
            on_click="ignore",
            key=f"receipt:{f.file_id}",
            icon=":material/receipt_long:",
        )
    return current, keys[1:]


def _templates(t) -> None:
    for table in upload.UPLOADABLE:
        st.download_button(
            t("Template: {table}.csv", table=table),
            data=upload.template_csv(table),
            file_name=f"{table}_template.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"tpl_{table}",
        )


def your_data(data: Bundle, t) -> tuple[Bundle, tuple[str, ...]]:
    """Draw the sidebar's upload; return the bundle with this session's valid uploads and
    a key naming them (empty when there are none).

    Uploads live in this browser session only (st.session_state); the bundled files are
    never written, and no other session sees them.
    """
    lang = t.lang
    # Its `expanded` stays the same: Streamlit names an expander with state by its key *and*
    # its arguments, so an `expanded` that changed once files were added made it a new panel.
    panel = st.expander(t("Your data"), key=YOUR_DATA_KEY, on_change="rerun")
    # Closed and empty, the panel draws nothing: its uploader, choice and template buttons
    # were a tenth of a map re-run under load (bench.years). Files once added keep it drawn,
    # closed or open: an uploader not drawn in a run would drop them.
    if not panel.open and not st.session_state.get("your_data_files"):
        st.session_state.pop("uploads", None)  # no file: nothing of this session's is shown
        return data, ()
    with panel:
        files = st.file_uploader(
            t(
                "Add a CSV or Excel file: flows, actions or places in our format, a UN DESA or "
                "UNHCR table, or a long table of your own"
            ),
            type=list(FILE_TYPES),
            accept_multiple_files=True,
            key="your_data_files",
            max_upload_size=ingest.MAX_BYTES // 1_000_000,
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
        files = files or []
        ours = [f for f in files if upload.our_table(f.getvalue()[:65_536], f.name)]
        others = [f for f in files if f not in ours]
        published, read_keys = _published(t, others, data, lang, replace_mode == "instead")
        current = _ours(t, ours, data) + published
        st.session_state["uploads"] = {up.name: up for up in current}
        _templates(t)
    valid = [up for up in current if up.ok]
    if not valid:
        return data, ()
    keys = (*(f"{f.file_id}:{f.name}" for f in ours), *read_keys)
    return upload.merged(data, valid, replace=replace_mode == "instead"), (replace_mode, *keys)
