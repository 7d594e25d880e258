"""The load part of results.md (python -m bench.load): sessions, latencies and memory
against their targets."""

from __future__ import annotations

from bench.reports.proxy import render_proxy
from bench.targets import (
    TARGET_P95_MS,
    TARGET_RSS_DRIFT,
    TARGET_SESSIONS,
)


def render_load(load: dict) -> list[str]:
    """Return the results.md lines for the load test, every figure beside its target."""
    lines = [
        "## Live sessions: one process under load (`python -m bench.load`)",
        "",
        f"{load['plan']['note']}. Server: `streamlit run dashboard.py` with the shipped "
        "`.streamlit/config.toml`"
        + (f" plus `{' '.join(load['options'])}`" if load["options"] else "")
        + ". "
        "Each session is a websocket speaking Streamlit's protobufs: it views its page, then "
        "changes crisis "
        "(the query string) every few seconds; latency is from the `rerun_script` sent to "
        "`script_finished` "
        "received.",
        "",
    ]
    pages = load.get("pages")
    if pages:
        cfg = load["pages_config"]
        lines += [
            f"### Pages: {cfg['sessions']} sessions per page, arriving over {cfg['ramp_s']:.0f} s, "
            "each "
            f"re-running every {cfg['interval_s']:.0f} s for {cfg['lifetime_s']:.0f} s; each page "
            "on a server "
            "of its own, warmed on that page",
            "",
            f"Target: ≥ {TARGET_SESSIONS} concurrent sessions at p95 ≤ {TARGET_P95_MS} ms.",
            "",
            "| page | sessions (peak concurrent) | re-runs | p50 ms | p95 ms | max ms | first view "
            "p50 ms | errors "
            "| MB received | server peak RSS MB | target met? |",
            "| --- " * 11 + "|",
        ]
        for page, r in pages.items():
            ok = (
                (r["p95_ms"] or 1e9) <= TARGET_P95_MS
                and r["peak_concurrent"] >= TARGET_SESSIONS
                and not r["errors"]
            )
            lines.append(
                f"| {page} | {r['sessions']} ({r['peak_concurrent']}) | {r['reruns']} | "
                f"{r['p50_ms']} | "
                f"{r['p95_ms']} | {r['max_ms']} | {r['first_view_p50_ms']} | {r['errors']} | "
                f"{r['bytes_received'] / 1e6:.1f} | {r['server_peak_rss_mb']} | "
                f"{'yes' if ok else '**no**'} |"
            )
        lines.append("")
    before = load.get("before")
    if before:
        r = before["pages"]["/map"]
        lines += [
            "### Before: Streamlit's defaults",
            "",
            f"The same test on `/map` with {before['sessions']} sessions and "
            f"`{' '.join(before['options'])}` "
            f"(a full garbage collection after every run, and the file watcher): p50 {r['p50_ms']} "
            "ms, "
            f"p95 {r['p95_ms']} ms, max {r['max_ms']} ms, {r['errors']} errors.",
            "",
        ]
    idle = load.get("idle")
    if idle:
        lines += [
            "### Idle sessions",
            "",
            f"{idle['sessions']} sessions connected, each with one view of `/`: RSS "
            f"{idle['rss_before_mb']} → "
            f"{idle['rss_after_mb']} MB, **{idle['growth_per_100_sessions_mb']} MB per 100 idle "
            "sessions**.",
            "",
        ]
    soak = load.get("soak")
    if soak:
        ok = soak["max_over_level"] <= TARGET_RSS_DRIFT and not soak["errors"]
        lines += [
            f"### Soak: {soak['minutes']:.0f} minutes of sessions arriving and leaving",
            "",
            f"- {soak['sessions']} sessions in all, every page in turn, {soak['uploads']} of them "
            "uploading a "
            f"2,000-row CSV; {soak['reruns']} re-runs, p95 {soak['p95_ms']} ms, {soak['errors']} "
            "errors.",
            f"- RSS: {soak['rss_start_mb']} MB at the start; after {soak['warmup_minutes']:.0f} "
            "minutes' warm-up "
            f"its level is {soak['rss_level_after_warmup_mb']} MB and its highest "
            f"{soak['rss_max_after_warmup_mb']} "
            f"MB (+{soak['max_over_level'] * 100:.1f} %), {soak['rss_end_mb']} MB at the end. "
            "Target: within "
            f"{TARGET_RSS_DRIFT * 100:.0f} % of the level: {'**met**' if ok else '**not met**'}.",
            "- Samples: `bench/soak_rss.csv`"
            + (f"; plot: `bench/{soak['plot']}`" if soak.get("plot") else "")
            + ".",
            "",
        ]
        if soak.get("plot"):
            lines += [f"![RSS over the soak test]({soak['plot']})", ""]
    if load.get("proxy"):
        lines += render_proxy(load["proxy"])
    return lines
