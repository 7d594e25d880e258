"""The URL parameters' registry (lib/base/params.py): a view's link keeps every parameter of
its page and nothing else, and no page reads a parameter the registry does not know (so a
new filter cannot be left out of the share link, the embed or the QR code)."""

from __future__ import annotations

import ast

from lib.base.params import PAGE_SLUGS, PARAMS, names_of, view_query
from lib.base.schema import ROOT


def test_a_pages_view_keeps_its_own_parameters_in_link_order():
    query = {
        "q": "accredit",
        "country": ["CHL", "PER"],
        "lang": "es",
        "crisis": ["venezuela"],
        "origin": "VEN",  # /trends' parameter: not the action explorer's
        "utm_source": "mail",  # not ours
        "theme": [],
        "scope": [""],
    }
    assert view_query("actions", query) == {
        "crisis": ["venezuela"],
        "lang": ["es"],
        "country": ["CHL", "PER"],
        "q": ["accredit"],
    }
    assert view_query("trends", query) == {
        "crisis": ["venezuela"],
        "lang": ["es"],
        "origin": ["VEN"],
    }


def test_the_speaker_notes_stay_the_presenters_own():
    query = {"crisis": "haiti", "slide": "3", "notes": "1"}
    assert view_query("present", query) == {"crisis": ["haiti"], "slide": ["3"]}
    assert view_query("present", query, shared=False)["notes"] == ["1"]


def test_every_parameter_belongs_to_a_page_and_every_page_has_the_views_basics():
    for param in PARAMS.values():
        assert param.pages and set(param.pages) <= set(PAGE_SLUGS), param.name
        assert param.holds
    for page in PAGE_SLUGS:
        assert names_of(page)[:4] == ("crisis", "lang", "indicator", "year")


# --------------------------------------------------------------------------- what the code reads

READERS = {"select", "multiselect", "text", "bind_url", "forget_if", "last_in_link", "last_value"}


def _constants(tree: ast.Module) -> dict[str, str]:
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value.value, str)
    } | {
        elt.id: value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Tuple)
        and isinstance(node.value, ast.Tuple)
        for elt, value in zip(node.targets[0].elts, node.value.elts, strict=False)
        if isinstance(elt, ast.Name) and isinstance(value, ast.Constant)
    }


def read_params(source: str) -> set[str]:
    """Return the URL parameters a module reads or writes: the first argument of lib.ui.url's
    readers, and the keys of st.query_params (module constants resolved)."""
    tree = ast.parse(source)
    names = _constants(tree)
    found: set[str] = set()

    def value(node: ast.AST) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return names.get(node.id)
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            on_query = isinstance(func, ast.Attribute) and ast.unparse(func.value).endswith(
                "query_params"
            )
            reader = name in READERS or (on_query and name in {"get", "get_all"})
            if reader and (param := value(node.args[0])) is not None:
                found.add(param)
        query = isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("query_params")
        if query and (param := value(node.slice)) is not None:
            found.add(param)
        if isinstance(node, ast.Tuple) and node.elts and all(_is_row(e) for e in node.elts):
            found |= {e.elts[0].value for e in node.elts}  # a table of (parameter, …) rows
    return found


def _is_row(node: ast.AST) -> bool:
    """A row of a table of filters read in a loop: (parameter, choices, label, …)."""
    return (
        isinstance(node, ast.Tuple)
        and len(node.elts) >= 3
        and isinstance(node.elts[0], ast.Constant)
        and isinstance(node.elts[0].value, str)
        and isinstance(node.elts[2], ast.Call)  # its label, translated
    )


def test_the_scan_finds_a_parameter_read_in_each_way():
    source = (
        'NAME = "dir"\n'
        'url.select("top", [], "", "", [])\n'
        "url.bind_url(NAME, 1, 1, print)\n"
        'st.query_params.get_all("origin")\n'
        'st.query_params["slide"] = "1"\n'
        'filters = (("scope", SCOPES, t("Scope"), t), ("org", ORGS, t("Organisation"), str))\n'
    )
    assert read_params(source) == {"top", "dir", "origin", "slide", "scope", "org"}


def test_no_page_reads_a_parameter_the_registry_does_not_know():
    files = [*sorted((ROOT / "lib" / "ui").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]
    files.append(ROOT / "dashboard.py")
    read = {p.name: read_params(p.read_text(encoding="utf-8")) for p in files}
    # ?chart= is /embed's own (which chart), never a view's
    unknown = {name: sorted(params - set(PARAMS) - {"chart"}) for name, params in read.items()}
    assert {k: v for k, v in unknown.items() if v} == {}
    assert set().union(*read.values()) >= set(PARAMS)  # and every entry is read somewhere
