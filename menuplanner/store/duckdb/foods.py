"""FoodCatalog over DuckDB: the SQL catalogue (store/sql/foods.py) on a DuckDB connection."""

from __future__ import annotations

import duckdb

from menuplanner.store.duckdb.sql import DuckDBSql
from menuplanner.store.sql.foods import (  # noqa: F401  (the catalogue's SQL, from here too)
    SEEN_BY,
    VISIBLE_DATASETS,
    VISIBLE_FOODS,
    VISIBLE_GROUPS,
    SqlFoodCatalog,
    wide_nutrients,
)


class DuckDBFoodCatalog(SqlFoodCatalog):
    def __init__(self, conn: duckdb.DuckDBPyConnection, workspace: str) -> None:
        super().__init__(DuckDBSql(conn), workspace)
