"""The Streamlit side of the dashboard: the only package that imports streamlit.

One module per job; pages import the modules they use (`from lib.ui import cache, url`):

- `cache`: the data folder, loading keyed on the files' content, and memoised views;
- `url`: the one binder between a URL parameter and a widget, and unknown-value notices;
- `page`: the shared page set-up and sidebar (`page.setup()`), notices, the phone hint;
- `tables`: a chart's table one click away, and the chart in words;
- `downloads`: chart, table, briefing-pack, slides and handout downloads;
- `upload_panel`: the sidebar's "Your data";
- `presenter`: /present's set-up, slide number and controls;
- `css`: focus rings, the presenter mode's and /embed's look, the map's background;
- `timebar`: the year and indicator bar;
- `map_controls`: the map's country, direction, extent and comparison controls;
- `figures`: a chart drawn with its titles as page text;
- `charts`: a registry chart on its page (figure, words, table, downloads) in one call;
- `share`: the link to a view, the embed code, the presenter's QR code;
- `embed`: /embed's set-up and drawing, from the chart registry.

Streamlit's internal names (test ids, protobuf messages) are in `lib.base.internals`, which
every layer may read without importing Streamlit.
"""
