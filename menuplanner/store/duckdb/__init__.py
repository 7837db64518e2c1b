"""DuckDB adapter: one database file holds the reference food data and the user data."""
