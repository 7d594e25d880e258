"""Browser part of the benchmark: time from navigation to each page's chart visible in headless
Chromium (fresh context, nothing cached), as a ratio to a minimal page with the same kind of
chart (bench/minimal_app.py) served the same way and measured interleaved; and the time from
a crisis switch to the chart redrawn.

    python -m bench.browser --repeats 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from playwright.sync_api import Browser, Error, Page, TimeoutError, sync_playwright

from bench.targets import PAGE_TARGETS, TARGET_RATIO, TARGET_SWITCH_MS
from devtools.browser import launch_chromium, note_external
from devtools.server import start_server


def target(path: str) -> float:
    """Return a page's time-to-chart target as a ratio to its baseline."""
    return PAGE_TARGETS.get(path, TARGET_RATIO)


TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1440, "height": 900}
SIDEBAR = "[data-testid='stSidebar']"
# page: (the element that marks its chart visible, the baseline kind with the same element)
PAGES: dict[str, tuple[str, str]] = {
    "/": ("[data-testid='stMetricValue']", "metric"),
    # The map counts as visible once its bitmap (countries, flows, labels: the chart's background)
    # is decoded and deck.gl has drawn a frame of its dots, not when the canvas appears; the
    # one-point baseline once it has drawn its first frame (BASELINE_READY).
    "/map": ("js:window.__mapReady()", "deck"),
    "/corridors": ("[data-testid='stPlotlyChart'] g.sankey-node", "sankey"),
    "/actions": ("[data-testid='stPlotlyChart'] g.point", "bar"),
    # the provenance table keeps the data grid: twelve columns are too wide for an HTML table
    "/sources": ("[data-testid='stDataFrame']", "dataframe"),
}
BASELINE_READY = {"deck": "js:window.__firstDraw != null"}
# page: what shows each crisis drawn (a node's text: a Sankey's, or a chart without figures' text
# point; the map's heading, then a WebGL draw)
SWITCHES: dict[str, dict[str, str]] = {
    "/corridors": {"Haiti": "Haiti", "Venezuela": "1.8 million"},
    "/map": {"Haiti": "Who moves where: Haiti", "Venezuela": "Who moves where: Venezuela"},
}
# Notes the time of every WebGL draw call (the first and the latest), and defines __mapReady().
DRAW_HOOK = """// The map page's bitmap is its chart's CSS background:
// ready once that image is decoded and a frame drawn.
window.__mapReady = () => {
  const el = document.querySelector(".st-key-flowmap [data-testid='stDeckGlJsonChart']");
  if (!el || window.__drawn == null) return false;
  const bg = getComputedStyle(el).backgroundImage;
  if (!bg.startsWith('url("data:image/png')) return false;
  if (window.__bgSeen !== bg) {
    window.__bgSeen = bg;
    window.__bgReady = false;
    const img = new Image();
    img.src = bg.slice(5, -2);
    img.decode().then(() => { if (window.__bgSeen === bg) window.__bgReady = true; });
  }
  return window.__bgReady === true;
};
for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
  const names = ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced'];
  for (const name of names) {
    const draw = proto[name];
    if (draw) proto[name] = function (...args) {
      const now = performance.now();
      window.__drawn = now;
      if (window.__firstDraw == null) window.__firstDraw = now;
      return draw.apply(this, args);
    };
  }
}"""
# Checked on every animation frame: once the chart shows `text`, the ms from the option's
# pointerdown to the next frame, which starts only after the redrawn one has been painted.
REDRAWN = """([path, text]) => {
  if (window.__clicked == null) return false;
  if (window.__seen) return performance.now() - window.__clicked;
  window.__seen = path === '/corridors'
    ? [...(document.querySelector("[data-testid='stPlotlyChart']")
          ?.querySelectorAll('g.sankey-node, g.textpoint') ?? [])]
        .some(n => n.textContent.includes(text))
    : [...document.querySelectorAll('h2')].some(h => h.textContent.includes(text))
      && window.__mapReady()
      && window.__bgSeen !== window.__bgBefore && window.__drawn > window.__clicked;
  return false;
}"""


def _page(chromium: Browser, blocked: list[str]) -> Page:
    """A page in a fresh context at 1440×900; requests leaving localhost are refused
    (by the browser) and noted."""
    context = chromium.new_context(viewport=VIEWPORT)

    note_external(context, blocked)
    context.add_init_script(DRAW_HOOK)
    return context.new_page()


def _wait(page: Page, selector: str) -> None:
    """Wait for `selector` visible (or, for "js:…", the expression true); on timeout say which page
    it was."""
    try:
        if selector.startswith("js:"):
            page.wait_for_function(selector[3:], polling="raf", timeout=TIMEOUT_MS)
        else:
            page.locator(selector).first.wait_for(timeout=TIMEOUT_MS)
    except TimeoutError as exc:
        raise RuntimeError(
            f"{page.url}: {selector} not visible within {TIMEOUT_MS // 1000} s"
        ) from exc


