"""The data: a data folder loaded and checked, selections, a view's indicator and year, what
a view says of its source, figures over time. Imports lib.base only."""
