"""PlanningStore over DuckDB: per-food rules and prices of one workspace, and every food that
workspace sees (shared foods and its own imports) with the nutrients the generator plans with,
in one query. A rule or price for a food or recipe the workspace does not see is refused as
missing (NotFound), as the catalog and the recipes would.

Writes are single statements on the cursor given (auto-committed). Databases built before these
tables existed get them on first use (`CREATE TABLE IF NOT EXISTS`, as in schema.py); on a
read-only connection a missing table reads as empty.
"""

from __future__ import annotations

import duckdb
import polars as pl

from menuplanner.domain.errors import NotFound
from menuplanner.domain.menus import ItemKind
from menuplanner.planning.meals import MealKind
from menuplanner.planning.store import (
    FOOD_ROW_SCHEMA,
    PLANNED,
    FoodRule,
    PlanningStore,
    check_price,
)
from menuplanner.store.duckdb.foods import SEEN_BY, VISIBLE_FOODS
from menuplanner.store.duckdb.schema import USER_TABLES

_TABLES = tuple(t for t in USER_TABLES if "planning_rules" in t or "food_prices" in t)
_NUTRIENT_COLUMNS = ", ".join(
    f"max(n.amount) FILTER (WHERE n.nutrient = '{key}') AS {key}" for key in PLANNED
)  # keys from a fixed tuple
_FOOD_ROWS = (
    "SELECT f.food_id, f.name, f.group_code, d.name AS dataset, f.is_common, f.is_branded, "
    "coalesce(f.ingredients, '') AS ingredients, "
    f"{_NUTRIENT_COLUMNS} FROM foods f JOIN datasets d USING (dataset_id) "
    "LEFT JOIN food_nutrients n ON n.food_id = f.food_id AND n.nutrient IN ("
    + ", ".join(f"'{key}'" for key in PLANNED)
    + ") WHERE "
    + SEEN_BY
    + " GROUP BY ALL ORDER BY f.food_id"
)


class DuckDBPlanningStore(PlanningStore):
    def __init__(self, conn: duckdb.DuckDBPyConnection, workspace: str) -> None:
        if not workspace:
            raise ValueError("A workspace is required.")
        self._conn = conn
        self._workspace = workspace
        self._tables = self._exists()
        if not self._tables:
            try:
                for statement in _TABLES:
                    conn.execute(statement)
                self._tables = True
            except duckdb.Error:  # a read-only connection to a database built before them
                pass

    def food_rows(self) -> pl.DataFrame:
        frame = self._conn.sql(_FOOD_ROWS, params=[self._workspace]).pl()
        return frame.cast(dict(FOOD_ROW_SCHEMA)).select(FOOD_ROW_SCHEMA.names())

    def rules(self) -> dict[tuple[ItemKind, int], FoodRule]:
        if not self._tables:
            return {}
        rows = self._conn.execute(
            "SELECT kind, ref_id, meals, min_grams, max_grams FROM planning_rules "
            "WHERE workspace_id = ?",
            [self._workspace],
        ).fetchall()
        found = {}
        for kind, ref_id, meals, low, high in rows:
            chosen = None if meals is None else frozenset(MealKind(m) for m in meals)
            found[(ItemKind(kind), ref_id)] = FoodRule(ItemKind(kind), ref_id, chosen, low, high)
        return found

    def set_rule(self, rule: FoodRule) -> None:
        self._check_seen(ItemKind(rule.kind), rule.ref_id)
        meals = None if rule.meals is None else sorted(m.value for m in rule.meals)
        self._conn.execute(
            "INSERT OR REPLACE INTO planning_rules VALUES (?, ?, ?, ?, ?, ?)",
            [self._workspace, str(rule.kind), rule.ref_id, meals, rule.min_grams, rule.max_grams],
        )

    def remove_rule(self, kind: ItemKind, ref_id: int) -> None:
        self._conn.execute(
            "DELETE FROM planning_rules WHERE workspace_id = ? AND kind = ? AND ref_id = ?",
            [self._workspace, str(kind), ref_id],
        )

    def prices(self) -> dict[int, float]:
        if not self._tables:
            return {}
        rows = self._conn.execute(
            "SELECT food_id, price_per_kg FROM food_prices WHERE workspace_id = ?",
            [self._workspace],
        ).fetchall()
        return dict(rows)

    def set_price(self, food_id: int, price_per_kg: float | None) -> None:
        if price_per_kg is None:
            self._conn.execute(
                "DELETE FROM food_prices WHERE workspace_id = ? AND food_id = ?",
                [self._workspace, food_id],
            )
            return
        self._check_seen(ItemKind.FOOD, food_id)
        self._conn.execute(
            "INSERT OR REPLACE INTO food_prices VALUES (?, ?, ?)",
            [self._workspace, food_id, check_price(price_per_kg)],
        )

    def _check_seen(self, kind: ItemKind, ref_id: int) -> None:
        if kind == ItemKind.FOOD:
            sql, noun = "SELECT count(*) FROM (" + VISIBLE_FOODS + ") WHERE food_id = ?", "food"
        else:
            sql = "SELECT count(*) FROM recipes WHERE workspace_id = ? AND recipe_id = ?"
            noun = "recipe"
        if not self._conn.execute(sql, [self._workspace, ref_id]).fetchall()[0][0]:
            raise NotFound(f"There is no {noun} with id {ref_id}.")

    def _exists(self) -> bool:
        found = self._conn.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name IN ('planning_rules', 'food_prices')"
        ).fetchall()  # all rows: a result left unfinished would block the next relation query
        return found[0][0] == 2
