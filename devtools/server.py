"""Starting a real `streamlit run` server of the dashboard on a free port, for the browser
tests, the benchmarks and the screenshot scripts. It fails loudly: a server that exits or
never answers its health check raises with the server's own log."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from lib.base.schema import ROOT


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
