"""Recalculating stored grams after the foods' household measures changed (an import updated
them): every food amount of recipes and menus given in a household measure is converted again;
nutrition totals follow from these grams. Used by `menuplanner recalc` and the workbench."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from menuplanner.domain import units
from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.menus import ItemKind, Menu
from menuplanner.ports import UnitOfWork


@dataclass
class RecalcReport:
    """What `recalculate` found: items and ingredients checked and changed, and the ones whose
    household measure the food no longer has (left as they were, each as a sentence)."""

    menu_items: int = 0
    menu_items_changed: int = 0
    ingredients: int = 0
    ingredients_changed: int = 0
    problems: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> int:
        return self.menu_items_changed + self.ingredients_changed


def recalculate(uow: UnitOfWork, *, dry_run: bool = False) -> RecalcReport:
    """Recompute the grams stored for every food amount in recipes and menus from the foods'
    current household measures, after an import updated them (nutrition totals are computed
    from these grams). One transaction; with `dry_run`, report without saving."""
    report = RecalcReport(dry_run=dry_run)
    with uow:
        for recipe in uow.recipes.list():
            foods = uow.foods.get_many([i.food_id for i in recipe.ingredients])
            fresh = []
            for ingredient in recipe.ingredients:
                report.ingredients += 1
                where = f"Recipe {recipe.name!r}"
                grams = _grams(
                    foods,
                    ingredient.food_id,
                    ingredient.quantity,
                    ingredient.unit,
                    ingredient.grams,
                    where,
                    report,
                )
                fresh.append(replace(ingredient, grams=grams))
                report.ingredients_changed += grams != ingredient.grams
            if fresh != recipe.ingredients:
                recipe.ingredients = fresh
                uow.recipes.update(recipe)
        for menu in uow.menus.list():
            if _recalc_menu(uow, menu, report):
                uow.menus.update(menu)
        if not dry_run:
            uow.commit()
    return report


def _recalc_menu(uow: UnitOfWork, menu: Menu, report: RecalcReport) -> bool:
    food_items = [i for i in menu.items if i.kind == ItemKind.FOOD]
    foods = uow.foods.get_many([i.ref_id for i in food_items])
    changed = False
    for index, item in enumerate(menu.items):
        if item.kind != ItemKind.FOOD:
            continue
        report.menu_items += 1
        where = f"Menu {menu.name!r}, day {item.day + 1}, {item.slot}"
        grams = _grams(foods, item.ref_id, item.quantity, item.unit, item.grams, where, report)
        if grams != item.grams:
            menu.items[index] = replace(item, grams=grams)
            report.menu_items_changed += 1
            changed = True
    return changed


def _grams(foods, food_id, quantity, unit, stored, where, report) -> float | None:
    food = foods.get(food_id)
    if food is None:
        report.problems.append(f"{where}: food {food_id} is no longer in the database.")
        return stored
    try:
        grams = units.to_grams(quantity, unit, food.portions)
    except MenuplannerError as error:
        report.problems.append(f"{where}: {food.name}: {error}")
        return stored
    # Float noise is no change: only a measure that really weighs differently now counts.
    return stored if stored is not None and math.isclose(grams, stored, rel_tol=1e-9) else grams
