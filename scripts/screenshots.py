"""Take a 1440×900 screenshot of every page in headless Chromium, and every page on a phone
(390 px wide, a phone browser's User-Agent, the whole page): docs/screenshots/*.png.

    .venv/bin/python scripts/screenshots.py            every shot
    .venv/bin/python scripts/screenshots.py --only years_   the shots whose names start so

The synthetic_* shots show the dashboard on 200,000 SYNTHETIC flows (bench/synthetic.py,
written to a temporary folder and shown through DASHBOARD_DATA): how large tables are cut.
The years_* shots show it on the sheet plus a SYNTHETIC UN DESA Table 1 of 230 countries over
eight years (bench/years.py's world, read by lib.ingest): years, the over-time chart, then and
now, and a map of hundreds of flows (docs/years.md).
The import_* shots show "Your data" (docs/data-import.md): a UNHCR file added on the map (the
view moves to its figures and says so), a file refused with its row, and two R4V editions
giving the same flow (one shown, the other named, a box to switch).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from devtools.browser import launch_chromium  # noqa: E402
from devtools.server import start_server  # noqa: E402

SHOTS = [
    ("overview_all", "/"),
    ("overview_venezuela", "/?crisis=venezuela"),
    ("map_venezuela", "/map?crisis=venezuela"),
    ("map_all", "/map"),
    ("map_haiti", "/map?crisis=haiti"),
    ("map_northern_triangle", "/map?crisis=northern_triangle"),
    ("map_structural", "/map?crisis=structural"),
    ("map_all_chl", "/map?country=CHL"),
    ("map_venezuela_phone", "/map?crisis=venezuela"),
    ("map_haiti_phone", "/map?crisis=haiti"),
    ("map_northern_triangle_phone", "/map?crisis=northern_triangle"),
    ("map_structural_phone", "/map?crisis=structural"),
    ("map_all_phone", "/map"),
    ("map_all_chl_phone", "/map?country=CHL"),
    ("corridors_venezuela", "/corridors?crisis=venezuela"),
    ("corridors_haiti", "/corridors?crisis=haiti"),
    ("corridors_structural_corridor_view", "/corridors?crisis=structural&tab=corridors"),
    ("actions_all", "/actions"),
    (
        "actions_filtered_detail",
        "/actions?country=CHL&theme=access_to_justice&action=chl_criminal_defence_model",
    ),
    ("sources", "/sources"),
    ("overview_venezuela_pt", "/?crisis=venezuela&lang=pt"),
    ("corridors_venezuela_es", "/corridors?crisis=venezuela&lang=es"),
    ("map_haiti_es", "/map?crisis=haiti&lang=es"),
    # Every page on a phone, from top to foot (docs/phones.md)
    ("overview_venezuela_phone", "/?crisis=venezuela"),
    ("corridors_venezuela_es_phone", "/corridors?crisis=venezuela&lang=es"),
    ("corridors_venezuela_pt_corridor_view_phone", "/corridors?crisis=venezuela&lang=pt&tab=2"),
    ("corridors_haiti_phone", "/corridors?crisis=haiti"),
    ("actions_venezuela_phone", "/actions?crisis=venezuela"),
    ("sources_venezuela_es_phone", "/sources?crisis=venezuela&lang=es"),
    ("embed_nested_phone", "/embed?chart=nested&crisis=venezuela"),
    ("embed_map_venezuela_col", "/embed?chart=map&crisis=venezuela&country=COL&dir=in&top=20"),
]
SYNTHETIC_ROWS = 200_000
SYNTHETIC_SHOTS = [
    ("synthetic_200k_corridors_haiti", "/corridors?crisis=haiti"),
    ("synthetic_200k_map", "/map"),
]
YEARS_AREAS, YEARS_SHARE = 230, 0.08  # the SYNTHETIC world: countries, share of pairs with flows
YEARS = "indicator=undesa_stock"
YEARS_SHOTS = [
    ("years_map_world_2000", f"/map?{YEARS}&year=2000"),
    ("years_map_world_2024", f"/map?{YEARS}&year=2024"),
    ("years_map_world_compare", f"/map?{YEARS}&year=2024&compare=2000,2024"),
    # the SYNTHETIC rows belong to no crisis (a crisis's rows are the sheet's): all crises
    ("years_trends_all", f"/trends?{YEARS}"),
    ("years_map_world_2024_phone", f"/map?{YEARS}&year=2024"),
]
# A phone: its size and a phone browser's User-Agent (the map picks its narrow frame from it).
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
        "Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
    ),
}
# A chart whose flows have no figure is a plot of hairlines, not a Sankey: its labels are text
# points. On a phone the Sankeys are drawn in their narrow layout: text in annotations.
READY = {
    "map": ".st-key-flowmap canvas",
    "corridors": "g.sankey-node, g.textpoint, g.annotation",
    "actions": "[data-testid='stTable']",
    "sources": "[data-testid='stDataFrame']",
    "embed": "[data-testid='stPlotlyChart'] g.annotation",
    "trends": "[data-testid='stPlotlyChart'] g.trace",
}
FULL_LENGTH = 4000  # px: the tallest a page's whole-length shot is taken


def whole_page(page) -> None:
    """Make the window as tall as the page, so the shot holds all of it: Streamlit scrolls
    its main area itself, so a full-page screenshot would only hold the window."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size(
        {"width": page.viewport_size["width"], "height": min(height, FULL_LENGTH)}
    )
    page.wait_for_timeout(800)


