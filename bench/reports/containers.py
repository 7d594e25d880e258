"""The containers part of results.md (python -m bench.containers): the image and its limits."""

from __future__ import annotations

import statistics

from bench.targets import (
    TARGET_IMAGE_MB,
)


def render_containers(res: dict) -> list[str]:
    """Return the results.md lines for the containers, every figure beside its target."""
    app = res["app"]
    ok = app["size_mb"] <= TARGET_IMAGE_MB
    lines = [
        "## Containers: the images built and run with podman (`python -m bench.containers`)",
        "",
        f"{res['podman']}, {res['when']}, load average {res['load_average']} at the start. "
        "The app image: Debian bookworm (made with debootstrap), Debian's Python 3.11 and "
        "Chromium's headless shell, the pinned packages in /opt/venv (deploy/Dockerfile).",
        "",
        f"- App image: {app['size_mb']} MB ({app['gzip_mb']} MB as `podman save | gzip -1`), "
        f"target ≤ {TARGET_IMAGE_MB} MB with Chromium inside: {'met' if ok else '**missed**'}. "
        f"nginx image: {res['nginx_size_mb']} MB.",
    ]
    if "build_cold_s" in res:
        lines.append(
            f"- Build, cold (no image, no base: debootstrap, apt, pip; {res['cold_when']}): "
            f"{res['build_cold_s']} s."
        )
    lines += [
        f"- Build, warm (every layer cached, as in the tests): {res['build_warm_s']} s; after a "
        f"change to the app's code (only the app's layers again): "
        f"{res['build_after_code_change_s']} s.",
        "- From `podman run` (hardened) to healthy: "
        + ", ".join(f"{s} s" for s in res["to_healthy_s"])
        + f" (median {statistics.median(res['to_healthy_s'])} s). Healthy means Streamlit "
        "answers /_stcore/health; the app's modules are imported by the first session.",
        "",
        "Where the app image's megabytes are (du inside it):",
        "",
        "| what | MB |",
        "| --- | --- |",
    ]
    lines += [f"| {what} | {mb} |" for what, mb in app["places_mb"].items()]
    lines += ["", "The largest Python packages:", "", "| package | MB |", "| --- | --- |"]
    lines += [f"| {name} | {mb} |" for name, mb in app["packages_mb"].items()]
    return lines
