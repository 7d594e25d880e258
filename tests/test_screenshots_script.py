"""scripts/screenshots.py's command line: a name no shot starts with, or an unknown flag, is
refused with a message and exit code 2, before any server or browser starts."""

from __future__ import annotations

import subprocess
import sys

from lib.base.schema import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_name_no_shot_starts_with_exits_2():
    done = run("--only", "nothing_like_this")
    assert done.returncode == 2
    assert "screenshots: no shot's name starts with 'nothing_like_this'" in done.stderr


def test_an_unknown_flag_exits_2():
    done = run("--every")
    assert done.returncode == 2 and "unrecognized arguments: --every" in done.stderr
