"""One live session of the dashboard over Streamlit's own websocket protocol, as a browser
tab speaks it: open, view a page with a query string, upload a CSV, close; and the server
and its memory, for the load tests (bench/load.py) and the proxy test (bench/proxy.py).

The protobuf messages come from lib/base/internals.py, which names every one we rely on.
"""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import websockets

from devtools.server import start_server as start
from lib.base.internals import (
    BACK_MSG,
    FORWARD_MSG,
    WIDGET_STATES,
    proto_class,
)
from lib.base.schema import CRISES
from lib.ui.upload_panel import YOUR_DATA_KEY

# URL path: page_name the browser sends (folder-based pages: the file's name).
PAGES = {
    "/": "",
    "/map": "map",
    "/corridors": "corridors",
    "/actions": "actions",
    "/sources": "sources",
}
CRISIS_CYCLE = (*CRISES, "all")
RUN_TIMEOUT_S = 60
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass
class Tally:
    """What the sessions of one measurement saw."""

    latencies: list[float] = field(default_factory=list)  # seconds, request → script_finished
    first_views: list[float] = field(
        default_factory=list
    )  # the same, for each session's first view
    errors: list[str] = field(default_factory=list)
    bytes_received: int = 0
    sessions: int = 0
    live: int = 0
    peak_live: int = 0
    uploads: int = 0

    def summary(self) -> dict:
        """Return counts and percentiles in ms (None when nothing was measured)."""
        lat = sorted(self.latencies)

        def pct(q: float) -> float | None:
            return round(lat[min(len(lat) - 1, int(q * len(lat)))] * 1000, 1) if lat else None

        return {
            "sessions": self.sessions,
            "peak_concurrent": self.peak_live,
            "reruns": len(lat),
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "max_ms": round(lat[-1] * 1000, 1) if lat else None,
            "first_view_p50_ms": round(statistics.median(self.first_views) * 1000, 1)
            if self.first_views
            else None,
            "errors": len(self.errors),
            "error_examples": sorted(set(self.errors))[:5],
            "bytes_received": self.bytes_received,
            "uploads": self.uploads,
        }


# ---------------------------------------------------------------- the server and its memory


def start_server(options: list[str], plan: dict, env: dict[str, str] | None = None):
    """Start the dashboard with the shipped config (plus `options`, KEY=VALUE, and `env`)
    and return it."""
    args = []
    for opt in options:
        key, _, value = opt.partition("=")
        args += [f"--{key}", value]
    prefix = ["taskset", "-c", str(plan["server_core"])] if plan["pinned"] else []
    return start(extra_env=env, prefix=prefix, args=args)


def rss_mb(pid: int, field_name: str = "VmRSS") -> float:
    """Return a process's resident memory (VmRSS) or its peak so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no {field_name} for process {pid}")


class RssSampler(threading.Thread):
    """Samples a process's RSS every `every` seconds until stopped: [(seconds, MB)]."""

    def __init__(self, pid: int, every: float = 1.0):
        super().__init__(daemon=True)
        self.pid, self.every, self.samples = pid, every, []
        self.stop_event = threading.Event()
        self.t0 = time.monotonic()

    def run(self) -> None:
        while not self.stop_event.is_set():
            try:
                self.samples.append((round(time.monotonic() - self.t0, 1), rss_mb(self.pid)))
            except (OSError, RuntimeError):
                return
            self.stop_event.wait(self.every)

    def stop(self) -> list[tuple[float, float]]:
        self.stop_event.set()
        self.join(5)
        return self.samples

    def peak(self) -> float:
        return max((mb for _, mb in self.samples), default=0.0)


# ---------------------------------------------------------------- one session, as a browser tab


def client_state(page: str, query: str, page_hash: str, cached: set[str], widgets=None):
    msg = proto_class(BACK_MSG)()
    cs = msg.rerun_script
    cs.query_string = query
    cs.page_name = PAGES[page]
    cs.page_script_hash = page_hash
    cs.cached_message_hashes.extend(sorted(cached))
    if widgets is not None:
        cs.widget_states.CopyFrom(widgets)
    return msg.SerializeToString()


