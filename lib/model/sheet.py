"""What every chart, page and download says about the one source: its name, its date and what
its figures count.

The sheet carries no date of publication. Its own words date it: the SICA regional social
policy is "to be approved at the Ordinary Meeting of the SICA Region Heads of State and
Government (June 2020)", a meeting still to come, so its figures are from about 2020. They are
stocks: people living abroad at that time (Venezuelans "have emigrated", Colombia has "migrants in
its territory"), not movements per year.
"""

from __future__ import annotations

from lib.base.i18n import translate

# The sheet's words that date it (checked to stand in data/sheet.txt).
DATE_EVIDENCE = (
    "to be approved at the Ordinary Meeting of the SICA Region Heads of State and Government "
    "(June 2020)"
)
TITLE = "Migration, social cohesion and public policies in the EUROsociAL+ Programme"


def sheet_name(lang: str = "en") -> str:
    """Return the source document's name as cited in a language (its title stays as published)."""
    return translate(lang, "EUROsociAL+ migration sheet, “{title}”", title=TITLE)


def date_note(lang: str = "en") -> str:
    """Return the sentence that dates the figures, with the sheet's evidence for the date."""
    return translate(
        lang,
        "The figures are the sheet's, from about 2020: it names a meeting of June 2020 as still "
        "to come.",
    )


def stock_note(lang: str = "en") -> str:
    """Return the sentence that says what a figure counts: people living somewhere, not a yearly
    flow."""
    return translate(
        lang,
        "Figures: people living abroad at the time of the sheet (about 2020), not movements per "
        "year.",
    )


def source_sentence(lang: str = "en") -> str:
    """Return the first line of every chart's source line: the sheet, its date and the evidence."""
    return translate(
        lang,
        "Source: {sheet}, from about 2020 (it names a meeting of June 2020 as still to come).",
        sheet=sheet_name(lang),
    )


def about_these_data(lang: str = "en", figures: bool = False) -> str:
    """Return the cell every downloaded table carries in its 'about these data' column: the
    source and its date, and, for a table with figures, what they count."""
    return source_sentence(lang) + (" " + stock_note(lang) if figures else "")
