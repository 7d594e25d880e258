"""N replicas of the dashboard behind Debian's nginx, on one machine: `scripts/serve.sh`.

    scripts/serve.sh --replicas 2 --port 8080

Each replica is `streamlit run dashboard.py` with the shipped config on a loopback port; all
share one cookie secret (`$DASHBOARD_COOKIE_SECRET`, else generated for this run and kept in
memory only). nginx listens on the port with `deploy/nginx.conf`, its upstream rewritten to
the replicas and its CSP's frame-ancestors to `$DASHBOARD_EMBED_ORIGINS` (default 'self').
Runs in the foreground; Ctrl-C or SIGTERM stops everything. A replica that dies is reported
and its browsers reconnect to the others; serve.sh keeps running.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf"
SECRET_ENV = "DASHBOARD_COOKIE_SECRET"
HEALTH = "/_stcore/health"
MAX_REPLICAS = 32


def free_port() -> int:
    """Return a TCP port free on loopback now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Who may frame the dashboard: origins separated by spaces, into the CSP's frame-ancestors.
EMBED_ENV = "DASHBOARD_EMBED_ORIGINS"
SELF = "'self'"
_ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?$")


def frame_ancestors(value: str | None) -> str:
    """Return the CSP frame-ancestors sources for $DASHBOARD_EMBED_ORIGINS: 'self' when
    empty; else each of its words, which must be 'self', 'none' (alone) or an origin
    (http(s)://host[:port], the host may start with *.). Raise ValueError naming a word that
    is none of these: nothing else may reach nginx's configuration."""
    words = (value or "").split() or [SELF]
    for word in words:
        if word not in (SELF, "'none'") and not _ORIGIN.match(word):
            hint = " (write 'self' with its quotes)" if word in ("self", "none") else ""
            raise ValueError(
                f"{EMBED_ENV}: {word!r} is not an origin like https://www.example.gob{hint}"
            )
    if "'none'" in words and len(words) > 1:
        raise ValueError(f"{EMBED_ENV}: 'none' cannot be combined with other origins")
    return " ".join(words)


def render_nginx_conf(
    template: str, ports: list[int], listen: int, access_log: str, ancestors: str = SELF
) -> str:
    """Return deploy/nginx.conf with its upstream set to the replicas on `ports` (loopback),
    nginx listening on `listen`, the access log written to `access_log`, and the sites
    that may frame it (`ancestors`, from frame_ancestors) in its CSP."""
    out = []
    for line in template.splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        if line.endswith("# serve.sh: frame-ancestors"):
            out.append(line.replace(f"frame-ancestors {SELF}", f"frame-ancestors {ancestors}"))
        elif line.endswith("# serve.sh: upstream"):
            out += [f"{indent}server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in ports]
        elif line.endswith("# serve.sh: listen"):
            out.append(f"{indent}listen {listen};")
        elif line.endswith("# serve.sh: access_log"):
            out.append(f"{indent}access_log {access_log} routed;")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def nginx_binary() -> str | None:
    """Return nginx's path, or None."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None
    )


def base_path() -> str:
    """Return Streamlit's server.baseUrlPath as '/dashboard' ('' when none): from
    $STREAMLIT_SERVER_BASE_URL_PATH, else .streamlit/config.toml."""
    import tomllib

    path = os.environ.get("STREAMLIT_SERVER_BASE_URL_PATH")
    if path is None:
        config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
        path = config.get("server", {}).get("baseUrlPath", "")
    return "/" + path.strip("/") if path.strip("/") else ""


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + base_path() + HEALTH, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@dataclass
class Replica:
    port: int
    process: subprocess.Popen
    core: int | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Topology:
    """Replicas and nginx, started by `start()` and stopped by `stop()`."""

    replicas: list[Replica] = field(default_factory=list)
    nginx: subprocess.Popen | None = None
    port: int = 0
    run_dir: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> list[Replica]:
        return [r for r in self.replicas if r.process.poll() is None]

    def stop(self) -> None:
        procs = [r.process for r in self.replicas] + ([self.nginx] if self.nginx else [])
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        if self.run_dir:
            shutil.rmtree(self.run_dir, ignore_errors=True)


def start(
    replicas: int,
    port: int,
    secret: str,
    cores: list[int] | None = None,
    streamlit_args: list[str] | None = None,
    timeout: float = 90.0,
    ancestors: str = SELF,
) -> Topology:
    """Start `replicas` Streamlit processes (replica i pinned to cores[i] with taskset when
    given) and nginx on `port`, framable by `ancestors`; return once nginx answers
    Streamlit's health check."""
    nginx = nginx_binary()
    if not nginx:
        raise RuntimeError("nginx not found: install it (Debian: apt-get install nginx-light)")
    run_dir = Path(tempfile.mkdtemp(prefix="dashboard-serve-"))
    run_dir.chmod(0o755)  # nginx's workers (nobody, when started as root) write under it
    (run_dir / "tmp").mkdir()  # nginx creates its temp and cache folders in it
    topo = Topology(port=port, run_dir=run_dir)
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}
    try:
        for i in range(replicas):
            core = cores[i % len(cores)] if cores else None
            p = free_port()
            cmd = [
                *(["taskset", "-c", str(core)] if core is not None else []),
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "dashboard.py",
                "--server.port",
                str(p),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                *(streamlit_args or []),
            ]
            log = open(run_dir / f"replica{i}.log", "wb")  # noqa: SIM115 (the process keeps it)
            proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
            topo.replicas.append(Replica(p, proc, core))
        conf = render_nginx_conf(
            TEMPLATE.read_text(), [r.port for r in topo.replicas], port, "access.log", ancestors
        )
        (run_dir / "nginx.conf").write_text(conf)
        deadline = time.monotonic() + timeout
        for r in topo.replicas:
            while not _healthy(r.url):
                if r.process.poll() is not None or time.monotonic() > deadline:
                    log = (run_dir / f"replica{topo.replicas.index(r)}.log").read_text()
                    raise RuntimeError(f"replica on port {r.port} did not start:\n{log[-2000:]}")
                time.sleep(0.2)
        cmd = [nginx, "-p", f"{run_dir}/", "-c", str(run_dir / "nginx.conf")]
        cmd += ["-g", "daemon off;"]
        # Own sessions: a terminal's Ctrl-C reaches this process only, which stops all in order.
        nginx_log = open(run_dir / "nginx.log", "wb")  # noqa: SIM115 (the process keeps it)
        topo.nginx = subprocess.Popen(cmd, stderr=nginx_log, start_new_session=True)
        while not _healthy(topo.url):
            if topo.nginx.poll() is not None or time.monotonic() > deadline:
                log = (run_dir / "nginx.log").read_text()
                raise RuntimeError(f"nginx did not start on port {port}:\n{log[-2000:]}")
            time.sleep(0.2)
    except BaseException:
        topo.stop()
        raise
    return topo


