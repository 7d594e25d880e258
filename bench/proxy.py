"""Load through the proxy: `python -m bench.load --parts proxy` (see bench/load.py).

Replicas behind nginx, started the way `scripts/serve.sh` starts them (deploy/serve.py), and
live sessions speaking Streamlit's protocol through nginx, each with the affinity cookie nginx
gave it on its first request, as a browser has. Every session comes from 127.0.0.1: one
address, like a room behind an office NAT. Three measurements:

- scaling: sessions added in steps on /map, each re-running every `interval` s; the capacity
  is the most sessions at which p95 stays within the target. One replica pinned to one core
  (the client on the other), then two replicas pinned to a core each (the client and nginx
  share those cores, so the comparison is against the two replicas).
- transfer: the bytes of a first load of /map in Chromium, direct to a replica and through
  nginx (gzip).
- kill: sessions on two replicas; the replica holding the most is killed (SIGKILL). Its
  sessions reconnect through nginx, as Streamlit's frontend does, and re-run the view in their
  URL (page, crisis, language). A session is lost if it is not back within `RECOVER_S`.
Per replica: sessions (from nginx's access log: which route key went where), p50, p95, peak RSS.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource
import secrets
import signal
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench import session
from bench.targets import TARGET_P95_MS
from deploy import serve
from lib.base.languages import LANGS

ROUTE_COOKIE = "dashboard_route"
PAGE = "/map"
RECOVER_S = 30.0
DROPPED = "dropped"


def route_cookie(base: str) -> str:
    """Open the page as a browser's first request does; return nginx's affinity cookie
    (`dashboard_route=…`), or '' when there is none (direct to a replica)."""
    with urllib.request.urlopen(base + "/", timeout=30) as r:
        for c in r.headers.get_all("Set-Cookie") or []:
            if c.startswith(ROUTE_COOKIE + "="):
                return c.split(";")[0]
    return ""


def routes(topo: serve.Topology) -> dict[str, int]:
    """Return {route key: replica port} from nginx's access log (the first upstream tried)."""
    out: dict[str, int] = {}
    for line in (topo.run_dir / "access.log").read_text().splitlines():
        parts = dict(p.split("=", 1) for p in line.split() if p.startswith(("route=", "upstream=")))
        upstream = parts.get("upstream", "-").split(",")[-1].strip()
        if ":" in upstream and parts.get("route"):
            out.setdefault(parts["route"], int(upstream.rsplit(":", 1)[1]))
    return out


def _pct(values: list[float], q: float) -> float | None:
    v = sorted(values)
    return round(v[min(len(v) - 1, int(q * len(v)))] * 1000, 1) if v else None


