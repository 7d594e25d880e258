"""The public address of the dashboard, for links written into downloads (packs, LINK.txt).

Behind a reverse proxy the app sees `127.0.0.1:<port>`; the address a reader can open is the
one the proxy was asked for. It is read, in this order, from:

1. the proxy's headers: `X-Forwarded-Proto` / `X-Forwarded-Host` (first value of a list), or
   RFC 7239 `Forwarded: proto=…;host=…`, and `X-Forwarded-Prefix` for a path the proxy strips;
2. the browser's own address (`st.context.url`), which is what the reader typed;
3. the request's `Host` header;
4. `http://localhost:8501`, only when none of these exists (AppTest, the command line).

The path prefix is Streamlit's `server.baseUrlPath` (for example `dashboard`) unless the proxy
names one. Values that are not a plain host name or port are ignored, never copied into a link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

FALLBACK = "http://localhost:8501"
_HOST = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$")
_PREFIX = re.compile(r"^[A-Za-z0-9._~/-]*$")


def _first(value: str | None) -> str:
    """Return the first of a comma-separated header value (the client-facing proxy's), stripped."""
    return (value or "").split(",")[0].strip()


def _header(headers: Mapping[str, str], name: str) -> str:
    """Return a header's value whatever its case, or ''."""
    lowered = name.lower()
    return next((v for k, v in headers.items() if k.lower() == lowered), "")


def _forwarded(headers: Mapping[str, str]) -> tuple[str, str]:
    """Return (proto, host) from an RFC 7239 `Forwarded` header's first element."""
    proto = host = ""
    for pair in _first(_header(headers, "Forwarded")).split(";"):
        key, _, value = pair.partition("=")
        value = value.strip().strip('"')
        if key.strip().lower() == "proto":
            proto = value
        elif key.strip().lower() == "host":
            host = value
    return proto, host


def _clean_prefix(prefix: str) -> str:
    """Return '/a/b' for 'a/b/', '/a/b' or '/a/b/'; '' for none or an unsafe value."""
    prefix = prefix.strip().strip("/")
    return "/" + prefix if prefix and _PREFIX.match(prefix) and ".." not in prefix else ""


def public_base_url(
    headers: Mapping[str, str] | None, browser_url: str | None, base_path: str = ""
) -> str:
    """Return the dashboard's public address, with its path prefix and no trailing slash,
    e.g. `https://data.example.org/dashboard`."""
    headers = headers or {}
    fwd_proto, fwd_host = _forwarded(headers)
    proto = _first(_header(headers, "X-Forwarded-Proto")) or fwd_proto
    host = _first(_header(headers, "X-Forwarded-Host")) or fwd_host
    prefix = _clean_prefix(_first(_header(headers, "X-Forwarded-Prefix")) or base_path)
    if host and _HOST.match(host):
        scheme = proto.lower() if proto.lower() in ("http", "https") else "http"
        return f"{scheme}://{host}{prefix}"
    browser = urlsplit(browser_url or "")
    if browser.scheme in ("http", "https") and browser.netloc and _HOST.match(browser.netloc):
        return f"{browser.scheme}://{browser.netloc}{prefix}"
    host = _header(headers, "Host").strip()
    if host and _HOST.match(host):
        return f"http://{host}{prefix}"
    return FALLBACK + prefix
