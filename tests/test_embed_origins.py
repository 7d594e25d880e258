"""Who may frame the dashboard: $DASHBOARD_EMBED_ORIGINS into the CSP's frame-ancestors of
nginx (scripts/serve.sh through deploy/serve.py; the nginx image through
deploy/embed-origins.sh, the two held to one rule here), compose and the Kubernetes
manifests (kustomize). The browser test that frames /embed through nginx is
tests/e2e/test_embed_browser.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml

from deploy.serve import SELF, TEMPLATE, frame_ancestors, render_nginx_conf
from lib.base.schema import ROOT

SCRIPT = ROOT / "deploy" / "embed-origins.sh"
GOOD = [
    ("", "'self'"),
    ("   ", "'self'"),
    ("https://www.example.gob", "https://www.example.gob"),
    (
        "'self'  https://a.example.org:8443\thttp://localhost:8000",
        "'self' https://a.example.org:8443 http://localhost:8000",
    ),
    ("https://*.example.gob", "https://*.example.gob"),
    ("'none'", "'none'"),
]
BAD = [
    ("self", "'self' is not an origin like https://www.example.gob (write 'self' with its quotes)"),
    ("https://x.org; script-src *", "is not an origin"),
    ('https://x.org" always; add_header X 1', "is not an origin"),
    ("https://x.org/path", "'https://x.org/path' is not an origin"),
    ("ftp://x.org", "is not an origin"),
    ("*", "'*' is not an origin"),
    ("'none' https://x.org", "'none' cannot be combined with other origins"),
]


def csp(conf: str) -> str:
    return re.search(r'add_header Content-Security-Policy "([^"]*)"', conf).group(1)


def script(value: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", str(SCRIPT)],
        input=TEMPLATE.read_text(),
        env={**os.environ, "DASHBOARD_EMBED_ORIGINS": value},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(("value", "expected"), GOOD)
def test_the_origins_reach_frame_ancestors_alike_in_serve_sh_and_the_image(value, expected):
    assert frame_ancestors(value) == expected
    ours = render_nginx_conf(TEMPLATE.read_text(), [8601], 8080, "access.log", expected)
    assert csp(ours).endswith(f"; frame-ancestors {expected}")
    done = script(value)
    assert done.returncode == 0, done.stderr
    assert csp(done.stdout) == csp(ours)
    # nothing else of the policy changes
    assert (
        csp(ours).rsplit("frame-ancestors", 1)[0]
        == csp(TEMPLATE.read_text()).rsplit("frame-ancestors", 1)[0]
    )


@pytest.mark.parametrize(("value", "message"), BAD)
def test_a_value_that_is_not_an_origin_stops_the_start_with_a_message(value, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        frame_ancestors(value)
    done = script(value)
    assert done.returncode == 2 and done.stdout == ""
    assert message in done.stderr


def test_by_default_only_the_dashboard_frames_itself():
    assert csp(TEMPLATE.read_text()).endswith(f"frame-ancestors {SELF}")
    assert frame_ancestors(None) == SELF


@pytest.mark.skipif(shutil.which("nginx") is None, reason="needs nginx")
def test_nginx_accepts_the_rendered_configuration(tmp_path):
    conf = render_nginx_conf(
        TEMPLATE.read_text(), [8601], 8080, "access.log", "'self' https://*.example.gob"
    )
    (tmp_path / "tmp").mkdir()
    (tmp_path / "nginx.conf").write_text(conf)
    done = subprocess.run(
        ["nginx", "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_serve_sh_refuses_a_bad_value_before_starting_anything():
    from deploy.serve import main

    os.environ["DASHBOARD_EMBED_ORIGINS"] = "https://x.org;"
    try:
        assert main(["--replicas", "1", "--port", "1"]) == 2
    finally:
        del os.environ["DASHBOARD_EMBED_ORIGINS"]


def test_compose_passes_the_variable_to_the_nginx_image_which_writes_it_in():
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    env = compose["services"]["nginx"]["environment"]
    assert env["DASHBOARD_EMBED_ORIGINS"] == "${DASHBOARD_EMBED_ORIGINS:-'self'}"
    dockerfile = (ROOT / "deploy" / "nginx.Dockerfile").read_text()
    assert "COPY deploy/embed-origins.sh /usr/local/bin/embed-origins" in dockerfile
    start = (ROOT / "deploy" / "nginx-start.sh").read_text()
    assert "embed-origins </etc/nginx/dashboard.conf" in start


def kustomize(folder) -> list[dict]:
    done = subprocess.run(
        ["kubectl", "kustomize", str(folder)], capture_output=True, text=True, check=True
    )
    return [d for d in yaml.safe_load_all(done.stdout) if d]


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="needs kubectl (kustomize)")
def test_the_kubernetes_ingress_sends_nginxs_headers_with_the_origins(tmp_path):
    built = kustomize(ROOT / "deploy" / "k8s")
    kinds = {d["kind"]: d for d in built if d["kind"] != "ConfigMap"}
    headers = next(d for d in built if d["metadata"]["name"] == "migration-dashboard-headers")
    assert not [d for d in built if d["metadata"]["name"] == "migration-dashboard-embed"]
    assert headers["data"]["Content-Security-Policy"] == csp(TEMPLATE.read_text())
    annotation = kinds["Ingress"]["metadata"]["annotations"][
        "nginx.ingress.kubernetes.io/custom-headers"
    ]
    assert annotation == "default/migration-dashboard-headers"
    # an operator's origins, and namespace, reach the policy and the annotation
    copy = tmp_path / "k8s"
    shutil.copytree(ROOT / "deploy" / "k8s", copy)
    text = (copy / "kustomization.yaml").read_text()
    text = text.replace(
        """DASHBOARD_EMBED_ORIGINS="'self'\"""",
        """DASHBOARD_EMBED_ORIGINS="'self' https://www.example.gob\"""",
    )
    (copy / "kustomization.yaml").write_text(text + "namespace: dashboards\n")
    built = kustomize(copy)
    headers = next(d for d in built if d["metadata"]["name"] == "migration-dashboard-headers")
    assert headers["data"]["Content-Security-Policy"].endswith(
        "frame-ancestors 'self' https://www.example.gob"
    )
    ingress = next(d for d in built if d["kind"] == "Ingress")
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/custom-headers"] == (
        "dashboards/migration-dashboard-headers"
    )
