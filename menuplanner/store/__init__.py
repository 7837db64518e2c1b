"""Adapters that implement menuplanner.ports: DuckDB for real use, memory for tests."""
