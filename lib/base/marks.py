"""Marks for interface strings defined away from where they are shown.

`N_("reported")` returns its argument unchanged; it only tells the extractor
(`scripts/i18n_extract.sh`, keyword N_) that the string is interface text, so it reaches the
catalogues. The string is translated where it is shown, by lib.base.i18n's translator: t(status).
This module imports nothing, so the schema can mark its vocabularies without a cycle.
"""

from __future__ import annotations


def N_(msgid: str) -> str:
    """Mark a string for translation where it is defined; it is translated where shown."""
    return msgid
