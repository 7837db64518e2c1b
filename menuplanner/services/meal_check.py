"""The meal check (planning/meal_check.py) over a stored menu: each item described with the role,
category and portion the generator's candidate pool gives it (a food the pool does not hold is
judged by the suitability rules; one they never suggest has no role, and so fits no pattern)."""

from __future__ import annotations

import datetime as dt

from menuplanner.domain.display_names import display_name, food_display_name
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.targets import client_targets
from menuplanner.nutrition import adherence
from menuplanner.planning.candidates import DRINKS, RECIPE, Pool
from menuplanner.planning.meal_check import Finding, Meal, Served, check_week
from menuplanner.planning.meals import meal_kind
from menuplanner.planning.patterns import load_patterns
from menuplanner.planning.settings import GenerateSettings
from menuplanner.planning.store import PlanningStore
from menuplanner.planning.suitability import CATEGORIES, classify, family
from menuplanner.ports import UnitOfWork
from menuplanner.services.generate import load_context
from menuplanner.services.menus import current_menu


def served(pool: Pool, item: MenuItem, foods_by_id: dict | None = None) -> Served:
    """One menu item as the check sees it."""
    kind = meal_kind(item.slot)
    index = pool.index.get((ItemKind(item.kind), item.ref_id))
    if index is not None:
        c = pool.candidates[index]
        if c.kind == ItemKind.RECIPE:
            per_step = float(pool.grams_per_step[index])
            grams = per_step * item.quantity / c.grid.step_quantity
            return Served(
                c.label, RECIPE, c.roles_at(kind), c.meals, grams, item.quantity, c.family
            )
        eaten = 0.0 if c.category in DRINKS else float(item.grams or 0.0)
        return Served(
            c.label,
            c.category,
            c.roles_at(kind),
            c.meals,
            eaten,
            None,
            c.family,
            item.grams,
            float(pool.per_100[index, 1]),
            display_name(c.label),
        )
    food = (foods_by_id or {}).get(item.ref_id) if item.kind == ItemKind.FOOD else None
    category = classify(food.name, food.group_code).category if food else None
    if category is None:
        return Served(item.label, "", (), frozenset(), float(item.grams or 0.0))
    eaten = 0.0 if category.key in DRINKS else float(item.grams or 0.0)
    return Served(
        food.name,
        category.key,
        category.roles_at(kind),
        category.meals,
        eaten,
        None,
        family(food.name),
        item.grams,
        shown=food_display_name(food),
    )


def meals_of(
    pool: Pool,
    menu: Menu,
    foods_by_id: dict | None = None,
    energy: dict | None = None,
    protein_pct: dict | None = None,
) -> list[Meal]:
    """`energy`: day → its energy target (kcal); `protein_pct`: day → its protein target's
    share of energy (%)."""
    return [
        Meal(
            day,
            slot,
            meal_kind(slot),
            tuple(
                served(pool, i, foods_by_id) for i in menu.items if i.day == day and i.slot == slot
            ),
            (energy or {}).get(day, 0.0),
            (protein_pct or {}).get(day, 0.0),
        )
        for day in range(menu.days)
        for slot in menu.slots
    ]


def check_menu(
    uow: UnitOfWork,
    store: PlanningStore,
    menu_id: int,
    settings: GenerateSettings | None = None,
    today: dt.date | None = None,
) -> tuple[list[Meal], list[Finding]]:
    """Every meal of a menu (empty ones too) and what the meal check finds wrong."""
    today = today or dt.date.today()
    with uow:
        menu = current_menu(uow, menu_id, None)
        client = uow.clients.get(menu.client_id)
        context = load_context(uow, store, client, settings or GenerateSettings())
        missing = [
            i.ref_id
            for i in menu.items
            if i.kind == ItemKind.FOOD and (ItemKind.FOOD, i.ref_id) not in context.pool.index
        ]
        foods = uow.foods.get_many(missing) if missing else {}
        targets = adherence.targets_by_day(menu, client_targets(client, today)[0])
        energy = {day: t.energy_kcal for day, t in targets.items()}
        protein = {day: t.protein_pct for day, t in targets.items()}
        meals = meals_of(context.pool, menu, foods, energy, protein)
    return meals, check_week(meals, context.patterns or load_patterns(), CATEGORIES)
