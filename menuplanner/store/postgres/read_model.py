"""The read model on PostgreSQL: the same frames as on DuckDB (foods as a workspace sees them),
and read-only SQL in a READ ONLY transaction with the workspace set, so row-level security
shows a notebook only its workspace's rows."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import psycopg

from menuplanner.domain.errors import ValidationFailed
from menuplanner.ports_store import ReadModel
from menuplanner.store.postgres.connection import PgSql
from menuplanner.store.sql.foods import SEEN_BY, VISIBLE_FOODS


class PgReadModel(ReadModel):
    def __init__(self, conn: psycopg.Connection, workspace: str) -> None:
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
        return self._frame(
            "SELECT f.food_id, f.name, f.group_code, g.group_name, d.name AS dataset, "
            "f.is_common, f.is_branded FROM foods f "
            "JOIN food_groups g USING (group_code) JOIN datasets d USING (dataset_id)"
            " WHERE " + " AND ".join(where) + " ORDER BY f.food_id",
            params,
        )

    def food_counts_by_group(self) -> pl.DataFrame:
        return self._frame(
            "SELECT group_code, count(*) AS foods FROM foods WHERE food_id IN ("
            + VISIBLE_FOODS
            + ") GROUP BY group_code",
            [self._workspace],
        )

    def tables(self) -> pl.DataFrame:
        return self._frame(
            "SELECT c.relname AS name, CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END "
            "AS kind, NULL::bigint AS rows, (SELECT count(*) FROM pg_attribute a "
            "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v') ORDER BY 1",
            [],
        )

    def sql(self, query: str, params: Sequence | dict | None = None) -> pl.DataFrame:
        if ";" in query.strip().rstrip(";"):
            raise ValidationFailed("Give one query at a time.")
        try:
            return self._frame(query.strip().rstrip(";"), params or [], raw=True)
        except psycopg.errors.ReadOnlySqlTransaction:
            raise ValidationFailed(
                "sql() only runs queries; change data through the services."
            ) from None
        except psycopg.Error as error:
            reason = str(error).strip().splitlines()[0]
            raise ValidationFailed(f"This query cannot be read: {reason}.") from None

    def _frame(self, query: str, params, raw: bool = False) -> pl.DataFrame:
        sql = PgSql(self._conn, self._workspace)
        cursor = sql.cursor
        with self._conn.transaction():
            cursor.execute("SET TRANSACTION READ ONLY")
            cursor.execute(
                "SELECT set_config('menuplanner.workspace', %s, true)", [self._workspace]
            )
            cursor.execute(query if raw else sql.dialect.placeholders(query), params)
            names = [column.name for column in cursor.description or []]
            rows = cursor.fetchall() if cursor.description else []
        return pl.DataFrame(rows, schema=names, orient="row") if names else pl.DataFrame()
