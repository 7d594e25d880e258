"""WCAG 2.2 AA in a real browser: axe-core run on every page, for two crises, in the three
languages. axe comes from the npm package that scripts/test.sh installs into .cache/axe/
(git-ignored) and is injected from that file: nothing is fetched from a CDN.

A page passes with no serious or critical violation. A violation inside Streamlit's own
markup that the app cannot change may be allowed in ALLOWED, one entry each with the rule,
the selector and the upstream issue; it is empty now.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from lib.base.i18n import LANGS
from lib.base.schema import ROOT

AXE_JS = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
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


@dataclass(frozen=True)
class Allowed:
    """A violation in Streamlit's own markup that the app cannot change."""

    rule: str  # axe rule id
    selector: str  # part of the node's CSS selector as axe reports it
    upstream: str  # the Streamlit issue that tracks it
    reason: str


# Empty: with the theme's text colour (.streamlit/config.toml) every page passes as is.
ALLOWED: tuple[Allowed, ...] = ()

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                              summary: n.failureSummary})),
  }));
}"""


def allowed(rule: str, target: str) -> bool:
    return any(a.rule == rule and a.selector in target for a in ALLOWED)


def blocking_violations(pg) -> list[str]:
    """Run axe on the page as it is now; return its serious and critical violations (one
    line per node) that ALLOWED does not cover."""
    if not pg.evaluate("typeof window.axe !== 'undefined'"):
        pg.add_script_tag(path=str(AXE_JS))
    found = []
    for v in pg.evaluate(RUN_AXE, TAGS):
        if v["impact"] not in BLOCKING:
            continue
        found += [
            f"{v['id']} ({v['impact']}): {n['target']}\n  {n['html']}\n  {n['summary']}"
            for n in v["nodes"]
            if not allowed(v["id"], n["target"])
        ]
    return found


def settle(pg, ready: str) -> None:
    """Wait until the page shows `ready` and its script has finished: no running icon and no
    element greyed out as stale (a faded element would fail the contrast rule spuriously)."""
    expect(pg.locator(ready).first).to_be_visible(timeout=45_000)
    expect(pg.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0)
    expect(pg.locator("[data-stale='true']")).to_have_count(0)


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
