"""lib/base/internals.py: every reliance on Streamlit's internals holds for the installed
Streamlit, and the code that leans on them takes them from that one module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lib.base import internals
from lib.base.schema import ROOT
from lib.ui.css import FOCUS_CSS, PRESENT_CSS

NGINX = (ROOT / "deploy" / "nginx.conf").read_text()


def test_the_installed_streamlit_meets_every_reliance():
    problems = internals.installed_problems()
    assert problems == [], "\n".join(problems)


def test_a_moved_testid_is_named_in_the_message(monkeypatch):
    monkeypatch.setattr(internals, "TESTIDS", (*internals.TESTIDS, "stNoSuchElement"))
    problems = internals.installed_problems()
    assert len(problems) == 1 and "'stNoSuchElement'" in problems[0]
    assert "lib/ui/css.py" in problems[0]


def test_a_changed_inline_script_is_named_in_the_message(monkeypatch):
    monkeypatch.setattr(internals, "INLINE_SCRIPT_SHA256", "not-the-hash=")
    problems = internals.installed_problems()
    assert len(problems) == 1 and "deploy/nginx.conf" in problems[0]


def test_a_missing_proto_field_is_named_in_the_message(monkeypatch):
    messages = dict(internals.PROTO_MESSAGES)
    path = "streamlit.proto.BackMsg_pb2.BackMsg"
    messages[path] = (*messages[path], "no_such_field")
    monkeypatch.setattr(internals, "PROTO_MESSAGES", messages)
    assert internals.installed_problems() == [
        f"{path}.no_such_field: no such field any more; bench/session.py uses it"
    ]


def test_nginx_allows_exactly_the_named_inline_script():
    assert set(re.findall(r"'sha256-([^']+)'", NGINX)) == {internals.INLINE_SCRIPT_SHA256}


@pytest.mark.parametrize("css", [FOCUS_CSS, PRESENT_CSS], ids=["focus", "present"])
def test_every_testid_our_css_targets_is_a_named_one(css):
    targeted = set(re.findall(r'data-testid="([^"]+)"', css))
    assert targeted and targeted <= set(internals.TESTIDS)


def test_no_module_outside_the_internals_spells_a_testid_or_the_map_placeholder():
    """CSS and code take Streamlit's names from lib/base/internals.py, so an upgrade is fixed in
    one place."""
    offenders = []
    for path in [*ROOT.glob("lib/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"]:
        if path.name == "internals.py":
            continue
        text = path.read_text()
        if re.search(r"data-testid|__MAP_STYLE__|streamlit\.proto", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_only_the_ui_package_imports_streamlit():
    offenders = []
    for path in ROOT.glob("lib/**/*.py"):
        if Path("lib/ui") in path.relative_to(ROOT).parents:
            continue
        if re.search(r"^\s*(import streamlit|from streamlit)", path.read_text(), re.M):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