def shoot(shots: list[tuple[str, str]], out: Path, env: dict[str, str] | None = None) -> None:
    """Serve the dashboard (with `env`) and write one PNG per (name, path)."""
    server = start_server(env)
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            for name, path in shots:
                phone = name.endswith("_phone")
                page = browser.new_page(
                    **(PHONE if phone else {"viewport": {"width": 1440, "height": 900}})
                )
                page.goto(server.url + path)
                try:  # a tab whose loads a network change dropped (podman): load it again
                    page.get_by_test_id("stApp").wait_for(state="attached", timeout=20_000)
                except PlaywrightTimeout:
                    page.reload()
                if not path.startswith("/embed"):  # /embed has no sidebar
                    page.get_by_test_id("stSidebar").wait_for(state="attached", timeout=90_000)
                selector = READY.get(path.split("?")[0].strip("/"))
                if path.startswith("/embed?chart=map"):  # the map alone: pydeck's canvas
                    selector = "[data-testid='stDeckGlJsonChart'] canvas"
                if selector:
                    page.locator(selector).first.wait_for(timeout=90_000)
                page.wait_for_timeout(2500)
                if "tab=corridors" in path or "tab=2" in path:
                    page.get_by_role("tab").nth(1).click()  # built on click
                    page.locator(".st-key-chart_title_sankey_corridors").wait_for(timeout=30_000)
                    page.wait_for_timeout(1500)
                if "action=" in path:
                    page.get_by_text("Show one action in full").scroll_into_view_if_needed()
                    page.wait_for_timeout(500)
                # the selected country's actions, under the map
                if "country=" in path and path.startswith("/map"):
                    page.get_by_test_id("stMain").locator("a[href*='action=']").first.wait_for(
                        timeout=30_000
                    )
                if phone and not name.startswith("map_"):  # the whole page, top to foot
                    whole_page(page)
                page.screenshot(path=str(out / f"{name}.png"))
                page.close()
                print("wrote", out / f"{name}.png")
            browser.close()
    finally:
        server.stop()


IMPORT_SHOTS = ["import_unhcr_map", "import_refused", "import_two_datasets"]
UNHCR_HEADER = (
    "year,coo_name,coo,coo_iso,coa_name,coa,coa_iso,refugees,asylum_seekers,returned_refugees,"
    "idps,returned_idps,stateless,ooc,oip,hst\n"
)
# In UNHCR's API layout; the figures are made up for the picture (the page says "your data").
UNHCR_SAMPLE = UNHCR_HEADER + (
    "2023,Venezuela (Bolivarian Republic of),VEN,VEN,Colombia,COL,COL,1500,2000,0,0,0,0,0,"
    "2800000,0\n"
    "2024,Haiti,HAI,HTI,Chile,CHL,CHL,20,-,0,,,0,0,50,0\n"
)
RAGGED_UNHCR = (
    UNHCR_HEADER + "2023,Venezuela,VEN,VEN,Colombia,COL,COL,3,012,1,234,0,0,0,0,0,2800000,0\n"
)


