"""Writing the demo data (data/demo/demo.toml) through a unit of work, and removing it again in
one action.

Everything is built from the bundled USDA SR26 foods and marked `is_demo=True`. Amounts are
grams or one of the food's household measures exactly as USDA spells it, resolved to grams by
`domain.units.to_grams` when the demo is written, so a mistyped measure fails loudly.

Maya's week is designed for her profile targets (in 2026: 2,075 kcal, 77 g protein, 286 g
carbohydrate, 69 g fat): every day comes within ±5 % of the energy target and within ±10 % of
each macro, with at least the fibre minimum and under the sodium maximum. Her age, and so her
target, drops by about 8 kcal a year, which the margins absorb for decades.
`tests/integration/test_demo_data.py` checks each day against ±10 % with the totals engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from menuplanner.demo.data import Amount, DemoData, DemoRecipe, Serving, demo_data
from menuplanner.domain import menus as menu_rules
from menuplanner.domain.errors import NotFound
from menuplanner.domain.foods import Food
from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.units import to_grams
from menuplanner.ports import UnitOfWork

DEMO_MENU_NAME = "Demo week"  # Maya's


@dataclass(frozen=True)
class DemoRemoval:
    """What `remove_demo` deleted, and the demo rows it kept because user data needs them."""

    menus: int = 0
    clients: int = 0
    recipes: int = 0
    kept: list[str] = field(default_factory=list)


def add_demo_once(uow: UnitOfWork, today: dt.date) -> bool:
    """Add the demo data to the unit of work's workspace and commit, all or nothing; does
    nothing (and returns False) when that workspace already has a demo client."""
    with uow:
        if any(client.is_demo for client in uow.clients.list()):
            return False
        add_demo(uow, today)
        uow.commit()
    return True


def add_demo(uow: UnitOfWork, today: dt.date, data: DemoData | None = None) -> list[int]:
    """Write the demo data through an open unit of work (not committed); returns the ids of
    the demo menus, one per demo client.

    The weeks start on the Monday of `today`'s week, so the dashboard's current week is the
    populated one on a first run.
    """
    data = data or demo_data()
    foods = uow.foods.get_many(sorted(data.food_ids()))
    if missing := data.food_ids() - foods.keys():
        raise NotFound(f"The demo data needs USDA foods this database lacks: {sorted(missing)}.")
    client_ids = [uow.clients.add(c.client()) for c in data.clients]  # first: Maya keeps id 1
    recipe_ids = {r.name: uow.recipes.add(_recipe(r, foods)) for r in data.recipes}
    monday = today - dt.timedelta(days=today.weekday())
    menu_ids = []
    for demo_client, client_id in zip(data.clients, client_ids, strict=True):
        used = dict.fromkeys(meal for day in demo_client.week for meal in day)
        slots = DEFAULT_SLOTS + tuple(m for m in used if m not in DEFAULT_SLOTS)
        menu = Menu(client_id, demo_client.menu, monday, len(demo_client.week), slots, is_demo=True)
        for day, meals in enumerate(demo_client.week):
            for slot, entries in meals.items():
                for entry in entries:
                    menu_rules.add_item(menu, _item(day, slot, entry, foods, recipe_ids))
        menu_ids.append(uow.menus.add(menu))
    return menu_ids


def remove_demo(uow: UnitOfWork) -> DemoRemoval:
    """Delete every demo menu, client and recipe of the workspace, and commit: the one action.

    User rows are never touched. A demo recipe a user's menu uses, and a demo client with a
    user's menu, are kept and listed in `kept` with the reason.
    """
    kept: list[str] = []
    with uow:
        menus = [m for m in uow.menus.list() if m.is_demo]
        for menu in menus:
            uow.menus.delete(menu.menu_id)
        clients = 0
        for client in (c for c in uow.clients.list() if c.is_demo):
            if own := uow.menus.list(client.client_id):
                kept.append(f"{client.name} (has {_quoted('menu', [m.name for m in own])})")
            else:
                uow.clients.delete(client.client_id)
                clients += 1
        recipes = 0
        for recipe in (r for r in uow.recipes.list() if r.is_demo):
            if users := uow.menus.using_recipe(recipe.recipe_id):
                kept.append(f"{recipe.name} (used by {_quoted('menu', [u.name for u in users])})")
            else:
                uow.recipes.delete(recipe.recipe_id)
                recipes += 1
        uow.commit()
    return DemoRemoval(len(menus), clients, recipes, kept)


def _quoted(noun: str, names: list[str]) -> str:
    listed = ", ".join(f"'{name}'" for name in names)
    return f"{noun} {listed}" if len(names) == 1 else f"{noun}s {listed}"


def _recipe(data: DemoRecipe, foods: dict[int, Food]) -> Recipe:
    ingredients = [
        Ingredient(
            i.food,
            i.quantity,
            i.unit,
            _grams(foods[i.food], i.quantity, i.unit),
            foods[i.food].name,
        )
        for i in data.ingredients
    ]
    return Recipe(data.name, data.servings, ingredients, data.method, is_demo=True)


def _item(
    day: int, slot: str, entry: Amount | Serving, foods: dict[int, Food], recipe_ids: dict[str, int]
) -> MenuItem:
    if isinstance(entry, Serving):
        return MenuItem(
            day,
            slot,
            ItemKind.RECIPE,
            recipe_ids[entry.recipe],
            entry.servings,
            "serving",
            label=entry.recipe,
        )
    food = foods[entry.food]
    grams = _grams(food, entry.quantity, entry.unit)
    return MenuItem(
        day, slot, ItemKind.FOOD, food.food_id, entry.quantity, entry.unit, grams, label=food.name
    )


def _grams(food: Food, quantity: float, unit: str) -> float:
    return to_grams(quantity, unit, food.portions)
