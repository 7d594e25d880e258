"""Screenshots of /present at 1920×1080 and on a phone (390 px, a phone's User-Agent), and
PNGs of the handout's first pages: docs/screenshots/present_*.png and handout_venezuela_*.png.

    .venv/bin/python scripts/present_screenshots.py

Needs Chromium (the server's image export and the browser) and pdftoppm (poppler-utils).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from devtools.browser import launch_chromium  # noqa: E402
from devtools.server import start_server  # noqa: E402
from scripts.screenshots import PHONE, whole_page  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SHOTS = [
    ("present_venezuela_1_title", "/present?crisis=venezuela&slide=1"),
    ("present_venezuela_3_nested", "/present?crisis=venezuela&slide=3"),
    ("present_venezuela_5_actions_es", "/present?crisis=venezuela&slide=5&lang=es"),
]
# What an audience member following along on a phone sees (390 px, a phone's User-Agent),
# each slide from its title to the slide buttons.
PHONE_SHOTS = [
    ("present_venezuela_1_title_phone", "/present?crisis=venezuela&slide=1"),
    ("present_venezuela_2_map_es_phone", "/present?crisis=venezuela&slide=2&lang=es"),
    ("present_venezuela_3_nested_pt_phone", "/present?crisis=venezuela&slide=3&lang=pt"),
    ("present_venezuela_4_corridors_phone", "/present?crisis=venezuela&slide=4"),
    ("present_venezuela_5_actions_es_phone", "/present?crisis=venezuela&slide=5&lang=es"),
    ("present_venezuela_8_sources_phone", "/present?crisis=venezuela&slide=8"),
]


def main() -> None:
    server = start_server()
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            for name, path in SHOTS:
                page.goto(server.url + path)
                expect(page.locator(".st-key-slide .stPlotlyChart")).to_be_visible(timeout=30_000)
                time.sleep(2)  # plotly's drawing settles
                page.screenshot(path=str(OUT / f"{name}.png"))
                print("wrote", name)
            phone = browser.new_page(**PHONE)
            for name, path in PHONE_SHOTS:
                phone.set_viewport_size(PHONE["viewport"])
                phone.goto(server.url + path)
                expect(phone.locator(".st-key-slide_counter")).to_be_visible(timeout=30_000)
                phone.wait_for_load_state("networkidle")
                time.sleep(2)  # plotly's and deck.gl's drawing settle
                whole_page(phone)
                phone.screenshot(path=str(OUT / f"{name}.png"))
                print("wrote", name)
            browser.close()
    finally:
        server.stop()
    from lib.export.handout import handout_pdf
    from lib.model.bundle import load_bundle

    pdf = handout_pdf(
        load_bundle(), "venezuela", "en", None, "http://localhost:8501/present?crisis=venezuela"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "handout.pdf"
        path.write_bytes(pdf)
        base = OUT / "handout_venezuela_page1"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", path, base],
            check=True,
        )
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "110",
                "-f",
                "2",
                "-l",
                "2",
                "-singlefile",
                path,
                OUT / "handout_venezuela_page2",
            ],
            check=True,
        )
    print("wrote handout pages")


if __name__ == "__main__":
    main()
