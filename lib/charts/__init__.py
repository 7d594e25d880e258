"""One module per chart kind with its layout helpers, the words of every chart, and the
registry of charts (lib.charts.registry). Imports lib.model and lib.base."""
