"""Finding and launching the Chromium that the browser tests, the benchmarks and the
screenshot scripts drive, and what its console may say without being a failure.

Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the browser that
`python -m playwright install chromium` downloaded.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

# Nothing a browser of ours asks for leaves this machine: Chromium itself resolves every host
# but these to "not found" (IP literals too), and note_external() records what was refused. No
# request is intercepted on its way: a route() with a function sends every request, local ones
# too, through the Python client, and interception is known to make rendering flaky
# (microsoft/playwright#22338).
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
OFFLINE_RULES = "MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1 , EXCLUDE [::1]"
LAUNCH_ARGS = [
    f"--host-resolver-rules={OFFLINE_RULES}",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Known harmless console noise: Streamlit's frontend asks for these two endpoints relative
# to a non-root page's path and gets 404s (it then asks at the root, which answers), and
# SwiftShader, the software WebGL of a GPU-less Chromium, warns about ReadPixels stalls.
# Everything else on the console is a failure.
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


def launch_chromium(playwright):
    """Return a headless Chromium launched by Playwright: Debian's (chromium_executable), else
    Playwright's own download."""
    exe = chromium_executable()
    if exe:
        return playwright.chromium.launch(executable_path=exe, args=LAUNCH_ARGS)
    return playwright.chromium.launch(args=LAUNCH_ARGS)


def is_external(url: str) -> bool:
    """True for a URL that would leave this machine (not data:, blob:, file: or localhost)."""
    if url.startswith(("data:", "blob:", "file:", "about:")):
        return False
    return (urlparse(url).hostname or "") not in LOCAL_HOSTS


def note_external(context, into: list[str]) -> None:
    """Append to `into` the URL of every request of `context` (a Playwright BrowserContext)
    to another host: the page tried to leave localhost, and the browser refused (LAUNCH_ARGS)."""
    context.on("request", lambda request: is_external(request.url) and into.append(request.url))
