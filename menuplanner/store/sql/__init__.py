"""The SQL the DuckDB and PostgreSQL stores share (see dialect.py)."""
