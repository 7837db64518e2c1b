"""Adding the foods of a menu file to the database (see menuplanner.export.ports), in SQL for
both engines; each engine's exchange unit of work offers it in the same transaction as the
repositories.

An imported food gets the next free food id and goes into a dataset of its own, owned by the
unit of work's workspace (like any import: no other workspace sees it), so it is searchable and
removable as a whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from menuplanner.domain import search
from menuplanner.domain.errors import NotFound
from menuplanner.domain.foods import Food
from menuplanner.domain.nutrients import KEYS
from menuplanner.export.ports import ImportedFoods
from menuplanner.store.sql.dialect import Sql
from menuplanner.store.sql.foods import SEEN_BY, VISIBLE_GROUPS
from menuplanner.store.sql.menus import rows_of


class SqlImportedFoods(ImportedFoods):
    def __init__(self, sql: Sql, workspace: str) -> None:
        self._conn = sql
        self._workspace = workspace

    def new_dataset(self, name: str, licence: str) -> str:
        taken = {
            row[0]
            for row in self._conn.execute(
                "SELECT d.name FROM datasets d WHERE " + SEEN_BY, [self._workspace]
            ).fetchall()
        }
        chosen = name
        number = 2
        while chosen in taken:
            chosen = f"{name} ({number})"
            number += 1
        dataset_id = self._conn.value(self._conn.dialect.next_dataset_id)
        self._conn.execute(
            "INSERT INTO datasets (dataset_id, name, version, licence, source_file, source_hash, "
            "imported_at, food_count, nutrient_value_count, portion_count, workspace_id) "
            "VALUES (?, ?, NULL, ?, 'menu file', NULL, ?, 0, 0, 0, ?)",
            [dataset_id, chosen, licence, dt.datetime.now(), self._workspace],
        )
        return chosen

    def add_food(
        self, dataset: str, food: Food, group_name: str, per_100g: Mapping[str, float]
    ) -> int:
        row = self._conn.execute(
            "SELECT dataset_id FROM datasets WHERE workspace_id = ? AND name = ?",
            [self._workspace, dataset],
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no dataset named {dataset!r}.")
        dataset_id = row[0]
        group_code = self._group_code(dataset_id, food.group_code, group_name)
        food_id = self._conn.value(self._conn.dialect.next_food_id)
        columns = {
            "food_id": food_id,
            "dataset_id": dataset_id,
            "source_id": _unique_source(self._conn, dataset_id, food.source_id),
            "name": food.name,
            "group_code": group_code,
            "manufacturer": food.manufacturer,
            "is_branded": food.is_branded,
            "portion_count": len(food.portions),
            "refuse_pct": food.refuse_pct,
            "search_text": search.search_text(food.name),
            "ingredients": food.ingredients,
            **self._engine_columns(food),
        }
        self._conn.execute(
            "INSERT INTO foods (" + ", ".join(columns) + ") VALUES " + rows_of(len(columns), 1),
            list(columns.values()),
        )
        values = [(key, float(per_100g[key])) for key in KEYS if per_100g.get(key) is not None]
        if values:
            self._conn.execute(
                "INSERT INTO food_nutrients (food_id, nutrient, amount) VALUES "
                + rows_of(3, len(values)),
                [v for key, amount in values for v in (food_id, key, amount)],
            )
        if food.portions:
            self._conn.execute(
                "INSERT INTO portions (food_id, seq, amount, description, gram_weight) VALUES "
                + rows_of(5, len(food.portions)),
                [
                    v
                    for index, p in enumerate(food.portions)
                    for v in (food_id, index + 1, p.amount, p.description, p.gram_weight)
                ],
            )
        self._conn.execute(
            "UPDATE datasets SET food_count = food_count + 1, "
            "nutrient_value_count = nutrient_value_count + ?, portion_count = portion_count + ? "
            "WHERE dataset_id = ?",
            [len(values), len(food.portions), dataset_id],
        )
        return food_id

    def _engine_columns(self, food: Food) -> dict[str, object]:
        """Columns of `foods` only one engine has (names from a fixed list), by name."""
        return {}

    def _group_code(self, dataset_id: int, code: str, name: str) -> str:
        """The file's group when the workspace sees one with that code (a USDA group, or one of
        its own imports); else a group of the dataset's own, so that a file naming another
        workspace's group code neither joins that group nor learns its name."""
        seen = self._conn.execute(
            "SELECT count(*) FROM (" + VISIBLE_GROUPS + ") AS visible WHERE group_code = ?",
            [self._workspace, code],
        ).fetchone()[0]
        if seen:
            return code
        own = f"D{dataset_id}:{code}"
        self._conn.execute(
            "INSERT INTO food_groups SELECT ?, ? WHERE NOT EXISTS "
            "(SELECT 1 FROM food_groups WHERE group_code = ?)",
            [own, name or code, own],
        )
        return own


def _unique_source(conn: Sql, dataset_id: int, source_id: str) -> str:
    """The food's id in its original dataset, kept when free (foods are unique per dataset)."""
    source_id = source_id or "food"
    taken = conn.execute(
        "SELECT count(*) FROM foods WHERE dataset_id = ? AND source_id = ?", [dataset_id, source_id]
    ).fetchone()[0]
    return source_id if not taken else f"{source_id}-{dataset_id}-{taken + 1}"
