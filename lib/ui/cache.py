"""Loading and caching: the data folder, its tables loaded once per content, and views
memoised across sessions.

The cache key of a data folder is the SHA-256 of each table file's bytes. A file is hashed
again only when its size or modification time changes (os.stat on every run is cheap;
reading a large table on every run is not), so an edited CSV shows up without a restart,
and a file touched without a change reloads nothing.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import streamlit as st

from lib.base.i18n import tr
from lib.base.schema import DATA_DIR, TABLES, Case
from lib.model.bundle import Bundle, data_folder, load_bundle
from lib.model.localise import localized

# The tables of a folder, plus the two that feed the localized bundle.
FINGERPRINTED = (*TABLES, "translations", "organisations")
SESSION_MEMO = "_memo"
SESSION_MEMO_MAX = 32


@lru_cache(maxsize=256)
def _content_hash(path: str, size: int, mtime_ns: int) -> str:
    """Return the SHA-256 of a file's bytes; (size, mtime_ns) key the cache, so a file is
    read again only once it was written."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Return the cache key of a data folder: a hash of every table file's content."""
    parts = []
    for table in FINGERPRINTED:
        path = data_dir / f"{table}.csv"
        try:
            stat = path.stat()
        except FileNotFoundError:
            parts.append(f"{table}:missing")
            continue
        parts.append(f"{table}:{_content_hash(str(path), stat.st_size, stat.st_mtime_ns)}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


# cache_resource, not cache_data: every run gets the same frames instead of an unpickled copy
# (a copy of half a million flows costs more than the whole page). Nothing writes to them:
# every function in lib/ returns new frames.
@st.cache_resource(show_spinner=False, max_entries=4)
def _bundle(data_dir: str, fingerprint: str) -> Bundle:
    return load_bundle(Path(data_dir))


@st.cache_resource(show_spinner=False, max_entries=8)
def _localized(data_dir: str, fingerprint: str, lang: str) -> Bundle:
    # frozen here once: the folder's bundle (its only caller is this) is alive by now too
    return frozen(localized(_bundle(data_dir, fingerprint), lang))


def frozen(loaded: Bundle) -> Bundle:
    """Return `loaded` after moving it, and every object alive now, out of the garbage
    collector's sight (gc.freeze). A loaded table is kept for the life of the process, yet each
    full collection walked all of its objects again: with a whole-world table, a pause of
    about 2.5 s for every session of the process. Measured with `python -m bench.years --parts
    live` (100 sessions on /map changing the year): p95 2538 -> 112 ms, max 2699 -> 315 ms.
    The cost: an object alive at this moment that later becomes cyclic garbage is never
    collected; this runs once per data version and language."""
    gc.collect()
    gc.freeze()
    return loaded


def data_dir() -> Path:
    """Return the folder of tables to show (lib.model.bundle.data_folder: $DASHBOARD_DATA or
    data/)."""
    return data_folder()


def bundle(folder: Path | None = None, lang: str = "en", stamp: str | None = None) -> Bundle:
    """Return the validated tables (text in `lang`), re-read only when a file's content
    changed. `stamp`, when given, is the folder's data_fingerprint already read this run."""
    folder = folder or data_dir()
    return _localized(str(folder), stamp or data_fingerprint(folder), lang)


@dataclass(frozen=True)
class Loaded:
    """One version of the data in one language: where it is, its key, its tables, the
    crises' names."""

    folder: Path
    stamp: str
    data: Bundle
    crisis_names: dict[str, str]


def load(lang: str) -> Loaded:
    """Return the data folder's tables in `lang` with their fingerprint (read once: the
    data and the memo key name one version) and crisis → name."""
    folder = data_dir()
    stamp = data_fingerprint(folder)
    data = bundle(folder, lang, stamp)
    names = dict(zip(data.cases[Case.CRISIS], data.cases[Case.NAME], strict=True))
    return Loaded(folder, stamp, data, names)


@dataclass
class PageContext:
    """What every page gets from the shared page set-up (lib.ui.page.setup)."""

    data: Bundle  # the flows of the chosen indicator and year only (data.time names them)
    crisis: str | None  # None means all crises
    crisis_names: dict[str, str]
    lang: str = "en"
    data_key: tuple = ()  # names this version of `data`: folder, content hash
    uploads: tuple[str, ...] = ()  # names this session's uploads in `data`; empty when none
    full: Bundle | None = None  # every year and indicator (the Sources table, then and now)

    @property
    def all_years(self) -> Bundle:
        """Return the data of every year and indicator (the view's own when it has no other)."""
        return self.full if self.full is not None else self.data

    @property
    def with_uploads(self) -> bool:
        """Return True when this view includes the session's own uploads."""
        return bool(self.uploads)

    @property
    def memo_key(self) -> tuple:
        """Name this view's data for memoised views: data version, uploads, language, crisis,
        and the indicator and year shown."""
        time = getattr(self.data, "time", None)
        shown = (time.indicator, time.year, time.dataset) if time is not None else ()
        return (*self.data_key, self.uploads, self.lang, self.crisis, *shown)

    @property
    def t(self):
        """The translator for the chosen language: ctx.t("Crisis")."""
        return tr(self.lang)

    def crisis_label(self) -> str:
        """Return the selected crisis's name, or 'All crises'."""
        everything = self.t("All crises")
        return self.crisis_names.get(self.crisis, everything) if self.crisis else everything


@st.cache_resource(show_spinner=False, max_entries=256)
def _memo(what: str, key: tuple, _build: Callable[[], Any]) -> Any:
    return _build()


def memo(ctx: PageContext, what: str, build: Callable[[], Any], *more: object) -> Any:
    """Return `build()`, made once per data version, language, crisis and `more`, and shared
    by every session (a chart, a summary: small, and never written to). A crisis switch back
    and forth then rebuilds nothing.

    A view that includes this session's uploads is memoised in the session's own state
    instead: nothing made from an upload outlives its session or reaches another one."""
    key = (*ctx.memo_key, *more)
    if not ctx.with_uploads:
        return _memo(what, key, build)
    mine: dict = st.session_state.setdefault(SESSION_MEMO, {})
    if (what, key) not in mine:
        while len(mine) >= SESSION_MEMO_MAX:
            mine.pop(next(iter(mine)))
        mine[(what, key)] = build()
    return mine[(what, key)]


def arrow(ctx: PageContext, what: str, df: Any, *more: object) -> Any:
    """Return `df` as an Arrow table, converted once per data version, language, crisis and
    `more` (memo), for st.dataframe: the conversion is the costly part of showing it."""
    return memo(ctx, f"{what}:arrow", lambda: pa.Table.from_pandas(df, preserve_index=False), *more)
