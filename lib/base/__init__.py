"""What every layer shares: column names and paths, interface strings and languages, numbers,
colours, links and Streamlit's names. Imports nothing else of ours (docs/architecture.md)."""