def _count(kind, low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} must be from {low} to {high}")
        return value

    return parse


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="scripts/serve.sh",
        description="N replicas of the dashboard behind nginx, in the foreground (Ctrl-C stops).",
    )
    p.add_argument("--replicas", type=_count(int, 1, MAX_REPLICAS), default=2, help="default 2")
    p.add_argument("--port", type=_count(int, 1, 65535), default=8080, help="default 8080")
    p.add_argument(
        "--pin",
        action="store_true",
        help="pin replica i to core i (taskset), round robin over this machine's cores",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    secret = os.environ.get(SECRET_ENV) or secrets.token_hex(32)
    if not re.fullmatch(r"\S{16,}", secret):
        print(f"serve.sh: {SECRET_ENV} must be at least 16 characters, no spaces", file=sys.stderr)
        return 2
    try:
        ancestors = frame_ancestors(os.environ.get(EMBED_ENV))
    except ValueError as exc:
        print(f"serve.sh: {exc}", file=sys.stderr)
        return 2
    cores = sorted(os.sched_getaffinity(0)) if args.pin else None
    stopping = False

    def on_signal(signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        topo = start(args.replicas, args.port, secret, cores, ancestors=ancestors)
    except RuntimeError as exc:
        print(f"serve.sh: {exc}", file=sys.stderr)
        return 1
    pids = ", ".join(f"{r.port} (pid {r.process.pid})" for r in topo.replicas)
    print(
        f"Dashboard on http://localhost:{args.port}{base_path()}/ : nginx (pid {topo.nginx.pid}) "
        f"in front of {args.replicas} replicas on ports {pids}. Ctrl-C stops.",
        flush=True,
    )
    reported: set[int] = set()
    code = 0
    try:
        while not stopping:
            time.sleep(0.5)
            if stopping:
                break
            if topo.nginx.poll() is not None:
                print("serve.sh: nginx exited; stopping.", file=sys.stderr)
                code = 1
                break
            for r in topo.replicas:
                if r.process.poll() is not None and r.port not in reported:
                    reported.add(r.port)
                    print(
                        f"serve.sh: replica on port {r.port} exited (code {r.process.returncode});"
                        f" its browsers reconnect to the other replicas. {len(topo.alive())} left.",
                        file=sys.stderr,
                        flush=True,
                    )
            if not topo.alive():
                print("serve.sh: no replica left; stopping.", file=sys.stderr)
                code = 1
                break
    finally:
        topo.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
