"""Writing reference food data (datasets, groups, foods, nutrients, portions)."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from menuplanner.domain.nutrients import NUTRIENTS
from menuplanner.sr26 import load
from menuplanner.sr26.load import Sr26Tables
from menuplanner.store.duckdb.schema import SR26_DATASET_ID


def write_sr26(conn: duckdb.DuckDBPyConnection, tables: Sr26Tables) -> None:
    """Replace the SR26 dataset's rows; the caller owns the transaction."""
    _write_nutrient_definitions(conn)
    conn.execute(
        "DELETE FROM food_nutrients "
        "WHERE food_id IN (SELECT food_id FROM foods WHERE dataset_id = ?)",
        [SR26_DATASET_ID],
    )
    conn.execute(
        "DELETE FROM portions WHERE food_id IN (SELECT food_id FROM foods WHERE dataset_id = ?)",
        [SR26_DATASET_ID],
    )
    conn.execute("DELETE FROM foods WHERE dataset_id = ?", [SR26_DATASET_ID])
    conn.execute("DELETE FROM datasets WHERE dataset_id = ?", [SR26_DATASET_ID])
    foods = tables.foods.with_columns(pl.lit(SR26_DATASET_ID).alias("dataset_id"))
    insert_frame(conn, "food_groups", tables.groups, replace=True)
    insert_frame(conn, "foods", foods)
    insert_frame(conn, "food_nutrients", tables.nutrients)
    insert_frame(conn, "portions", tables.portions)
    conn.execute(
        "INSERT INTO datasets (dataset_id, name, version, licence, source_file, source_hash, "
        "imported_at, food_count, nutrient_value_count, portion_count, workspace_id) "
        "VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL)",  # NULL workspace: shared by all
        [
            SR26_DATASET_ID,
            load.DATASET_NAME,
            load.DATASET_VERSION,
            load.DATASET_LICENCE,
            "data/usda-sr26",
            dt.datetime.now(),
            tables.foods.height,
            tables.nutrients.height,
            tables.portions.height,
        ],
    )


def _write_nutrient_definitions(conn: duckdb.DuckDBPyConnection) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO nutrients VALUES (?, ?, ?, ?, ?, ?)",
        [[n.key, n.name, n.unit, n.group.value, n.usda_number, i] for i, n in enumerate(NUTRIENTS)],
    )


_INSERTABLE = ("food_groups", "foods", "food_nutrients", "portions")


def insert_frame(
    conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, replace: bool = False
) -> None:
    """Bulk insert by column name from a Polars frame (table names from a fixed list only)."""
    if table not in _INSERTABLE:
        raise ValueError(f"not a reference table: {table}")
    conn.register("_incoming", frame)
    try:
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        conn.execute(verb + " INTO " + table + " BY NAME SELECT * FROM _incoming")
    finally:
        conn.unregister("_incoming")
