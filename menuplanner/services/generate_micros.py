"""The micronutrient side of `generate`: the client's goals turned into the run's MicroPlan
(planning/micronutrients.py), with each candidate's values per portion step and what the
menu's days already hold, and what the items kept on a day bring."""

from __future__ import annotations

import datetime as dt

from menuplanner.domain.clients import Client
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.nutrient_goals import resolve
from menuplanner.nutrition import totals
from menuplanner.planning.micronutrients import MicroPlan, plan_for, pool_per_step
from menuplanner.planning.settings import GenerateSettings
from menuplanner.ports import UnitOfWork


def micro_plan(
    uow: UnitOfWork,
    context,
    menu: Menu,
    client: Client,
    settings: GenerateSettings,
    chosen: list[int],
    today: dt.date,
) -> MicroPlan | None:
    """None unless the settings name micronutrients; ValidationFailed when the client has no
    goal for one of them."""
    if not settings.micronutrients:
        return None
    goals = resolve(client, uow.intakes.table(), today)
    minimums, maximums = plan_for(goals, settings.micronutrients, settings.micronutrient_span)
    keys = list(dict.fromkeys([*minimums, *maximums]))
    pool = context.pool
    food_ids = [c.ref_id for c in pool.candidates if c.kind == ItemKind.FOOD]
    servings = {
        c.ref_id: totals.recipe_nutrition(context.recipes[c.ref_id], context.per_100g)[1]
        for c in pool.candidates
        if c.kind == ItemKind.RECIPE
    }
    plan = MicroPlan(
        minimums,
        maximums,
        settings.micronutrient_span,
        pool_per_step(pool, uow.foods.nutrients_per_100g(food_ids), servings, keys),
        to_plan=set(chosen),
        menu_days=menu.days,
    )
    for day, amounts in day_amounts(uow, context, menu, keys).items():
        if day not in chosen:
            plan.day_amounts[day] = amounts
    return plan


def day_amounts(uow: UnitOfWork, context, menu: Menu, keys: list[str]) -> dict[int, dict]:
    """What each day of the menu holds of `keys`, by the totals engine."""
    frame = totals.day_totals(
        menu, _recipes(uow, context, menu.items), _per_100g(uow, context, menu.items)
    )
    return {row["day"]: {k: row[k] for k in keys} for row in frame.iter_rows(named=True)}


def kept_amounts(
    uow: UnitOfWork, context, menu: Menu, items: list[MenuItem], keys: list[str]
) -> dict[str, float]:
    """What `items` (kept on a day) bring of `keys`."""
    if not items:
        return {}
    day = Menu(menu.client_id, menu.name, menu.start_date, menu.days, menu.slots, list(items))
    recipes = _recipes(uow, context, items)
    frame = totals.item_totals(day, recipes, _per_100g(uow, context, items))
    return {k: float(frame[k].sum()) for k in keys}


def _recipes(uow: UnitOfWork, context, items: list[MenuItem]) -> dict:
    wanted = {i.ref_id for i in items if i.kind == ItemKind.RECIPE}
    found = {r: context.recipes[r] for r in wanted if r in context.recipes}
    return found | uow.recipes.get_many([r for r in wanted if r not in found])


def _per_100g(uow: UnitOfWork, context, items: list[MenuItem]):
    recipes = _recipes(uow, context, items)
    food_ids = [i.ref_id for i in items if i.kind == ItemKind.FOOD]
    food_ids += [g.food_id for r in recipes.values() for g in r.ingredients]
    return uow.foods.nutrients_per_100g(list(dict.fromkeys(food_ids)))
