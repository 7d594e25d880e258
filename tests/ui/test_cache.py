"""lib/ui/cache.py: loading keyed on the files' content, and views memoised per session."""

from __future__ import annotations

import os

from lib.base.schema import Flow
from lib.ui import cache
from tests.helpers import edit_csv, row_of


def test_an_edited_csv_shows_up_without_restarting(data_copy):
    before = cache.bundle(data_copy)
    path = data_copy / "flows.csv"
    edit_csv(path, row_of(path, Flow.ID, "ven_col"), Flow.NOTE, "edited by an analyst")
    after = cache.bundle(data_copy)
    note = after.flows.set_index(Flow.ID).at["ven_col", Flow.NOTE]
    assert note == "edited by an analyst"
    assert before.flows.set_index(Flow.ID).at["ven_col", Flow.NOTE] != note


def test_the_cache_key_changes_with_a_files_content(data_copy):
    first = cache.data_fingerprint(data_copy)
    assert cache.data_fingerprint(data_copy) == first
    (data_copy / "themes.csv").write_text((data_copy / "themes.csv").read_text() + "\n")
    assert cache.data_fingerprint(data_copy) != first


def test_a_file_written_again_with_the_same_bytes_keeps_its_key(data_copy):
    """The key is the content's hash, not the file's time: a file saved unchanged (a new
    modification time) reloads nothing."""
    first = cache.data_fingerprint(data_copy)
    path = data_copy / "themes.csv"
    path.write_bytes(path.read_bytes())
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert cache.data_fingerprint(data_copy) == first


def test_a_missing_file_is_part_of_the_key(data_copy):
    first = cache.data_fingerprint(data_copy)
    (data_copy / "cases.csv").unlink()
    assert cache.data_fingerprint(data_copy) != first


def _memo_app() -> None:
    """A page that memoises one build for the bundled data and one for a view with uploads."""
    import streamlit as st

    from lib.ui import cache

    shared = cache.PageContext(
        data=None, crisis="haiti", crisis_names={}, data_key=("data", "stamp")
    )
    mine = cache.PageContext(
        data=None,
        crisis="haiti",
        crisis_names={},
        data_key=("data", "stamp"),
        uploads=("on_top", "f1:a.csv"),
    )
    calls = st.session_state.setdefault("calls", [])
    cache.memo(shared, "test_chart", lambda: calls.append("shared") or "shared chart")
    st.write(cache.memo(mine, "test_chart", lambda: calls.append("mine") or "my chart"))


def test_a_view_with_uploads_is_memoised_in_its_session_only():
    from streamlit.testing.v1 import AppTest

    first = AppTest.from_function(_memo_app).run()
    first.run()  # a re-run builds nothing again
    assert first.session_state["calls"] == ["shared", "mine"]
    assert [key[0] for key in first.session_state[cache.SESSION_MEMO]] == ["test_chart"]
    assert first.markdown[0].value == "my chart"
    other = AppTest.from_function(_memo_app).run()  # another session: the shared chart is cached,
    assert other.session_state["calls"] == ["mine"]  # the one made from uploads is not


def test_a_loaded_bundle_is_out_of_the_garbage_collectors_sight(data_copy):
    """A full collection would walk every object of a loaded table again (a pause of seconds
    with a whole-world table): once loaded, its objects are frozen, not tracked by gc."""
    import gc

    loaded = cache.bundle(data_copy)
    assert gc.get_freeze_count() > 0
    generations = [id(o) for g in range(3) for o in gc.get_objects(generation=g)]
    mine = {id(loaded), id(loaded.flows), id(loaded.places)}
    assert mine.isdisjoint(generations)
