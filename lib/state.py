"""The one module that binds the app to Streamlit: cached loading of the data folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from lib.data import Bundle, load_bundle
from lib.schema import DATA_DIR, TABLES


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Return a hash of every table's bytes, so an edited CSV gives a new cache key."""
    digest = hashlib.sha256()
    for table in TABLES:
        path = data_dir / f"{table}.csv"
        digest.update(table.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=4)
def _bundle(data_dir: str, fingerprint: str) -> Bundle:
    return load_bundle(Path(data_dir))


def bundle(data_dir: Path = DATA_DIR) -> Bundle:
    """Return the validated tables, re-read only when a file's content changed."""
    return _bundle(str(data_dir), data_fingerprint(data_dir))
