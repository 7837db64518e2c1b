"""Bulk writes to PostgreSQL: a Polars frame streamed with COPY (as CSV), the way the bundled
data, imports and whole databases go in."""

from __future__ import annotations

import io

import polars as pl
import psycopg
from psycopg import sql

from menuplanner.domain import search


def copy_frame(cursor: psycopg.Cursor, table: str, frame: pl.DataFrame) -> None:
    """Append `frame`'s rows to `table` (or a temporary table), its columns by name. Lists
    (text arrays) go as PostgreSQL array literals; nulls as NULL, empty text as empty text."""
    if frame.height == 0:
        return
    listed = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    if listed:
        frame = frame.with_columns(_array_literal(pl.col(name)).alias(name) for name in listed)
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=False, quote_style="non_numeric", null_value="")
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, frame.columns))
    )
    with cursor.copy(statement) as copy:
        copy.write(buffer.getvalue())


def _array_literal(column: pl.Expr) -> pl.Expr:
    """A list of text as a PostgreSQL array literal: each element quoted, `"` and `\\` escaped."""
    quoted = column.list.eval(
        '"'
        + pl.element()
        .str.replace_all("\\", "\\\\", literal=True)
        .str.replace_all('"', '\\"', literal=True)
        + '"'
    )
    return "{" + quoted.list.join(",") + "}"


def insert_frame(cursor: psycopg.Cursor, table: str, frame: pl.DataFrame) -> None:
    """Append `frame`'s rows to `table` through a temporary table: COPY is refused on a table
    with row-level security, INSERT … SELECT is checked by its policies row by row."""
    if frame.height == 0:
        return
    staging = "staging_" + table
    cursor.execute(
        sql.SQL("CREATE TEMP TABLE {} (LIKE {} INCLUDING DEFAULTS)").format(
            sql.Identifier(staging), sql.Identifier(table)
        )
    )
    try:
        copy_frame(cursor, staging, frame)
        columns = sql.SQL(", ").join(map(sql.Identifier, frame.columns))
        cursor.execute(
            sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {}").format(
                sql.Identifier(table), columns, columns, sql.Identifier(staging)
            )
        )
    finally:
        cursor.execute(sql.SQL("DROP TABLE {}").format(sql.Identifier(staging)))


def with_name_words(foods: pl.DataFrame) -> pl.DataFrame:
    """foods plus the name_words and head_words search ranks by (store/postgres/schema.py)."""
    names = foods.get_column("name").to_list()
    return foods.with_columns(
        pl.Series("name_words", [search.words(n) for n in names], dtype=pl.List(pl.String)),
        pl.Series(
            "head_words",
            [search.words(n.split(",", 1)[0]) for n in names],
            dtype=pl.List(pl.String),
        ),
    )
