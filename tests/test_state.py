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
