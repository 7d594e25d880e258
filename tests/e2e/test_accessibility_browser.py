"""WCAG 2.2 AA in a real browser: axe-core run on every page, for two crises, in the three
languages. axe comes from the npm package that scripts/test.sh installs into .cache/axe/
(git-ignored) and is injected from that file: nothing is fetched from a CDN.

A page passes with no serious or critical violation. A violation inside Streamlit's own
markup that the app cannot change may be allowed in ALLOWED, one entry each with the rule,
the selector and the upstream issue; it is empty now.
"""

from __future__ import annotations

import pytest

from lib.base.languages import LANGS
from lib.base.schema import ROOT
from tests.e2e.helpers import AXE_JS, blocking_violations, settle

# What shows that a page has drawn its content (then it must also have finished running).
READY = {
    "/": "[data-testid='stMain'] h1",
    "/map": "[data-testid='stDeckGlJsonChart'] >> visible=true >> xpath=//canvas",
    "/corridors": "[data-testid='stPlotlyChart'] .main-svg",
    "/actions": "[data-testid='stPlotlyChart'] .main-svg",
    "/sources": "[data-testid='stDataFrame']",
    "/present": "[data-testid='stPlotlyChart'] .main-svg",
    "/embed": "[data-testid='stDeckGlJsonChart'] >> visible=true >> xpath=//canvas",
    "/embed?chart=nested": "[data-testid='stPlotlyChart'] .main-svg",
}
CRISES = ("venezuela", "haiti")


@pytest.fixture(scope="module")
def tab(browser):
    """One page in one context for the whole module: the app's scripts load once."""
    if not AXE_JS.exists():
        pytest.fail(
            f"{AXE_JS.relative_to(ROOT)} is missing: scripts/test.sh installs it "
            "(npm install --prefix .cache/axe axe-core@<version>)."
        )
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.route(lambda url: not url.startswith(("http://127.0.0.1", "data:", "blob:")), "abort")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("crisis", CRISES)
@pytest.mark.parametrize("path", list(READY))
def test_no_serious_or_critical_axe_violation(server, tab, path, crisis, lang):
    tab.goto(f"{server.url}{path}{'&' if '?' in path else '?'}crisis={crisis}&lang={lang}")
    settle(tab, READY[path])
    violations = blocking_violations(tab)
    assert violations == [], "\n".join(violations)


def test_axe_reports_a_grey_caption_planted_in_the_page(server, tab):
    """The harness itself: axe is loaded, runs the WCAG tags and its findings reach the test.
    A caption in #999 on white (2.8:1) must come back as a colour-contrast violation."""
    tab.goto(f"{server.url}/?crisis=venezuela")
    settle(tab, READY["/"])
    tab.evaluate(
        """() => { const p = document.createElement('p'); p.id = 'planted';
        p.textContent = 'Source: a line too pale to read'; p.style.color = '#999999';
        document.querySelector("[data-testid='stMain'] h1").after(p); }"""
    )
    violations = blocking_violations(tab)
    assert [v.split("\n")[0] for v in violations] == ["color-contrast (serious): #planted"]
