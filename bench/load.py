"""Load test of live sessions over Streamlit's own websocket protocol, loopback only.

    python -m bench.load                  # full run (about 35 min): pages, idle, soak
    python -m bench.load --parts pages    # one part; the others are kept from --out
    python -m bench.load --quick --out D  # a few sessions for a few seconds (the smoke test)

Each simulated session does what a browser tab does: it opens `/_stcore/stream`, sends the
`rerun_script` BackMsg a browser sends for a page and query string (Streamlit's protobuf
classes), and waits for the `script_finished` ForwardMsg. Sessions arrive spread over a
period, change crisis every few seconds (the query string, as a shared link or the crisis
selector does), and leave. The server is started here with the shipped config, on its own
core when the machine has two or more (taskset), so client and server don't share a core.

Parts:
- before: the same load on /map under Streamlit's defaults (postScriptGC, file watcher).
- pages: for each page, N sessions arriving over a ramp and each re-running every
  `interval` s; per page: re-runs, p50 / p95 / max from request to script finished, errors,
  bytes received, the server's peak RSS.
- idle: RSS growth per 100 idle sessions (connected, one view, then nothing).
- soak: sessions arrive and leave for many minutes; every few of them uploads a CSV. RSS is
  sampled over time, written to bench/soak_rss.csv and plotted in bench/soak_rss.png.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import io
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

from bench import proxy, reports
from bench.session import (
    PAGES,
    RssSampler,
    Tab,
    Tally,
    rss_mb,
    session,
    start_server,
    warm,
)
from bench.targets import TARGET_RSS_DRIFT

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("pages", "before", "idle", "soak")
# Run only when asked (--parts proxy): replicas behind nginx, see bench/proxy.py.
EXTRA_PARTS = ("proxy",)
# Streamlit's defaults that the shipped config turns off, for the "before" part.
DEFAULTS = ["runner.postScriptGC=true", "server.fileWatcherType=auto"]


# ---------------------------------------------------------------- the server and its memory


def pin_plan() -> dict:
    """Return which cores the server and the client run on, or why they share."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) >= 2 and shutil.which("taskset"):
        return {
            "pinned": True,
            "server_core": cores[0],
            "client_core": cores[1],
            "note": f"server on core {cores[0]}, load client on core {cores[1]} (taskset)",
        }
    why = "one core" if len(cores) < 2 else "no taskset"
    return {
        "pinned": False,
        "server_core": None,
        "client_core": None,
        "note": f"not pinned ({why}): client and server share the machine's cores, so latencies "
        "include the client's own work",
    }


# ---------------------------------------------------------------- the three parts


def measure_pages(
    pages: list[str],
    sessions: int,
    ramp: float,
    lifetime: float,
    interval: float,
    options: list[str],
    plan: dict,
    queries: tuple[str, ...] | None = None,
    env: dict[str, str] | None = None,
) -> dict:
    """Per page, on a server of its own (warmed on that page): `sessions` visitors arriving over
    `ramp` s, each re-running every `interval` s for `lifetime` s (changing crisis, or going
    through `queries`; `env`: the server's, DASHBOARD_DATA for one). Returns each page's
    summary and its server's peak RSS. A server of its own, because a page measured after
    another would also carry the other's departed sessions, which Streamlit keeps for a
    reconnect (server.disconnectedSessionTTL) and then drops all at once, in the middle of
    the run."""
    out = {}
    for page in pages:
        server = start_server(options, plan, env)
        try:
            warm(server.url, [page], queries)
            tally = Tally()
            sampler = RssSampler(server.process.pid, 0.5)
            sampler.start()

            async def run(url: str = server.url, page: str = page, tally: Tally = tally) -> None:
                await asyncio.gather(
                    *(
                        session(
                            url,
                            page,
                            tally,
                            ramp * i / sessions,
                            lifetime,
                            interval,
                            offset=i,
                            queries=queries,
                        )
                        for i in range(sessions)
                    )
                )

            asyncio.run(run())
            sampler.stop()
            out[page] = {**tally.summary(), "server_peak_rss_mb": sampler.peak()}
            print(f"  {page}: {out[page]}", file=sys.stderr)
        finally:
            server.stop()
    return out


