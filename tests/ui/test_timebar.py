"""lib/ui/timebar.py: Play steps once per STEP_S, and never from the run a step started."""

from __future__ import annotations


def test_the_player_steps_only_when_a_step_is_due():
    """A fragment runs inline in every full run: only the timer's run, STEP_S after the last
    step, may step again (else each run would start the next at once)."""
    from lib.ui.timebar import STEP_S, due

    assert due(True, None, 100.0)
    assert not due(True, 100.0, 100.3)  # the full run a step started: no second step
    assert due(True, 100.0, 100.0 + STEP_S)  # the timer's run
    assert due(True, 100.0, 100.0 + 0.95 * STEP_S)  # a timer a little early
    assert not due(False, 100.0, 200.0)  # paused: never
