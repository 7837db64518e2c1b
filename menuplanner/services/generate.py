"""Menu generation and substitutions as use cases: load what the planner needs through a unit
of work and the planning store, plan, save, and report with the totals engine.

`generate` plans the chosen days one at a time and commits each day as soon as it is planned,
yielding its result: a page shows progress between days and can stop (the days already planned
stay saved); a notebook or the CLI simply iterates. So the unit that is all or nothing is the
day: a run stopped, failed or killed half-way leaves its first days whole and the rest as they
were (tests/integration/test_crash_safety.py), never a day in part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from menuplanner.domain import menus as menu_rules
from menuplanner.domain.clients import Client
from menuplanner.domain.composition import NOTHING, food_composition
from menuplanner.domain.constraints import problems
from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.targets import Targets, client_targets
from menuplanner.nutrition import adherence, totals
from menuplanner.planning import candidates as pool_rules
from menuplanner.planning.candidates import Pool
from menuplanner.planning.diagnosis import Gap
from menuplanner.planning.meals import meal_kind
from menuplanner.planning.patterns import MealPlan, plan_with
from menuplanner.planning.planner import Kept, Planner, hardest_first, signature
from menuplanner.planning.settings import GenerateSettings
from menuplanner.planning.store import PLANNED, PlanningStore
from menuplanner.planning.suitability import family
from menuplanner.ports import UnitOfWork
from menuplanner.services.generate_micros import kept_amounts, micro_plan
from menuplanner.services.menus import current_menu


@dataclass(frozen=True)
class DayResult:
    day: int
    date: dt.date
    added: int  # items added
    within: bool  # every target within tolerance (fibre and sodium included)
    gaps: list[Gap]
    reasons: list[str]  # why not, when outside
    seconds: float
    filled: list[str] = field(default_factory=list)  # meals that could take items
    micro_gaps: list = field(default_factory=list)  # micronutrient goals missed (MicroGap)


@dataclass
class Context:
    """What one client's planning reads, loaded once per action."""

    client: Client
    pool: Pool
    recipes: dict[int, Recipe]
    per_100g: pl.DataFrame  # foods of the pool's recipes (for item totals of kept recipes)
    unrestricted: Callable[[], Pool]  # every suitable food, ignoring the client's restrictions
    patterns: MealPlan | None = None  # the workspace's meal patterns (None: the bundled file's)


def load_context(
    uow: UnitOfWork, store: PlanningStore, client: Client, settings: GenerateSettings
) -> Context:
    """The client's candidate pool (inside an open unit of work)."""
    rules, prices = store.rules(), store.prices()
    verdicts = pool_rules.food_verdicts(store.food_rows(), rules, settings.allow_restaurant)
    overrides = uow.foods.tag_overrides(verdicts["food_id"].to_list())
    allowed = pool_rules.allowed_food_ids(verdicts, client, overrides)
    chosen = verdicts.filter(pl.col("food_id").is_in(allowed))
    foods = uow.foods.get_many(allowed)
    recipes = {r.recipe_id: r for r in uow.recipes.list()}
    ingredient_ids = list({i.food_id for r in recipes.values() for i in r.ingredients})
    per_100g = uow.foods.nutrients_per_100g(ingredient_ids)
    ingredient_foods = uow.foods.get_many(ingredient_ids)
    ingredient_tags = uow.foods.tag_overrides(ingredient_ids)
    recipe_rows = [
        (r, _serving(r, per_100g), _recipe_allowed(r, ingredient_foods, ingredient_tags, client))
        for r in recipes.values()
    ]
    pool = pool_rules.build_pool(chosen, foods, recipe_rows, rules, prices, ingredient_foods)
    pool = pool_rules.for_client(pool, client)

    def unrestricted() -> Pool:
        everyone = uow.foods.get_many(verdicts["food_id"].to_list())
        all_recipes = [(r, s, True) for r, s, _ in recipe_rows]
        return pool_rules.build_pool(
            verdicts, everyone, all_recipes, rules, prices, ingredient_foods
        )

    patterns = plan_with(store.meal_patterns())
    return Context(client, pool, recipes, per_100g, unrestricted, patterns)


def _serving(recipe: Recipe, per_100g: pl.DataFrame) -> dict[str, float]:
    if recipe.servings <= 0 or not recipe.ingredients:
        return {}
    return totals.recipe_nutrition(recipe, per_100g)[1]


def _recipe_allowed(recipe: Recipe, foods, overrides, client: Client) -> bool:
    composition, names = NOTHING, []
    for ingredient in recipe.ingredients:
        food = foods.get(ingredient.food_id)
        if food is None:
            return False
        composition |= food_composition(food, overrides)
        names.append(food.name)
    return not problems(composition, names, client)