def measure_idle(count: int, options: list[str], plan: dict) -> dict:
    """RSS before and after `count` idle sessions (each connected with one view of /)."""
    server = start_server(options, plan)
    try:
        warm(server.url, ["/"])
        time.sleep(2)
        before = rss_mb(server.process.pid)
        tally = Tally()

        async def run() -> float:
            tabs = [Tab(server.url, tally) for _ in range(count)]
            for tab in tabs:
                await tab.open()
                await tab.view("/", "crisis=venezuela", first=True)
            await asyncio.sleep(3)
            after = rss_mb(server.process.pid)
            for tab in tabs:
                await tab.close()
            return after

        after = asyncio.run(run())
    finally:
        server.stop()
    return {
        "sessions": count,
        "rss_before_mb": before,
        "rss_after_mb": after,
        "growth_per_100_sessions_mb": round((after - before) * 100 / count, 1),
        "errors": len(tally.errors),
    }


def measure_soak(
    minutes: float,
    gap: float,
    lifetime: float,
    interval: float,
    upload_every: int,
    warmup_minutes: float,
    options: list[str],
    plan: dict,
    out_dir: Path,
) -> dict:
    """Sessions arrive every `gap` s for `minutes`, each living `lifetime` s, pages in turn,
    every `upload_every`-th uploading a CSV; RSS sampled every 2 s. Writes soak_rss.csv/.png."""
    from bench.synthetic import synthetic_flows

    body = (
        synthetic_flows(2_000, ["VEN", "COL", "PER", "CHL", "BRA", "ECU"])
        .to_csv(index=False)
        .encode()
    )
    server = start_server(options, plan)
    pages = list(PAGES)
    tally = Tally()
    try:
        warm(server.url, pages)
        sampler = RssSampler(server.process.pid, 2.0)
        sampler.start()
        count = int(minutes * 60 / gap)

        async def run() -> None:
            await asyncio.gather(
                *(
                    session(
                        server.url,
                        pages[i % len(pages)],
                        tally,
                        i * gap,
                        lifetime,
                        interval,
                        offset=i,
                        upload=body if upload_every and i % upload_every == 0 else None,
                    )
                    for i in range(count)
                )
            )

        asyncio.run(run())
        # Sessions are kept for reconnection (server.disconnectedSessionTTL) after they leave:
        # keep sampling a little, so the plot shows memory after the last one has gone too.
        time.sleep(min(30.0, minutes * 6))
        samples = sampler.stop()
        peak = rss_mb(server.process.pid, "VmHWM")
    finally:
        server.stop()
    warm_s = warmup_minutes * 60
    settled = [mb for t, mb in samples if t >= warm_s and t <= count * gap] or [
        mb for _, mb in samples
    ]
    level = statistics.median(
        settled[: max(1, len(settled) // 4)]
    )  # the first quarter after warm-up
    worst = max(settled)
    result = {
        "minutes": minutes,
        "sessions": tally.sessions,
        "uploads": tally.uploads,
        "errors": len(tally.errors),
        "error_examples": sorted(set(tally.errors))[:5],
        "reruns": len(tally.latencies),
        "p95_ms": tally.summary()["p95_ms"],
        "warmup_minutes": warmup_minutes,
        "rss_start_mb": samples[0][1] if samples else None,
        "rss_level_after_warmup_mb": round(level, 1),
        "rss_max_after_warmup_mb": worst,
        "rss_end_mb": samples[-1][1] if samples else None,
        "peak_rss_mb": peak,
        "max_over_level": round(worst / level - 1, 3),
        "samples": len(samples),
    }
    _write_soak(samples, result, out_dir)
    return result


def _write_soak(samples: list[tuple[float, float]], result: dict, out_dir: Path) -> None:
    """Write the RSS samples as CSV and a plot (PNG through kaleido when a Chromium exists)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["seconds", "rss_mb"])
    writer.writerows(samples)
    (out_dir / "soak_rss.csv").write_text(buf.getvalue())
    import plotly.graph_objects as go

    from lib.export import render

    minutes = [t / 60 for t, _ in samples]
    fig = go.Figure(
        go.Scatter(
            x=minutes,
            y=[mb for _, mb in samples],
            mode="lines",
            name="RSS",
            line={"color": "#0072B2"},
        )
    )
    level = result["rss_level_after_warmup_mb"]
    fig.add_hline(
        y=level,
        line_dash="dot",
        line_color="#555",
        annotation_text=f"level after warm-up {level:.0f} MB",
    )
    fig.add_hline(
        y=level * (1 + TARGET_RSS_DRIFT),
        line_dash="dash",
        line_color="#D55E00",
        annotation_text="+10 %",
    )
    fig.add_vline(
        x=result["warmup_minutes"],
        line_dash="dot",
        line_color="#999",
        annotation_text="warm-up ends",
    )
    fig.update_layout(
        title=f"Server RSS during the soak test: {result['sessions']} sessions arriving and "
        f"leaving, {result['uploads']} uploads",
        xaxis_title="minutes",
        yaxis_title="RSS (MB)",
        yaxis_rangemode="tozero",
        template="plotly_white",
        width=1200,
        height=500,
    )
    result["plot"] = None
    if render.chrome_path():
        (out_dir / "soak_rss.png").write_bytes(render.image_bytes(fig, "png"))
        result["plot"] = "soak_rss.png"


# ---------------------------------------------------------------- the command


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
        return value

    return parse


def _option(text: str) -> str:
    key, eq, value = text.partition("=")
    if not eq or "." not in key or not value:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a Streamlit option as section.name=value "
            "(for example runner.postScriptGC=true)"
        )
    return text


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench.load", description="Load test of live sessions, loopback only."
    )
    p.add_argument(
        "--quick", action="store_true", help="a few sessions for a few seconds (the smoke test)"
    )
    p.add_argument(
        "--parts",
        nargs="+",
        choices=PARTS + EXTRA_PARTS,
        help="measure only these parts (others kept from --out)",
    )
    p.add_argument("--pages", nargs="+", choices=list(PAGES), help="pages to load (default: all)")
    p.add_argument("--sessions", type=_positive(int), help="sessions per page (default 100)")
    p.add_argument(
        "--interval", type=_positive(float), help="seconds between a session's re-runs (default 5)"
    )
    p.add_argument(
        "--soak-minutes", type=_positive(float), help="length of the soak test (default 20)"
    )
    p.add_argument(
        "--server-option",
        action="append",
        type=_option,
        default=[],
        metavar="KEY=VALUE",
        help="a Streamlit option on top of the shipped config, e.g. runner.postScriptGC=true",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=ROOT / "bench",
        help="folder for results.json/.md and the soak files",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    plan = pin_plan()
    if plan["pinned"]:
        os.sched_setaffinity(0, {plan["client_core"]})
    print(plan["note"], file=sys.stderr)
    quick = args.quick
    sessions = args.sessions or (3 if quick else 100)
    interval = args.interval or (1.0 if quick else 5.0)
    pages = args.pages or (["/map"] if quick else list(PAGES))
    soak_minutes = args.soak_minutes or (0.25 if quick else 20.0)
    ramp, lifetime = (1.0, 4.0) if quick else (20.0, 60.0)
    load = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "plan": plan,
        "options": args.server_option,
        "cores": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 1),
    }
    previous = args.out / "results.json"
    results = json.loads(previous.read_text()) if previous.exists() else {}
    if args.parts and "load" in results:
        load = {**results["load"], **load}
    for part in args.parts or PARTS:
        print(f"bench.load: {part}", file=sys.stderr)
        if part == "pages":
            load["pages_config"] = {
                "sessions": sessions,
                "ramp_s": ramp,
                "lifetime_s": lifetime,
                "interval_s": interval,
            }
            load["pages"] = measure_pages(
                pages, sessions, ramp, lifetime, interval, args.server_option, plan
            )
        elif (
            part == "before"
        ):  # the same load on /map, with the settings the shipped config turns off
            load["before"] = {
                "sessions": sessions,
                "options": DEFAULTS,
                "pages": measure_pages(
                    ["/map"], sessions, ramp, lifetime, interval, DEFAULTS, plan
                ),
            }
        elif part == "proxy":
            load["proxy"] = proxy.measure(quick)
        elif part == "idle":
            load["idle"] = measure_idle(sessions, args.server_option, plan)
        else:
            load["soak"] = measure_soak(
                soak_minutes,
                gap=0.5 if quick else 2.0,
                lifetime=3.0 if quick else 60.0,
                interval=interval,
                upload_every=2 if quick else 5,
                warmup_minutes=soak_minutes / 4 if quick else 5.0,
                options=args.server_option,
                plan=plan,
                out_dir=args.out,
            )
    results["load"] = load
    args.out.mkdir(parents=True, exist_ok=True)
    previous.write_text(json.dumps(results, indent=2))
    if {"browser", "server_side"} <= results.keys():
        (args.out / "results.md").write_text(reports.render(results))
    else:
        (args.out / "results.md").write_text("\n".join(reports.render_load(load)) + "\n")
    print("\n".join(reports.render_load(load)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
