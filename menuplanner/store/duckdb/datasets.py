"""DatasetStore over DuckDB: imported datasets written in one transaction, upserted by
(dataset, source id) so a food keeps its id across versions; ids of imported foods start at
1,000,000 (SR26's NDB numbers stay below 100,000) and are never reused.

A dataset belongs to the workspace that imported it: the store lists, finds, updates, removes
and reports on the shared datasets (the bundled USDA data) and its workspace's own, and speaks
only of its own workspace's recipes and menus. Another workspace's dataset is missing, exactly
as one that does not exist."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import polars as pl

from menuplanner.domain.errors import InUse, NotFound
from menuplanner.imports.prepared import PreparedImport
from menuplanner.ports import LOCAL_WORKSPACE, Usage
from menuplanner.ports_datasets import DatasetRecord, DatasetStore, Progress, WriteResult
from menuplanner.store.duckdb.foods import SEEN_BY, VISIBLE_FOODS
from menuplanner.store.duckdb.schema import IMPORT_TABLES

BUNDLED_DATASET_ID = 1
FIRST_IMPORTED_FOOD_ID = 1_000_000
NEXT_ID_KEY = "next_imported_food_id"
_FOOD_IDS = "SELECT food_id FROM foods WHERE dataset_id = ?"
_OWN_DATASET = "SELECT name FROM datasets WHERE dataset_id = ? AND workspace_id = ?"


class DuckDBDatasetStore(DatasetStore):
    def __init__(self, conn: duckdb.DuckDBPyConnection, workspace: str = LOCAL_WORKSPACE) -> None:
        if not workspace:
            raise ValueError("A workspace is required.")
        self._conn = conn
        self._workspace = workspace

    # ------------------------------------------------------------------------------- reading

    def list(self) -> list[DatasetRecord]:
        cursor = self._conn.cursor()
        try:
            has_imports = _has_table(cursor, "dataset_imports")
            extra = (
                "i.format, i.source_size, i.rows_imported, i.rows_skipped, i.foods_skipped, "
                "i.energy_sources, i.settings"
                if has_imports
                else "NULL, NULL, NULL, NULL, NULL, NULL, NULL"
            )
            join = " LEFT JOIN dataset_imports i USING (dataset_id)" if has_imports else ""
            rows = cursor.execute(
                "SELECT d.dataset_id, d.name, d.version, d.licence, d.source_file, d.source_hash, "
                "d.imported_at, d.food_count, d.nutrient_value_count, d.portion_count, "
                "d.workspace_id IS NULL, "
                + extra
                + " FROM datasets d"
                + join
                + " WHERE "
                + SEEN_BY
                + " ORDER BY d.dataset_id",
                [self._workspace],
            ).fetchall()
        finally:
            cursor.close()
        return [_record(row) for row in rows]

    def find(self, name: str) -> DatasetRecord | None:
        wanted = name.strip().casefold()
        return next((d for d in self.list() if d.name.casefold() == wanted), None)

    def notes(self, food_id: int) -> dict[str, str]:
        cursor = self._conn.cursor()
        try:
            if not _has_table(cursor, "food_nutrient_notes"):
                return {}
            rows = cursor.execute(
                "SELECT nutrient, note FROM food_nutrient_notes WHERE food_id = ? "
                "AND food_id IN (" + VISIBLE_FOODS + ")",
                [food_id, self._workspace],
            ).fetchall()
        finally:
            cursor.close()
        return dict(rows)

    def where_used(self, dataset_id: int) -> list[Usage]:
        cursor = self._conn.cursor()
        try:
            return _where_used(cursor, dataset_id, self._workspace)
        finally:
            cursor.close()

    # ------------------------------------------------------------------------------- writing

    def write(
        self,
        valid: PreparedImport,
        *,
        rows_skipped: int,
        foods_skipped: int,
        progress: Progress | None = None,
    ) -> WriteResult:
        say = progress or (lambda fraction, message: None)
        cursor = self._conn.cursor()
        try:
            cursor.execute("BEGIN TRANSACTION")
            for statement in IMPORT_TABLES:
                cursor.execute(statement)
            result = _write(cursor, valid, rows_skipped, foods_skipped, say, self._workspace)
            say(0.98, "Saving…")
            cursor.execute("COMMIT")
        except BaseException:
            _rollback(cursor)
            raise
        finally:
            for name in (
                "_groups",
                "_foods",
                "_nutrients",
                "_portions",
                "_notes",
                "_ids",
                "_in_file",
            ):
                try:
                    cursor.unregister(name)
                except duckdb.Error:
                    pass
            cursor.close()
        say(1.0, "Done.")
        return result

    def remove(self, dataset_id: int) -> None:
        if dataset_id == BUNDLED_DATASET_ID:
            raise InUse(
                "The bundled USDA SR26 data cannot be removed: every other part of the "
                "app relies on it."
            )
        cursor = self._conn.cursor()
        try:
            cursor.execute("BEGIN TRANSACTION")
            row = cursor.execute(_OWN_DATASET, [dataset_id, self._workspace]).fetchall()
            if not row:
                shared = cursor.execute(
                    "SELECT name FROM datasets WHERE dataset_id = ? AND workspace_id IS NULL",
                    [dataset_id],
                ).fetchall()
                if shared:  # imported before datasets had owners, and used by several
                    raise InUse(
                        f"“{shared[0][0]}” is shared by every workspace, so it cannot be "
                        "removed here."
                    )
                raise NotFound(f"There is no dataset with id {dataset_id}.")
            users = _where_used(cursor, dataset_id, self._workspace)
            if users:
                raise InUse(
                    f"“{row[0][0]}” cannot be removed: its foods are used in "
                    f"{_listing(users)}. Remove them from those first."
                )
            _delete_foods(cursor, "(" + _FOOD_IDS + ")", [dataset_id])
            cursor.execute(
                "DELETE FROM food_groups WHERE starts_with(group_code, ?) "
                "AND group_code NOT IN (SELECT group_code FROM foods)",
                [f"D{dataset_id}:"],
            )
            if _has_table(cursor, "dataset_imports"):
                cursor.execute("DELETE FROM dataset_imports WHERE dataset_id = ?", [dataset_id])
            cursor.execute("DELETE FROM datasets WHERE dataset_id = ?", [dataset_id])
            cursor.execute("COMMIT")
        except BaseException:
            _rollback(cursor)
            raise
        finally:
            cursor.close()


def _rollback(cursor: duckdb.DuckDBPyConnection) -> None:
    try:
        cursor.execute("ROLLBACK")
    except duckdb.Error:
        pass  # no transaction open (it failed before BEGIN, or the failure ended it)


def _has_table(cursor: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = cursor.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'", [name]
    ).fetchall()
    return found[0][0] > 0


def _record(row: tuple) -> DatasetRecord:
    # The first ten columns are DatasetRecord's first ten fields, in order.
    *stored, shared, fmt, size, imported, skipped, foods_skipped, energy, settings = row
    return DatasetRecord(
        *stored,
        is_bundled=stored[0] == BUNDLED_DATASET_ID,
        is_shared=shared,
        format=fmt,
        source_size=size,
        rows_imported=imported,
        rows_skipped=skipped,
        foods_skipped=foods_skipped,
        energy_sources=json.loads(energy) if energy else {},
        settings=json.loads(settings) if settings else {},
    )


def _listing(users: list[Usage]) -> str:
    shown = [f"{u.kind} {u.name}" for u in users[:10]]
    more = f" and {len(users) - 10} more" if len(users) > 10 else ""
    return (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]) + more


def _where_used(cursor: duckdb.DuckDBPyConnection, dataset_id: int, workspace: str) -> list[Usage]:
    """The workspace's own recipes and menus using the foods of its own dataset. Nothing else
    can use them: no other workspace sees them (see store/duckdb/upgrade.py for older files)."""
    if not cursor.execute(_OWN_DATASET, [dataset_id, workspace]).fetchall():
        return []
    recipes = cursor.execute(
        "SELECT r.name, string_agg(DISTINCT f.name, '; ' ORDER BY f.name) "
        "FROM recipe_ingredients i JOIN recipes r USING (recipe_id) JOIN foods f USING (food_id) "
        "WHERE f.dataset_id = ? AND r.workspace_id = ? GROUP BY r.recipe_id, r.name "
        "ORDER BY lower(r.name)",
        [dataset_id, workspace],
    ).fetchall()
    menus = cursor.execute(
        "SELECT m.name || ' (' || c.name || ')', "
        "string_agg(DISTINCT f.name, '; ' ORDER BY f.name) FROM menu_items i "
        "JOIN menus m USING (menu_id) JOIN clients c ON c.client_id = m.client_id "
        "AND c.workspace_id = m.workspace_id "
        "JOIN foods f ON f.food_id = i.ref_id WHERE i.kind = 'food' AND f.dataset_id = ? "
        "AND m.workspace_id = ? GROUP BY m.menu_id, m.name, c.name ORDER BY 1",
        [dataset_id, workspace],
    ).fetchall()
    return [
        Usage(kind, f"“{name}” ({foods})")
        for kind, rows in (("recipe", recipes), ("menu", menus))
        for name, foods in rows
    ]


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
        + _FOOD_IDS
        + ")), "
        "portion_count = (SELECT count(*) FROM portions WHERE food_id IN (" + _FOOD_IDS + ")) "
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
        _delete_foods(cursor, "(SELECT food_id FROM _stale WHERE NOT used)", [])
    return removed, kept


# Rows about single foods, removed with the food: (table, condition on the food id column).
_ABOUT_FOODS = (
    ("food_nutrients", "food_id"),
    ("portions", "food_id"),
    ("food_nutrient_notes", "food_id"),
    ("food_tag_overrides", "food_id"),
    ("food_prices", "food_id"),
    ("planning_rules", "kind = 'food' AND ref_id"),
)


def _delete_foods(cursor: duckdb.DuckDBPyConnection, food_ids: str, params: list) -> None:
    """Delete foods (`food_ids` is a subquery) and every row about them: values, measures,
    notes, and a user's settings for them (tag corrections, prices, generation rules) — the
    last only in databases that have those tables."""
    for table, column in _ABOUT_FOODS:  # identifiers from the fixed list above
        if _has_table(cursor, table):
            cursor.execute("DELETE FROM " + table + " WHERE " + column + " IN " + food_ids, params)
    cursor.execute("DELETE FROM foods WHERE food_id IN " + food_ids, params)
