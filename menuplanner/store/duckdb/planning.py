"""PlanningStore over DuckDB: the SQL planning store (store/sql/planning.py) on a DuckDB
cursor. Databases built before its tables existed get them on first use (`CREATE TABLE IF NOT
EXISTS`, as in schema.py); on a read-only connection a missing table reads as empty."""

from __future__ import annotations

import duckdb

from menuplanner.store.duckdb.schema import USER_TABLES
from menuplanner.store.duckdb.sql import DuckDBSql
from menuplanner.store.sql.planning import SqlPlanningStore

_TABLES = tuple(t for t in USER_TABLES if "planning_rules" in t or "food_prices" in t)


class DuckDBPlanningStore(SqlPlanningStore):
    def __init__(self, conn: duckdb.DuckDBPyConnection, workspace: str) -> None:
        super().__init__(DuckDBSql(conn), workspace)
        self._tables = self._exists()
        if not self._tables:
            try:
                for statement in _TABLES:
                    conn.execute(statement)
                self._tables = True
            except duckdb.Error:  # a read-only connection to a database built before them
                pass

    def _exists(self) -> bool:
        found = self._sql.value(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name IN ('planning_rules', 'food_prices')"
        )
        return found == 2
