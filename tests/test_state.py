"""lib/state.py: cached loading that still sees an edited CSV without a restart."""

from __future__ import annotations

from lib import state
from lib.schema import Flow
from tests.conftest import edit_csv, row_of


def test_an_edited_csv_shows_up_without_restarting(data_copy):
    before = state.bundle(data_copy)
    path = data_copy / "flows.csv"
    edit_csv(path, row_of(path, Flow.ID, "ven_col"), Flow.NOTE, "edited by an analyst")
    after = state.bundle(data_copy)
    note = after.flows.set_index(Flow.ID).at["ven_col", Flow.NOTE]
    assert note == "edited by an analyst"
    assert before.flows.set_index(Flow.ID).at["ven_col", Flow.NOTE] != note


def test_the_cache_key_changes_when_a_file_is_written(data_copy):
    first = state.data_fingerprint(data_copy)
    assert state.data_fingerprint(data_copy) == first
    (data_copy / "themes.csv").write_text((data_copy / "themes.csv").read_text() + "\n")
    assert state.data_fingerprint(data_copy) != first


def _memo_app() -> None:
    """A page that memoises one build for the bundled data and one for a view with uploads."""
    import streamlit as st

    from lib import state

    shared = state.Frame(data=None, crisis="haiti", crisis_names={}, data_key=("data", "stamp"))
    mine = state.Frame(
        data=None,
        crisis="haiti",
        crisis_names={},
        data_key=("data", "stamp"),
        uploads=("on_top", "f1:a.csv"),
    )
    calls = st.session_state.setdefault("calls", [])
    state.memo(shared, "test_chart", lambda: calls.append("shared") or "shared chart")
    st.write(state.memo(mine, "test_chart", lambda: calls.append("mine") or "my chart"))


def test_a_view_with_uploads_is_memoised_in_its_session_only():
    from streamlit.testing.v1 import AppTest

    first = AppTest.from_function(_memo_app).run()
    first.run()  # a re-run builds nothing again
    assert first.session_state["calls"] == ["shared", "mine"]
    assert [key[0] for key in first.session_state[state.SESSION_MEMO]] == ["test_chart"]
    assert first.markdown[0].value == "my chart"
    other = AppTest.from_function(_memo_app).run()  # another session: the shared chart is cached,
    assert other.session_state["calls"] == ["mine"]  # the one made from uploads is not
