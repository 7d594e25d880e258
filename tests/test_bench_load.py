"""bench/load.py: the live-session load test runs end to end in its quick form and reports
every field; bad flags get a clear message and exit code 2."""

from __future__ import annotations

import asyncio
import json

import pytest

from bench import load, session
from bench.synthetic import synthetic_flows
from devtools.server import start_server
from devtools.wait import wait_until
from tests.helpers import in_own_thread, run_module

pytestmark = pytest.mark.slow  # it starts servers and runs live sessions


def run_async(coro):
    """Run a coroutine to its end, off the browser tests' running event loop."""
    return in_own_thread(asyncio.run, coro)


PAGE_FIELDS = {
    "sessions",
    "peak_concurrent",
    "reruns",
    "p50_ms",
    "p95_ms",
    "max_ms",
    "first_view_p50_ms",
    "errors",
    "error_examples",
    "bytes_received",
    "uploads",
    "server_peak_rss_mb",
}


def test_quick_load_test_reports_every_field(tmp_path):
    done = run_module("bench.load", "--quick", "--out", str(tmp_path), timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads((tmp_path / "results.json").read_text())["load"]
    assert set(result["plan"]) == {"pinned", "server_core", "client_core", "note"}
    page = result["pages"]["/map"]
    assert set(page) == PAGE_FIELDS
    assert page["sessions"] == page["peak_concurrent"] == 3 and page["errors"] == 0, page[
        "error_examples"
    ]
    assert page["reruns"] >= 6 and 0 < page["p50_ms"] <= page["p95_ms"] <= page["max_ms"]
    assert (
        page["bytes_received"] > 100_000 and page["server_peak_rss_mb"] > 50
    )  # the deck was received
    assert (
        result["before"]["options"] == load.DEFAULTS
        and result["before"]["pages"]["/map"]["reruns"] > 0
    )
    idle = result["idle"]
    assert idle["sessions"] == 3 and idle["errors"] == 0 and idle["rss_after_mb"] > 0
    soak = result["soak"]
    assert soak["sessions"] == 30 and soak["uploads"] == 15 and soak["errors"] == 0, soak[
        "error_examples"
    ]
    assert soak["samples"] >= 5 and soak["rss_level_after_warmup_mb"] > 0
    rows = (tmp_path / "soak_rss.csv").read_text().splitlines()
    assert rows[0] == "seconds,rss_mb" and len(rows) == soak["samples"] + 1
    assert (tmp_path / "soak_rss.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    md = (tmp_path / "results.md").read_text()
    assert (
        "| /map | 3 (3) |" in md
        and "MB per 100 idle sessions" in md
        and "### Soak" in md
        and "### Before" in md
    )


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--sessions", "0"], "argument --sessions: '0' must be more than 0"),
        (["--interval", "soon"], "argument --interval: 'soon' is not a number"),
        (["--pages", "/nowhere"], "argument --pages: invalid choice: '/nowhere'"),
        (
            ["--server-option", "postScriptGC"],
            "'postScriptGC' is not a Streamlit option as section.name=value",
        ),
    ],
)
def test_bad_flags_exit_2_with_a_clear_message(argv, message, capsys):
    with pytest.raises(SystemExit) as stop:
        load.main(argv)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_a_load_test_never_targets_another_machine():
    tab = session.Tab("http://192.0.2.1:8501", session.Tally())
    with pytest.raises(ValueError, match="this machine only"):
        run_async(tab.open())


def test_an_upload_does_not_outlive_its_session():
    """A session that uploaded a CSV and left is dropped once Streamlit's reconnect window
    (server.disconnectedSessionTTL, 1 s here) has passed: its upload URL is refused."""

    server = start_server(args=["--server.disconnectedSessionTTL", "1"])
    try:
        body = synthetic_flows(50, ["VEN", "COL"]).to_csv(index=False).encode()
        tally = session.Tally()

        async def visit() -> tuple[str, str]:
            tab = session.Tab(server.url, tally)
            await tab.open()
            await tab.view("/map", "crisis=venezuela")
            await tab.upload("/map", "crisis=venezuela", "mine.csv", body)
            session_id = tab.session_id
            await tab.close()
            return session_id, f"{server.url}/_stcore/upload_file/{session_id}/late"

        session_id, url = run_async(visit())
        assert tally.uploads == 1 and tally.errors == [] and session_id
        # The session is swept a little after its TTL; then the upload URL answers 400
        # ("Invalid session_id"): the session, its state and its files are gone.
        wait_until(
            lambda: session.put_file(server.url, url, "late.csv", body) == 400,
            30,
            "the closed session's upload URL refused",
            every=1,
        )
    finally:
        server.stop()