class Tab:
    """One browser tab's websocket session: view pages, change the query string, upload a CSV."""

    def __init__(self, base: str, tally: Tally, cookie: str = ""):
        self.base, self.tally = base, tally
        self.cookie = cookie  # the browser's cookies (through nginx: its affinity cookie)
        self.ws = None
        self.session_id = ""
        self.page_hash = ""
        self.cached: set[str] = set()
        self.uploader_id = ""
        self.your_data_id = ""  # the sidebar's "Your data" panel: opened before an upload
        self.finished: asyncio.Queue = asyncio.Queue()
        self.file_urls: asyncio.Queue = asyncio.Queue()
        self.reader = None

    async def open(self) -> None:
        host = urllib.parse.urlsplit(self.base).hostname
        if host not in LOOPBACK:
            raise ValueError(f"load tests run against this machine only, not {host}")
        url = self.base.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.ws = await websockets.connect(
            url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=RUN_TIMEOUT_S,
            ping_interval=None,
            compression=None,
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
        )
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        ForwardMsg = proto_class(FORWARD_MSG)

        try:
            async for frame in self.ws:
                self.tally.bytes_received += len(frame)
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                if msg.metadata.cacheable and msg.hash:
                    self.cached.add(msg.hash)
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    self.session_id = msg.new_session.initialize.session_id
                elif (
                    kind == "navigation"
                ):  # the page this run is on, sent back with the next run, as a browser does
                    self.page_hash = msg.navigation.page_script_hash
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    which = element.WhichOneof("type")
                    if which == "exception":
                        self.tally.errors.append(
                            f"exception: {element.exception.type}: {element.exception.message[:80]}"
                        )
                    elif which == "file_uploader":
                        self.uploader_id = element.file_uploader.id
                elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
                    block = msg.delta.add_block
                    if block.WhichOneof("type") == "expandable" and block.expandable.id.endswith(
                        YOUR_DATA_KEY
                    ):
                        self.your_data_id = block.expandable.id
                elif kind == "script_finished":
                    await self.finished.put(msg.script_finished)
                elif kind == "file_urls_response":
                    await self.file_urls.put(msg.file_urls_response)
        except (
            Exception
        ) as exc:  # a dropped connection ends the reader; the waiting view times out and counts it
            self.tally.errors.append(f"connection: {type(exc).__name__}")

    async def view(self, page: str, query: str, widgets=None, first: bool = False) -> float | None:
        """Ask for a run of `page` with `query`; return the seconds until it finished, or None."""
        ForwardMsg = proto_class(FORWARD_MSG)

        t0 = time.perf_counter()
        await self.ws.send(client_state(page, query, self.page_hash, self.cached, widgets))
        try:
            status = await asyncio.wait_for(self.finished.get(), RUN_TIMEOUT_S)
        except TimeoutError:
            self.tally.errors.append(f"no script_finished within {RUN_TIMEOUT_S} s")
            return None
        took = time.perf_counter() - t0
        if status != ForwardMsg.FINISHED_SUCCESSFULLY:
            self.tally.errors.append(f"script finished with status {status}")
        self.tally.latencies.append(took)
        if first:
            self.tally.first_views.append(took)
        return took

    async def upload(self, page: str, query: str, name: str, body: bytes) -> None:
        """Upload a CSV through the sidebar's uploader, as the browser does: ask for a file URL,
        PUT the file with the XSRF token, then re-run with the uploader's new state. The
        "Your data" panel is opened first, as a reader clicks it: closed, it draws no uploader."""
        if not self.uploader_id and self.your_data_id:
            await self.view(page, query, widgets=self._opened())
        if not self.uploader_id:
            self.tally.errors.append("upload: no file uploader on the page")
            return
        req = proto_class(BACK_MSG)()
        req.file_urls_request.request_id = uuid.uuid4().hex
        req.file_urls_request.session_id = self.session_id
        req.file_urls_request.file_names.append(name)
        await self.ws.send(req.SerializeToString())
        response = await asyncio.wait_for(self.file_urls.get(), RUN_TIMEOUT_S)
        urls = response.file_urls[0]
        upload_url = (
            urls.upload_url if urls.upload_url.startswith("http") else self.base + urls.upload_url
        )
        status = await asyncio.to_thread(put_file, self.base, upload_url, name, body, self.cookie)
        if status != 204 and status != 200:
            self.tally.errors.append(f"upload: HTTP {status}")
            return
        states = self._opened()
        ws = states.widgets.add()
        ws.id = self.uploader_id
        info = ws.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = urls.file_id, name, len(body)
        info.file_urls.CopyFrom(urls)
        self.tally.uploads += 1
        await self.view(page, query, widgets=states)

    def _opened(self):
        """Return the widget states of the "Your data" panel opened (none when not seen)."""
        states = proto_class(WIDGET_STATES)()
        if self.your_data_id:
            panel = states.widgets.add()
            panel.id, panel.bool_value = self.your_data_id, True
        return states

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


