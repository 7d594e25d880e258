"""Every page rendered in Spanish and in Portuguese, every table and tab opened: no interface
string is left in English.

Two checks, because an English string can be left two ways:
- a marked string whose translation was not used (a t() the extractor cannot see, a string
  shown without t()): no English msgid that has a different translation may appear;
- a string never marked at all (a column header written in the code): every label a
  reader sees (headers, widget labels and choices, buttons, tabs, table headers, chart and
  axis titles) must differ from the same page rendered in English, unless it is a name
  (places, crises, organisations, languages), a code, a number, or one of the few words
  that are the same in both languages.

The stated exception is the sheet's own words: quotes, section names, the effects table's
text and the reading notes stay in English, and are not labels.
"""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from lib.base.i18n import LOCALE_DIR
from lib.base.languages import LANGS
from lib.base.schema import EMBED_SCRIPT, PAGE_SCRIPTS, PRESENT_SCRIPT, ROOT
from lib.model.bundle import load_bundle
from lib.model.localise import localized

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Words written the same in English and in Spanish or Portuguese, and names of formats.
SAME = {
    "PNG",
    "SVG",
    "CSV",
    "HTML",
    "ZIP",
    "PDF",
    "PPTX",
    "EUROsociAL+",
    "Language · Idioma",
    "English",
    "Español",
    "Português",
    "—",
    "SVG, 1920 px",
    "PNG, 1920 px",
    # the presenter's keys, named as on the keyboard (their buttons are hidden)
    "Space",
    "PageDown",
    "PageUp",
}
# Words that are the same in English and in one of the languages.
SAME_IN = {
    "es": {"Crisis", "crisis", "via", "regional"},
    "pt": {"Item", "Slides (PPTX)", "via", "regional"},
}


