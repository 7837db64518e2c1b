"""The planning store (per-food rules, prices, the planner's food rows): the DuckDB adapter and
the in-memory fake give the same answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.menus import ItemKind
from menuplanner.planning.meals import MealKind
from menuplanner.planning.store import FOOD_ROW_SCHEMA, FoodRule, PlanningStore
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog
from menuplanner.store.duckdb.planning import DuckDBPlanningStore
from menuplanner.store.memory import MemoryFoodCatalog
from menuplanner.store.memory.planning import MemoryPlanningStore

BANANA, CHEDDAR = 9040, 1009


@pytest.fixture(params=["duckdb", "memory"])
def store(request, database_copy: Path) -> Iterator[PlanningStore]:
    conn = database.connect(database_copy)
    try:
        if request.param == "duckdb":
            yield DuckDBPlanningStore(conn.cursor(), LOCAL_WORKSPACE)
        else:
            catalog = DuckDBFoodCatalog(conn.cursor(), LOCAL_WORKSPACE)
            foods = catalog.get_many([BANANA, CHEDDAR])
            nutrients = catalog.nutrients_per_100g([BANANA, CHEDDAR])
            yield MemoryPlanningStore(MemoryFoodCatalog(foods, nutrients, common=[BANANA]))
    finally:
        conn.close()


def test_a_rule_is_stored_replaced_and_removed(store: PlanningStore) -> None:
    rule = FoodRule(ItemKind.FOOD, BANANA, frozenset({MealKind.SNACK}), 100.0, 150.0)
    store.set_rule(rule)
    assert store.rules() == {(ItemKind.FOOD, BANANA): rule}
    never = FoodRule(ItemKind.FOOD, BANANA, frozenset())
    store.set_rule(never)
    assert store.rules()[(ItemKind.FOOD, BANANA)].meals == frozenset()
    store.remove_rule(ItemKind.FOOD, BANANA)
    store.remove_rule(ItemKind.FOOD, BANANA)  # no error when it has none
    assert store.rules() == {}


def test_a_price_is_stored_and_removed_and_a_silly_one_refused(store: PlanningStore) -> None:
    store.set_price(BANANA, 2.5)
    assert store.prices() == {BANANA: 2.5}
    with pytest.raises(ValidationFailed, match="between 0 and 1,000 per kg"):
        store.set_price(BANANA, -1)
    store.set_price(BANANA, None)
    assert store.prices() == {}


def test_food_rows_carry_the_planned_nutrients(store: PlanningStore) -> None:
    rows = store.food_rows()
    assert rows.schema == FOOD_ROW_SCHEMA
    banana = rows.filter(rows["food_id"] == BANANA).row(0, named=True)
    assert (banana["name"], banana["group_code"], banana["is_common"]) == (
        "Bananas, raw",
        "0900",
        True,
    )
    assert (banana["energy_kcal"], banana["carbohydrate_g"], banana["sodium_mg"]) == (
        89.0,
        22.84,
        1.0,
    )


def test_a_database_built_before_the_planning_tables_gets_them_on_first_use(
    database_copy: Path,
) -> None:
    conn = database.connect(database_copy)
    try:
        conn.execute("DROP TABLE planning_rules")
        conn.execute("DROP TABLE food_prices")
        store = DuckDBPlanningStore(conn.cursor(), LOCAL_WORKSPACE)
        assert store.rules() == {} and store.prices() == {}
        store.set_price(BANANA, 3.0)
        assert store.prices() == {BANANA: 3.0}
    finally:
        conn.close()