def _added(page, server, name: str, content: bytes, wait_for: str) -> None:
    page.goto(server.url + "/map?crisis=venezuela")
    page.get_by_test_id("stDeckGlJsonChart").wait_for(timeout=90_000)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Your data").click()
    sidebar.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_text(wait_for).first.wait_for(timeout=90_000)
    page.wait_for_timeout(2500)


def shoot_imports(out: Path, only: str) -> None:
    """The import_* shots: files added in "Your data", and a folder with two R4V editions."""
    import shutil
    import tempfile

    from lib.ingest import read_dataset
    from lib.ingest.__main__ import write_folder

    server = start_server()
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            for name, content, wait_for in (
                ("import_unhcr_map", UNHCR_SAMPLE.encode(), "Showing your file"),
                ("import_refused", RAGGED_UNHCR.encode(), "nothing from this file is shown"),
            ):
                if name.startswith(only):
                    _added(page, server, "unhcr.csv", content, wait_for)
                    # the message in the sidebar, in view (it stands below the uploader)
                    page.get_by_text(wait_for).first.scroll_into_view_if_needed()
                    page.wait_for_timeout(500)
                    page.screenshot(path=str(out / f"{name}.png"))
                    print("wrote", out / f"{name}.png")
                    page.close()
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
            browser.close()
    finally:
        server.stop()
    if not "import_two_datasets".startswith(only):
        return
    tmp = Path(tempfile.mkdtemp(prefix="two_r4v_"))
    try:
        base = ROOT / "data"
        for i, (dataset, rows) in enumerate(
            (
                ("R4V, May 2024", "Colombia,2024-05-31,2857528\nPeru,2024-05-31,1542004\n"),
                ("R4V, June 2024", "Colombia,2024-06-30,2900000\nChile,2024-06-30,500000\n"),
            )
        ):
            from lib.model.bundle import load_bundle

            imported = read_dataset(
                ("Country,Date,Value\n" + rows).encode(),
                f"r4v_{i}.csv",
                fmt="long",
                origin="VEN",
                columns={"destination": "Country", "year": "Date", "value": "Value"},
                indicator="r4v_stock",
                dataset=dataset,
                base=load_bundle(base),
            )
            write_folder(imported, tmp / str(i), base)
            base = tmp / str(i)
        path = "/map?crisis=venezuela&indicator=r4v_stock"
        shoot([("import_two_datasets", path)], out, {"DASHBOARD_DATA": str(base)})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import shutil

    from bench.scale import synthetic_folder
    from bench.years import world_folder

    parser = argparse.ArgumentParser(description="Screenshots of every page: docs/screenshots/.")
    parser.add_argument("--only", default="", help="take only the shots whose names start so")
    args = parser.parse_args(argv)  # an unknown flag: argparse's message, exit code 2

    def chosen(shots: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(name, path) for name, path in shots if name.startswith(args.only)]

    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    imports = [n for n in IMPORT_SHOTS if n.startswith(args.only)]
    if not any(chosen(s) for s in (SHOTS, SYNTHETIC_SHOTS, YEARS_SHOTS)) and not imports:
        print(f"screenshots: no shot's name starts with {args.only!r}", file=sys.stderr)
        return 2
    if chosen(SHOTS):
        shoot(chosen(SHOTS), out)
    if chosen(SYNTHETIC_SHOTS):
        folder = synthetic_folder(SYNTHETIC_ROWS)
        try:
            shoot(chosen(SYNTHETIC_SHOTS), out, {"DASHBOARD_DATA": str(folder)})
        finally:
            shutil.rmtree(folder.parent, ignore_errors=True)
    if chosen(YEARS_SHOTS):
        folder, _counts = world_folder(YEARS_AREAS, YEARS_SHARE)
        try:
            shoot(chosen(YEARS_SHOTS), out, {"DASHBOARD_DATA": str(folder)})
        finally:
            shutil.rmtree(folder.parent, ignore_errors=True)
    if imports:
        shoot_imports(out, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
