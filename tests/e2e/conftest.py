"""Browser tier: a real `streamlit run` server and Playwright driving a local Chromium.

Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the browser that
`python -m playwright install chromium` downloaded. Every page records its console errors
and every request; requests to any host but localhost are blocked and recorded.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from lib.schema import ROOT

# These machines are small and shared: give every assertion room before calling it a failure.
expect.set_options(timeout=20_000)

pytestmark = pytest.mark.browser

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}

# Known harmless noise (see shared/design.md): 404s for these two endpoints on non-root
# pages, and WebGL ReadPixels warnings from SwiftShader. Everything else is a failure.
# (what, seconds) measured by the browser tests, printed at the end of the run.
TIMINGS: list[tuple[str, float]] = []

HARMLESS = ("/_stcore/health", "/_stcore/host-config", "GPU stall due to ReadPixels")


def chromium_executable() -> str | None:
    """Return the Chromium binary to drive, or None to use Playwright's own download."""
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    started: float

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(
    extra_env: dict[str, str] | None = None,
    script: str = "dashboard.py",
    prefix: list[str] | None = None,
    args: list[str] | None = None,
) -> Server:
    """Start `streamlit run <script>` (the dashboard unless told) on a free port and wait until it is healthy.
    `prefix` goes before the command (taskset), `args` after it (more --section.option value)."""
    port = _free_port()
    env = {**os.environ, **(extra_env or {})}
    cmd = [
        *(prefix or []),
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        *(args or []),
    ]
    t0 = time.monotonic()
    # The log goes to a file, not a pipe: nobody reads a pipe while the server runs, and a full
    # one (a long load test's warnings) would block the server.
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"streamlit exited: {log.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return Server(url, proc, t0)
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """One server shared by the tests that do not need a fresh one."""
    srv = start_server()
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
        exe = chromium_executable()
        b = (
            p.chromium.launch(executable_path=exe, args=LAUNCH_ARGS)
            if exe
            else p.chromium.launch(args=LAUNCH_ARGS)
        )
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
