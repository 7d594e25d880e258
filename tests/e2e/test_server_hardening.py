"""What the server refuses: an upload without the XSRF token; what it hides: error details."""

from __future__ import annotations

import shutil
import tomllib
import urllib.error
import urllib.request

from playwright.sync_api import expect

from devtools.server import start_server
from lib import ingest
from lib.base.schema import ROOT
from lib.ingest import upload


def test_an_upload_without_the_xsrf_token_is_refused(server):
    body = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n\r\n'
        b"flow_id\r\n--b--\r\n"
    )
    req = urllib.request.Request(
        server.url + "/_stcore/upload_file/some-session/some-file",
        data=body,
        method="PUT",
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    try:
        urllib.request.urlopen(req, timeout=10)
        status, text = 200, ""
    except urllib.error.HTTPError as err:
        status, text = err.code, err.read().decode()
    assert status == 403
    assert "XSRF token missing or invalid" in text


def test_config_hides_error_details_and_keeps_the_hardening():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableXsrfProtection"] is True
    # a published dataset (lib.ingest.MAX_BYTES) fits; the plain upload keeps its own limit
    assert config["server"]["maxUploadSize"] == 30
    assert config["server"]["maxUploadSize"] * 1_000_000 == ingest.MAX_BYTES > upload.MAX_BYTES
    assert config["browser"]["gatherUsageStats"] is False


def test_an_internal_error_shows_a_friendly_message_without_a_traceback(tmp_path, browser):
    """A page that raises, run by a real server with our config: the viewer sees no traceback."""
    app = tmp_path / "app"
    (app / ".streamlit").mkdir(parents=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", app / ".streamlit" / "config.toml")
    (app / "boom.py").write_text(
        "import streamlit as st\n"
        "st.title('Before the error')\n"
        "raise RuntimeError('secret detail /etc/passwd')\n"
    )
    server = start_server(script="boom.py", cwd=app)
    try:
        context = browser.new_context()
        pg = context.new_page()
        pg.goto(server.url + "/")
        expect(pg.get_by_text("Before the error")).to_be_visible(timeout=45_000)
        expect(pg.get_by_test_id("stException")).to_be_visible()
        shown = pg.get_by_test_id("stException").inner_text()
        context.close()
    finally:
        server.stop()
    assert "secret detail" not in shown and "Traceback" not in shown and "/etc/passwd" not in shown
    assert "This app has encountered an error" in shown
