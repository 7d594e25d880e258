"""The code's shape, as a newcomer relies on it: lib/'s layers (base, model, ingest, charts,
export, ui) import downwards only, no import cycle (type-only imports included), tests stay
tests, and no function in lib/ runs past 100 lines. Only the UI imports Streamlit:
tests/base/test_internals.py."""

from __future__ import annotations

import ast
from pathlib import Path

from lib.base.schema import ROOT

PACKAGES = ("lib", "bench", "deploy", "devtools", "pages", "scripts")
MAX_LINES = 100


def _modules() -> dict[str, Path]:
    """Return every module of ours outside tests/: dotted name → path."""
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    out["dashboard"] = ROOT / "dashboard.py"
    return out


def _type_only(tree: ast.Module) -> set[int]:
    """Return the ids of the import nodes under `if TYPE_CHECKING:` (annotations only: they
    never run, so they make no cycle)."""
    guarded = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            guarded |= {id(n) for child in node.body for n in ast.walk(child)}
    return guarded


def _imports(path: Path, with_type_only: bool = True) -> set[str]:
    """Return every module a file imports, at the top or inside a function, and those under
    `if TYPE_CHECKING:` unless `with_type_only` is False."""
    found = set()
    tree = ast.parse(path.read_text())
    skip = set() if with_type_only else _type_only(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: {m for m in _imports(path) if m in modules} - {name} for name, path in modules.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the import cycles of `graph` (one path per strongly connected component)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_not_even_type_only():
    assert _cycles(_graph()) == []


# lib/'s layers, lowest first: a package imports its own modules and those of the packages
# listed for it, never one above it. The UI alone imports streamlit; nothing imports the UI
# but the pages (pages/, dashboard.py) and the benches that drive them (bench/).
LAYERS = {
    "base": set(),
    "model": {"base"},
    "ingest": {"base", "model"},
    "charts": {"base", "model"},
    "export": {"base", "model", "charts"},
    "ui": {"base", "model", "ingest", "charts", "export"},
}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "lib" and len(parts) > 1 else None


def _against_the_arrows(graph: dict[str, set[str]]) -> list[str]:
    """Return each import of `graph` that points up or across lib/'s layers, or into the UI
    from outside pages/."""
    wrong = []
    for name, targets in sorted(graph.items()):
        here = _layer(name)
        for target in sorted(targets):
            there = _layer(target)
            if there is None or there == here:
                continue
            if here is None:
                ok = there != "ui" or name == "dashboard" or name.startswith(("pages.", "bench."))
            else:
                ok = there in LAYERS[here]
            if not ok:
                wrong.append(f"{name} → {target}")
    return wrong


def test_every_module_of_lib_is_in_a_layer():
    loose = [n for n in _modules() if n.startswith("lib.") and _layer(n) not in LAYERS]
    assert loose == []


def test_imports_follow_the_layers_type_only_included():
    assert _against_the_arrows(_graph()) == []


def test_the_layer_check_finds_an_arrow_pointing_up():
    graph = {
        "lib.model.bundle": {"lib.charts.sankey", "lib.base.fmt"},
        "devtools.server": {"lib.ui.cache"},
        "pages.map": {"lib.ui.page"},
    }
    assert _against_the_arrows(graph) == [
        "devtools.server → lib.ui.cache",
        "lib.model.bundle → lib.charts.sankey",
    ]


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_nothing_outside_tests_imports_tests():
    offenders = [
        f"{name} imports {m}"
        for name, path in _modules().items()
        for m in _imports(path)
        if m == "tests" or m.startswith("tests.")
    ]
    assert offenders == []


def test_no_function_in_lib_runs_past_100_lines():
    long = []
    for path in (ROOT / "lib").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines})")
    assert long == []


def test_no_test_imports_another_test_module():
    """Shared helpers live in tests/helpers.py and tests/e2e/helpers.py (fixtures in
    conftest.py, which pytest loads): a test module is never imported for its helpers."""
    offenders = []
    for path in (ROOT / "tests").rglob("*.py"):
        for module in _imports(path):
            last = module.split(".")[-1]
            if module.startswith("tests.") and (last.startswith("test_") or last == "conftest"):
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_tests_mirror_the_source():
    """tests/<package>/ holds the tests of lib/<package>/ (test_<module>.py, or named after the
    behaviour it checks across modules), tests/pages/ the AppTest of every page, tests/e2e/ the
    browser's; what spans the project (architecture, docs, benches, deployment) is in tests/."""
    folders = {p.name for p in (ROOT / "tests").iterdir() if (p / "__init__.py").exists()}
    packages = {p.name for p in (ROOT / "lib").iterdir() if (p / "__init__.py").exists()}
    assert folders - {"e2e", "pages"} == packages
