"""Every task with the keyboard alone: change the crisis and the language, move between
pages, filter the actions and open one, download a chart. Only key presses (Tab, Shift+Tab,
Enter, Space, arrows, Escape, typing) move focus and act; at every step the focused element
shows a visible ring (an outline or a box-shadow; lib/ui/css.py adds one where Streamlit has
none)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from lib.base.i18n import translate
from lib.export.render import file_name
from lib.model.actions import ActionFilter, filter_actions
from lib.model.bundle import load_bundle
from lib.model.localise import localized

MAX_STEPS = 200  # Tab presses allowed to reach one control

# The focused element, its accessible name and whether it shows a ring. An input's ring is
# drawn on the box around it (its parent or grandparent), so for inputs those count too.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const name = (e.getAttribute('aria-label') || e.innerText || '').trim().replace(/\\s+/g, ' ');
  const shows = x => { const s = getComputedStyle(x);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
      || s.boxShadow !== 'none'; };
  let ring = shows(e);
  for (let x = e.parentElement, i = 0; !ring && e.tagName === 'INPUT' && x && i < 2;
       x = x.parentElement, i++) ring = shows(x);
  return {name, tag: e.tagName, testid: e.getAttribute('data-testid') || '', ring,
          visible: e.matches(':focus-visible')};
}"""


def focus(pg, name: str, back: bool = False) -> dict:
    """Press Tab (Shift+Tab when `back`) until the element named `name` has focus; assert
    that every element met on the way shows where focus is. Return the focused element."""
    key = "Shift+Tab" if back else "Tab"
    met = []
    for _ in range(MAX_STEPS):
        pg.evaluate("() => { window.__before = document.activeElement; }")
        pg.keyboard.press(key)
        # Focus moves once the next element is there (on a loaded machine, a moment late); if
        # it stays, read it anyway and press again.
        with contextlib.suppress(PlaywrightTimeoutError):
            pg.wait_for_function("() => document.activeElement !== window.__before", timeout=3000)
        now = pg.evaluate(FOCUSED)
        if now is None:
            continue
        met.append(f"{now['tag']} {now['testid']} “{now['name'][:40]}”")
        assert now["ring"], f"no visible focus on {met[-1]}"
        if now["name"] == name:
            return now
    raise AssertionError(f"“{name}” not reached with {key}; met: {met}")


def choose(pg, option: str) -> None:
    """In the focused select box: open the list with ↓, type to narrow it, Enter to pick."""
    pg.keyboard.press("ArrowDown")
    pg.keyboard.type(option)
    expect(pg.get_by_role("option", name=option)).to_be_visible()
    pg.keyboard.press("Enter")


def test_every_task_with_the_keyboard_alone(server, page):
    pg = page.page
    pg.goto(server.url + "/?crisis=venezuela")
    expect(pg.get_by_test_id("stMetricValue").first).to_be_visible(timeout=45_000)

    # The crisis, then (back up the sidebar) the language.
    focus(pg, "Crisis")
    choose(pg, "Haiti")
    expect(pg).to_have_url(re.compile(r"/\?crisis=haiti$"))
    expect(pg.get_by_role("heading", name="Haiti")).to_be_visible()
    focus(pg, "Language · Idioma", back=True)
    choose(pg, "Español")
    expect(pg).to_have_url(re.compile(r"/\?crisis=haiti&lang=es$"))

    # Another page, from the sidebar's menu.
    es = lambda text: translate("es", text)  # noqa: E731
    focus(pg, es("Action explorer"))
    pg.keyboard.press("Enter")
    expect(pg).to_have_url(re.compile(r"/actions\?crisis=haiti&lang=es$"))
    expect(pg.get_by_text("11 de 12 acciones")).to_be_visible()
    # the filters drawn and enabled before the keyboard looks for them (a wait, not a click)
    expect(pg.get_by_test_id("stMultiSelect").locator("input")).to_have_count(4)
    for box in pg.get_by_test_id("stMultiSelect").locator("input").all():
        expect(box).to_be_enabled()

    # Filter by a country, then open one action in full.
    actions = localized(load_bundle(), "es").actions  # titles and outcomes in Spanish
    in_chile = filter_actions(actions, ActionFilter(crisis="haiti", countries=("CHL",)))
    focus(pg, es("Country"))
    choose(pg, "Chile")
    pg.keyboard.press("Escape")
    expect(pg).to_have_url(re.compile(r"country=CHL"))
    expect(pg.get_by_text(f"{len(in_chile)} de {len(actions)} acciones")).to_be_visible()
    first = in_chile.iloc[0]
    focus(pg, es("Show one action in full"))
    choose(pg, first["title"])
    expect(pg).to_have_url(re.compile(rf"action={first['action_id']}"))
    expect(pg.get_by_test_id("stText").filter(has_text=first["outcome"][:40])).to_be_visible()

    # Download the chart under it, as a PNG (Space presses a button as Enter does).
    focus(pg, es("PNG, 1920 px"))
    with pg.expect_download(timeout=60_000) as download:
        pg.keyboard.press("Space")
    expected = file_name("haiti", "actions", "es", dt.date.today(), "png")
    assert download.value.suggested_filename == expected
    with open(download.value.path(), "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    assert page.real_errors() == []
