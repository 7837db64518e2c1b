"""DatasetStore over DuckDB: the SQL dataset store (store/sql/datasets.py), each operation on a
cursor of its own, writing imports with dataset_writer.py."""

from __future__ import annotations

import duckdb

from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.store.duckdb.dataset_writer import FIRST_IMPORTED_FOOD_ID, write_import
from menuplanner.store.duckdb.sql import DuckDBSql
from menuplanner.store.sql.datasets import BUNDLED_DATASET_ID, SqlDatasetStore

__all__ = ["BUNDLED_DATASET_ID", "FIRST_IMPORTED_FOOD_ID", "DuckDBDatasetStore"]


class DuckDBDatasetStore(SqlDatasetStore):
    def __init__(self, conn: duckdb.DuckDBPyConnection, workspace: str = LOCAL_WORKSPACE) -> None:
        super().__init__(lambda: DuckDBSql(conn.cursor()), workspace, write_import)
