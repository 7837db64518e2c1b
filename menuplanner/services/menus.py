"""Menu building: every user action is one unit of work (load, change, save, commit), and one
report gives a page everything it shows: items, day totals, targets, adherence, violations.

Every change takes the menu the user `seen` (optional: the command line and notebooks act on
the menu as it is). When the stored menu has moved on since, the change is refused with
StaleMenu, which says what the other person changed; it is never applied on top of changes the
user has not seen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
from dataclasses import dataclass

import polars as pl

from menuplanner.domain import menus as menu_rules
from menuplanner.domain import units
from menuplanner.domain.clients import Client
from menuplanner.domain.composition import NOTHING, Composition, food_composition
from menuplanner.domain.constraints import Violation, problems
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.foods import Food
from menuplanner.domain.handout_names import item_handout_name
from menuplanner.domain.menu_changes import stale_menu
from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.targets import Targets, TargetWorking, client_targets, validate_targets
from menuplanner.domain.validation import clean_name
from menuplanner.nutrition import adherence, totals
from menuplanner.ports import UnitOfWork

MAX_DAYS = 31
MAX_SERVINGS = 20.0


@dataclass(frozen=True, slots=True)
class MealItems:
    """One meal of a day as the builder shows it."""

    slot: str
    items: pl.DataFrame  # item_totals rows, none when nothing is planned
    energy_kcal: float


@dataclass(frozen=True)
class MenuReport:
    menu: Menu
    client: Client
    targets: Targets  # the client's usual targets
    working: TargetWorking | None
    day_targets: dict[int, Targets]  # every day's targets (menu overrides applied)
    items: pl.DataFrame  # item_totals: one row per item, menu.items order
    days: pl.DataFrame  # day_totals: one row per day
    adherence: pl.DataFrame  # day × measure vs targets
    violations: dict[int, list[Violation]]  # by item_id
    # the foods of the items and of their recipes' ingredients, by food_id (their measures
    # give the builder its unit choices without reading them again)
    foods: dict[int, Food] = dataclasses.field(default_factory=dict)
    # the names this workspace gave those foods for handouts (domain/handout_names.py)
    display_names: dict[int, str] = dataclasses.field(default_factory=dict)

    @functools.cached_property
    def average(self) -> pl.DataFrame:
        """The average planned day (worked out when asked: the day view never asks)."""
        return totals.average_of_days(self.days)

    def day_meals(self, day: int) -> list[MealItems]:
        """The day's meals in the menu's order, each with its items (item_totals rows, maybe
        none) and their energy: split once, not filtered meal by meal."""
        by_slot = self.items.filter(pl.col("day") == day).partition_by(
            "slot", as_dict=True, include_key=True
        )
        empty = self.items.clear()
        meals = []
        for slot in self.menu.slots:
            rows = by_slot.get((slot,), empty)
            meals.append(MealItems(slot, rows, float(rows["energy_kcal"].sum())))
        return meals

    @property
    def meals(self) -> pl.DataFrame:
        """One row per day × meal with items: their labels and summed amounts."""
        return totals.meals_of_items(self.items)


def create_menu(
    uow: UnitOfWork,
    client_id: int,
    name: str,
    start_date: dt.date,
    days: int = 7,
    slots: tuple[str, ...] = DEFAULT_SLOTS,
) -> int:
    name = clean_name(name, "Menu name")
    if not 1 <= days <= MAX_DAYS:
        raise ValidationFailed(f"A menu has 1 to {MAX_DAYS} days, not {days}.")
    slots = tuple(clean_name(s, "Meal name", 40) for s in slots)
    if not slots or len(set(slots)) != len(slots):
        raise ValidationFailed("Meal names must be given and different from each other.")
    with uow:
        uow.clients.get(client_id)
        menu_id = uow.menus.add(Menu(client_id, name, start_date, days, slots))
        uow.commit()
    return menu_id


def report(uow: UnitOfWork, menu_id: int, today: dt.date | None = None) -> MenuReport:
    with uow:
        return report_in(uow, menu_id, today)


def day_report(uow: UnitOfWork, menu_id: int, day: int, today: dt.date | None = None) -> MenuReport:
    """The report of one day: its `items`, `days`, `adherence`, `average` and `violations`
    cover that day only (the menu builder's day view: a seventh of a week's work per click;
    `item_index` counts that day's items); `menu` is the whole menu."""
    with uow:
        return report_in(uow, menu_id, today, only_day=day)


def report_in(
    uow: UnitOfWork, menu_id: int, today: dt.date | None = None, only_day: int | None = None
) -> MenuReport:
    """The report, read through a unit of work that is already open."""
    whole = uow.menus.get(menu_id)
    menu = whole
    if only_day is not None:
        menu = dataclasses.replace(whole, items=[i for i in whole.items if i.day == only_day])
    client = uow.clients.get(menu.client_id)
    recipes = uow.recipes.get_many([i.ref_id for i in menu.items if i.kind == ItemKind.RECIPE])
    food_ids = _food_ids(menu, recipes)
    foods = uow.foods.get_many(food_ids)  # first: the catalog learns which are bundled foods
    per_100g = uow.foods.nutrients_per_100g(food_ids)
    overrides = uow.foods.tag_overrides(food_ids)
    targets, working = client_targets(client, today or dt.date.today())
    per_day = adherence.targets_by_day(menu, targets)
    items = totals.item_totals(menu, recipes, per_100g)
    days = totals.days_of_items(items, menu)
    return MenuReport(
        whole,
        client,
        targets,
        working,
        per_day,
        items,
        days,
        adherence.day_vs_targets(days, per_day),
        _violations(menu, recipes, foods, overrides, client),
        foods,
        uow.settings.display_names(food_ids),
    )


def day_portions(uow: UnitOfWork, report: MenuReport, day: int) -> dict[int, tuple]:
    """food_id → household measures of the foods planned on `day`: from the report, read again
    only for a food the report does not hold (a report of another day)."""
    wanted = report.items.filter((pl.col("kind") == "food") & (pl.col("day") == day))["food_id"]
    foods = {i: report.foods[i] for i in wanted if i in report.foods}
    missing = [i for i in wanted if i not in foods]
    if missing:
        with uow:
            foods.update(uow.foods.get_many(missing))
    return {food_id: food.portions for food_id, food in foods.items()}


def handout_names(report: MenuReport, day: int) -> dict[int, str]:
    """item_id → the name a client reads for the food items of `day` (a typed label, the
    workspace's name or the rule-made one), from what the report holds: nothing is read."""
    found = {}
    of_day = report.items.filter((pl.col("kind") == ItemKind.FOOD.value) & (pl.col("day") == day))
    for item_id, label, food_id in of_day.select("item_id", "label", "food_id").iter_rows():
        food = report.foods.get(food_id)
        if food is not None:
            found[item_id] = item_handout_name(label, food, report.display_names)
    return found


def _food_ids(menu: Menu, recipes: dict[int, Recipe]) -> list[int]:
    ids = [i.ref_id for i in menu.items if i.kind == ItemKind.FOOD]
    ids += [ing.food_id for r in recipes.values() for ing in r.ingredients]
    return list(dict.fromkeys(ids))


def _violations(menu, recipes, foods, overrides, client) -> dict[int, list[Violation]]:
    def of_food(food_id: int) -> tuple[Composition, list[str]]:
        food = foods.get(food_id)
        if food is None:
            return NOTHING, []
        return food_composition(food, overrides), [food.name]

    found: dict[int, list[Violation]] = {}
    for item in menu.items:
        if item.kind == ItemKind.FOOD:
            composition, names = of_food(item.ref_id)
        else:
            parts = [of_food(i.food_id) for i in recipes[item.ref_id].ingredients]
            composition = functools.reduce(operator.or_, (c for c, _ in parts), NOTHING)
            names = [n for _, ns in parts for n in ns]
        broken = problems(composition, names, client)
        if broken and item.item_id is not None:
            found[item.item_id] = broken
    return found


def add_food(
    uow: UnitOfWork,
    menu_id: int,
    day: int,
    slot: str,
    food_id: int,
    quantity: float,
    unit: str,
    seen: Menu | None = None,
) -> MenuItem:
    with uow:
        food = uow.foods.get(food_id)
        grams = units.to_grams(quantity, unit, food.portions)
        menu = current_menu(uow, menu_id, seen)
        item = MenuItem(day, slot, ItemKind.FOOD, food_id, quantity, unit, grams, food.name)
        placed = menu_rules.add_item(menu, item)
        uow.menus.update(menu)
        uow.commit()
    return placed


def add_recipe(
    uow: UnitOfWork,
    menu_id: int,
    day: int,
    slot: str,
    recipe_id: int,
    servings: float,
    seen: Menu | None = None,
) -> MenuItem:
    _check_servings(servings)
    with uow:
        recipe = uow.recipes.get(recipe_id)
        menu = current_menu(uow, menu_id, seen)
        item = MenuItem(
            day, slot, ItemKind.RECIPE, recipe_id, servings, "serving", None, recipe.name
        )
        placed = menu_rules.add_item(menu, item)
        uow.menus.update(menu)
        uow.commit()
    return placed


def change_amount(
    uow: UnitOfWork,
    menu_id: int,
    item_id: int,
    quantity: float,
    unit: str,
    seen: Menu | None = None,
) -> None:
    with uow:
        menu = current_menu(uow, menu_id, seen)
        item = menu_rules.find_item(menu, item_id)
        if item.kind == ItemKind.RECIPE:
            _check_servings(quantity)
            menu_rules.update_item(menu, item_id, quantity=quantity)
        else:
            grams = units.to_grams(quantity, unit, uow.foods.get(item.ref_id).portions)
            menu_rules.update_item(menu, item_id, quantity=quantity, unit=unit, grams=grams)
        uow.menus.update(menu)
        uow.commit()


def change_unit(
    uow: UnitOfWork, menu_id: int, item_id: int, unit: str, seen: Menu | None = None
) -> float:
    """Switch a food item to another unit keeping about the same weight; returns the new
    quantity in that unit."""
    with uow:
        menu = current_menu(uow, menu_id, seen)
        item = menu_rules.find_item(menu, item_id)
        portions = uow.foods.get(item.ref_id).portions
        quantity = units.quantity_in(item.grams or 0.0, unit, portions)
        grams = units.to_grams(quantity, unit, portions)
        menu_rules.update_item(menu, item_id, quantity=quantity, unit=unit, grams=grams)
        uow.menus.update(menu)
        uow.commit()
    return quantity


def move(
    uow: UnitOfWork, menu_id: int, item_id: int, day: int, slot: str, seen: Menu | None = None
) -> None:
    _change(uow, menu_id, seen, lambda menu: menu_rules.move_item(menu, item_id, day, slot))


def remove(uow: UnitOfWork, menu_id: int, item_id: int, seen: Menu | None = None) -> None:
    _change(uow, menu_id, seen, lambda menu: menu_rules.remove_item(menu, item_id))


def copy_day(
    uow: UnitOfWork, menu_id: int, source: int, target: int, seen: Menu | None = None
) -> None:
    _change(uow, menu_id, seen, lambda menu: menu_rules.copy_day(menu, source, target))


def set_day_targets(
    uow: UnitOfWork, menu_id: int, day: int, targets: Targets | None, seen: Menu | None = None
) -> None:
    """Give one day other targets (a training day), or None to return it to the client's."""

    def apply(menu: Menu) -> None:
        menu_rules.check_place(menu, day, menu.slots[0])
        if targets is None:
            menu.day_targets.pop(day, None)
        else:
            menu.day_targets[day] = validate_targets(targets)

    _change(uow, menu_id, seen, apply)


def delete_menu(uow: UnitOfWork, menu_id: int) -> None:
    with uow:
        uow.menus.delete(menu_id)
        uow.commit()


def current_menu(uow: UnitOfWork, menu_id: int, seen: Menu | None) -> Menu:
    """The stored menu, to change inside the open unit of work; StaleMenu when it is no longer
    the version the user `seen`."""
    menu = uow.menus.get(menu_id)
    if seen is not None and seen.version != menu.version:
        raise stale_menu(seen, menu)
    return menu


def _change(uow: UnitOfWork, menu_id: int, seen: Menu | None, change) -> None:
    with uow:
        menu = current_menu(uow, menu_id, seen)
        change(menu)
        uow.menus.update(menu)
        uow.commit()


def _check_servings(servings: float) -> None:
    if not servings > 0:
        raise ValidationFailed("Servings must be more than 0.")
    if servings > MAX_SERVINGS:
        raise ValidationFailed(
            f"{servings:g} servings is more than one person eats; at most {MAX_SERVINGS:g}."
        )
