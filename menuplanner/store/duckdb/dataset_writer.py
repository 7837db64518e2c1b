"""Writing one import into DuckDB, inside the transaction the dataset store opened
(store/sql/datasets.py): the dataset row, its food groups, its foods (upserted by source id, so
a food keeps its id across versions), their values, measures and notes, the foods the new
version no longer has, and the import's provenance. The frames are registered with DuckDB and
inserted by name."""

from __future__ import annotations

import contextlib
import datetime as dt
import json

import duckdb
import polars as pl

from menuplanner.imports.prepared import PreparedImport
from menuplanner.ports_datasets import Progress, WriteResult
from menuplanner.store.duckdb.schema import IMPORT_TABLES
from menuplanner.store.duckdb.sql import DuckDBSql
from menuplanner.store.sql.datasets import FOOD_IDS, delete_foods
from menuplanner.store.sql.dialect import Sql

FIRST_IMPORTED_FOOD_ID = 1_000_000
NEXT_ID_KEY = "next_imported_food_id"


def write_import(
    sql: Sql,
    valid: PreparedImport,
    rows_skipped: int,
    foods_skipped: int,
    say: Progress,
    workspace: str,
) -> WriteResult:
    """The DuckDB `Writer` (see store/sql/datasets.py)."""
    cursor = sql.cursor
    for statement in IMPORT_TABLES:  # files built before imports existed get them now
        cursor.execute(statement)
    try:
        return _write(cursor, valid, rows_skipped, foods_skipped, say, workspace)
    finally:
        for name in ("_groups", "_foods", "_nutrients", "_portions", "_notes", "_ids", "_in_file"):
            with contextlib.suppress(duckdb.Error):
                cursor.unregister(name)


def _write(
    cursor: duckdb.DuckDBPyConnection,
    valid: PreparedImport,
    rows_skipped: int,
    foods_skipped: int,
    say: Progress,
    workspace: str,
) -> WriteResult:
    meta = valid.meta
    found = cursor.execute(
        "SELECT dataset_id FROM datasets WHERE workspace_id = ? AND lower(name) = lower(?)",
        [workspace, meta.name],
    ).fetchall()
    created = not found
    if created:
        dataset_id = cursor.execute(
            "SELECT coalesce(max(dataset_id), 1) + 1 FROM datasets"
        ).fetchall()[0][0]
        cursor.execute(
            "INSERT INTO datasets (dataset_id, name, version, licence, source_file, source_hash, "
            "imported_at, food_count, nutrient_value_count, portion_count, workspace_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)",
            [
                dataset_id,
                meta.name,
                meta.version,
                meta.licence,
                meta.source_file,
                meta.source_hash,
                dt.datetime.now(),
                workspace,
            ],
        )
    else:
        dataset_id = found[0][0]
    say(0.05, "Writing food groups…")
    cursor.register("_groups", valid.groups)
    cursor.execute(
        "CREATE OR REPLACE TEMP TABLE _group_codes AS SELECT g.group_key, CASE WHEN EXISTS ("
        "SELECT 1 FROM food_groups s WHERE s.group_code = g.known_code "
        "AND NOT starts_with(s.group_code, 'D') "  # a USDA group, never an import's
        "AND lower(s.group_name) = lower(g.group_name)) THEN g.known_code "
        "ELSE 'D' || ? || ':' || g.group_key END AS group_code, g.group_name FROM _groups g",
        [dataset_id],
    )
    cursor.execute(
        "INSERT OR REPLACE INTO food_groups SELECT group_code, group_name FROM _group_codes "
        "WHERE starts_with(group_code, 'D')"
    )
    say(0.15, f"Writing {valid.foods.height:,} foods…")
    counts = valid.portions.group_by("source_id").agg(
        pl.len().cast(pl.Int32).alias("portion_count")
    )
    cursor.register("_foods", valid.foods.join(counts, on="source_id", how="left"))
    next_id = _next_food_id(cursor)
    cursor.execute(
        "CREATE OR REPLACE TEMP TABLE _ids AS WITH j AS ("
        "SELECT i.source_id, f.food_id FROM _foods i "
        "LEFT JOIN foods f ON f.dataset_id = ? AND f.source_id = i.source_id) "
        "SELECT source_id, food_id, true AS existed FROM j WHERE food_id IS NOT NULL UNION ALL "
        "SELECT source_id, ? - 1 + row_number() OVER (ORDER BY source_id), false FROM j "
        "WHERE food_id IS NULL",
        [dataset_id, next_id],
    )
    added, updated = cursor.execute(
        "SELECT count(*) FILTER (WHERE NOT existed), count(*) FILTER (WHERE existed) FROM _ids"
    ).fetchall()[0]
    replaced = "(SELECT food_id FROM _ids WHERE existed)"
    for table in ("food_nutrients", "portions", "food_nutrient_notes", "foods"):
        cursor.execute("DELETE FROM " + table + " WHERE food_id IN " + replaced)
    cursor.execute(
        "INSERT INTO foods BY NAME SELECT d.food_id, ?::INTEGER AS dataset_id, i.source_id, "
        "i.name, c.group_code, coalesce(i.manufacturer, '') AS manufacturer, i.is_common, "
        "i.is_branded, "
        "coalesce(i.portion_count, 0) AS portion_count, i.search_text, "
        "coalesce(i.ingredients, '') AS ingredients FROM _foods i "
        "JOIN _ids d USING (source_id) LEFT JOIN _group_codes c USING (group_key)",
        [dataset_id],
    )
    say(0.3, f"Writing {valid.nutrients.height:,} nutrient values…")
    cursor.register("_nutrients", valid.nutrients)
    cursor.execute(
        "INSERT INTO food_nutrients SELECT d.food_id, n.nutrient, n.amount FROM _nutrients n "
        "JOIN _ids d USING (source_id)"
    )
    say(0.75, f"Writing {valid.portions.height:,} household measures…")
    cursor.register("_portions", valid.portions)
    cursor.execute(
        "INSERT INTO portions SELECT d.food_id, p.seq, p.amount, p.description, p.gram_weight "
        "FROM _portions p JOIN _ids d USING (source_id)"
    )
    cursor.register("_notes", valid.notes)
    cursor.execute(
        "INSERT INTO food_nutrient_notes SELECT d.food_id, n.nutrient, n.note FROM _notes n "
        "JOIN _ids d USING (source_id)"
    )
    say(0.85, "Tidying up foods the new version no longer has…")
    removed, kept = _drop_stale(cursor, dataset_id, valid.source_ids_in_file)
    cursor.execute(
        "INSERT OR REPLACE INTO meta VALUES "
        "(?, (SELECT greatest(max(food_id) + 1, ?) FROM foods)::VARCHAR)",
        [NEXT_ID_KEY, next_id],
    )
    cursor.execute(
        "UPDATE datasets SET version = ?, licence = ?, source_file = ?, source_hash = ?, "
        "imported_at = ?, food_count = (SELECT count(*) FROM foods WHERE dataset_id = ?), "
        "nutrient_value_count = (SELECT count(*) FROM food_nutrients WHERE food_id IN ("
        + FOOD_IDS
        + ")), "
        "portion_count = (SELECT count(*) FROM portions WHERE food_id IN (" + FOOD_IDS + ")) "
        "WHERE dataset_id = ?",
        [
            meta.version,
            meta.licence,
            meta.source_file,
            meta.source_hash,
            dt.datetime.now(),
            dataset_id,
            dataset_id,
            dataset_id,
            dataset_id,
        ],
    )
    cursor.execute(
        "INSERT OR REPLACE INTO dataset_imports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            dataset_id,
            meta.format,
            meta.source_size,
            valid.foods.height,
            rows_skipped,
            foods_skipped,
            json.dumps(valid.energy_sources()),
            json.dumps(meta.settings, default=str),
        ],
    )
    return WriteResult(
        dataset_id,
        created,
        added,
        updated,
        removed,
        kept,
        valid.nutrients.height,
        valid.portions.height,
    )


