"""Application services: what pages, the CLI and notebooks call. No streamlit here."""