def generate(
    uow: UnitOfWork,
    store: PlanningStore,
    menu_id: int,
    days: Sequence[int] | None = None,
    settings: GenerateSettings | None = None,
    today: dt.date | None = None,
    seen: Menu | None = None,
) -> Iterator[DayResult]:
    """Plan `days` (default: every day) of a menu, one at a time, committing each. With `seen`
    (the menu the user saw), StaleMenu when someone else changes the menu before or between
    the days: the days already planned stay saved."""
    settings = settings or GenerateSettings()
    with uow:
        menu = current_menu(uow, menu_id, seen)
        chosen = _check_days(menu, days)
        client = uow.clients.get(menu.client_id)
        context = load_context(uow, store, client, settings)
        today = today or dt.date.today()
        targets = adherence.targets_by_day(menu, client_targets(client, today)[0])
        micros = micro_plan(uow, context, menu, client, settings, chosen, today)
        planner = Planner(
            context.pool,
            settings,
            menu.slots,
            client,
            context.unrestricted,
            micros,
            context.patterns,
        )
        for item in menu.items:
            if item.day not in chosen or _stays(item, settings):
                planner.count(item.day, item.kind, item.ref_id, item.slot, item.grams or 0.0)
        for day in chosen if micros is not None else hardest_first(chosen, targets):
            # From the second day on, the user has "seen" the menu as we saved it
            menu = current_menu(uow, menu_id, menu if seen is not None else None)
            kept = _kept(uow, context, menu, day, settings)
            others = [_day_signature(context, menu, d) for d in range(menu.days) if d != day]
            kept_micros = None
            if micros is not None:
                staying = [i for i in menu.items if i.day == day and _stays(i, settings)]
                kept_micros = kept_amounts(uow, context, menu, staying, list(micros.per_step))
            plan = planner.plan_day(day, targets[day], kept, others, kept_micros)
            if settings.replace:
                menu.items = [i for i in menu.items if i.day != day or i.locked]
            for item in plan.items:
                menu_rules.add_item(menu, item)
            uow.menus.update(menu)
            uow.commit()
            yield DayResult(
                day,
                menu.date_of(day),
                len(plan.items),
                plan.within,
                plan.gaps,
                plan.reasons,
                plan.seconds,
                plan.filled,
                plan.micro_gaps,
            )


def _check_days(menu: Menu, days: Sequence[int] | None) -> list[int]:
    chosen = sorted(set(range(menu.days) if days is None else days))
    if not chosen:
        raise ValidationFailed("Choose at least one day to generate.")
    for day in chosen:
        menu_rules.check_place(menu, day, menu.slots[0])
    return chosen


def _stays(item: MenuItem, settings: GenerateSettings) -> bool:
    return item.locked or not settings.replace


def _kept(
    uow: UnitOfWork, context: Context, menu: Menu, day: int, settings: GenerateSettings
) -> list[Kept]:
    items = [i for i in menu.items if i.day == day and _stays(i, settings)]
    return kept_items(uow, context, menu, items)


def kept_items(uow: UnitOfWork, context: Context, menu: Menu, items: list[MenuItem]) -> list[Kept]:
    """Items as the planner sees them, with their nutrients from the totals engine."""
    if not items:
        return []
    day_menu = Menu(menu.client_id, menu.name, menu.start_date, menu.days, menu.slots, list(items))
    recipes = {
        i.ref_id: context.recipes[i.ref_id]
        for i in items
        if i.kind == ItemKind.RECIPE and i.ref_id in context.recipes
    }
    missing = [i.ref_id for i in items if i.kind == ItemKind.RECIPE and i.ref_id not in recipes]
    if missing:
        recipes |= uow.recipes.get_many(missing)
    food_ids = [i.ref_id for i in items if i.kind == ItemKind.FOOD]
    food_ids += [g.food_id for r in recipes.values() for g in r.ingredients]
    per_100g = uow.foods.nutrients_per_100g(food_ids)
    frame = totals.item_totals(day_menu, recipes, per_100g)
    values = frame.select(PLANNED).to_numpy()
    kept = []
    for item, row in zip(items, values, strict=True):
        index = context.pool.index.get((ItemKind(item.kind), item.ref_id))
        candidate = context.pool.candidates[index] if index is not None else None
        kept.append(
            Kept(
                item.slot,
                ItemKind(item.kind),
                item.ref_id,
                np.asarray(row, dtype=float),
                candidate.category if candidate else "",
                candidate.family if candidate else family(item.label or ""),
                candidate.roles_at(meal_kind(item.slot)) if candidate else (),
                _eaten_grams(context.pool, index, item),
                candidate.label if candidate else (item.label or ""),
            )
        )
    return kept


def _eaten_grams(pool: Pool, index: int | None, item: MenuItem) -> float:
    """Food an item adds to its meal, as the meal-size limit counts it (drinks not counted)."""
    if index is None or not pool.grams_per_step[index]:
        return 0.0
    if item.kind == ItemKind.FOOD:
        return float(item.grams or 0.0)
    servings_per_step = pool.candidates[index].grid.step_quantity
    return float(pool.grams_per_step[index]) * item.quantity / servings_per_step


def _day_signature(context: Context, menu: Menu, day: int) -> frozenset:
    items = [i for i in menu.items if i.day == day]
    return signature([Kept(i.slot, ItemKind(i.kind), i.ref_id, np.zeros(6)) for i in items], [])


def set_locked(
    uow: UnitOfWork, menu_id: int, item_id: int, locked: bool, seen: Menu | None = None
) -> None:
    """Lock an item so generating again keeps it (or unlock it)."""
    with uow:
        menu = current_menu(uow, menu_id, seen)
        menu_rules.update_item(menu, item_id, locked=locked)
        uow.menus.update(menu)
        uow.commit()


def day_targets(uow: UnitOfWork, menu_id: int, day: int, today: dt.date | None = None) -> Targets:
    with uow:
        menu = uow.menus.get(menu_id)
        client = uow.clients.get(menu.client_id)
    base = client_targets(client, today or dt.date.today())[0]
    if not 0 <= day < menu.days:
        raise NotFound(f"Day {day + 1} is outside this {menu.days}-day menu.")
    return menu.day_targets.get(day, base)
