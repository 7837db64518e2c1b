"""DatasetStore over DuckDB: imported datasets written in one transaction, upserted by
(dataset, source id) so a food keeps its id across versions; ids of imported foods start at
1,000,000 (SR26's NDB numbers stay below 100,000) and are never reused.

A dataset belongs to the workspace that imported it: the store lists, finds, updates, removes
and reports on the shared datasets (the bundled USDA data) and its workspace's own, and speaks
only of its own workspace's recipes and menus. Another workspace's dataset is missing, exactly
as one that does not exist."""

from __future__ import annotations

import json

import duckdb

from menuplanner.domain.errors import InUse, NotFound
from menuplanner.imports.prepared import PreparedImport
from menuplanner.ports import LOCAL_WORKSPACE, Usage
from menuplanner.ports_datasets import DatasetRecord, DatasetStore, Progress, WriteResult
from menuplanner.store.duckdb.dataset_writer import (
    FOOD_IDS,
    delete_foods,
    has_table,
    write_import,
)
from menuplanner.store.duckdb.foods import SEEN_BY, VISIBLE_FOODS
from menuplanner.store.duckdb.schema import IMPORT_TABLES

BUNDLED_DATASET_ID = 1
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
            has_imports = has_table(cursor, "dataset_imports")
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
            if not has_table(cursor, "food_nutrient_notes"):
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
            result = write_import(cursor, valid, rows_skipped, foods_skipped, say, self._workspace)
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
            delete_foods(cursor, "(" + FOOD_IDS + ")", [dataset_id])
            cursor.execute(
                "DELETE FROM food_groups WHERE starts_with(group_code, ?) "
                "AND group_code NOT IN (SELECT group_code FROM foods)",
                [f"D{dataset_id}:"],
            )
            if has_table(cursor, "dataset_imports"):
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
