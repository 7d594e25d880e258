"""The images really built and run with podman: `scripts/build_image.sh`, then nginx in front of
two hardened app containers as deploy/compose.yaml describes, the map loaded through nginx in
Chromium, and deploy/k8s's Deployment and Service started by `podman kube play`.

Skipped, with the reason, when podman is missing (`scripts/install_tools.sh containers`).
A warm run (images cached in podman's store, as they stay on this machine) takes about 40 s;
the first build on a machine about two minutes (bench/results.md, section Containers). Every
container, pod, network, volume and secret a test starts is removed, also when it fails.
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from bench.containers import ENV, HARDENED  # how compose runs both (deploy/compose.yaml)
from deploy import kube_podman
from devtools.browser import HARMLESS, is_external, launch_chromium
from devtools.server import free_port
from devtools.wait import wait_until
from lib.base.schema import ROOT
from tests.e2e.helpers import MAP, wait_for_map
from tests.helpers import in_own_thread

PODMAN = shutil.which("podman")
pytestmark = [
    pytest.mark.containers,
    pytest.mark.slow,
    pytest.mark.skipif(
        PODMAN is None,
        reason="podman is missing: scripts/install_tools.sh containers installs it (Debian)",
    ),
]

APP_UID = 10001  # deploy/Dockerfile's USER, the Deployment's runAsUser
NGINX_UID = 33  # www-data in Debian


def podman(*args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run podman with the project's settings; return what it printed (text)."""
    done = subprocess.run(
        [PODMAN, *args], env=ENV, capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and done.returncode != 0:
        raise AssertionError(f"podman {' '.join(args)}: {done.stderr[-2000:]}")
    return done


def network_settled(timeout: float = 30) -> None:
    """Wait until the host's interfaces have stopped changing. The containers' veth pairs get
    their IPv6 link-local addresses a moment after they come up, and Chromium drops a page's
    loads (net::ERR_NETWORK_CHANGED) when an address changes under it."""
    seen: list[str] = []

    def same_twice() -> bool:
        seen.append(subprocess.run(["ip", "-o", "addr"], capture_output=True, text=True).stdout)
        return len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

    wait_until(same_twice, timeout, "the host's network interfaces settled", every=0.5)


def wait_healthy(container: str, started: float, timeout: float = 120) -> float:
    """Run the container's healthcheck until it passes; return seconds since `started`."""
    try:
        wait_until(
            lambda: podman("healthcheck", "run", container, check=False).returncode == 0,
            timeout,
            f"{container} healthy",
            every=0.25,
        )
    except TimeoutError as err:
        logs = podman("logs", container, check=False)
        raise AssertionError(f"{err}:\n{logs.stderr[-2000:]}") from err
    return time.monotonic() - started


def process_status(container: str) -> dict[str, str]:
    """Return /proc/1/status of the container's main process, as {field: value}."""
    text = podman("exec", container, "cat", "/proc/1/status").stdout
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


def assert_hardened(container: str, uid: int, tmpfs: bool = True) -> None:
    """The main process runs as `uid`, with no capability, no new privileges, seccomp on; the
    root filesystem refuses writes and /tmp is writable (a tmpfs when `tmpfs`)."""
    status = process_status(container)
    assert status["Uid"].split()[0] == str(uid) != "0"
    assert int(status["CapEff"], 16) == 0 and int(status["CapBnd"], 16) == 0
    assert status["NoNewPrivs"].strip() == "1"
    assert status["Seccomp"].strip() == "2"  # filter mode
    done = podman("exec", container, "touch", "/etc/written", check=False)
    assert done.returncode != 0 and "Read-only file system" in done.stderr
    kind = podman("exec", container, "stat", "-f", "-c", "%T", "/tmp").stdout.strip()
    assert kind == "tmpfs" or not tmpfs
    assert podman("exec", container, "touch", "/tmp/written", check=False).returncode == 0


@dataclass
class Topology:
    """Two app containers on an internal network and nginx in front, published on loopback."""

    app_image: str
    nginx_image: str
    name: str = field(default_factory=lambda: f"dashboard-test-{secrets.token_hex(4)}")
    port: int = field(default_factory=free_port)
    apps: list[str] = field(default_factory=list)
    nginx: str = ""
    healthy_s: dict[str, float] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def networks(self) -> tuple[str, str]:
        return f"{self.name}-replicas", f"{self.name}-public"

    def start(self) -> None:
        replicas, public = self.networks
        podman("network", "create", "--internal", replicas)
        podman("network", "create", public)
        secret = secrets.token_hex(32)  # shared by the replicas, for this run only
        for i in (1, 2):
            name = f"{self.name}-app{i}"
            t0 = time.monotonic()
            podman(
                "run", "-d", "--name", name, *HARDENED, "--network", replicas,
                "--network-alias", "app", "-e", f"STREAMLIT_SERVER_COOKIE_SECRET={secret}",
                self.app_image,
            )  # fmt: skip
            self.apps.append(name)
            self.healthy_s[name] = wait_healthy(name, t0)
        self.nginx = f"{self.name}-nginx"
        t0 = time.monotonic()
        podman(
            "run", "-d", "--name", self.nginx, *HARDENED, "--network", f"{replicas},{public}",
            "-p", f"127.0.0.1:{self.port}:8080", self.nginx_image,
        )  # fmt: skip
        self.healthy_s[self.nginx] = wait_healthy(self.nginx, t0)
        network_settled()

    def stop(self) -> None:
        for container in [*self.apps, self.nginx]:
            if container:
                podman("rm", "--force", "--time", "5", container, check=False)
        for network in self.networks:
            podman("network", "rm", "--force", network, check=False)
        network_settled()  # the browser tests that follow keep their loads


@pytest.fixture(scope="module")
def images() -> tuple[str, str]:
    """(app image, nginx image) built by scripts/build_image.sh; cached layers make it quick."""
    t0 = time.monotonic()
    done = subprocess.run(
        [str(ROOT / "scripts" / "build_image.sh")],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    app = done.stdout.strip().splitlines()[-1]
    print(f"scripts/build_image.sh: {time.monotonic() - t0:.1f} s")
    return app, app.replace("/migration-dashboard:", "/migration-dashboard-nginx:")


@pytest.fixture(scope="module")
def topology(images) -> Iterator[Topology]:
    topo = Topology(*images)
    try:
        topo.start()
        yield topo
    finally:
        topo.stop()


def test_build_image_prints_the_app_images_name_and_builds_both(images):
    app, nginx = images
    assert re.fullmatch(r"localhost/migration-dashboard:[\w.-]+", app)
    for image in (app, nginx):
        assert podman("image", "exists", image, check=False).returncode == 0
    size = int(podman("image", "inspect", app, "--format", "{{.Size}}").stdout)
    assert size <= 900 * 10**6, f"{size / 1e6:.0f} MB"  # goal: 900 MB with Chromium inside
    health = podman("image", "inspect", app, "--format", "{{json .Config.Healthcheck}}").stdout
    assert "dashboard-healthcheck" in health  # kept: built in docker format, not OCI


@pytest.mark.parametrize("flag", ["--colour", "--tag"])
def test_build_image_refuses_a_bad_flag_with_exit_2(flag):
    done = subprocess.run(
        [str(ROOT / "scripts" / "build_image.sh"), flag],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "usage: scripts/build_image.sh [--tag TAG]" in done.stderr


def test_every_container_runs_hardened_as_a_non_root_user(topology):
    for app in topology.apps:
        assert_hardened(app, APP_UID)
    assert_hardened(topology.nginx, NGINX_UID)
    for name, seconds in topology.healthy_s.items():
        print(f"{name}: healthy {seconds:.1f} s after podman run")


def test_nginx_sees_both_replicas_which_have_no_route_out(topology):
    replicas, _ = topology.networks
    # nginx resolves "app" to both replicas when it starts (its upstream), as in compose.
    answer = podman("exec", topology.nginx, "getent", "ahostsv4", "app").stdout
    assert len({line.split()[0] for line in answer.splitlines()}) == 2
    assert podman("network", "inspect", replicas, "--format", "{{.Internal}}").stdout.strip() == (
        "true"
    )
    for app in topology.apps:
        nets = podman("inspect", app, "--format", "{{range $k, $v := .NetworkSettings.Networks}}"
                      "{{$k}} {{end}}").stdout.split()  # fmt: skip
        assert nets == [replicas]


HOST_CHECK = """
import sys
from babel.numbers import format_decimal
from lib.base import i18n
codes = ["BRA", "DEU", "HTI", "VEN", "USA", "CHL"]
print([i18n.country_name(c, lang, c) for c in codes for lang in ("es", "pt")])
print([format_decimal(1234567.5, locale=lang) for lang in ("en", "es", "pt", "pt_BR")])
"""


PACK = """
import collections, datetime as dt
from lib.export import pack as export
from lib.model import localise
from lib.model.bundle import load_bundle
data = localise.localized(load_bundle(), "es")
files, problem = export.briefing_pack(data, "haiti", "es", "http://x/", dt.date(2026, 1, 2))
kinds = collections.Counter(name.rsplit(".", 1)[-1] for name in files)
print(problem, kinds["png"], kinds["svg"], kinds["pptx"], kinds["pdf"])
print(min(len(b) for n, b in files.items() if n.endswith((".png", ".pdf", ".pptx"))))
"""


def test_the_briefing_pack_and_translations_work_in_the_read_only_container(topology):
    """Chromium (kaleido's PNG and SVG, the handout's PDF) and python-pptx write only under
    /tmp; the locale data left in the image gives the same country names and numbers as the
    full packages."""
    app = topology.apps[0]
    first, smallest = podman("exec", app, "python", "-c", PACK, timeout=300).stdout.splitlines()
    problem, png, svg, pptx, pdf = first.split()
    assert problem == "None" and int(png) == int(svg) >= 3 and pptx == pdf == "1"
    assert int(smallest) > 1_000
    inside = podman("exec", app, "python", "-c", HOST_CHECK).stdout
    here = subprocess.run(
        [".venv/bin/python", "-c", HOST_CHECK], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert inside == here and "Brasil" in inside


@pytest.mark.browser
def test_the_map_through_nginx_in_chromium_nothing_leaves_headers_arrive(topology):
    from playwright.sync_api import sync_playwright

    expect.set_options(timeout=20_000)
    requests: list[str] = []
    errors: list[str] = []

    def visit() -> dict:
        """Load the map through nginx in Chromium; return the first response's headers."""
        with sync_playwright() as p:
            browser = launch_chromium(p)
            try:
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                context.on("request", lambda r: requests.append(r.url))
                pg = context.new_page()
                pg.on(
                    "console",
                    lambda m: (
                        errors.append(f"{m.text} @ {m.location.get('url', '')}")
                        if m.type == "error"
                        else None
                    ),
                )
                pg.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
                t0 = time.monotonic()
                first = pg.goto(topology.url + "/map?crisis=haiti")
                wait_for_map(pg, "haiti", code="HTI")
                print(
                    f"/map?crisis=haiti through nginx: map drawn in {time.monotonic() - t0:.1f} s"
                )
                expect(pg.locator(MAP)).to_be_visible()
                headers = first.all_headers()
            finally:
                browser.close()
        return headers

    headers = in_own_thread(visit)  # off the browser tests' running event loop
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    route = re.match(r"dashboard_route=([0-9a-f]{32});", headers["set-cookie"]).group(1)
    assert "server" not in headers or "nginx/" not in headers["server"]  # server_tokens off
    assert requests and not [u for u in requests if is_external(u)]  # nothing tried to leave
    real = [e for e in errors if not any(h in e for h in HARMLESS)]
    assert real == [], "\n".join(real)
    # Affinity: every request of this browser reached one replica (its media files and
    # uploads live there); "-" is a static file from nginx's cache.
    log = podman("logs", topology.nginx).stdout
    upstreams = set(re.findall(rf"route={route} upstream=([^ \n]+)", log)) - {"-"}
    assert len(upstreams) == 1, upstreams


def test_kube_play_starts_the_deployment_and_service_hardened(images):
    app, _ = images
    name, _key = kube_podman.secret_key()
    port = free_port()
    manifest = kube_podman.podman_manifest(port, app)
    podman("secret", "rm", name, check=False)
    kube_net = "podman-default-kube-network"  # podman makes it for kube play when missing
    had_net = podman("network", "exists", kube_net, check=False).returncode == 0
    try:
        subprocess.run(
            [PODMAN, "secret", "create", name, "-"],
            input=kube_podman.podman_secret(secrets.token_hex(32)),
            env=ENV, capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        t0 = time.monotonic()
        played = subprocess.run(
            [PODMAN, "kube", "play", "--replace", "-"], input=manifest,
            env=ENV, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert played.returncode == 0, played.stderr[-2000:]
        (container,) = re.findall(r"^[0-9a-f]{64}$", played.stdout.split("Container:")[-1], re.M)
        seconds = wait_healthy(container, t0)  # the liveness probe, as podman's healthcheck
        print(f"podman kube play: healthy {seconds:.1f} s after it started")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/map?crisis=haiti", timeout=10) as r:
            assert r.status == 200 and b"<title>" in r.read()
        # podman 4.3 makes the emptyDir a volume on disk (a cluster honours medium: Memory).
        assert_hardened(container, APP_UID, tmpfs=False)
        env = podman("exec", container, "printenv", "STREAMLIT_SERVER_COOKIE_SECRET").stdout
        assert len(env.strip()) == 64  # from the Secret, made for this run
    finally:
        subprocess.run(
            [PODMAN, "kube", "down", "-"], input=manifest,
            env=ENV, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        podman("secret", "rm", name, check=False)
        if not had_net:
            podman("network", "rm", kube_net, check=False)
    assert podman("pod", "exists", "migration-dashboard-pod-0", check=False).returncode == 1
