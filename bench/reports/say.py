"""How results.md says a figure against its target, shared by every part."""

from __future__ import annotations

from lib.base.schema import PAGE_SCRIPTS

PAGES = list(PAGE_SCRIPTS)


def met(ok: bool, by: str) -> str:
    return f"yes ({by} to spare)" if ok else f"**no** ({by} over)"


def yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def scaled(runs: list[dict]) -> list[str]:
    """Return the pages a scale run measured, in menu order (an older run may lack a page
    added since: it is shown as measured)."""
    measured = {p for r in runs if "pages" in r for p in r["pages"]}
    return [p for p in PAGES if p in measured]
