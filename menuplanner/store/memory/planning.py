"""In-memory fake of the PlanningStore port, over a MemoryFoodCatalog, for fast tests: it plans
with the foods that catalog sees, and refuses a price or food rule for any other food."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from menuplanner.domain.menus import ItemKind
from menuplanner.planning.patterns import PracticePattern, check_in_use
from menuplanner.planning.store import (
    FOOD_ROW_SCHEMA,
    PLANNED,
    FoodRule,
    PlanningStore,
    check_price,
)
from menuplanner.ports import FoodCatalog


class MemoryPlanningStore(PlanningStore):
    def __init__(self, catalog: FoodCatalog) -> None:
        self._catalog = catalog
        self._rules: dict[tuple[ItemKind, int], FoodRule] = {}
        self._prices: dict[int, float] = {}
        self._patterns: tuple[PracticePattern, ...] | None = None

    def food_rows(self) -> pl.DataFrame:
        hits = self._catalog.search("", limit=10**9).hits
        listed = self._catalog.get_many([h.food_id for h in hits])
        foods = pl.DataFrame(
            [
                (h.food_id, h.name, h.group_code, h.dataset, h.is_common, h.is_branded)
                + (listed[h.food_id].ingredients,)
                for h in hits
            ],
            schema={name: FOOD_ROW_SCHEMA[name] for name in FOOD_ROW_SCHEMA.names()[:7]},
            orient="row",
        )
        nutrients = self._catalog.nutrients_per_100g(foods["food_id"].to_list())
        joined = foods.join(nutrients.select("food_id", *PLANNED), on="food_id", how="left")
        return joined.cast(dict(FOOD_ROW_SCHEMA)).select(FOOD_ROW_SCHEMA.names()).sort("food_id")

    def rules(self) -> dict[tuple[ItemKind, int], FoodRule]:
        return dict(self._rules)

    def set_rule(self, rule: FoodRule) -> None:
        if ItemKind(rule.kind) == ItemKind.FOOD:
            self._catalog.get(rule.ref_id)  # NotFound for a food it does not see
        self._rules[(ItemKind(rule.kind), rule.ref_id)] = rule

    def remove_rule(self, kind: ItemKind, ref_id: int) -> None:
        self._rules.pop((ItemKind(kind), ref_id), None)

    def prices(self) -> dict[int, float]:
        return dict(self._prices)

    def set_price(self, food_id: int, price_per_kg: float | None) -> None:
        if price_per_kg is None:
            self._prices.pop(food_id, None)
        else:
            self._catalog.get(food_id)
            self._prices[food_id] = check_price(price_per_kg)

    def meal_patterns(self) -> tuple[PracticePattern, ...] | None:
        return self._patterns

    def set_meal_patterns(self, patterns: Sequence[PracticePattern] | None) -> None:
        if patterns is not None:
            check_in_use(patterns)
            patterns = tuple(patterns)
        self._patterns = patterns
