"""Writing one import into PostgreSQL, inside the transaction the dataset store opened
(store/sql/datasets.py): as the DuckDB writer does, with ids worked out in Polars and the rows
streamed in with COPY. New foods take ids from the `food_ids` sequence (from 1,000,000; never
reused); foods already in the dataset keep theirs, by source id."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl

from menuplanner.imports.prepared import PreparedImport
from menuplanner.ports_datasets import Progress, WriteResult
from menuplanner.store.postgres.connection import PgSql
from menuplanner.store.postgres.copy import insert_frame, with_name_words
from menuplanner.store.sql.datasets import FOOD_IDS, SqlDatasetStore, delete_foods
from menuplanner.store.sql.dialect import Sql

_IDS = {"source_id": pl.String, "food_id": pl.Int64}


class PgDatasetStore(SqlDatasetStore):
    def __init__(self, conn, workspace: str) -> None:
        super().__init__(lambda: PgSql(conn, workspace), workspace, write_import)


def write_import(
    sql: Sql,
    valid: PreparedImport,
    rows_skipped: int,
    foods_skipped: int,
    say: Progress,
    workspace: str,
) -> WriteResult:
    """The PostgreSQL `Writer` (see store/sql/datasets.py)."""
    meta = valid.meta
    found = sql.value(
        "SELECT dataset_id FROM datasets WHERE workspace_id = ? AND lower(name) = lower(?)",
        [workspace, meta.name],
    )
    created = found is None
    dataset_id = found if not created else sql.value("SELECT nextval('dataset_ids')")
    if created:
        sql.execute(
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
    say(0.05, "Writing food groups…")
    codes = _group_codes(sql, valid.groups, dataset_id)
    say(0.15, f"Writing {valid.foods.height:,} foods…")
    ids, existed = _food_ids(sql, valid.foods, dataset_id)
    if existed:
        for table in ("food_nutrients", "portions", "food_nutrient_notes", "foods"):
            sql.execute("DELETE FROM " + table + " WHERE food_id = ANY(?)", [existed])
    counts = valid.portions.group_by("source_id").agg(pl.len().alias("portion_count"))
    foods = (
        valid.foods.join(ids, on="source_id")
        .join(codes, on="group_key", how="left")
        .join(counts, on="source_id", how="left")
        .select(
            "food_id",
            pl.lit(dataset_id).alias("dataset_id"),
            "source_id",
            "name",
            pl.col("group_code").fill_null(""),
            pl.col("manufacturer").fill_null(""),
            "is_common",
            "is_branded",
            pl.col("portion_count").fill_null(0),
            "search_text",
            pl.col("ingredients").fill_null(""),
        )
    )
    cursor = sql.cursor
    insert_frame(cursor, "foods", with_name_words(foods))
    say(0.3, f"Writing {valid.nutrients.height:,} nutrient values…")
    insert_frame(cursor, "food_nutrients", _with_ids(valid.nutrients, ids, "nutrient", "amount"))
    say(0.75, f"Writing {valid.portions.height:,} household measures…")
    insert_frame(
        cursor,
        "portions",
        _with_ids(valid.portions, ids, "seq", "amount", "description", "gram_weight"),
    )
    insert_frame(cursor, "food_nutrient_notes", _with_ids(valid.notes, ids, "nutrient", "note"))
    say(0.85, "Tidying up foods the new version no longer has…")
    removed, kept = _drop_stale(sql, dataset_id, valid.source_ids_in_file)
    sql.execute(
        "UPDATE datasets SET version = ?, licence = ?, source_file = ?, source_hash = ?, "
        "imported_at = ?, food_count = (SELECT count(*) FROM foods WHERE dataset_id = ?), "
        "nutrient_value_count = (SELECT count(*) FROM food_nutrients WHERE food_id IN ("
        + FOOD_IDS
        + ")), portion_count = (SELECT count(*) FROM portions WHERE food_id IN ("
        + FOOD_IDS
        + ")) WHERE dataset_id = ?",
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
    sql.execute(
        "INSERT INTO dataset_imports VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dataset_id) "
        "DO UPDATE SET format = excluded.format, source_size = excluded.source_size, "
        "rows_imported = excluded.rows_imported, rows_skipped = excluded.rows_skipped, "
        "foods_skipped = excluded.foods_skipped, energy_sources = excluded.energy_sources, "
        "settings = excluded.settings",
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
    added = valid.foods.height - len(existed)
    return WriteResult(
        dataset_id,
        created,
        added,
        len(existed),
        removed,
        kept,
        valid.nutrients.height,
        valid.portions.height,
    )


def _group_codes(sql: Sql, groups: pl.DataFrame, dataset_id: int) -> pl.DataFrame:
    """group_key → group_code: a USDA group's code when the import names it by code and name;
    else one of the dataset's own, "D<id>:<key>", written to food_groups."""
    usda = {
        code: name.lower()
        for code, name in sql.rows("SELECT group_code, group_name FROM food_groups")
        if not code.startswith("D")
    }
    rows = []
    for key, name, known in groups.select("group_key", "group_name", "known_code").iter_rows():
        if known and usda.get(known) == (name or "").lower():
            rows.append((key, known))
            continue
        code = f"D{dataset_id}:{key}"
        rows.append((key, code))
        sql.execute(
            "INSERT INTO food_groups VALUES (?, ?) ON CONFLICT (group_code) "
            "DO UPDATE SET group_name = excluded.group_name",
            [code, name],
        )
    return pl.DataFrame(
        rows, schema={"group_key": pl.String, "group_code": pl.String}, orient="row"
    )


def _food_ids(sql: Sql, foods: pl.DataFrame, dataset_id: int) -> tuple[pl.DataFrame, list[int]]:
    """(source_id → food_id for every food of the import, the ids of those already there)."""
    stored = dict(
        sql.rows("SELECT source_id, food_id FROM foods WHERE dataset_id = ?", [dataset_id])
    )
    sources = sorted(foods.get_column("source_id").to_list())
    new = [s for s in sources if s not in stored]
    fresh = [r[0] for r in sql.rows(sql.dialect.new_ids("food_ids"), [len(new)])] if new else []
    ids = {**{s: stored[s] for s in sources if s in stored}, **dict(zip(new, fresh, strict=True))}
    frame = pl.DataFrame(list(ids.items()), schema=_IDS, orient="row")
    return frame, [stored[s] for s in sources if s in stored]


def _with_ids(rows: pl.DataFrame, ids: pl.DataFrame, *columns: str) -> pl.DataFrame:
    return rows.join(ids, on="source_id").select("food_id", *columns)


def _drop_stale(sql: Sql, dataset_id: int, in_file: pl.Series) -> tuple[int, int]:
    """Foods of the dataset that the new file does not name: removed unless used (then kept)."""
    names = set(in_file.to_list())
    stored = sql.rows("SELECT source_id, food_id FROM foods WHERE dataset_id = ?", [dataset_id])
    stale = [food_id for source_id, food_id in stored if source_id not in names]
    if not stale:
        return 0, 0
    used = {
        row[0]
        for row in sql.rows(
            "SELECT food_id FROM recipe_ingredients WHERE food_id = ANY(?) UNION "
            "SELECT ref_id FROM menu_items WHERE kind = 'food' AND ref_id = ANY(?)",
            [stale, stale],
        )
    }
    gone = [i for i in stale if i not in used]
    if gone:
        delete_foods(sql, "(SELECT unnest(?::bigint[]))", [gone])
    return len(gone), len(stale) - len(gone)