def open_all(page: str, lang: str, crisis: str, **params: str) -> list[AppTest]:
    """Return the page's runs with every expander opened, one run per tab."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if page != "dashboard.py":
        at.run()
        at.switch_page(page)
    at.query_params["crisis"] = crisis
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    for _ in range(2):  # an expander opened can show more expanders
        for box in at.main.expander:
            at.session_state[box.proto.id.split("-", 2)[2]] = True
        at.run()
    runs = [at]
    tabs = at.get("tab")
    for tab in tabs[1:]:
        at.session_state["corridors_tab"] = tab.label
        at.run()
        for box in at.main.expander:
            at.session_state[box.proto.id.split("-", 2)[2]] = True
        runs.append(at.run())
    return runs


def _plotly_labels(spec: dict) -> list[str]:
    layout = spec.get("layout", {})
    out = [
        (layout.get("title") or {}).get("text", ""),
        ((layout.get("title") or {}).get("subtitle") or {}).get("text", ""),
        ((layout.get("legend") or {}).get("title") or {}).get("text", ""),
    ]
    for axis in ("xaxis", "yaxis"):
        out.append(((layout.get(axis) or {}).get("title") or {}).get("text", ""))
    out += [trace.get("name", "") for trace in spec.get("data", [])]
    return [text for text in out if text]


def labels(at: AppTest) -> list[str]:
    """Return what a reader sees as interface labels on the page."""
    out = [e.value for kind in ("title", "header", "subheader") for e in getattr(at, kind)]
    for kind in ("selectbox", "multiselect", "text_input", "radio"):
        for widget in getattr(at, kind):
            out.append(widget.label)
            out += [str(o) for o in getattr(widget.proto, "options", [])]
    out += [b.proto.label for b in at.get("button")]
    out += [b.proto.label for b in at.get("download_button")]
    out += [link.proto.label for link in at.get("page_link")]
    out += [box.label for box in at.expander]
    out += [tab.label for tab in at.get("tab")]
    out += [m.label for m in at.metric]
    for table in [*at.table, *at.dataframe]:
        out += [str(c) for c in table.value.columns]
    for chart in at.get("plotly_chart"):
        out += _plotly_labels(json.loads(chart.proto.spec))
    return [re.sub(r"\s+", " ", text).strip() for text in out if text and text.strip()]


def all_text(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning")
        for e in getattr(at, kind)
    ]
    parts += [e.value for e in at.get("text")]
    parts += labels(at)
    parts += [
        json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("plotly_chart")
    ]
    parts += [c.proto.alt for c in at.get("plotly_chart")]
    parts += [c.proto.alt for c in at.get("deck_gl_json_chart")]
    return "\n".join(parts)


def sheet_words() -> str:
    """Return the sheet's own words the dashboard quotes in English: its section names (in
    any case), quotes, the effects table and the reading notes."""
    bundle = load_bundle()
    cells = [
        *bundle.flows["source"],
        *bundle.flows["quote"],
        *bundle.actions["source"],
        *bundle.cases["source"],
        *bundle.cases["quote"],
        *bundle.effects["text"],
        *bundle.flows["note"].dropna(),
    ]
    return "\n".join(cells)


def english_chunks(lang: str) -> dict[str, str]:
    """Return chunk → msgid: the literal pieces (three words or more) of every English
    msgid whose translation into `lang` differs from it; pieces that are also the sheet's
    own words (a section name) are left out."""
    quoted = sheet_words().casefold()
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        cat = read_po(fh, locale=lang)
    chunks = {}
    for m in cat:
        if not m.id or not isinstance(m.id, str) or m.string == m.id:
            continue
        for piece in PLACEHOLDER.split(m.id):
            piece = piece.strip(" .,:;()“”")
            if len(piece.split()) >= 3 and piece.casefold() not in quoted:
                chunks[piece] = m.id
    return chunks


def names() -> set[str]:
    """Names a label may carry unchanged: places, crises, organisations, in any language."""
    bundle = load_bundle()
    out = set(SAME)
    for lang in LANGS:
        data = localized(bundle, lang)
        out |= set(data.places["name"]) | set(data.cases["name"])
    for cell in bundle.actions["organisations"].dropna():
        out |= {o.strip() for o in cell.split(";")}
    return out


NAMES = names()
CASES = [
    (page, lang) for page in (*PAGE_SCRIPTS, PRESENT_SCRIPT, EMBED_SCRIPT) for lang in ("es", "pt")
]


def _is_name_or_number(label: str) -> bool:
    bare = re.sub(r"[\d.,%:·→()\-– /]+", " ", label).strip()
    return not bare or label in NAMES or all(part.strip() in NAMES for part in label.split(":"))


@pytest.mark.parametrize("page, lang", CASES)
def test_no_interface_string_is_left_in_english(page, lang):
    _no_english(page, lang)


# The pages with a year, an indicator, then and now and the over-time chart: on a data folder
# with UN DESA's and UNHCR's figures.
TIMED = [
    "dashboard.py",
    "pages/map.py",
    "pages/corridors.py",
    "pages/trends.py",
    "pages/sources.py",
]


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("page", TIMED)
def test_no_english_with_years_and_indicators(page, lang, timed_data, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA", str(timed_data))
    _no_english(page, lang, indicator="undesa_stock", year="2010")
    if page == "dashboard.py":  # the sheet's cards, with the newest figure beside them
        _no_english(page, lang)


def _no_english(page: str, lang: str, **params: str) -> None:
    runs = open_all(page, lang, "venezuela", **params)
    english = open_all(page, "en", "venezuela", **params)
    for at in runs:
        assert not at.exception, at.exception
    text = "\n".join(all_text(at) for at in runs)
    # 1. no marked English string shown where its translation should be
    left = sorted({msgid for chunk, msgid in english_chunks(lang).items() if chunk in text})
    assert left == [], left
    # 2. no label the same as in English, unless a name, a code or a number
    in_english = {label for at in english for label in labels(at)}
    shown = {label for at in runs for label in labels(at)}
    same = sorted(
        label
        for label in shown & in_english
        if not _is_name_or_number(label) and label not in SAME_IN[lang]
    )
    assert same == [], same
