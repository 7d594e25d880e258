"""The indicator and year a view shows (TimeChoice): named once, read by every chart and
source line built from the view."""

from __future__ import annotations

from dataclasses import dataclass

from lib.base.schema import SHEET_INDICATOR


@dataclass(frozen=True)
class TimeChoice:
    """The indicator and year a view shows, and what it could show instead."""

    indicator: str
    year: int
    indicators: tuple[str, ...]  # with rows in this view, in display order
    years: tuple[int, ...]  # with rows for `indicator`, oldest first
    # The largest figure of the indicator in any year and crisis: the map's widest flow, so
    # widths compare across years and crises (growth shows when the year changes).
    largest: float = 0.0
    # The datasets of the rows shown, most rows first: named once by `at`, read by every
    # source line (counting them on every run of a page cost a tenth of its time).
    sources: tuple[str, ...] = ()
    # Where two datasets give figures for the same origin and destination: the one asked for
    # (?dataset=), and, once `at` has chosen, the rivals with the shown one first.
    dataset: str | None = None
    rivals: tuple[str, ...] = ()

    @property
    def has_choice(self) -> bool:
        """Return True when there is more than one indicator or year to choose from."""
        return len(self.indicators) > 1 or len(self.years) > 1

    @property
    def is_sheet(self) -> bool:
        """Return True when the view shows the sheet's own figures (about 2020)."""
        return self.indicator == SHEET_INDICATOR
