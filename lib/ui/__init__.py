"""The Streamlit side of the dashboard: the only package that imports streamlit.

One module per job; pages import the modules they use (`from lib.ui import cache, url`):

- `cache`: the data folder, loading keyed on the files' content, and memoised views;
- `url`: the one binder between a URL parameter and a widget, and unknown-value notices;
- `page`: the shared page set-up and sidebar (`page.setup()`), notices, the phone hint;
- `tables`: a chart's table one click away, and the chart in words;
- `downloads`: chart, table, briefing-pack, slides and handout downloads;
- `upload_panel`: the sidebar's "Your data";
- `presenter`: /present's set-up, slide number and controls;
- `css`: focus rings and the presenter mode's look;
- `internals`: every reliance on Streamlit's internals, checked against the installed version.

This file imports nothing, so `lib.base.internals` can be read without importing Streamlit.
"""
