"""The container images, measured with podman: `python -m bench.containers [--cold]`.

What the app image's space goes to, the build's time (from nothing with --cold, which removes the
project's images and podman's dangling build layers first; again with every layer cached; after
a change to the app's code, in a copy of the checkout), and the time from `podman run` (hardened,
as deploy/compose.yaml runs it) to healthy. Writes results.json["containers"] and re-renders
results.md (section Containers), like `python -m bench.load`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import reports
from lib.base.schema import ROOT

CONF = ROOT / "deploy" / "podman" / "containers.conf"
ENV = {**os.environ, "CONTAINERS_CONF": os.environ.get("CONTAINERS_CONF", str(CONF))}
APP = "localhost/migration-dashboard:local"
NGINX = "localhost/migration-dashboard-nginx:local"
BASE = "localhost/migration-dashboard-base:bookworm"
# How compose runs both containers (deploy/compose.yaml, x-hardened); tests/test_containers.py
# runs them so too.
HARDENED = [
    "--read-only",
    "--read-only-tmpfs=false",  # no tmpfs on /run or /var/tmp: /tmp only
    "--tmpfs",
    "/tmp:rw,noexec,nosuid,nodev,size=256m",
    "--cap-drop",
    "ALL",
    "--security-opt",
    "no-new-privileges",
]
# Where the app image's megabytes are, measured inside it (du -sm).
PLACES = {
    "Chromium (headless shell, /usr/lib/chromium)": "/usr/lib/chromium",
    "shared libraries (/usr/lib/x86_64-linux-gnu)": "/usr/lib/x86_64-linux-gnu",
    "Python 3.11 standard library (/usr/lib/python3.11)": "/usr/lib/python3.11",
    "Python packages (/opt/venv)": "/opt/venv",
    "of which bytecode (__pycache__)": "__pycache__",
    "the app (/app)": "/app",
}
PACKAGES = 8  # the largest Python packages listed


def podman(*args: str, timeout: float = 600) -> str:
    """Return what podman printed; raise with its error when it fails."""
    done = subprocess.run(
        ["podman", *args], env=ENV, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"podman {' '.join(args)}: {done.stderr[-1500:]}")
    return done.stdout


def timed_build(root: Path = ROOT, tag: str = "local") -> float:
    """Return the seconds scripts/build_image.sh took in `root` for `tag`."""
    t0 = time.monotonic()
    subprocess.run(
        [str(root / "scripts" / "build_image.sh"), "--tag", tag],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=3600,
        check=True,
    )
    return round(time.monotonic() - t0, 1)


def build_after_a_code_change() -> float:
    """Return the build's seconds in a copy of the checkout whose lib/ has one more line."""
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    with tempfile.TemporaryDirectory(prefix="bench-containers-") as tmp:
        copy = Path(tmp)
        for name in filter(None, files):
            src, dst = ROOT / name.decode(), copy / name.decode()
            if src.is_file():
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
        with (copy / "lib" / "fmt.py").open("a") as fh:
            fh.write("\n# bench.containers: a change to the app's code\n")
        seconds = timed_build(copy, "bench")
    for image in ("migration-dashboard", "migration-dashboard-nginx"):
        podman("rmi", f"localhost/{image}:bench")
    return seconds


def remove_images() -> None:
    """Remove the project's images, its base and podman's dangling build layers."""
    for image in (APP, NGINX, BASE):
        subprocess.run(["podman", "rmi", "--force", image], env=ENV, capture_output=True)
    podman("image", "prune", "--force")


def space(image: str) -> dict:
    """Return the image's size, its compressed size and where its megabytes are."""
    size = int(podman("image", "inspect", image, "--format", "{{.Size}}"))
    script = (
        "for p in " + " ".join(p for p in PLACES.values() if p.startswith("/")) + "; do "
        'echo "$(du -sm "$p" | cut -f1) $p"; done; '
        'echo "$(find /opt/venv -name __pycache__ -exec du -sk {} + '
        "| awk '{s+=$1} END {print int(s/1024)}')"
        ' __pycache__"; '
        "du -sm /opt/venv/lib/python3.11/site-packages/* | sort -rn | head -n "
        f"{PACKAGES} | sed 's|/opt/venv/lib/python3.11/site-packages/|package |'"
    )
    out = podman("run", "--rm", "--entrypoint", "sh", image, "-c", script)
    rows = [line.split(None, 1) for line in out.splitlines()]
    measured = {what: int(mb) for mb, what in rows}
    saved = subprocess.run(
        f"podman save {image} | gzip -1 | wc -c",
        shell=True,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        "size_mb": round(size / 1e6),
        "gzip_mb": round(int(saved.stdout) / 1e6),
        "places_mb": {what: measured.get(path) for what, path in PLACES.items()},
        "packages_mb": {
            k.removeprefix("package "): v for k, v in measured.items() if k.startswith("package ")
        },
    }


def to_healthy(image: str, runs: int = 3) -> list[float]:
    """Return the seconds from `podman run` (hardened) to a passing healthcheck, per run."""
    seconds = []
    for _ in range(runs):
        name = f"bench-containers-{secrets.token_hex(3)}"
        t0 = time.monotonic()
        podman("run", "-d", "--name", name, *HARDENED, "-e",
               f"STREAMLIT_SERVER_COOKIE_SECRET={secrets.token_hex(32)}", image)  # fmt: skip
        try:
            while subprocess.run(
                ["podman", "healthcheck", "run", name], env=ENV, capture_output=True
            ).returncode:
                if time.monotonic() - t0 > 120:
                    raise RuntimeError(f"{image} not healthy in 120 s")
                time.sleep(0.1)
            seconds.append(round(time.monotonic() - t0, 2))
        finally:
            subprocess.run(["podman", "rm", "--force", name], env=ENV, capture_output=True)
    return seconds


def measure(cold: bool) -> dict:
    """Return the measurements (a cold build first when `cold`)."""
    res: dict = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "podman": podman("--version").strip(),
        "load_average": round(os.getloadavg()[0], 1),
    }
    if cold:
        remove_images()
        res["build_cold_s"] = timed_build()
        res["cold_when"] = res["when"]
    res["build_warm_s"] = timed_build()
    res["build_after_code_change_s"] = build_after_a_code_change()
    res["app"] = space(APP)
    res["nginx_size_mb"] = round(
        int(podman("image", "inspect", NGINX, "--format", "{{.Size}}")) / 1e6
    )
    res["to_healthy_s"] = to_healthy(APP)
    return res


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bench.containers", description=__doc__.split("\n")[0]
    )
    p.add_argument(
        "--cold", action="store_true", help="remove the images first: a build from nothing"
    )
    p.add_argument("--out", type=Path, default=ROOT / "bench")
    args = p.parse_args(argv)
    if shutil.which("podman") is None:
        print(
            "bench.containers: podman is missing: scripts/install_tools.sh containers",
            file=sys.stderr,
        )
        return 2
    res = measure(args.cold)
    previous = args.out / "results.json"
    results = json.loads(previous.read_text()) if previous.exists() else {}
    before = results.get("containers", {})
    if not args.cold and "build_cold_s" in before:  # keep the last cold build's figure
        res = {"build_cold_s": before["build_cold_s"], "cold_when": before["cold_when"], **res}
    results["containers"] = res
    previous.write_text(json.dumps(results, indent=2))
    if {"browser", "server_side"} <= results.keys():
        (args.out / "results.md").write_text(reports.render(results))
    else:
        (args.out / "results.md").write_text("\n".join(reports.render_containers(res)) + "\n")
    print("\n".join(reports.render_containers(res)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
