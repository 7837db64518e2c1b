"""PlanningStore in SQL (DuckDB and PostgreSQL): per-food rules and prices of one workspace,
and every food that workspace sees (shared foods and its own imports) with the nutrients the
generator plans with, in one query. A rule or price for a food or recipe the workspace does not
see is refused as missing (NotFound), as the catalog and the recipes would.

Writes are single statements on the connection given (committed by themselves, outside a unit
of work).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from menuplanner.domain.errors import NotFound
from menuplanner.domain.menus import ItemKind
from menuplanner.planning.meals import MealKind
from menuplanner.planning.patterns import (
    PracticePattern,
    check_in_use,
    patterns_from_json,
    patterns_to_json,
)
from menuplanner.planning.store import (
    FOOD_ROW_SCHEMA,
    PLANNED,
    FoodRule,
    PlanningStore,
    check_price,
)
from menuplanner.store.sql.dialect import Sql
from menuplanner.store.sql.foods import SEEN_BY, VISIBLE_FOODS

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
    + " GROUP BY f.food_id, f.name, f.group_code, d.name, f.is_common, f.is_branded, "
    "f.ingredients ORDER BY f.food_id"
)

MEAL_PATTERNS = "meal_patterns"  # the workspace's patterns, JSON in workspace_settings


class SqlPlanningStore(PlanningStore):
    def __init__(self, sql: Sql, workspace: str) -> None:
        if not workspace:
            raise ValueError("A workspace is required.")
        self._sql = sql
        self._workspace = workspace
        self._tables = True  # an engine whose databases may lack them says otherwise

    def food_rows(self) -> pl.DataFrame:
        frame = self._sql.frame(_FOOD_ROWS, [self._workspace], FOOD_ROW_SCHEMA)
        return frame.cast(dict(FOOD_ROW_SCHEMA)).select(FOOD_ROW_SCHEMA.names())

    def rules(self) -> dict[tuple[ItemKind, int], FoodRule]:
        if not self._tables:
            return {}
        rows = self._sql.rows(
            "SELECT kind, ref_id, meals, min_grams, max_grams FROM planning_rules "
            "WHERE workspace_id = ?",
            [self._workspace],
        )
        found = {}
        for kind, ref_id, meals, low, high in rows:
            chosen = None if meals is None else frozenset(MealKind(m) for m in meals)
            found[(ItemKind(kind), ref_id)] = FoodRule(ItemKind(kind), ref_id, chosen, low, high)
        return found

    def set_rule(self, rule: FoodRule) -> None:
        self._check_seen(ItemKind(rule.kind), rule.ref_id)
        meals = None if rule.meals is None else sorted(m.value for m in rule.meals)
        self._sql.execute(
            "INSERT INTO planning_rules VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (workspace_id, kind, ref_id) DO UPDATE SET meals = excluded.meals, "
            "min_grams = excluded.min_grams, max_grams = excluded.max_grams",
            [self._workspace, str(rule.kind), rule.ref_id, meals, rule.min_grams, rule.max_grams],
        )

    def remove_rule(self, kind: ItemKind, ref_id: int) -> None:
        self._sql.execute(
            "DELETE FROM planning_rules WHERE workspace_id = ? AND kind = ? AND ref_id = ?",
            [self._workspace, str(kind), ref_id],
        )

    def prices(self) -> dict[int, float]:
        if not self._tables:
            return {}
        rows = self._sql.rows(
            "SELECT food_id, price_per_kg FROM food_prices WHERE workspace_id = ?",
            [self._workspace],
        )
        return dict(rows)

    def set_price(self, food_id: int, price_per_kg: float | None) -> None:
        if price_per_kg is None:
            self._sql.execute(
                "DELETE FROM food_prices WHERE workspace_id = ? AND food_id = ?",
                [self._workspace, food_id],
            )
            return
        self._check_seen(ItemKind.FOOD, food_id)
        self._sql.execute(
            "INSERT INTO food_prices VALUES (?, ?, ?) ON CONFLICT (workspace_id, food_id) "
            "DO UPDATE SET price_per_kg = excluded.price_per_kg",
            [self._workspace, food_id, check_price(price_per_kg)],
        )

    def _check_seen(self, kind: ItemKind, ref_id: int) -> None:
        if kind == ItemKind.FOOD:
            sql = "SELECT count(*) FROM (" + VISIBLE_FOODS + ") AS visible WHERE food_id = ?"
            noun = "food"
        else:
            sql = "SELECT count(*) FROM recipes WHERE workspace_id = ? AND recipe_id = ?"
            noun = "recipe"
        if not self._sql.value(sql, [self._workspace, ref_id]):
            raise NotFound(f"There is no {noun} with id {ref_id}.")

    def meal_patterns(self) -> tuple[PracticePattern, ...] | None:
        value = self._sql.value(
            "SELECT value FROM workspace_settings WHERE workspace_id = ? AND key = ?",
            [self._workspace, MEAL_PATTERNS],
        )
        return None if value is None else patterns_from_json(value)

    def set_meal_patterns(self, patterns: Sequence[PracticePattern] | None) -> None:
        if patterns is None:
            self._sql.execute(
                "DELETE FROM workspace_settings WHERE workspace_id = ? AND key = ?",
                [self._workspace, MEAL_PATTERNS],
            )
            return
        check_in_use(patterns)
        self._sql.execute(
            "INSERT INTO workspace_settings VALUES (?, ?, ?) ON CONFLICT (workspace_id, key) "
            "DO UPDATE SET value = excluded.value",
            [self._workspace, MEAL_PATTERNS, patterns_to_json(patterns)],
        )
