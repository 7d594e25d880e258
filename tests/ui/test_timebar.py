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


def test_the_player_stops_at_the_newest_year():
    from lib.ui.timebar import next_step

    years = ["1990", "2000", "2010"]
    assert next_step(years, "1990") == ("2000", True)
    assert next_step(years, "2000") == ("2010", False)  # the newest: Play turns to Pause
    assert next_step(years, "2010") == ("2010", False)


def _at_map(timed_data, monkeypatch, year: str):
    from tests.helpers import open_page

    monkeypatch.setenv("DASHBOARD_DATA", str(timed_data))
    return open_page("pages/map.py", crisis="venezuela", indicator="undesa_stock", year=year)


def _play(at):
    return next(b for b in at.button if b.label in ("Play", "Pause"))


def test_play_at_the_newest_year_starts_again_from_the_first(timed_data, monkeypatch):
    at = _at_map(timed_data, monkeypatch, "2024")
    assert at.header[0].value == "Who moves where: Venezuela, 2024"
    at = _play(at).click().run()
    assert _play(at).label == "Pause"
    assert at.query_params["year"] in ("1990", ["1990"])
    assert at.header[0].value == "Who moves where: Venezuela, 1990"
    assert at.select_slider[0].value == "1990"


def test_pause_keeps_the_year_on_screen_over_a_step_not_yet_drawn(timed_data, monkeypatch):
    """A step the timer asked for but no run has drawn is dropped by Pause: the slider, the
    heading and the URL keep the year the presenter paused on."""
    from lib.ui.timebar import NEXT_YEAR

    at = _at_map(timed_data, monkeypatch, "2000")
    at = _play(at).click().run()
    assert _play(at).label == "Pause"
    at.session_state[NEXT_YEAR] = "2010"  # the timer's step, not yet drawn
    at = _play(at).click().run()
    assert _play(at).label == "Play"
    assert at.query_params["year"] in ("2000", ["2000"])
    assert at.header[0].value == "Who moves where: Venezuela, 2000"
    assert at.select_slider[0].value == "2000"
    assert _play(at).proto.help.endswith("(key: K)")
