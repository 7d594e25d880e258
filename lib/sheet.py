"""What every chart, page and download says about the one source: its name and its date.

The sheet carries no date of publication. Its own words date it: the SICA regional social
policy is "to be approved at the Ordinary Meeting of the SICA Region Heads of State and
Government (June 2020)", a meeting still to come, so its figures are from about 2020.
"""

from __future__ import annotations

from lib.i18n import translate

# The sheet's words that date it (checked to stand in data/sheet.txt).
DATE_EVIDENCE = "to be approved at the Ordinary Meeting of the SICA Region Heads of State and Government (June 2020)"
TITLE = "Migration, social cohesion and public policies in the EUROsociAL+ Programme"


def sheet_name(lang: str = "en") -> str:
    """Return the source document's name as cited in a language (its title stays as published)."""
    return translate(lang, "EUROsociAL+ migration sheet, “{title}”", title=TITLE)


def date_note(lang: str = "en") -> str:
    """Return the sentence that dates the figures, with the sheet's evidence for the date."""
    return translate(lang, "The figures are the sheet's, from about 2020: it names a meeting of June 2020 as still to come.")


def source_sentence(lang: str = "en") -> str:
    """Return the first line of every chart's source line: the sheet, its date and the evidence."""
    return translate(lang, "Source: {sheet}, from about 2020 (it names a meeting of June 2020 as still to come).",
                     sheet=sheet_name(lang))


def about_these_data(lang: str = "en") -> str:
    """Return the cell every downloaded table carries in its 'about these data' column: the
    source and its date."""
    return source_sentence(lang)