def _settle(page: Page) -> None:
    """Wait until late messages have arrived and the Streamlit script run has finished."""
    page.wait_for_timeout(500)
    page.get_by_test_id("stStatusWidgetRunningIcon").wait_for(state="hidden", timeout=TIMEOUT_MS)


def _payload(chromium: Browser, url: str, selector: str, blocked: list[str]) -> dict:
    """Load `url` once (this warms the server) and return the kB it received: HTTP response
    bodies (Streamlit sends them uncompressed) and WebSocket messages (the page's elements
    and chart data)."""
    page = _page(chromium, blocked)
    finished, frames = [], []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on(
        "websocket", lambda ws: ws.on("framereceived", lambda message: frames.append(len(message)))
    )
    page.goto(url)
    _wait(page, selector)
    _settle(page)
    http = sum(max(r.sizes()["responseBodySize"], 0) for r in finished)
    page.context.close()
    return {"http_kb": round(http / 1024), "websocket_kb": round(sum(frames) / 1024)}


def _load(
    chromium: Browser, url: str, selector: str, blocked: list[str], sidebar: bool
) -> tuple[float, float | None]:
    """Seconds from navigation to `selector` visible, and to the sidebar visible if asked."""
    page = _page(chromium, blocked)
    t0 = time.perf_counter()
    page.goto(url)
    side = None
    if sidebar:
        _wait(page, SIDEBAR)
        side = time.perf_counter() - t0
    _wait(page, selector)
    took = time.perf_counter() - t0
    page.context.close()
    return took, side


def _switches(
    chromium: Browser, url: str, path: str, repeats: int, blocked: list[str]
) -> list[float]:
    """Ms from choosing a crisis (option pointerdown) to the chart redrawn, Venezuela ↔ Haiti,
    `repeats` round trips after one unrecorded round trip (server caches for Haiti)."""
    page = _page(chromium, blocked)
    page.goto(f"{url}{path}?crisis=venezuela")
    page.evaluate("window.__clicked = 0")
    page.wait_for_function(
        REDRAWN, arg=[path, SWITCHES[path]["Venezuela"]], polling="raf", timeout=TIMEOUT_MS
    )
    samples = []
    for crisis in ["Haiti", "Venezuela"] * (repeats + 1):
        _settle(page)
        page.get_by_test_id("stSidebar").get_by_role("combobox", name="Crisis").click()
        option = page.get_by_role("option", name=crisis, exact=True)
        option.wait_for(timeout=TIMEOUT_MS)
        page.evaluate("""window.__clicked = null; window.__seen = false;
            window.__bgBefore = window.__bgSeen;
            document.addEventListener('pointerdown',
            () => { window.__clicked = performance.now(); }, {capture: true, once: true})""")
        option.click()
        samples.append(
            page.wait_for_function(
                REDRAWN, arg=[path, SWITCHES[path][crisis]], polling="raf", timeout=TIMEOUT_MS
            ).json_value()
        )
    page.context.close()
    return samples[2:]