def _next_food_id(cursor: duckdb.DuckDBPyConnection) -> int:
    """Above every food id ever given (meta remembers removed ones), at least 1,000,000."""
    highest = cursor.execute("SELECT coalesce(max(food_id), 0) + 1 FROM foods").fetchall()[0][0]
    remembered = cursor.execute("SELECT value FROM meta WHERE key = ?", [NEXT_ID_KEY]).fetchall()
    return max(FIRST_IMPORTED_FOOD_ID, highest, int(remembered[0][0]) if remembered else 0)


def _drop_stale(
    cursor: duckdb.DuckDBPyConnection, dataset_id: int, in_file: pl.Series
) -> tuple[int, int]:
    """Foods of the dataset that the new file does not name: removed unless used (then kept)."""
    cursor.register("_in_file", pl.DataFrame({"source_id": in_file}).unique())
    cursor.execute(
        "CREATE OR REPLACE TEMP TABLE _stale AS SELECT f.food_id, (EXISTS (SELECT 1 FROM "
        "recipe_ingredients r WHERE r.food_id = f.food_id) OR EXISTS (SELECT 1 FROM menu_items m "
        "WHERE m.kind = 'food' AND m.ref_id = f.food_id)) AS used FROM foods f "
        "WHERE f.dataset_id = ? AND f.source_id NOT IN (SELECT source_id FROM _in_file)",
        [dataset_id],
    )
    removed, kept = cursor.execute(
        "SELECT count(*) FILTER (WHERE NOT used), count(*) FILTER (WHERE used) FROM _stale"
    ).fetchall()[0]
    if removed:
        delete_foods(DuckDBSql(cursor), "(SELECT food_id FROM _stale WHERE NOT used)", [])
    return removed, kept
