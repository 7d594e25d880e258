"""/embed in a real browser: framed by another site through nginx (scripts/serve.sh) from an
allowed origin (it draws) and from another (the browser refuses it), the iframe's height
fits each chart, Streamlit's own ?embed=true, and the share panel's copy buttons put the
link and the snippet on the clipboard."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from devtools.server import free_port
from devtools.wait import wait_until
from lib.base.links import embed_url, iframe_snippet
from lib.charts.registry import CHARTS
from tests.e2e.helpers import serve_replicas, stop_replicas

pytestmark = pytest.mark.slow  # a server, nginx and Chromium

SANKEY = "[data-testid='stPlotlyChart'] .main-svg"
CANVAS = "[data-testid='stDeckGlJsonChart'] canvas"


@contextmanager
def host_site(html: str, port: int = 0) -> Iterator[str]:
    """Serve one page (`html`) at http://localhost:<port>/ (another site than 127.0.0.1,
    where nginx listens; a free port unless given); yield its address."""
    body = html.encode()

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port or free_port()), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}"
    finally:
        server.shutdown()


ALLOWED_PORT = free_port()


@pytest.fixture(scope="module")
def framed():
    """scripts/serve.sh with two replicas, framable by http://localhost:ALLOWED_PORT only."""
    srv = serve_replicas(2, {"DASHBOARD_EMBED_ORIGINS": f"'self' http://localhost:{ALLOWED_PORT}"})
    yield srv
    stop_replicas(srv)


def host_page(src: str) -> str:
    snippet = iframe_snippet(src, "Haiti: flows named in the sheet", 960)
    return f"<!doctype html><html lang='en'><title>Briefing</title><h1>Briefing</h1>{snippet}"


def test_an_allowed_site_frames_the_chart_through_nginx(framed, page):
    pg = page.page
    src = embed_url(framed.url, "nested", {"crisis": "haiti"})
    with host_site(host_page(src), ALLOWED_PORT) as site:
        response = pg.request.get(src)
        assert response.headers["content-security-policy"].endswith(
            f"frame-ancestors 'self' http://localhost:{ALLOWED_PORT}"
        )
        pg.goto(site)
        frame = pg.frame_locator("iframe")
        expect(frame.locator(SANKEY).first).to_be_visible(timeout=60_000)
        expect(frame.get_by_text("Haiti: flows named in the sheet")).not_to_have_count(0)
        link = frame.get_by_role("link", name="Open in the dashboard")
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_attribute("href", f"{framed.url}/corridors?crisis=haiti")
        expect(frame.get_by_test_id("stSidebar")).to_have_count(0)
    assert page.real_errors() == []


def test_another_site_cannot_frame_it(framed, page):
    pg = page.page
    src = embed_url(framed.url, "nested", {"crisis": "haiti"})
    with host_site(host_page(src)) as site:
        pg.goto(site)
        wait_until(
            lambda: any("frame-ancestors" in e for e in page.console_errors),
            30,
            "the browser refuses the frame (frame-ancestors)",
            pause=lambda s: pg.wait_for_timeout(s * 1000),
        )
        frame = pg.frame_locator("iframe")
        expect(frame.locator(SANKEY)).to_have_count(0)
        expect(frame.get_by_test_id("stApp")).to_have_count(0)


@pytest.mark.parametrize("chart", list(CHARTS))
def test_the_snippets_height_fits_each_chart_in_a_column_700_px_wide(
    server, timed_server, page, chart
):
    pg = page.page
    spec = CHARTS[chart]
    pg.set_viewport_size({"width": 700, "height": spec.embed_height})
    # The over-time chart needs years: a folder with UN DESA's layout.
    srv, more = (timed_server, {"indicator": "undesa_stock"}) if chart == "trend" else (server, {})
    for crisis in ("venezuela", "haiti", None):
        params = {"crisis": crisis, **more} if crisis else more
        pg.goto(embed_url(srv.url, chart, params))
        expect(pg.locator(CANVAS if chart == "map" else SANKEY).first).to_be_visible(timeout=60_000)
        link = pg.get_by_role("link", name="Open in the dashboard")
        expect(link).to_be_visible()
        bottom = link.evaluate("a => a.getBoundingClientRect().bottom + window.scrollY")
        assert bottom + 16 <= spec.height_for(crisis), (chart, crisis, bottom)
    assert page.real_errors() == []


def test_streamlits_own_embed_mode_draws_the_chart_without_chrome(server, page):
    pg = page.page
    pg.goto(f"{server.url}/embed?chart=corridors&crisis=venezuela&lang=es&embed=true")
    expect(pg.locator(SANKEY).first).to_be_visible(timeout=60_000)
    expect(pg.get_by_role("link", name="Abrir en el panel")).to_be_visible()
    expect(pg.get_by_test_id("stHeader")).not_to_be_visible()
    expect(pg.get_by_test_id("stSidebar")).to_have_count(0)
    assert page.real_errors() == []


def test_the_copy_buttons_put_the_link_and_the_snippet_on_the_clipboard(server, page):
    pg = page.page
    pg.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    pg.goto(f"{server.url}/corridors?crisis=haiti&lang=pt")
    expect(pg.locator(SANKEY).first).to_be_visible(timeout=60_000)
    pg.get_by_text("Compartilhar ou incorporar:").first.click()
    codes = pg.get_by_test_id("stCode")
    expect(codes).to_have_count(2)
    copied = []
    for i in range(2):
        codes.nth(i).hover()
        codes.nth(i).get_by_role("button", name="Copy to clipboard").click()
        copied.append(
            wait_until(
                lambda: (
                    pg.evaluate("navigator.clipboard.readText()") not in ("", *copied)
                    and pg.evaluate("navigator.clipboard.readText()")
                ),
                10,
                "the clipboard holds the copied text",
                pause=lambda s: pg.wait_for_timeout(s * 1000),
            )
        )
    link, snippet = copied
    assert link == f"{server.url}/corridors?crisis=haiti&lang=pt"
    src = embed_url(server.url, "nested", {"crisis": "haiti", "lang": "pt"})
    assert snippet == iframe_snippet(
        src,
        "Haiti: fluxos nomeados na ficha, aninhados como na ficha",
        CHARTS["nested"].embed_height,
    )
    assert page.real_errors() == []
