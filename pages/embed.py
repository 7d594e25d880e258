"""Embed (/embed): one chart alone, for another site's iframe, with its title, source line,
the chart in words and a link to its full view.

?chart= one of lib.charts.registry.CHARTS (map, nested, corridors, actions, trend) with the
pages' ?crisis= and ?lang=; an unknown chart gives a notice and the map. Not in the menu;
works with Streamlit's own ?embed=true.
"""

from lib.base.links import view_params
from lib.model.timeline import link_params
from lib.ui import embed, page

ctx, chart, notices = embed.setup()
page.show_notices(notices)
embed.draw(ctx, chart)
# Every parameter of the view, in one place: the full view's link carries them all.
embed.open_in_dashboard(ctx, chart, view_params(ctx.crisis, ctx.lang, **link_params(ctx.data.time)))
