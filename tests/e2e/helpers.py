"""What the browser tests share, so that none imports another's: the timings they measure
(printed at the end of the run), the map's selector and how to wait for it to be drawn, the
charts each page draws, axe, an upload through the sidebar, nginx in front of replicas. The
server and Chromium helpers are in devtools/ (the benchmarks and scripts use them too)."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
from dataclasses import dataclass

from PIL import Image
from playwright.sync_api import expect

from devtools.server import free_port
from devtools.wait import wait_until
from lib.base.schema import ROOT
from lib.charts.flowmap import DESKTOP, Layout
from lib.charts.map_view import flow_model
from lib.model.bundle import load_bundle

# (what, seconds) measured by the browser tests, printed at the end of the run.
TIMINGS: list[tuple[str, float]] = []

MAP = ".st-key-flowmap [data-testid='stDeckGlJsonChart']"
SELECTED = (213, 94, 0)  # the selected country's dot (lib.charts.maps)
PIN = (40, 40, 40)  # every other country's dot


def pin_pixel(pg, crisis: str | None, layout: Layout, code: str, selected=None):
    """Return where a place's dot is in the chart's screenshot, from the same map model."""
    model = flow_model(load_bundle(), crisis, {}, layout=layout, selected=selected)[0]
    pin = next(p for p in model.pins if p.code == code)
    box = pg.locator(MAP).bounding_box()
    return (
        round(box["width"] / 2 + pin.x - model.view.width / 2),
        round(box["height"] / 2 + pin.y - model.view.height / 2),
    )


def wait_for_map(
    pg,
    crisis: str | None = "venezuela",
    layout: Layout = DESKTOP,
    code: str = "VEN",
    colour: tuple[int, int, int] = PIN,
    selected: str | None = None,
) -> None:
    """Wait until the bitmap is the chart's background and deck.gl has drawn the dots: the
    pixel at `code`'s dot has the dot's colour (the bitmap draws no dots)."""
    chart = pg.locator(MAP)
    expect(chart.locator("canvas").first).to_be_visible(timeout=45_000)
    expect(chart).to_have_css(
        "background-image", re.compile(r'^url\("data:image/png;base64,'), timeout=20_000
    )
    x, y = pin_pixel(pg, crisis, layout, code, selected)

    def drawn() -> bool:
        px = Image.open(io.BytesIO(chart.screenshot())).convert("RGB").getpixel((x, y))
        return all(abs(a - b) <= 12 for a, b in zip(px, colour, strict=True))

    wait_until(
        drawn,
        30,
        f"deck.gl's dot of {code}",
        every=0.25,
        pause=lambda s: pg.wait_for_timeout(s * 1000),
    )


@dataclass
class Served:
    url: str
    port: int
    process: subprocess.Popen
    replicas: dict[int, int]  # port: pid


def serve_replicas(replicas: int, env: dict[str, str] | None = None) -> Served:
    """Start scripts/serve.sh on a free port; return once it says nginx answers."""
    port = free_port()
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "serve.sh"), "--replicas", str(replicas), "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    line = proc.stdout.readline()  # printed once nginx answers the health check
    found = re.findall(r"(\d+) \(pid (\d+)\)", line.split("replicas on ports", 1)[-1])
    assert len(found) == replicas, f"serve.sh did not start: {line!r}"
    return Served(f"http://127.0.0.1:{port}", port, proc, {int(p): int(i) for p, i in found})


def stop_replicas(served: Served) -> None:
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGTERM)
        served.process.wait(30)


AXE_JS = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


BLOCKING = {"serious", "critical"}


@dataclass(frozen=True)
class Allowed:
    """A violation in Streamlit's own markup that the app cannot change."""

    rule: str  # axe rule id
    selector: str  # part of the node's CSS selector as axe reports it
    upstream: str  # the Streamlit issue that tracks it
    reason: str


# Empty: with the theme's text colour (.streamlit/config.toml) every page passes as is.
ALLOWED: tuple[Allowed, ...] = ()


RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                              summary: n.failureSummary})),
  }));
}"""


def allowed(rule: str, target: str) -> bool:
    return any(a.rule == rule and a.selector in target for a in ALLOWED)


def blocking_violations(pg) -> list[str]:
    """Run axe on the page as it is now; return its serious and critical violations (one
    line per node) that ALLOWED does not cover."""
    if not pg.evaluate("typeof window.axe !== 'undefined'"):
        pg.add_script_tag(path=str(AXE_JS))
    found = []
    for v in pg.evaluate(RUN_AXE, TAGS):
        if v["impact"] not in BLOCKING:
            continue
        found += [
            f"{v['id']} ({v['impact']}): {n['target']}\n  {n['html']}\n  {n['summary']}"
            for n in v["nodes"]
            if not allowed(v["id"], n["target"])
        ]
    return found


def settle(pg, ready: str) -> None:
    """Wait until the page shows `ready` and its script has finished: no running icon and no
    element greyed out as stale (a faded element would fail the contrast rule spuriously)."""
    expect(pg.locator(ready).first).to_be_visible(timeout=45_000)
    expect(pg.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0)
    expect(pg.locator("[data-stale='true']")).to_have_count(0)


ROW = dict(flow_id="census_ven_chl", destination="CHL", people="444,000", status="reported")


def upload_file(pg, name: str, content: bytes) -> None:
    sidebar = pg.get_by_test_id("stSidebar")
    sidebar.get_by_text("Your data").click()
    sidebar.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
    )


CHART = {
    "/": "[data-testid='stMetricValue']",
    "/map": "[data-testid='stDeckGlJsonChart'] >> visible=true >> xpath=//canvas",
    "/corridors": "[data-testid='stPlotlyChart'] g.sankey-node",
    "/actions": "[data-testid='stTable']",
    "/sources": "[data-testid='stDataFrame']",
}


def first_sankey_nodes(pg):
    return pg.get_by_test_id("stPlotlyChart").first.locator("g.sankey-node")


def tab_to(pg, target, what: str, tries: int = 60) -> None:
    """Press Tab until `target` has the focus, as a keyboard user reaches it; fail naming
    `what` if it never does."""
    for _ in range(tries):
        pg.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {what}")
