"""Pure domain: entities, value objects and rules. Imports neither streamlit nor duckdb."""
