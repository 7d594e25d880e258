"""deploy/k8s's Deployment and Service as `podman kube play` (podman 4.3, Debian 12) takes them
on one machine, and the cookie Secret in the form its secretKeyRef reads.

    python -m deploy.kube_podman secret | podman secret create migration-dashboard -
    python -m deploy.kube_podman manifest --port 8501 | podman kube play -
    python -m deploy.kube_podman manifest --port 8501 | podman kube down -

Two differences from a cluster, both podman 4.3's:
- it publishes a container's port on the host's port of the same number, on every address, and
  so a second replica cannot start: one replica, its port published on 127.0.0.1:PORT only;
- its secretKeyRef reads a podman secret holding JSON, {"key": base64 of the value} (the Secret
  that `podman kube play` itself makes is YAML, which 4.3 cannot read back).
The cookie secret is $DASHBOARD_COOKIE_SECRET, else a new random one; it is printed on stdout for
the pipe only and never written to disk.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import secrets
import sys

import yaml

from lib.base.schema import ROOT

K8S = ROOT / "deploy" / "k8s"
SECRET_ENV = "DASHBOARD_COOKIE_SECRET"


def _documents(name: str) -> list[dict]:
    return [d for d in yaml.safe_load_all((K8S / name).read_text()) if d]


def secret_key() -> tuple[str, str]:
    """Return (Secret name, key) that the Deployment's cookie secret is read from."""
    (dep,) = _documents("deployment.yaml")
    for container in dep["spec"]["template"]["spec"]["containers"]:
        for env in container.get("env", []):
            if env["name"] == "STREAMLIT_SERVER_COOKIE_SECRET":
                ref = env["valueFrom"]["secretKeyRef"]
                return ref["name"], ref["key"]
    raise ValueError("deployment.yaml reads no STREAMLIT_SERVER_COOKIE_SECRET")


def podman_secret(value: str) -> str:
    """Return the podman secret's content for the Deployment's secretKeyRef: JSON, base64."""
    _, key = secret_key()
    return json.dumps({key: base64.b64encode(value.encode()).decode()})


def podman_manifest(port: int, image: str | None = None) -> str:
    """Return the Deployment (one replica, its port on 127.0.0.1:`port`, `image` if given) and
    the Service, as one YAML stream for `podman kube play -`."""
    (dep,) = _documents("deployment.yaml")
    dep["spec"]["replicas"] = 1
    (container,) = dep["spec"]["template"]["spec"]["containers"]
    if image:
        container["image"] = image
    for p in container["ports"]:
        p.update(hostIP="127.0.0.1", hostPort=port)
    return yaml.safe_dump_all([dep, *_documents("service.yaml")], sort_keys=False)


def _port(text: str) -> int:
    if not re.fullmatch(r"\d{1,5}", text) or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} must be a whole number from 1 to 65535")
    return int(text)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m deploy.kube_podman", description=__doc__.split("\n")[0]
    )
    sub = p.add_subparsers(dest="what", required=True)
    m = sub.add_parser("manifest", help="the Deployment and Service for podman kube play")
    m.add_argument("--port", type=_port, default=8501, help="host port on 127.0.0.1 (8501)")
    m.add_argument("--image", help="the app image (default: the Deployment's)")
    sub.add_parser("secret", help="the cookie secret for podman secret create")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.what == "manifest":
        sys.stdout.write(podman_manifest(args.port, args.image))
        return 0
    value = os.environ.get(SECRET_ENV) or secrets.token_hex(32)
    if not re.fullmatch(r"\S{16,}", value):
        print(
            f"kube_podman: {SECRET_ENV} must be at least 16 characters, no spaces", file=sys.stderr
        )
        return 2
    print(podman_secret(value))
    return 0


if __name__ == "__main__":
    sys.exit(main())
