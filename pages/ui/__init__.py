"""App-side helpers shared by pages: Streamlit caching, session keys and small components.
Everything Streamlit-specific lives here, not in menuplanner/."""
