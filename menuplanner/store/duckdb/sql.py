"""The shared SQL (store/sql/) on a DuckDB cursor."""

from __future__ import annotations

import contextlib

import duckdb

from menuplanner.store.sql.dialect import DUCKDB, Sql


class DuckDBSql(Sql):
    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        super().__init__(cursor, DUCKDB)

    def rollback(self) -> None:
        with contextlib.suppress(duckdb.Error):  # the failure may have ended it already
            super().rollback()
