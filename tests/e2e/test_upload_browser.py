"""Uploading your own data in the browser: shown in this session only, bundled files untouched."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from playwright.sync_api import expect

from lib.base.schema import DATA_DIR, TABLES
from tests.e2e.helpers import ROW, upload_file
from tests.helpers import flow_row, flows_csv
from tests.ingest_files import UNHCR_API, desa_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _digest() -> str:
    return hashlib.sha256(
        b"".join((DATA_DIR / f"{t}.csv").read_bytes() for t in TABLES)
    ).hexdigest()


def _searched(pg, text: str):
    """Search the Sources table with its own search (the Search button of its toolbar), as a
    reader finds a row, and return the table, which then says "1 result" or "0 results": the
    grid puts only the rows in view into the page, and where an added row lands depends on
    the table's order. (Ctrl+F in a clicked cell missed now and then: a click during the
    re-run after an upload left the grid without focus.)"""
    table = pg.get_by_test_id("stDataFrame").first
    table.evaluate("e => e.scrollIntoView({block: 'center'})")
    search = table.locator("input").first
    if not search.is_visible():
        table.hover()  # the toolbar shows on hover
        # Its click event, not a click at its place: right after a re-run the grid's scroller
        # can lie over the toolbar for a moment and take a pointer click.
        table.get_by_role("button", name="Search").dispatch_event("click")
    search.fill(text)
    return table


def test_an_upload_is_shown_as_your_data_in_this_session_only(server, browser, page):
    before = _digest()
    pg = page.page
    pg.goto(server.url + "/sources?crisis=venezuela")
    expect(pg.get_by_text("Every flow: Venezuela")).to_be_visible(timeout=45_000)
    content = flows_csv(flow_row(**ROW))
    upload_file(pg, "census.csv", content)
    expect(pg.get_by_text("census.csv: 1 row added as “your data”")).to_be_visible()
    # The table has the row before it is searched: a search typed into the grid before the
    # re-run had drawn it was cleared when the grid was redrawn (seen on a busy machine).
    grid = pg.get_by_test_id("stDataFrame").first
    expect(grid).to_contain_text("census_ven_chl", timeout=30_000)
    expect(_searched(pg, "census_ven_chl")).to_contain_text("1 result")

    other = browser.new_context()
    pg2 = other.new_page()
    pg2.goto(server.url + "/sources?crisis=venezuela")
    expect(pg2.get_by_text("Every flow: Venezuela")).to_be_visible(timeout=45_000)
    expect(_searched(pg2, "ven_chl")).to_contain_text("1 result")  # the sheet's row
    expect(_searched(pg2, "census_ven_chl")).to_contain_text("0 results")
    other.close()
    assert _digest() == before
    assert page.real_errors() == []


def test_a_bad_upload_lists_its_problems_as_text(server, page):
    pg = page.page
    pg.goto(server.url + "/")
    expect(pg.get_by_test_id("stSidebar")).to_be_visible(timeout=45_000)
    evil = "<img src=x onerror=alert(1)>"
    content = flows_csv(flow_row(**{**ROW, "flow_id": evil, "people": "1.8M"}))
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    upload_file(pg, "bad.csv", content)
    expect(pg.get_by_text("bad.csv: 2 problems; nothing from this file is shown")).to_be_visible()
    expect(
        pg.get_by_text(
            "bad.csv, row 2, column flow_id: ids use lower-case letters, digits and _", exact=False
        )
    ).to_be_visible()
    expect(
        pg.get_by_text(
            "bad.csv, row 2, column people: '1.8M' is not a number of people we can read safely",
            exact=False,
        )
    ).to_be_visible()
    assert pg.locator("img[src=x]").count() == 0
    assert dialogs == []


EVIL = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


def test_hostile_names_stay_text_in_sankey_download_map_and_table(server, browser, page, tmp_path):
    pg = page.page
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.goto(server.url + "/corridors?crisis=venezuela")
    expect(pg.get_by_test_id("stPlotlyChart").first.locator("g.sankey-node").first).to_be_visible(
        timeout=45_000
    )
    places = f'code,kind,name,region,lat,lon,point_rule\nXZZ,region,"{EVIL}",,1.5,-60,ct\n'.encode()
    flows = flows_csv(
        flow_row(
            flow_id="evil_flow", destination="XZZ", source="javascript:alert(3)", quote="a quote"
        )
    )
    sidebar = pg.get_by_test_id("stSidebar")
    sidebar.get_by_text("Your data").click()
    sidebar.locator("input[type=file]").set_input_files(
        files=[
            {"name": "places.csv", "mimeType": "text/csv", "buffer": places},
            {"name": "flows.csv", "mimeType": "text/csv", "buffer": flows},
        ]
    )
    expect(pg.get_by_text("flows.csv: 1 row added as “your data”")).to_be_visible()
    node = (
        pg.get_by_test_id("stPlotlyChart").first.locator("g.sankey-node").filter(has_text="onerror")
    )
    expect(node).to_have_count(1)
    assert "<img src=x" in node.text_content()  # shown as the characters typed
    node.hover()
    expect(pg.locator(".hoverlayer .hovertext").first).to_be_visible()
    with pg.expect_download() as info:
        pg.get_by_role("button", name="Interactive HTML").first.click()
    html = tmp_path / info.value.suggested_filename
    info.value.save_as(html)
    offline = browser.new_context()
    offline.route(
        lambda url: not url.startswith(("file:", "data:", "blob:")), lambda route: route.abort()
    )
    doc = offline.new_page()
    doc.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    doc.goto(html.as_uri())
    expect(doc.locator("g.sankey-node").filter(has_text="onerror")).to_have_count(1)
    doc.locator("g.sankey-node").filter(has_text="onerror").hover()
    expect(doc.locator(".hoverlayer .hovertext").first).to_be_visible()
    assert doc.locator("img[src=x]").count() == 0
    offline.close()
    sidebar.get_by_role("link", name="Flow map").click()
    expect(pg.get_by_test_id("stDeckGlJsonChart")).to_be_visible()
    pg.wait_for_load_state("networkidle")  # the map's data and any late script have arrived
    sidebar.get_by_role("link", name="Sources and method").click()
    expect(pg.get_by_test_id("stDataFrame").first).to_be_visible()
    pg.wait_for_load_state("networkidle")
    assert dialogs == []
    assert pg.locator("img[src=x]").count() == 0
    assert (
        pg.evaluate("() => document.querySelectorAll('script:not([src])').length") <= 2
    )  # Streamlit's own, nothing injected


def test_a_un_desa_workbook_adds_its_rows_with_their_provenance(server, page):
    """An .xlsx in UN DESA's Table 1 layout (made here) goes through "Your data": the page
    says what it found, and the Sources table lists its rows with the dataset they cite."""
    pg = page.page
    pg.goto(server.url + "/sources")
    expect(pg.get_by_text("Every flow: All crises")).to_be_visible(timeout=45_000)
    sidebar = pg.get_by_test_id("stSidebar")
    sidebar.get_by_text("Your data").click()
    sidebar.locator("input[type=file]").set_input_files(
        files=[{"name": "undesa_ims_2024.xlsx", "mimeType": XLSX, "buffer": desa_xlsx()}]
    )
    found = sidebar.get_by_text(
        "UN DESA International Migrant Stock, Table 1: 16 rows, 1990–2024, 5 countries"
    )
    expect(found).to_be_visible(timeout=60_000)
    notice = sidebar.get_by_text("undesa_ims_2024.xlsx: areas without an ISO 3166")
    expect(notice).to_contain_text("Channel Islands (830)")  # skipped, and named
    main = pg.get_by_test_id("stMain")
    expect(main.get_by_text("This view includes your data (undesa_ims_2024.xlsx)")).to_be_visible()
    assert page.real_errors() == []


def test_a_unhcr_file_added_on_the_map_shows_its_own_figures_and_its_receipt(server, page):
    """The view moves to the file's indicator and newest year for the crisis, says so in one
    line, draws the file's figure, and the import's receipt downloads."""
    pg = page.page
    pg.goto(server.url + "/map?crisis=venezuela")
    expect(pg.get_by_test_id("stDeckGlJsonChart")).to_be_visible(timeout=45_000)
    main = pg.get_by_test_id("stMain")
    expect(main.get_by_text("This view includes your data")).to_have_count(0)
    upload_file(pg, "unhcr.csv", UNHCR_API.encode())
    line = main.get_by_text(
        "Showing your file: Refugees under UNHCR's mandate (UNHCR), 2023. The sheet's "
        "figures: What is counted → People from the country living abroad (the sheet, about "
        "2020)."
    )
    expect(line).to_be_visible(timeout=60_000)
    expect(main.get_by_text("This view includes your data (unhcr.csv)")).to_be_visible()
    # the link reopens the view (2023 is the indicator's newest year: the URL leaves it out)
    expect(pg).to_have_url(re.compile(r"/map\?crisis=venezuela&indicator=refugees$"))
    # the map's table holds the file's figure, Venezuela → Colombia 1,500 refugees
    main.get_by_text("Data behind the chart: flows on the map").click()
    expect(main.get_by_test_id("stTable").first).to_contain_text("1,500")
    sidebar = pg.get_by_test_id("stSidebar")
    with pg.expect_download(timeout=60_000) as info:
        sidebar.get_by_role("button", name="Receipt of unhcr.csv").click()
    assert info.value.suggested_filename == "unhcr-import-report.md"
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Import receipt: unhcr.csv\n")
    assert "- Read as: a text file in UTF-8, separated by comma (,)" in text
    assert "- stateless (rows 2, 4)" in text
    assert page.real_errors() == []


def test_names_from_a_published_file_are_shown_as_typed(server, page):
    """A name in a UNHCR file that is Markdown or a formula reaches the notices as the
    characters typed: no link, no bold, nothing run."""
    pg = page.page
    pg.goto(server.url + "/map?crisis=venezuela")
    expect(pg.get_by_test_id("stDeckGlJsonChart")).to_be_visible(timeout=45_000)
    hostile = UNHCR_API + (
        '2024,"[click](http://evil.example) **now** =HYPERLINK(""x"")",UKN,XYZ,Chile,CHL,CHL,'
        "3,0,0,,,0,0,0,0\n"
    )
    upload_file(pg, "unhcr.csv", hostile.encode())
    sidebar = pg.get_by_test_id("stSidebar")
    notice = sidebar.get_by_text("areas without an ISO 3166 code, skipped")
    expect(notice).to_contain_text(
        '[click](http://evil.example) **now** =HYPERLINK("x") (XYZ)', timeout=60_000
    )
    # The Markdown link is text: no link labelled "click". A bare address stays as typed;
    # Streamlit's Markdown makes it clickable (GFM autolinks), showing its own address.
    links = pg.locator("a[href*='evil.example']").evaluate_all(
        "els => els.map(e => [e.textContent, e.getAttribute('href')])"
    )
    assert links and all(text == href for text, href in links)
    assert sidebar.locator("strong", has_text="now").count() == 0
    assert page.real_errors() == []
