"""Files going out: the briefing pack (python -m lib.export), PNG/SVG/HTML/CSV, slides, the
PPTX, the handout and QR codes. Imports lib.charts, lib.model and lib.base."""
