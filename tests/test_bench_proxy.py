"""bench/proxy.py: the load test through nginx (`python -m bench.load --quick --parts proxy`)
runs end to end: sessions through nginx on one and two replicas, a first load direct and
through nginx in Chromium, and a replica killed under its sessions."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lib.base.schema import ROOT

# It drives Chromium for the transfer measurement.
pytestmark = pytest.mark.browser  # it drives Chromium through nginx


def test_quick_proxy_load_test(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "bench.load", "--quick", "--parts", "proxy", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    res = json.loads((tmp_path / "results.json").read_text())["load"]["proxy"]
    one, two = res["one"], res["two"]
    assert one["errors"] == two["errors"] == 0, one["error_examples"] + two["error_examples"]
    assert len(one["replicas"]) == 1 and len(two["replicas"]) == 2
    # every session was routed by its cookie and ran: 2 sessions on one replica, 4 on two
    # (counted over the whole run: a window of a busy machine may miss a slow session's run)
    assert one["sessions_seen"] == [2] and one["levels"][0]["runs"] > 0
    assert sum(two["sessions_seen"]) == 4 and len(two["sessions_seen"]) == 2
    assert all(r["peak_rss_mb"] > 50 for r in one["replicas"] + two["replicas"])
    transfer = res["transfer"]
    # gzip through nginx: the same page arrives in far fewer bytes (the full run's goal is 3×)
    assert transfer["nginx"]["http_bytes"] * 2 < transfer["direct"]["http_bytes"]
    assert transfer["nginx"]["websocket_bytes"] > 10_000  # the map's deck came through
    kill = res["kill"]
    assert kill["sessions_on_killed_replica"] >= 1  # the replica holding the most sessions
    assert kill["dropped"] == kill["recovered"] == kill["sessions_on_killed_replica"]
    assert kill["lost"] == 0 and kill["reopened_same_page"] == kill["recovered"]
    assert kill["runs_after_kill"] > 0 and kill["errors"] == 0, kill["error_examples"]
    md = (tmp_path / "results.md").read_text()
    assert "## Through nginx" in md and "### A replica killed mid-run" in md
    assert "**lost: 0**" in md
