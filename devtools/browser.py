"""Finding and launching the Chromium that the browser tests, the benchmarks and the
screenshot scripts drive, and what its console may say without being a failure.

Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the browser that
`python -m playwright install chromium` downloaded.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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
