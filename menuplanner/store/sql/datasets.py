"""DatasetStore in SQL (DuckDB and PostgreSQL): imported datasets written in one transaction,
upserted by (dataset, source id) so a food keeps its id across versions; ids of imported foods
start at 1,000,000 (SR26's NDB numbers stay below 100,000) and are never reused. Reading and
removing are the same SQL on both engines; writing an import is each engine's own (`Writer`:
DuckDB registers the frames, PostgreSQL copies them in).

A dataset belongs to the workspace that imported it: the store lists, finds, updates, removes
and reports on the shared datasets (the bundled USDA data) and its workspace's own, and speaks
only of its own workspace's recipes and menus. Another workspace's dataset is missing, exactly
as one that does not exist."""

from __future__ import annotations

import json
from collections.abc import Callable

from menuplanner.domain.errors import InUse, NotFound
from menuplanner.imports.prepared import PreparedImport
from menuplanner.ports import Usage
from menuplanner.ports_datasets import DatasetRecord, DatasetStore, Progress, WriteResult
from menuplanner.store.sql.dialect import Sql
from menuplanner.store.sql.foods import SEEN_BY, VISIBLE_FOODS

# Writes one import inside the transaction the store opened: (sql, import, rows skipped, foods
# skipped, progress, workspace) → what was written.
Writer = Callable[[Sql, PreparedImport, int, int, Progress, str], WriteResult]
FOOD_IDS = "SELECT food_id FROM foods WHERE dataset_id = ?"

BUNDLED_DATASET_ID = 1
_OWN_DATASET = "SELECT name FROM datasets WHERE dataset_id = ? AND workspace_id = ?"


class SqlDatasetStore(DatasetStore):
    """`open_sql()` gives the engine's SQL on a cursor of its own for one operation; `writer`
    writes an import."""

    def __init__(self, open_sql: Callable[[], Sql], workspace: str, writer: Writer) -> None:
        if not workspace:
            raise ValueError("A workspace is required.")
        self._open_sql = open_sql
        self._workspace = workspace
        self._writer = writer

    # ------------------------------------------------------------------------------- reading

    def list(self) -> list[DatasetRecord]:
        sql = self._open_sql()
        try:
            has_imports = sql.has_table("dataset_imports")
            extra = (
                "i.format, i.source_size, i.rows_imported, i.rows_skipped, i.foods_skipped, "
                "i.energy_sources, i.settings"
                if has_imports
                else "NULL, NULL, NULL, NULL, NULL, NULL, NULL"
            )
            join = " LEFT JOIN dataset_imports i USING (dataset_id)" if has_imports else ""
            rows = sql.rows(
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
            )
        finally:
            sql.cursor.close()
        return [_record(row) for row in rows]

    def find(self, name: str) -> DatasetRecord | None:
        wanted = name.strip().casefold()
        return next((d for d in self.list() if d.name.casefold() == wanted), None)

    def notes(self, food_id: int) -> dict[str, str]:
        sql = self._open_sql()
        try:
            if not sql.has_table("food_nutrient_notes"):
                return {}
            rows = sql.rows(
                "SELECT nutrient, note FROM food_nutrient_notes WHERE food_id = ? "
                "AND food_id IN (" + VISIBLE_FOODS + ")",
                [food_id, self._workspace],
            )
        finally:
            sql.cursor.close()
        return dict(rows)

    def where_used(self, dataset_id: int) -> list[Usage]:
        sql = self._open_sql()
        try:
            return _where_used(sql, dataset_id, self._workspace)
        finally:
            sql.cursor.close()

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
        sql = self._open_sql()
        try:
            sql.begin()
            result = self._writer(sql, valid, rows_skipped, foods_skipped, say, self._workspace)
            say(0.98, "Saving…")
            sql.commit()
        except BaseException:
            sql.rollback()
            raise
        finally:
            sql.cursor.close()
        say(1.0, "Done.")
        return result

    def remove(self, dataset_id: int) -> None:
        if dataset_id == BUNDLED_DATASET_ID:
            raise InUse(
                "The bundled USDA SR26 data cannot be removed: every other part of the "
                "app relies on it."
            )
        sql = self._open_sql()
        try:
            sql.begin()
            row = sql.rows(_OWN_DATASET, [dataset_id, self._workspace])
            if not row:
                shared = sql.rows(
                    "SELECT name FROM datasets WHERE dataset_id = ? AND workspace_id IS NULL",
                    [dataset_id],
                )
                if shared:  # imported before datasets had owners, and used by several
                    raise InUse(
                        f"“{shared[0][0]}” is shared by every workspace, so it cannot be "
                        "removed here."
                    )
                raise NotFound(f"There is no dataset with id {dataset_id}.")
            users = _where_used(sql, dataset_id, self._workspace)
            if users:
                raise InUse(
                    f"“{row[0][0]}” cannot be removed: its foods are used in "
                    f"{_listing(users)}. Remove them from those first."
                )
            delete_foods(sql, "(" + FOOD_IDS + ")", [dataset_id])
            sql.execute(
                "DELETE FROM food_groups WHERE starts_with(group_code, ?) "
                "AND group_code NOT IN (SELECT group_code FROM foods)",
                [f"D{dataset_id}:"],
            )
            if sql.has_table("dataset_imports"):
                sql.execute("DELETE FROM dataset_imports WHERE dataset_id = ?", [dataset_id])
            sql.execute("DELETE FROM datasets WHERE dataset_id = ?", [dataset_id])
            sql.commit()
        except BaseException:
            sql.rollback()
            raise
        finally:
            sql.cursor.close()


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


def _where_used(sql: Sql, dataset_id: int, workspace: str) -> list[Usage]:
    """The workspace's own recipes and menus using the foods of its own dataset. Nothing else
    can use them: no other workspace sees them (see store/duckdb/migrations.py for older files)."""
    if not sql.rows(_OWN_DATASET, [dataset_id, workspace]):
        return []
    recipes = sql.execute(
        "SELECT r.name, string_agg(DISTINCT f.name, '; ' ORDER BY f.name) "
        "FROM recipe_ingredients i JOIN recipes r USING (recipe_id) JOIN foods f USING (food_id) "
        "WHERE f.dataset_id = ? AND r.workspace_id = ? GROUP BY r.recipe_id, r.name "
        "ORDER BY lower(r.name)",
        [dataset_id, workspace],
    ).fetchall()
    menus = sql.execute(
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


# Rows about single foods, removed with the food: (table, condition on the food id column).
_ABOUT_FOODS = (
    ("food_nutrients", "food_id"),
    ("portions", "food_id"),
    ("food_nutrient_notes", "food_id"),
    ("food_tag_overrides", "food_id"),
    ("food_prices", "food_id"),
    ("planning_rules", "kind = 'food' AND ref_id"),
)


def delete_foods(sql: Sql, food_ids: str, params: list) -> None:
    """Delete foods (`food_ids` is a subquery) and every row about them: values, measures,
    notes, and a user's settings for them (tag corrections, prices, generation rules) — the
    last only in databases that have those tables."""
    for table, column in _ABOUT_FOODS:  # identifiers from the fixed list above
        if sql.has_table(table):
            sql.execute("DELETE FROM " + table + " WHERE " + column + " IN " + food_ids, params)
    sql.execute("DELETE FROM foods WHERE food_id IN " + food_ids, params)
