"""/present in a real browser on a fresh server: a deep link, keyboard only, large type."""

from __future__ import annotations

from playwright.sync_api import expect

TITLES = [
    "Venezuela: migration and the policy actions that answer it",
    "Who moves where: Venezuela",
    "Venezuela: flows named in the sheet, nested as the sheet nests them",
    "Venezuela: flows by corridor",
    "Actions accompanied by EUROsociAL+: Venezuela (1 of 3)",
    "Actions accompanied by EUROsociAL+: Venezuela (2 of 3)",
    "Actions accompanied by EUROsociAL+: Venezuela (3 of 3)",
    "Sources: Venezuela (1/2)",
    "Sources: Venezuela (2/2)",
]
# What presenters and their clickers send to go forward, then back, then to the ends.
FORWARD = [
    "ArrowRight",
    "Space",
    "PageDown",
    "ArrowRight",
    "Space",
    "PageDown",
    "ArrowRight",
    "Space",
]


def href(pg) -> str:
    return pg.evaluate("location.href")  # page.url can lag a history.replaceState


def wait_for_slide(pg, number: int) -> None:
    heading = pg.get_by_test_id("stHeading").locator("h1").first
    expect(heading).to_have_text(TITLES[number - 1])
    expect(pg.locator(".st-key-slide_counter")).to_have_text(f"{number} / {len(TITLES)}")
    pg.wait_for_function(f"() => location.href.endsWith('slide={number}')")


def test_keyboard_only_steps_through_every_slide_of_a_deep_link(fresh_server, browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    pg = context.new_page()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(fresh_server.url + "/present?crisis=venezuela&slide=1")
    wait_for_slide(pg, 1)
    assert pg.get_by_test_id("stSidebar").count() == 0
    expect(pg.get_by_test_id("stHeader")).to_be_hidden()
    # Body text at least 28 px at 1920×1080; the chart fills the slide's width.
    sizes = pg.locator(".st-key-slide_source p, .st-key-slide_counter p").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 28, sizes
    # The first slide: the key figures beside the QR code of the view, its link under it.
    box = pg.locator(".st-key-slide .stPlotlyChart").first.bounding_box()
    assert box["width"] >= 1400 and box["height"] >= 700, box
    qr = pg.locator(".st-key-slide_qr img").bounding_box()
    assert qr["width"] >= 200 and box["x"] + box["width"] <= qr["x"], qr
    expect(pg.locator(".st-key-slide_qr")).to_contain_text("/present?crisis=venezuela")
    for number, key in enumerate(FORWARD, start=2):
        pg.keyboard.press(key)
        wait_for_slide(pg, number)
        if number == 2:  # a chart slide: the chart fills the slide's width
            box = pg.locator(".st-key-slide .stPlotlyChart").first.bounding_box()
            assert box["width"] >= 1800 and box["height"] >= 700, box
    pg.keyboard.press("Home")
    wait_for_slide(pg, 1)
    pg.keyboard.press("End")
    wait_for_slide(pg, 9)
    pg.keyboard.press("PageUp")
    wait_for_slide(pg, 8)
    pg.keyboard.press("ArrowLeft")
    wait_for_slide(pg, 7)
    items = pg.locator(".st-key-slide_items p").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert items and min(items) >= 28, items
    assert pg.get_by_test_id("stSidebar").count() == 0
    outside = [
        u for u in requests if not u.startswith(fresh_server.url) and not u.startswith("data:")
    ]
    assert outside == []
    assert errors == []
    context.close()


def test_inside_an_embed_with_notes_the_notes_are_in_the_chosen_language(server, page):
    pg = page.page
    pg.set_viewport_size({"width": 1920, "height": 1080})
    pg.goto(server.url + "/present?crisis=venezuela&slide=2&lang=es&notes=1&embed=true")
    expect(pg.get_by_test_id("stHeading").locator("h1").first).to_have_text(
        "Quién se desplaza adónde: Venezuela"
    )
    notes = pg.locator(".st-key-notes")
    expect(notes).to_contain_text("Notas del orador")
    expect(notes).to_contain_text("El mapa (Venezuela) dibuja 5 flujos.")
    expect(pg.get_by_role("button", name="Siguiente")).to_be_visible()
    pg.get_by_role("button", name="Siguiente").click()
    expect(pg.get_by_test_id("stHeading").locator("h1").first).to_contain_text("Venezuela:")
    assert "embed=true" in pg.evaluate("location.href")
    assert page.blocked == []
    assert page.real_errors() == []
