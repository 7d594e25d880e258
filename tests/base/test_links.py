"""lib/base/links.py: the link a reader gets in a pack is the public one, behind a proxy too."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.base.links import public_base_url
from lib.export import pack as export

# What nginx (deploy/nginx.conf) sends a replica for https://data.example.org/dashboard/map
PROXIED = {
    "Host": "127.0.0.1:8601",
    "X-Forwarded-Host": "data.example.org",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": "203.0.113.7",
}


def test_behind_the_proxy_the_link_is_the_public_address_never_localhost():
    base = public_base_url(PROXIED, "http://127.0.0.1:8601/map", "")
    assert base == "https://data.example.org"
    assert export.view_link(base, "map", "haiti", "es") == (
        "https://data.example.org/map?crisis=haiti&lang=es"
    )


@pytest.mark.parametrize("base_path", ["dashboard", "/dashboard/", "dashboard/"])
def test_under_a_path_prefix_the_link_keeps_the_prefix(base_path):
    base = public_base_url(PROXIED, None, base_path)
    assert export.view_link(base, "corridors", "venezuela") == (
        "https://data.example.org/dashboard/corridors?crisis=venezuela"
    )
    assert export.view_link(base, "", None) == "https://data.example.org/dashboard/"


def test_a_prefix_the_proxy_strips_comes_from_x_forwarded_prefix():
    headers = {**PROXIED, "X-Forwarded-Prefix": "/migration"}
    assert public_base_url(headers, None, "") == "https://data.example.org/migration"


def test_a_chain_of_proxies_gives_the_first_the_reader_reached():
    headers = {
        "x-forwarded-host": "data.example.org, edge.internal",
        "x-forwarded-proto": "https, http",
    }
    assert public_base_url(headers, None, "") == "https://data.example.org"


def test_rfc_7239_forwarded_header():
    headers = {"Forwarded": 'for=203.0.113.7;proto=https;host="data.example.org:8443"'}
    assert public_base_url(headers, None, "") == "https://data.example.org:8443"


def test_without_a_proxy_the_browser_address_is_used_with_the_prefix():
    url = "http://192.168.1.20:8501/dashboard/map"
    assert public_base_url({}, url, "dashboard") == "http://192.168.1.20:8501/dashboard"


def test_without_browser_or_proxy_the_host_header_then_localhost():
    assert public_base_url({"Host": "office-pc:8501"}, None) == "http://office-pc:8501"
    assert public_base_url({}, None) == "http://localhost:8501"
    assert public_base_url(None, None, "dashboard") == "http://localhost:8501/dashboard"


@pytest.mark.parametrize(
    "host",
    ["evil.example/<script>", "a b", "data.example.org/../x", "javascript:alert(1)"],
)
def test_a_forged_host_is_never_copied_into_a_link(host):
    headers = {"X-Forwarded-Host": host, "X-Forwarded-Proto": "https"}
    assert public_base_url(headers, None) == "http://localhost:8501"


def test_a_forged_scheme_or_prefix_is_dropped():
    headers = {
        "X-Forwarded-Host": "data.example.org",
        "X-Forwarded-Proto": "javascript",
        "X-Forwarded-Prefix": "/../etc",
    }
    assert public_base_url(headers, None) == "http://data.example.org"


def test_link_txt_in_the_pack_is_the_public_link(monkeypatch):
    from lib.model.bundle import load_bundle

    base = public_base_url(PROXIED, None, "dashboard")
    files, _ = export.briefing_pack(
        load_bundle(), "venezuela", "en", base, dt.date(2026, 1, 2), images=False
    )
    assert files["LINK.txt"].decode() == ("https://data.example.org/dashboard/?crisis=venezuela\n")
    assert "https://data.example.org/dashboard/?crisis=venezuela" in files["SOURCES.md"].decode()
    assert "localhost" not in files["LINK.txt"].decode()
