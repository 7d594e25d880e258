"""Embed (/embed): one chart alone, for another site's iframe, with its title, source line,
the chart in words, its table and a link to its full view.

?chart= one of lib.charts.registry.CHARTS (map, nested, corridors, actions, trend) with the
parameters of the chart's page (lib.base.params: ?crisis=, ?lang=, the map's ?country=, the
actions' filters, ?origin=…); an unknown chart gives a notice and the map. Not in the menu;
works with Streamlit's own ?embed=true.
"""

from lib.ui import embed

ctx, chart, notices = embed.setup()
embed.draw(ctx, chart, notices)
embed.open_in_dashboard(ctx, chart)