def put_file(base: str, url: str, name: str, body: bytes, route: str = "") -> int:
    """PUT one file the way Streamlit's frontend does (multipart, XSRF cookie and header);
    `route` is sent too (through nginx: the affinity cookie that routes to the session)."""
    health = urllib.request.Request(base + "/_stcore/health", headers={"Cookie": route})
    with urllib.request.urlopen(health, timeout=RUN_TIMEOUT_S) as r:
        cookie = next(
            (
                c.split(";")[0]
                for c in r.headers.get_all("Set-Cookie") or []
                if c.startswith("_streamlit_xsrf=")
            ),
            "",
        )
    boundary = uuid.uuid4().hex
    payload = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/csv\r\n\r\n"
        ).encode()
        + body
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Cookie": "; ".join(c for c in (route, cookie) if c),
        "X-Xsrftoken": cookie.partition("=")[2],
    }
    req = urllib.request.Request(url, data=payload, method="PUT", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=RUN_TIMEOUT_S) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


async def session(
    base: str,
    page: str,
    tally: Tally,
    start_after: float,
    lifetime: float,
    interval: float,
    offset: int = 0,
    upload: bytes | None = None,
    queries: tuple[str, ...] | None = None,
) -> None:
    """One visitor: arrive after `start_after` s, view `page`, change crisis (or go to the
    next of `queries`: the years) every `interval` s for `lifetime` s (uploading a CSV first,
    if given), then leave."""
    cycle = queries or tuple(f"crisis={c}" for c in CRISIS_CYCLE)
    await asyncio.sleep(start_after)
    tab = Tab(base, tally)
    tally.sessions += 1
    tally.live += 1
    tally.peak_live = max(tally.peak_live, tally.live)
    try:
        await tab.open()
        end = time.monotonic() + lifetime
        n = offset
        query = cycle[n % len(cycle)]
        await tab.view(page, query, first=True)
        if upload is not None:
            await tab.upload(page, query, f"mine_{uuid.uuid4().hex[:6]}.csv", upload)
        while time.monotonic() + interval < end:
            await asyncio.sleep(interval)
            n += 1
            await tab.view(page, cycle[n % len(cycle)])
    except Exception as exc:  # counted, never fatal: a load test reports failures
        tally.errors.append(f"session: {type(exc).__name__}: {str(exc)[:80]}")
    finally:
        tally.live -= 1
        await tab.close()


def warm(base: str, pages: list[str], queries: tuple[str, ...] | None = None) -> None:
    """View every page and crisis (or each of `queries`) once, so measurements start on warm
    caches (as a room does after its first visitor)."""
    cycle = queries or tuple(f"crisis={c}" for c in CRISIS_CYCLE)

    async def go() -> None:
        tally = Tally()
        tab = Tab(base, tally)
        await tab.open()
        for page in pages:
            for query in cycle:
                await tab.view(page, query)
        await tab.close()

    asyncio.run(go())
