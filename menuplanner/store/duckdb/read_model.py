"""The read model over a DuckDB connection: frames for notebooks and analysis, as one workspace
sees the foods, plus read-only SQL on the whole file (see ports_store.ReadModel)."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import polars as pl

from menuplanner.domain.errors import ValidationFailed
from menuplanner.ports_store import ReadModel
from menuplanner.store.duckdb.foods import SEEN_BY, VISIBLE_FOODS

# Statements `sql` runs: queries only (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN).
_READ_ONLY = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


class DuckDBReadModel(ReadModel):
    def __init__(self, conn: duckdb.DuckDBPyConnection, workspace: str) -> None:
        self._conn = conn
        self._workspace = workspace

    def foods(self, group: str | None = None, dataset: str | None = None) -> pl.DataFrame:
        where, params = [SEEN_BY], [self._workspace]
        if group is not None:
            where.append("f.group_code = ?")
            params.append(group)
        if dataset is not None:
            where.append("lower(d.name) = lower(?)")
            params.append(dataset)
        query = (
            "SELECT f.food_id, f.name, f.group_code, g.group_name, d.name AS dataset, "
            "f.is_common, f.is_branded FROM foods f "
            "JOIN food_groups g USING (group_code) JOIN datasets d USING (dataset_id)"
            " WHERE " + " AND ".join(where) + " ORDER BY f.food_id"
        )
        return self._conn.sql(query, params=params).pl()

    def food_counts_by_group(self) -> pl.DataFrame:
        return self._conn.sql(
            "SELECT group_code, count(*) AS foods FROM foods WHERE food_id IN ("
            + VISIBLE_FOODS
            + ") GROUP BY group_code",
            params=[self._workspace],
        ).pl()

    def tables(self) -> pl.DataFrame:
        listed = self._conn.sql(
            "SELECT table_name AS name, 'table' AS kind, estimated_size AS rows, "
            "column_count AS columns FROM duckdb_tables() "
            "WHERE database_name = current_database() UNION ALL "
            "SELECT view_name, 'view', NULL, column_count FROM duckdb_views() "
            "WHERE database_name = current_database() AND NOT internal"
        ).pl()
        # Table names come from DuckDB's own catalogue, quoted as identifiers.
        counts = {
            name: self._conn.execute("SELECT count(*) FROM " + _identifier(name)).fetchone()[0]
            for name in listed.filter(pl.col("kind") == "table")["name"]
        }
        return listed.with_columns(
            pl.col("name").replace_strict(counts, default=None, return_dtype=pl.Int64).alias("rows")
        )

    def sql(self, query: str, params: Sequence | dict | None = None) -> pl.DataFrame:
        try:
            statements = self._conn.extract_statements(query)
        except duckdb.Error as error:
            raise ValidationFailed(f"This query cannot be read: {_first_line(error)}.") from None
        if len(statements) != 1:
            raise ValidationFailed(f"Give one query at a time, not {len(statements)}.")
        if statements[0].type not in _READ_ONLY:
            kind = statements[0].type.name
            raise ValidationFailed(
                f"sql() only runs queries, not {kind} statements; change data through the "
                "services (or wb.connection() if you really must)."
            )
        cursor = self._conn.cursor()
        try:
            cursor.execute("BEGIN TRANSACTION")
            return cursor.sql(query, params=params).pl()
        finally:
            cursor.execute("ROLLBACK")
            cursor.close()


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0].rstrip(".")


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