def browser(repeats: int, paths: list[str] | None = None) -> dict:
    """Medians of page-to-chart times against their baselines (interleaved, rotating order) and
    of crisis-switch redraws, all in one browser; {"skipped": why} without Chromium.
    `paths` limits the pages (the smoke test runs one)."""
    paths = paths or list(PAGES)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    with sync_playwright() as p:
        try:
            chromium = launch_chromium(p)
        except Error as exc:
            return {"skipped": f"no Chromium to drive: {str(exc).splitlines()[0]}"}
        quiet = {
            "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"
        }  # no polling, no reloads while others edit
        dashboard, minimal = start_server(quiet), start_server(quiet, script="bench/minimal_app.py")
        try:
            blocked: list[str] = []
            pairs = [
                (
                    path,
                    f"{dashboard.url}{path}?crisis=venezuela",
                    f"{minimal.url}/?kind={kind}",
                    sel,
                )
                for path, (sel, kind) in PAGES.items()
                if path in paths
            ]
            ready = {
                base_url: BASELINE_READY.get(PAGES[path][1], sel)
                for path, _, base_url, sel in pairs
            }
            ready |= {page_url: sel for _, page_url, _, sel in pairs}
            payload = {
                u: _payload(chromium, u, ready[u], blocked)
                for _, page_url, base_url, _ in pairs
                for u in (page_url, base_url)
            }
            times: dict[str, list[float]] = {u: [] for u in payload}
            sidebar: dict[str, list[float]] = {path: [] for path in paths}
            for r in range(
                repeats
            ):  # each repeat starts one pair later and swaps which of the two goes first
                for path, page_url, base_url, _selector in (
                    pairs[r % len(pairs) :] + pairs[: r % len(pairs)]
                ):
                    for url in (page_url, base_url) if r % 2 == 0 else (base_url, page_url):
                        took, side = _load(
                            chromium, url, ready[url], blocked, sidebar=url == page_url
                        )
                        times[url].append(took)
                        if side is not None:
                            sidebar[path].append(side)
            switch = {
                path: _switches(chromium, dashboard.url, path, repeats, blocked)
                for path in SWITCHES
                if path in paths
            }
        finally:
            dashboard.stop()
            minimal.stop()
            chromium.close()
    pages = {}
    for path, page_url, base_url, _ in pairs:
        page_s, base_s = statistics.median(times[page_url]), statistics.median(times[base_url])
        pages[path] = {
            "median_s": round(page_s, 2),
            "sidebar_median_s": round(statistics.median(sidebar[path]), 2),
            "baseline": PAGES[path][1],
            "baseline_median_s": round(base_s, 2),
            "ratio": round(page_s / base_s, 2),
            "samples": len(times[page_url]),
            "payload": payload[page_url],
            "baseline_payload": payload[base_url],
            "samples_s": [round(t, 2) for t in times[page_url]],
            "baseline_samples_s": [round(t, 2) for t in times[base_url]],
        }
    return {
        "repeats": repeats,
        "pages": pages,
        "crisis_switch": {
            path: {
                "median_ms": round(statistics.median(s)),
                "max_ms": round(max(s)),
                "samples": len(s),
                "samples_ms": [round(t) for t in s],
            }
            for path, s in switch.items()
        },
        "blocked_requests": sorted(set(blocked)),
        "wall_s": round(time.perf_counter() - started),
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def _met(value: float, target: float, unit: str, fmt: str) -> str:
    return (
        f"yes ({target - value:{fmt}}{unit} to spare)"
        if value <= target
        else f"no ({value - target:{fmt}}{unit} over)"
    )


def render_browser(res: dict) -> list[str]:
    """Markdown lines: chart-visible times against the baselines, payloads, crisis switches."""
    lines = [
        "## Browser: time to chart visible (headless Chromium, fresh context, crisis=venezuela)",
        "",
    ]
    if "skipped" in res:
        return [*lines, f"Skipped: {res['skipped']}", ""]
    lines += [
        f"Medians of {res['repeats']} interleaved runs; the baseline is a minimal Streamlit page "
        "with the same kind "
        "of chart, served the same way, so the ratio shows our cost over the framework's.",
        "",
        "| page | sidebar s | chart s | baseline | baseline s | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for path, r in res["pages"].items():
        lines.append(
            f"| {path} | {r['sidebar_median_s']} | {r['median_s']} | {r['baseline']} | "
            f"{r['baseline_median_s']} "
            f"| {r['ratio']}× | ≤ {target(path)}× | {_met(r['ratio'], target(path), '×', '.2f')} |"
        )
    lines += [
        "",
        "Received per load (kB): HTTP response bodies (uncompressed: Streamlit does not gzip), "
        "WebSocket "
        "messages (elements and chart data).",
        "",
        "| page | HTTP | WebSocket | baseline HTTP | baseline WebSocket |",
        "| --- | --- | --- | --- | --- |",
    ]
    for path, r in res["pages"].items():
        lines.append(
            f"| {path} | {r['payload']['http_kb']:,} | {r['payload']['websocket_kb']:,} "
            f"| {r['baseline_payload']['http_kb']:,} | {r['baseline_payload']['websocket_kb']:,} |"
        )
    lines += [
        "",
        "## Browser: crisis switch Venezuela ↔ Haiti to chart redrawn",
        "",
        "From the option's pointerdown to the first animation frame showing the new chart "
        "(Sankey: the new "
        "node text; map: the new heading, the new bitmap decoded and a frame drawn since the "
        "click).",
        "",
        "| page | median ms | max ms | samples | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for path, r in res["crisis_switch"].items():
        lines.append(
            f"| {path} | {r['median_ms']} | {r['max_ms']} | {r['samples']} | ≤ {TARGET_SWITCH_MS} "
            "ms "
            f"| {_met(r['median_ms'], TARGET_SWITCH_MS, ' ms', '.0f')} |"
        )
    lines += [
        "",
        f"Requests refused for leaving localhost: {len(res['blocked_requests'])} (Chromium "
        "refuses other hosts itself; until 2026-12-07 Playwright intercepted every request, "
        "which likely added to the seconds of our pages and of the baselines alike). Wall time: "
        f"{res['wall_s']} s. "
        f"Load average (1 min) before and after: {res['load_average'][0]} and "
        f"{res['load_average'][1]} "
        f"on {os.cpu_count()} cores.",
        "",
    ]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--pages", nargs="*", choices=list(PAGES), help="only these pages (default: all)"
    )
    args = parser.parse_args(argv)
    print("\n".join(render_browser(browser(args.repeats, args.pages))))


if __name__ == "__main__":
    main()
