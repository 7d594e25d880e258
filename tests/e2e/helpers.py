"""What the browser tier and the benchmarks share: starting a real `streamlit run` server and
finding the Chromium to drive. The pytest fixtures built on them are in conftest.py.

Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the browser that
`python -m playwright install chromium` downloaded.
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
from dataclasses import dataclass
from pathlib import Path

from lib.schema import ROOT

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

# Known harmless console noise: Streamlit's frontend asks for these two endpoints relative
# to a non-root page's path and gets 404s (it then asks at the root, which answers), and
# SwiftShader, the software WebGL of a GPU-less Chromium, warns about ReadPixels stalls.
# Everything else on the console is a failure.
HARMLESS = ("/_stcore/health", "/_stcore/host-config", "GPU stall due to ReadPixels")

# (what, seconds) measured by the browser tests, printed at the end of the run.
TIMINGS: list[tuple[str, float]] = []


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


def launch_chromium(playwright):
    """Return a headless Chromium launched by Playwright: Debian's (chromium_executable), else
    Playwright's own download."""
    exe = chromium_executable()
    if exe:
        return playwright.chromium.launch(executable_path=exe, args=LAUNCH_ARGS)
    return playwright.chromium.launch(args=LAUNCH_ARGS)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
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
    cwd: Path = ROOT,
) -> Server:
    """Start `streamlit run <script>` (the dashboard unless told) in `cwd` on a free port and
    wait until it is healthy. `prefix` goes before the command (taskset), `args` after it
    (more --section.option value)."""
    port = free_port()
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
    log = tempfile.TemporaryFile()  # noqa: SIM115 (open for the server's life; closed with it)
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=log)
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