@dataclass
class Record:
    """What one measurement's sessions saw: (sent at, seconds, route key) per finished run."""

    runs: list[tuple[float, float, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dropped: int = 0
    reconnected: list[float] = field(default_factory=list)  # seconds from drop to a websocket
    recovered: list[float] = field(default_factory=list)  # seconds from drop to a view again
    same_view: int = 0  # reconnections that reopened the page they were on
    lost: int = 0


async def _view(tab: session.Tab, page: str, query: str) -> float | str | None:
    """Ask for a run; return its seconds, DROPPED when the connection went, None on error."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    t0 = time.perf_counter()
    try:
        await tab.ws.send(session.client_state(page, query, tab.page_hash, tab.cached))
    except Exception:
        return DROPPED
    getter = asyncio.ensure_future(tab.finished.get())
    done, _ = await asyncio.wait(
        {getter, tab.reader}, timeout=session.RUN_TIMEOUT_S, return_when=asyncio.FIRST_COMPLETED
    )
    if getter in done:
        if getter.result() != ForwardMsg.FINISHED_SUCCESSFULLY:
            tab.tally.errors.append(f"script finished with status {getter.result()}")
            return None
        return time.perf_counter() - t0
    getter.cancel()
    return DROPPED if tab.reader in done else None


async def _session(base: str, n: int, interval: float, stop: asyncio.Event, rec: Record) -> None:
    """One browser tab on /map with its URL's crisis and language; re-runs every `interval` s
    (changing crisis); when its connection drops it reconnects and reopens the same view."""
    try:
        cookie = await asyncio.to_thread(route_cookie, base)
    except OSError as exc:
        rec.errors.append(f"first request: {type(exc).__name__}")
        return
    key = cookie.partition("=")[2]
    lang = LANGS[n % len(LANGS)]
    tally = session.Tally()
    tab = session.Tab(base, tally, cookie)
    step = n
    try:
        await tab.open()
        await asyncio.sleep((n % 10) * interval / 10)  # spread the runs over the interval
        while not stop.is_set():
            query = f"crisis={session.CRISIS_CYCLE[step % len(session.CRISIS_CYCLE)]}&lang={lang}"
            t_send = time.monotonic()
            took = await _view(tab, PAGE, query)
            if took == DROPPED:
                rec.dropped += 1
                page_before = tab.page_hash
                await tab.close()
                tab = await _reconnect(base, cookie, query, t_send, rec)
                if tab is None:
                    return
                rec.same_view += tab.page_hash == page_before
                continue
            if took is not None:
                rec.runs.append((t_send, took, key))
            step += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), max(0.0, interval - (took or 0)))
    except Exception as exc:
        rec.errors.append(f"session: {type(exc).__name__}: {str(exc)[:80]}")
    finally:
        rec.errors += [e for e in tally.errors if not e.startswith("connection:")]
        if tab is not None:
            await tab.close()


async def _reconnect(
    base: str, cookie: str, query: str, t_drop: float, rec: Record
) -> session.Tab | None:
    """Reconnect as Streamlit's frontend does (same cookie, so nginx picks the replica) and
    re-run the view in the URL; return the new tab, or None when it is lost."""
    while time.monotonic() - t_drop < RECOVER_S:
        tab = session.Tab(base, session.Tally(), cookie)
        try:
            await tab.open()
            rec.reconnected.append(time.monotonic() - t_drop)
            if isinstance(await _view(tab, PAGE, query), float):
                rec.recovered.append(time.monotonic() - t_drop)
                return tab
        except Exception:
            pass
        await tab.close()
        await asyncio.sleep(0.5)
    rec.lost += 1
    return None


def _per_replica(
    topo: serve.Topology, rec: Record, since: float = 0.0, until: float = float("inf")
) -> list[dict]:
    """Sessions, p50 and p95 per replica over the runs sent between `since` and `until`, and
    each replica's peak RSS."""
    where = routes(topo)
    out = []
    for i, r in enumerate(topo.replicas):
        keys = {k for k, port in where.items() if port == r.port}
        runs = [(took, k) for t, took, k in rec.runs if k in keys and since <= t < until]
        lat = [took for took, _ in runs]
        sessions = len({k for _, k in runs})
        try:
            peak = session.rss_mb(r.process.pid, "VmHWM")
        except (OSError, RuntimeError):
            peak = None  # killed
        out.append(
            {
                "replica": i,
                "core": r.core,
                "sessions": sessions,
                "p50_ms": _pct(lat, 0.5),
                "p95_ms": _pct(lat, 0.95),
                "peak_rss_mb": peak,
            }
        )
    return out


def _start(replicas: int, cores: list[int] | None, others: list[int]) -> serve.Topology:
    """Start the topology, replica i on cores[i], and put this process (the load client) and
    nginx (master and workers) on `others`; warm every replica."""
    topo = serve.start(replicas, serve.free_port(), secrets.token_hex(32), cores)
    os.sched_setaffinity(0, set(others))
    for pid in [topo.nginx.pid, *_children(topo.nginx.pid)]:
        os.sched_setaffinity(pid, set(others))
    for r in topo.replicas:
        session.warm(r.url, [PAGE])
    return topo


def _children(pid: int) -> list[int]:
    """Return the pids whose parent is `pid`."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def measure_scaling(
    topo: serve.Topology, levels: list[int], interval: float, level_s: float, settle_s: float
) -> dict:
    """Add sessions level by level; return each level's p95 and the capacity at the target."""
    rec = Record()
    steps = []

    async def run() -> None:
        stop = asyncio.Event()
        tasks: list[asyncio.Task] = []
        for n in levels:
            while len(tasks) < n:
                tasks.append(
                    asyncio.create_task(_session(topo.url, len(tasks), interval, stop, rec))
                )
                await asyncio.sleep(0.02)
            await asyncio.sleep(settle_s)
            # A step that misses is measured once more: on a shared machine another process
            # can spike one window; saturation misses twice.
            tries = []
            for _ in range(2):
                w0 = time.monotonic()
                await asyncio.sleep(level_s - settle_s)
                w1 = time.monotonic()
                lat = [took for t, took, _ in rec.runs if w0 <= t < w1]
                tries.append(_pct(lat, 0.95))
                if (tries[-1] or 1e9) <= TARGET_P95_MS:
                    break
            steps.append(
                {
                    "sessions": n,
                    "runs": len(lat),
                    "p95_ms": tries[-1],
                    "tries_p95_ms": tries,
                    "window": (w0, w1),
                }
            )
            print(
                f"    {len(topo.replicas)} replica(s), {n} sessions: {steps[-1]}", file=sys.stderr
            )
            if (steps[-1]["p95_ms"] or 0) > 3 * TARGET_P95_MS:
                break
        stop.set()
        await asyncio.gather(*tasks)

    before = resource.getrusage(resource.RUSAGE_SELF)
    nginx_before, t_start = _nginx_cpu_s(topo), time.monotonic()
    asyncio.run(run())
    after, wall = resource.getrusage(resource.RUSAGE_SELF), time.monotonic() - t_start
    client_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    nginx_cpu = _nginx_cpu_s(topo) - nginx_before
    # The capacity: the last step before the first that missed the target.
    held = None
    for step in steps:
        if (step["p95_ms"] or 1e9) > TARGET_P95_MS:
            break
        held = step
    per_replica = _per_replica(topo, rec, *held["window"]) if held else _per_replica(topo, rec)
    # Sessions that ran on each replica at any time of the run: every session routed by its
    # cookie shows here, however slow a busy machine made its runs in one window.
    seen = [r["sessions"] for r in _per_replica(topo, rec)]
    for step in steps:
        del step["window"]  # monotonic clock times: meaningless outside this run
    return {
        "levels": steps,
        "capacity": held["sessions"] if held else 0,
        "errors": len(rec.errors),
        "error_examples": sorted(set(rec.errors))[:5],
        "replicas": per_replica,
        "sessions_seen": seen,
        # Cores the load client and nginx kept busy on average (of what the replicas could use
        # when they share cores).
        "client_cores_used": round(client_cpu / wall, 2),
        "nginx_cores_used": round(nginx_cpu / wall, 2),
        "load_average_after": round(os.getloadavg()[0], 1),
    }


def _first_load(chromium, url: str) -> dict:
    """Load `url` in a fresh context (nothing cached) until the map is drawn and the run has
    finished; return the HTTP bytes as received (encoded), the requests and WebSocket bytes."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    finished, frames = [], []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("websocket", lambda ws: ws.on("framereceived", lambda m: frames.append(len(m))))
    page.goto(url)
    page.get_by_test_id("stDeckGlJsonChart").first.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    page.get_by_test_id("stStatusWidgetRunningIcon").wait_for(state="hidden", timeout=60_000)
    http = sum(max(r.sizes()["responseBodySize"], 0) for r in finished)
    context.close()
    return {"http_bytes": http, "requests": len(finished), "websocket_bytes": sum(frames)}


def _nginx_cpu_s(topo: serve.Topology) -> float:
    """Return the CPU seconds (user + system) nginx's workers have used so far."""
    ticks = 0
    for pid in _children(topo.nginx.pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measure_transfer(topo: serve.Topology) -> dict:
    """Bytes of a first load of /map (fresh browser context), direct to a replica and through
    nginx; {"skipped": why} without Chromium."""
    from playwright.sync_api import Error, sync_playwright

    from devtools.browser import launch_chromium

    query = PAGE + "?crisis=venezuela"
    with sync_playwright() as p:
        try:
            chromium = launch_chromium(p)
        except Error as exc:
            return {"skipped": f"no Chromium to drive: {str(exc).splitlines()[0]}"}
        direct = _first_load(chromium, topo.replicas[0].url + query)
        cpu = _nginx_cpu_s(topo)
        proxied = _first_load(chromium, topo.url + query)
        cpu = round(_nginx_cpu_s(topo) - cpu, 3)
        chromium.close()
    return {
        "page": query,
        "direct": direct,
        "nginx": proxied,
        "ratio": round(direct["http_bytes"] / max(proxied["http_bytes"], 1), 2),
        "nginx_cpu_s": cpu,
    }


def measure_kill(
    topo: serve.Topology, sessions: int, interval: float, before_s: float, after_s: float
) -> dict:
    """Kill the replica holding the most sessions mid-run; count what its sessions lost."""
    rec = Record()
    out: dict = {}

    async def run() -> None:
        stop = asyncio.Event()
        tasks = [
            asyncio.create_task(_session(topo.url, n, interval, stop, rec)) for n in range(sessions)
        ]
        await asyncio.sleep(before_s)
        where = routes(topo)
        keys = {k for _, _, k in rec.runs}
        held = {r.port: sum(where.get(k) == r.port for k in keys) for r in topo.replicas}
        victim = max(topo.replicas, key=lambda r: held[r.port])
        out["sessions_on_killed_replica"] = held[victim.port]
        out["killed_replica_peak_rss_mb"] = session.rss_mb(victim.process.pid, "VmHWM")
        os.kill(victim.process.pid, signal.SIGKILL)
        out["killed_at"] = time.monotonic()
        await asyncio.sleep(after_s)
        stop.set()
        await asyncio.gather(*tasks)

    asyncio.run(run())
    after = [took for t, took, _ in rec.runs if t >= out["killed_at"]]
    rec_s = sorted(rec.recovered)
    return {
        "sessions": sessions,
        "sessions_on_killed_replica": out["sessions_on_killed_replica"],
        "killed_replica_peak_rss_mb": out["killed_replica_peak_rss_mb"],
        "dropped": rec.dropped,
        "recovered": len(rec.recovered),
        "reopened_same_page": rec.same_view,
        "lost": rec.lost,
        "recovery_p50_s": round(statistics.median(rec_s), 2) if rec_s else None,
        "recovery_max_s": round(rec_s[-1], 2) if rec_s else None,
        "reconnect_p50_s": round(statistics.median(rec.reconnected), 2)
        if rec.reconnected
        else None,
        "runs_after_kill": len(after),
        "p95_after_kill_ms": _pct(after, 0.95),
        "errors": len(rec.errors),
        "error_examples": sorted(set(rec.errors))[:5],
    }


def measure(quick: bool) -> dict:
    """The three measurements; quick: a few sessions for a few seconds."""
    cores = list(range(os.cpu_count() or 1))  # this process may already be pinned
    pinned = len(cores) >= 2
    if quick:
        one_levels, two_levels, interval, level_s, settle_s = [2], [4], 1.0, 4.0, 1.0
        kill = {"sessions": 4, "interval": 1.0, "before_s": 3.0, "after_s": 6.0}
    else:
        one_levels = list(range(10, 161, 10))
        two_levels = list(range(20, 321, 20))
        interval, level_s, settle_s = 2.0, 12.0, 4.0
        # As many sessions as one replica held in this machine's runs: what a pair of
        # replicas planned to survive the loss of one carries.
        kill = {"sessions": 40, "interval": 2.0, "before_s": 15.0, "after_s": 30.0}
    config = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "page": PAGE,
        "interval_s": interval,
        "level_s": level_s,
        "settle_s": settle_s,
        "target_p95_ms": TARGET_P95_MS,
        "cores": len(cores),
        "pinned": pinned,
        "kill": kill,
        "load_average": round(os.getloadavg()[0], 1),
    }
    result: dict = {"config": config}
    # One replica on the first core; the load client and nginx on the others. Two replicas on
    # the first two; the client and nginx on the others when there are more than two cores,
    # else they share the replicas' cores (this 2-core machine).
    one_others = cores[1:] if pinned else cores
    two_others = cores[2:] if len(cores) >= 3 else cores
    config["client_and_nginx_cores"] = {"one": one_others, "two": two_others}
    topo = _start(1, [cores[0]] if pinned else None, one_others)
    try:
        result["one"] = measure_scaling(topo, one_levels, interval, level_s, settle_s)
    finally:
        topo.stop()
    # Two replicas, a core each; the client and nginx share the machine.
    topo = _start(2, cores[:2] if pinned else None, two_others)
    try:
        result["two"] = measure_scaling(topo, two_levels, interval, level_s, settle_s)
        result["transfer"] = measure_transfer(topo)
        result["kill"] = measure_kill(
            topo, kill["sessions"], kill["interval"], kill["before_s"], kill["after_s"]
        )
    finally:
        topo.stop()
        os.sched_setaffinity(0, set(cores))
    one, two = result["one"]["capacity"], result["two"]["capacity"]
    result["scaling_ratio"] = round(two / one, 2) if one else None
    return result
