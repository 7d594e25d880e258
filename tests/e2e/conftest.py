"""Browser tier: a real `streamlit run` server and Playwright driving a local Chromium.

The server and Chromium helpers are in devtools/ (the benchmarks and scripts use them too).
Every page records its console errors, every request and every failed one; Chromium refuses
every host but localhost (devtools.browser.LAUNCH_ARGS), and a request to one is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

from devtools.browser import HARMLESS, is_external, launch_chromium
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test's report says what its page showed (see Watched.state), while the
    page is still open: "element not found" alone does not tell a blank tab from a slow one."""
    report = yield
    watched = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.failed and call.when == "call" and isinstance(watched, Watched):
        report.sections.append(("the page when it failed", watched.state()))
    return report


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
    failed: list[str] = field(default_factory=list)  # "url: why" of requests that failed

    @property
    def blocked(self) -> list[str]:
        """The requests that tried to leave localhost (the browser refused them)."""
        return [url for url in self.requests if is_external(url)]

    def real_errors(self) -> list[str]:
        return [e for e in self.console_errors if not any(h in e for h in HARMLESS)]

    def __repr__(self) -> str:  # pytest prints it whole in a failure: keep it to what helps
        return (
            f"Watched(url={getattr(self.page, 'url', '?')!r}, "
            f"real console errors={self.real_errors()!r}, failed requests={self.failed!r}, "
            f"{len(self.requests)} requests)"
        )

    def state(self) -> str:
        """What the page shows and did, for a failed test's report: a blank tab (no Streamlit
        app) is told apart from an app that is still running or drew something else."""
        pg = self.page
        try:
            app = pg.locator("[data-testid='stApp']").count()
            running = pg.locator("[data-testid='stStatusWidget']").count()
            text = pg.locator("body").inner_text(timeout=2_000)
        except Exception as exc:  # a closed or crashed page: say so, do not hide the failure
            return f"page unreadable: {exc}"
        return "\n".join(
            [
                f"url: {pg.url}",
                f"Streamlit app element: {'yes' if app else 'NO (a blank tab)'}; "
                f"status widget (running): {'yes' if running else 'no'}",
                f"console errors: {self.console_errors}",
                f"failed requests: {self.failed}",
                f"last requests: {self.requests[-8:]}",
                f"page text (first 800 characters): {' '.join(text.split())[:800]}",
            ]
        )


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

    context.on("request", lambda req: watched.requests.append(req.url))
    context.on("requestfailed", lambda req: watched.failed.append(f"{req.url}: {req.failure}"))
    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: watched.console_errors.append(f"pageerror: {exc}"))
    yield watched
    context.close()
