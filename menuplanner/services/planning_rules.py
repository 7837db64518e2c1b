"""A practice's planning rules and prices for foods: the meals a food suits, its portion limits
and its price, as the Generate page and the CLI read and change them."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from menuplanner.domain.menus import ItemKind
from menuplanner.planning.meals import MealKind
from menuplanner.planning.store import FoodRule, PlanningStore
from menuplanner.planning.suitability import classify
from menuplanner.ports import UnitOfWork


@dataclass(frozen=True)
class FoodPlanning:
    """What the generator does with one food: the rules' verdict, the user's rule, its price."""

    food_id: int
    name: str
    category: str  # the rules' category label, or "" when never suggested
    meals: frozenset[MealKind]  # what the rules say
    reason: str  # why never suggested, when so
    portion: tuple[float, float] | None  # the rules' smallest and largest portion, g
    rule: FoodRule | None
    price_per_kg: float | None


def food_planning(uow: UnitOfWork, store: PlanningStore, food_id: int) -> FoodPlanning:
    with uow:
        food = uow.foods.get(food_id)
    verdict = classify(food.name, food.group_code)
    category = verdict.category
    return FoodPlanning(
        food_id,
        food.name,
        category.label if category else "",
        category.meals if category else frozenset(),
        verdict.reason,
        (category.min_g, category.max_g) if category else None,
        store.rules().get((ItemKind.FOOD, food_id)),
        store.prices().get(food_id),
    )


def set_food_rule(
    uow: UnitOfWork,
    store: PlanningStore,
    kind: ItemKind,
    ref_id: int,
    meals: frozenset[MealKind] | None,
    min_grams: float | None = None,
    max_grams: float | None = None,
) -> None:
    """Override the suitability rules for a food or recipe (None everywhere removes the rule)."""
    with uow:  # NotFound for a food or recipe that is not there
        if kind == ItemKind.FOOD:
            uow.foods.get(ref_id)
        else:
            uow.recipes.get(ref_id)
    if meals is None and min_grams is None and max_grams is None:
        store.remove_rule(kind, ref_id)
        return
    store.set_rule(FoodRule(kind, ref_id, meals, min_grams, max_grams))


def set_price(
    uow: UnitOfWork, store: PlanningStore, food_id: int, price_per_kg: float | None
) -> None:
    with uow:
        uow.foods.get(food_id)
    store.set_price(food_id, price_per_kg)


def rules_and_prices(uow: UnitOfWork, store: PlanningStore) -> pl.DataFrame:
    """One row per food or recipe with a rule or a price: kind, id, name, meals, portion, price."""
    rules, prices = store.rules(), store.prices()
    keys = list(dict.fromkeys([*rules, *((ItemKind.FOOD, f) for f in prices)]))
    with uow:
        foods = uow.foods.get_many([ref for kind, ref in keys if kind == ItemKind.FOOD])
        recipes = uow.recipes.get_many([ref for kind, ref in keys if kind == ItemKind.RECIPE])
    rows = []
    for kind, ref in keys:
        rule = rules.get((kind, ref))
        name = (
            (foods[ref].name if ref in foods else f"food #{ref}")
            if kind == ItemKind.FOOD
            else (recipes[ref].name if ref in recipes else f"recipe #{ref}")
        )
        meals = (
            ""
            if rule is None or rule.meals is None
            else (", ".join(m.label for m in MealKind if m in rule.meals) or "never")
        )
        low = rule.min_grams if rule else None
        high = rule.max_grams if rule else None
        rows.append(
            (
                str(kind),
                ref,
                name,
                meals,
                low,
                high,
                prices.get(ref) if kind == ItemKind.FOOD else None,
            )
        )
    return pl.DataFrame(
        rows,
        orient="row",
        schema={
            "kind": pl.String,
            "ref_id": pl.Int64,
            "name": pl.String,
            "meals": pl.String,
            "min_grams": pl.Float64,
            "max_grams": pl.Float64,
            "price_per_kg": pl.Float64,
        },
    )
