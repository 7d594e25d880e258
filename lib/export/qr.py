"""The QR code of a view's link, for a room's phones: on /present's first slide, the PPTX's
first slide and the handout's cover, always with the link printed under it.

segno (pure Python, no image library needed for SVG) makes the code; error correction M
(15 % of the code may be lost) survives a projector's glare and a printer's grey. The quiet
zone (four modules of white around the code) is part of every output, as scanners need it.
"""

from __future__ import annotations

import io

import segno

ERROR = "m"
BORDER = 4  # modules of white around the code (the standard's quiet zone)


def qr_code(link: str) -> segno.QRCode:
    """Return the QR code of `link` (the smallest version that holds it, error level M)."""
    return segno.make_qr(link, error=ERROR, boost_error=False)


def qr_png(link: str, scale: int = 10) -> bytes:
    """Return the QR code of `link` as a black-on-white PNG, `scale` pixels per module."""
    out = io.BytesIO()
    qr_code(link).save(out, kind="png", scale=scale, border=BORDER)
    return out.getvalue()


def qr_svg(link: str, title: str = "") -> str:
    """Return the QR code of `link` as an inline <svg> element (no XML prologue), drawn at
    one unit per module so CSS sizes it; `title` is what a screen reader says of it."""
    return qr_code(link).svg_inline(
        scale=1,
        border=BORDER,
        title=title or None,
        omitsize=True,
        svgclass="qr",
        lineclass=None,
        light="#fff",
    )
