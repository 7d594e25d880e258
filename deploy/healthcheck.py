#!/usr/bin/env python3
"""Exit 0 when the dashboard in this container answers Streamlit's health check, 1 otherwise.

The image's HEALTHCHECK and the Deployment's liveness probe run it as one word,
`dashboard-healthcheck`: podman kube play joins an exec probe's words for a shell, so a
`python -c "..."` probe would break there. Standard library only; honours
$STREAMLIT_SERVER_BASE_URL_PATH, as Streamlit does.
"""

import os
import sys
import urllib.request

PORT = 8501  # deploy/Dockerfile's EXPOSE and CMD


def health_url() -> str:
    """Return the health check's URL on this container's loopback."""
    base = os.environ.get("STREAMLIT_SERVER_BASE_URL_PATH", "").strip("/")
    return f"http://127.0.0.1:{PORT}{'/' + base if base else ''}/_stcore/health"


def main() -> int:
    url = health_url()
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return 0 if r.status == 200 else 1
    except OSError as err:
        print(f"unhealthy: {url}: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
