"""Tools for developing the dashboard, shared by tests/, bench/ and scripts/ (never by the app):

- `server`: start a real `streamlit run` server on a free port and wait until it is healthy;
- `browser`: find and launch the Chromium to drive, and the console noise that is harmless.
"""
