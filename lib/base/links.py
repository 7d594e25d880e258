"""The public address of the dashboard, and the links built on it: a view's link, the
address of /embed and the <iframe> snippet that embeds a chart (all pure).

The public address is for links written into downloads (packs, LINK.txt, QR codes) and shared.

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
from collections.abc import Mapping, Sequence
from html import escape
from typing import Final
from urllib.parse import urlencode, urlsplit

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


# --------------------------------------------------------------------------- views and embeds

# The parameters that carry a view from page to page and into an embed, in link order. The
# lead's year and indicator join them here; /embed passes them all to the full view's link.
VIEW_PARAMS: Final = ("crisis", "lang", "year", "indicator")
DEFAULT_LANG: Final = "en"

EMBED_PAGE: Final = "embed"


def view_params(crisis: str | None, lang: str, **more: str | None) -> dict[str, str]:
    """Return the query parameters of a view, in VIEW_PARAMS order: the crisis (none: all
    crises), the language unless English, and `more` (year, indicator…) when given."""
    given = {"crisis": crisis, "lang": None if lang == DEFAULT_LANG else lang, **more}
    ordered = [*VIEW_PARAMS, *(k for k in given if k not in VIEW_PARAMS)]
    return {k: str(given[k]) for k in ordered if given.get(k) not in (None, "")}


def page_url(base_url: str, page: str, params: Mapping[str, str | Sequence[str]]) -> str:
    """Return the address of a page with its query parameters (a list repeats one:
    ?country=CHL&country=PER); `page` "" is the overview."""
    pairs = [
        (key, value)
        for key, values in params.items()
        for value in ([values] if isinstance(values, str) else values)
    ]
    query = urlencode(pairs)
    return f"{base_url.rstrip('/')}/{page.strip('/')}" + (f"?{query}" if query else "")


def present_link(base_url: str, crisis: str, lang: str, **more: str) -> str:
    """Return the link of a crisis's presenter mode: what the first slide's QR code opens
    (`more`: the indicator and year, when not the sheet's)."""
    return page_url(base_url, "present", view_params(crisis, lang, **more))


def embed_url(base_url: str, chart: str, params: Mapping[str, str]) -> str:
    """Return the address of /embed showing one chart of a view."""
    return page_url(base_url, EMBED_PAGE, {"chart": chart, **params})


def iframe_snippet(src: str, title: str, height: int) -> str:
    """Return the HTML a site pastes to embed a chart: an <iframe> as wide as its column,
    `height` pixels high, titled for screen readers, loaded when scrolled near."""
    return (
        f'<iframe src="{escape(src, quote=True)}" width="100%" height="{int(height)}" '
        f'title="{escape(title, quote=True)}" loading="lazy" style="border:0"></iframe>'
    )
