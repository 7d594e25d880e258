"""Through `scripts/serve.sh --replicas 2`: nginx in front of two replicas, in a real browser.

The page loads through nginx with its security headers and no CSP violation, JavaScript comes
gzip-encoded, an upload works (its PUT must reach the replica that holds the session: that is
the affinity), links in the briefing pack name nginx's address, and when the replica holding
the session is killed the page reconnects to the other one and keeps working.
"""

from __future__ import annotations

import os
import re
import signal
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from devtools.wait import wait_until
from tests.e2e.helpers import (
    CHART,
    ROW,
    Served,
    first_sankey_nodes,
    serve_replicas,
    stop_replicas,
    upload_file,
)
from tests.helpers import flow_row, flows_csv

# Marked here: a conftest's pytestmark does not reach the test modules.
pytestmark = pytest.mark.browser

CSP_HOOK = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def served():
    """scripts/serve.sh with two replicas on a free port, stopped with SIGTERM at the end."""
    srv = serve_replicas(2)
    yield srv
    stop_replicas(srv)


def _pack_link(pg, button: str) -> str:
    """Download the sidebar's briefing pack (its button's label); return its LINK.txt."""
    with pg.expect_download(timeout=120_000) as info:
        pg.get_by_test_id("stSidebar").get_by_role("button", name=button).click()
    with zipfile.ZipFile(info.value.path()) as zf:
        return zf.read("LINK.txt").decode().strip()


def _holding(served: Served) -> list[int]:
    """Replica ports with an open connection from nginx (the session's websocket: nginx keeps
    no other upstream connection open)."""
    open_ports = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            if state == "01":  # ESTABLISHED
                open_ports.append(int(local.rsplit(":", 1)[1], 16))
    return [p for p in served.replicas if p in open_ports]


def _csp_problems(page) -> list[str]:
    console = [e for e in page.console_errors if "Content Security Policy" in e]
    return console + page.page.evaluate("() => window.__csp || []")


@pytest.mark.parametrize("path", list(CHART))
def test_every_page_loads_through_nginx_within_the_csp(served, page, path):
    pg = page.page
    pg.context.add_init_script(CSP_HOOK)
    responses = []
    pg.on("response", lambda r: responses.append(r))
    first = pg.goto(served.url + path + "?crisis=venezuela")
    expect(pg.locator(CHART[path]).first).to_be_visible(timeout=45_000)
    pg.wait_for_load_state("networkidle")  # late requests and CSP reports have surfaced
    headers = first.all_headers()
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert re.match(r"dashboard_route=[0-9a-f]{32};", headers["set-cookie"])
    js = [r for r in responses if re.search(r"/static/js/index\.[^/]+\.js$", r.url)]
    assert js and js[0].headers.get("content-encoding") == "gzip"
    assert _csp_problems(page) == []
    assert page.real_errors() == [] and page.blocked == [], page.console_errors


def test_upload_affinity_public_link_and_a_replica_killed(served, page, tmp_path):
    pg = page.page
    pg.context.add_init_script(CSP_HOOK)
    pg.goto(served.url + "/sources?crisis=venezuela")
    expect(pg.get_by_text("Every flow: Venezuela")).to_be_visible(timeout=45_000)

    # An upload goes through nginx to the replica holding this session.
    upload_file(pg, "census.csv", flows_csv(flow_row(**ROW)))
    expect(pg.get_by_text("census.csv: 1 row added as “your data”")).to_be_visible()
    expect(pg.get_by_test_id("stDataFrame").first).to_contain_text("census_ven_chl")

    # The briefing pack's link is nginx's address, not the replica's.
    assert (
        _pack_link(pg, "Briefing pack: Venezuela (ZIP)") == f"{served.url}/sources?crisis=venezuela"
    )

    # Kill the replica holding the session (SIGKILL: a crash, no goodbye).
    sockets = []
    pg.on("websocket", lambda ws: sockets.append(ws.url))
    holding = wait_until(
        lambda: _holding(served) if len(_holding(served)) == 1 else None,
        30,
        "one replica holds the session's websocket",
        pause=lambda s: pg.wait_for_timeout(s * 1000),
    )
    os.kill(served.replicas[holding[0]], signal.SIGKILL)
    t0 = time.monotonic()
    # The page opens a new websocket through nginx, which sends it to the other replica...
    wait_until(
        lambda: sockets and _holding(served) and holding[0] not in _holding(served),
        60,
        "a new websocket held by the other replica",
        every=0.2,
        pause=lambda s: pg.wait_for_timeout(s * 1000),
    )
    recovered = time.monotonic() - t0
    assert sockets == [f"ws://127.0.0.1:{served.port}/_stcore/stream"]
    assert _holding(served) == [p for p in served.replicas if p != holding[0]]
    # ...and keeps working: another page, the same crisis, drawn by the other replica.
    pg.get_by_test_id("stSidebar").get_by_role("link", name="Corridors").click()
    expect(first_sankey_nodes(pg).filter(has_text="1.8 million")).to_have_count(1, timeout=45_000)
    expect(pg).to_have_url(re.compile(r"/corridors\?crisis=venezuela$"))
    # The upload lived in the dead replica's memory: back on the table, it is gone.
    pg.get_by_test_id("stSidebar").get_by_role("link", name="Sources and method").click()
    expect(pg.get_by_text("Every flow: Venezuela")).to_be_visible(timeout=45_000)
    expect(pg.get_by_test_id("stDataFrame").first).to_contain_text("ven_col")
    expect(pg.get_by_test_id("stDataFrame").first).not_to_contain_text("census_ven_chl")
    assert _csp_problems(page) == []
    assert recovered < 60
    with urllib.request.urlopen(served.url + "/_stcore/health", timeout=10) as r:
        assert r.status == 200


def test_sigterm_stops_nginx_and_every_replica(served):
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(30) == 0
    for pid in served.replicas.values():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with pytest.raises(OSError):
        urllib.request.urlopen(served.url + "/_stcore/health", timeout=5)


def test_under_a_path_prefix_the_pack_links_to_the_prefixed_public_address(page):
    """server.baseUrlPath = dashboard: nginx serves /dashboard/, and the pack's link keeps it."""
    srv = serve_replicas(1, {"STREAMLIT_SERVER_BASE_URL_PATH": "dashboard"})
    try:
        pg = page.page
        pg.goto(srv.url + "/dashboard/corridors?crisis=haiti&lang=es")
        expect(pg.get_by_test_id("stPlotlyChart").first).to_be_visible(timeout=45_000)
        assert (
            _pack_link(pg, "Paquete informativo: Haití (ZIP)")
            == f"{srv.url}/dashboard/corridors?crisis=haiti&lang=es"
        )
    finally:
        stop_replicas(srv)
