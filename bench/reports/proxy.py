"""The proxy part of results.md: replicas behind nginx, sessions spread and latencies."""

from __future__ import annotations

from bench.reports.say import yes
from bench.targets import (
    TARGET_SCALING,
    TARGET_TRANSFER,
)


def render_proxy(res: dict) -> list[str]:
    """Return the results.md lines for the proxy part, every figure beside its target."""
    cfg = res["config"]
    others = cfg["client_and_nginx_cores"]
    shared = set(others["two"]) & {0, 1} != set()
    lines = [
        "## Through nginx: replicas behind the proxy (`python -m bench.load --parts proxy`)",
        "",
        "Topology of `scripts/serve.sh` (deploy/nginx.conf, Debian's nginx). Sessions on "
        f"`{cfg['page']}`, each with nginx's affinity cookie, all from 127.0.0.1 (one address, "
        "like a room behind an office NAT), re-running every "
        f"{cfg['interval_s']:.0f} s with a new crisis and their own language; "
        f"{cfg['cores']} cores, load average {cfg['load_average']} at the start. With two cores "
        "the two replicas share theirs with the load client and nginx, and a step can miss or "
        "meet its target because of another process: plan with a run on a machine with a core "
        "to spare for the client and nginx.",
        "",
        f"### Scaling: sessions held at p95 ≤ {cfg['target_p95_ms']} ms",
        "",
        f"Sessions added in steps, {cfg['level_s']:.0f} s a step (p95 over its last "
        f"{cfg['level_s'] - cfg['settle_s']:.0f} s); a step that misses is measured once more "
        "and counts as missed only if it misses again (both figures shown); the capacity is the "
        "last step before the first miss. Replica i pinned to core i (taskset); the load client "
        f"and nginx on core(s) {', '.join(map(str, others['one']))} with one replica, on "
        f"{', '.join(map(str, others['two']))} with two"
        + (" (the replicas' own: this machine has two cores)" if shared else "")
        + ".",
        "",
        "| replicas | steps (sessions: p95 ms) | capacity (sessions) | errors | cores used by the "
        "load client, nginx | load average after |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, count in (("one", 1), ("two", 2)):
        r = res[name]
        steps = ", ".join(
            f"{s['sessions']}: {' → '.join(str(p) for p in s['tries_p95_ms'])}" for s in r["levels"]
        )
        lines.append(
            f"| {count} | {steps} | {r['capacity']} | {r['errors']} | {r['client_cores_used']}, "
            f"{r['nginx_cores_used']} | {r['load_average_after']} |"
        )
    ratio = res["scaling_ratio"]
    lines += [
        "",
        f"Ratio: **{ratio}×** (target ≥ {TARGET_SCALING}×): {yes((ratio or 0) >= TARGET_SCALING)}.",
        "",
        "Per replica at the capacity step (peak RSS: over the whole run):",
        "",
        "| replicas | replica | core | sessions | p50 ms | p95 ms | peak RSS MB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, count in (("one", 1), ("two", 2)):
        for r in res[name]["replicas"]:
            lines.append(
                f"| {count} | {r['replica']} | {r['core']} | {r['sessions']} | {r['p50_ms']} | "
                f"{r['p95_ms']} | {r['peak_rss_mb']} |"
            )
    t = res["transfer"]
    lines += ["", "### Transfer: first load of the map, direct and through nginx", ""]
    if "skipped" in t:
        lines += [f"Skipped: {t['skipped']}", ""]
    else:
        lines += [
            f"`{t['page']}` in a fresh Chromium context, HTTP bodies as received: "
            f"{t['direct']['http_bytes']:,} bytes direct, {t['nginx']['http_bytes']:,} through "
            f"nginx (gzip), **{t['ratio']}× smaller** (target ≥ {TARGET_TRANSFER}×): "
            f"{yes(t['ratio'] >= TARGET_TRANSFER)}. Requests: {t['direct']['requests']} direct, "
            f"{t['nginx']['requests']} through nginx. WebSocket messages (nginx passes them "
            f"as they are): {t['direct']['websocket_bytes']:,} bytes direct, "
            f"{t['nginx']['websocket_bytes']:,} through nginx. nginx's CPU for the load through "
            f"it (gzip level 5 on every response, static files from its cache): "
            f"{t['nginx_cpu_s']} s.",
            "",
        ]
    k = res["kill"]
    lines += [
        "### A replica killed mid-run",
        "",
        f"{k['sessions']} sessions on two replicas; after {cfg['kill']['before_s']:.0f} s the "
        f"replica holding the most ({k['sessions_on_killed_replica']} sessions, peak RSS "
        f"{k['killed_replica_peak_rss_mb']} MB) got SIGKILL. Dropped: {k['dropped']}; back "
        f"through nginx on the other replica: {k['recovered']} ({k['reopened_same_page']} on "
        f"the same page, with their URL's crisis and language); **lost: {k['lost']}** (goal 0): "
        f"{yes(k['lost'] == 0 and k['recovered'] == k['sessions_on_killed_replica'])}. From the "
        f"drop to a new websocket: median {k['reconnect_p50_s']} s; to the view re-run on the "
        f"other replica: median {k['recovery_p50_s']} s, max {k['recovery_max_s']} s. After the "
        f"kill, {k['runs_after_kill']} runs at p95 {k['p95_after_kill_ms']} ms; "
        f"errors {k['errors']}.",
        "",
    ]
    return lines
