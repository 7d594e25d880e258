"""Browser tier: a real `streamlit run` server and Playwright driving a local Chromium.

The server and Chromium helpers are in devtools/ (the benchmarks and scripts use them too).
Every page records its console errors and every request; requests to any host but localhost
are blocked and recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from devtools.browser import HARMLESS, LOCAL_HOSTS, launch_chromium
from devtools.server import Server, start_server
from tests.e2e.helpers import TIMINGS

# These machines are small and shared: give every assertion room before calling it a failure.
expect.set_options(timeout=20_000)

E2E = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Mark every test of tests/e2e `browser`, so `-m "not browser"` leaves the whole tier
    out (a `pytestmark` here would not reach the test modules)."""
    for item in items:
        if E2E in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    """Print the browser timings (time to first chart, crisis switch) measured in this run."""
    if TIMINGS:
        terminalreporter.section("browser timings (seconds)")
        for what, seconds in TIMINGS:
            terminalreporter.write_line(f"{seconds:6.2f}  {what}")


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """One server shared by the tests that do not need a fresh one."""
    srv = start_server()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def timed_server(timed_data) -> Iterator[Server]:
    """A server on a data folder with years: the sheet, UN DESA's and UNHCR's layouts."""
    srv = start_server(extra_env={"DASHBOARD_DATA": str(timed_data)})
    yield srv
    srv.stop()


@pytest.fixture
def fresh_server() -> Iterator[Server]:
    """A server no browser has talked to yet (for first-request deep links)."""
    srv = start_server()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@dataclass
class Watched:
    """A page plus what it did: console errors and requests, the blocked ones apart."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def real_errors(self) -> list[str]:
        return [e for e in self.console_errors if not any(h in e for h in HARMLESS)]


@pytest.fixture
def page(browser) -> Iterator[Watched]:
    """A page in a fresh context (nothing cached) at 1440×900, watched."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    watched = Watched(pg)

    def on_console(msg):
        if msg.type == "error":
            location = msg.location.get("url", "") if isinstance(msg.location, dict) else ""
            watched.console_errors.append(f"{msg.text} @ {location}")

    def is_external(url: str) -> bool:
        return (
            not url.startswith(("data:", "blob:"))
            and (urlparse(url).hostname or "") not in LOCAL_HOSTS
        )

    def block(r):
        watched.blocked.append(r.request.url)
        r.abort()

    context.on("request", lambda req: watched.requests.append(req.url))
    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: watched.console_errors.append(f"pageerror: {exc}"))
    # Only requests leaving localhost are intercepted (and refused); local ones go straight through.
    context.route(is_external, block)
    yield watched
    context.close()
