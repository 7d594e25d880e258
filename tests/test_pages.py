"""Pages through Streamlit's AppTest: what a user would read on each page."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.schema import ROOT

TIMEOUT = 30


def test_home_shows_the_venezuela_figures_with_status_and_source():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Venezuela → All destinations"] == "5.1 million"
    assert values["Venezuela → Latin America"] == "4.3 million"
    assert values["Venezuela → Colombia"] == "1.8 million"
    assert values["Venezuela → Outside the region"] == "800 thousand"
    captions = [c.value for c in at.caption]
    assert "derived · source: MIGRATION, A DYNAMIC PHENOMENON" in captions
