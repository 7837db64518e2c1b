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
from collections import Counter
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
from menuplanner.planning.meals import MealKind, meal_kind
from menuplanner.planning.planner import Kept, Planner, signature
from menuplanner.planning.settings import GenerateSettings
from menuplanner.planning.store import PLANNED, FoodRule, PlanningStore
from menuplanner.planning.substitutes import Substitute
from menuplanner.planning.substitutes import rank as rank_substitutes
from menuplanner.planning.suitability import classify, family
from menuplanner.ports import UnitOfWork
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


@dataclass
class Context:
    """What one client's planning reads, loaded once per action."""

    client: Client
    pool: Pool
    recipes: dict[int, Recipe]
    per_100g: pl.DataFrame  # foods of the pool's recipes (for item totals of kept recipes)
    unrestricted: Callable[[], Pool]  # every suitable food, ignoring the client's restrictions


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
    pool = pool_rules.build_pool(chosen, foods, recipe_rows, rules, prices)

    def unrestricted() -> Pool:
        everyone = uow.foods.get_many(verdicts["food_id"].to_list())
        all_recipes = [(r, s, True) for r, s, _ in recipe_rows]
        return pool_rules.build_pool(verdicts, everyone, all_recipes, rules, prices)

    return Context(client, pool, recipes, per_100g, unrestricted)


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
        targets = adherence.targets_by_day(
            menu, client_targets(client, today or dt.date.today())[0]
        )
        planner = Planner(context.pool, settings, menu.slots, client, context.unrestricted)
        for item in menu.items:
            if item.day not in chosen or _stays(item, settings):
                planner.count(item.day, item.kind, item.ref_id)
        for day in chosen:
            # From the second day on, the user has "seen" the menu as we saved it
            menu = current_menu(uow, menu_id, menu if seen is not None else None)
            kept = _kept(uow, context, menu, day, settings)
            others = [_day_signature(context, menu, d) for d in range(menu.days) if d != day]
            plan = planner.plan_day(day, targets[day], kept, others)
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
            )
        )
    return kept


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


@dataclass(frozen=True)
class SubstituteList:
    item: MenuItem
    targets: Targets  # the day's
    day_totals: dict[str, float]  # the day as it is (PLANNED keys)
    options: list[Substitute]


def substitutes(
    uow: UnitOfWork,
    store: PlanningStore,
    menu_id: int,
    item_id: int,
    settings: GenerateSettings | None = None,
    limit: int = 6,
    today: dt.date | None = None,
) -> SubstituteList:
    """Ranked alternatives for one item (see planning.substitutes)."""
    settings = settings or GenerateSettings()
    with uow:
        menu = uow.menus.get(menu_id)
        item = menu_rules.find_item(menu, item_id)
        client = uow.clients.get(menu.client_id)
        context = load_context(uow, store, client, settings)
        day_items = [i for i in menu.items if i.day == item.day]
        kept = kept_items(uow, context, menu, day_items)
    targets = adherence.targets_by_day(menu, client_targets(client, today or dt.date.today())[0])
    mine = kept[day_items.index(item)]
    totals_now = sum((k.nutrients for k in kept), np.zeros(6))
    on_day = {
        index for k in kept if (index := context.pool.index.get((k.kind, k.ref_id))) is not None
    }
    week = item.day // 7
    uses = Counter(
        (ItemKind(i.kind), i.ref_id)
        for i in menu.items
        if i.day // 7 == week and i.item_id != item.item_id
    )
    spent = {
        index
        for key, n in uses.items()
        if n >= settings.repeat_limit and (index := context.pool.index.get(key)) is not None
    }
    families = {k.family for k in kept if k is not mine and k.family} - {mine.family}
    options = rank_substitutes(
        context.pool,
        mine.nutrients,
        mine.category,
        meal_kind(item.slot),
        totals_now,
        targets[item.day],
        on_day | spent,
        families,
        limit,
    )
    return SubstituteList(
        item, targets[item.day], dict(zip(PLANNED, totals_now.tolist(), strict=True)), options
    )


def swap(
    uow: UnitOfWork, menu_id: int, item_id: int, substitute: Substitute, seen: Menu | None = None
) -> MenuItem:
    """Put `substitute` in the item's place (same day, meal and position; lock kept)."""
    with uow:
        menu = current_menu(uow, menu_id, seen)
        if substitute.kind == ItemKind.FOOD:
            uow.foods.get(substitute.ref_id)  # NotFound when it has gone
        else:
            uow.recipes.get(substitute.ref_id)
        swapped = menu_rules.update_item(
            menu,
            item_id,
            kind=substitute.kind,
            ref_id=substitute.ref_id,
            quantity=substitute.quantity,
            unit=substitute.unit,
            grams=substitute.grams,
            label=substitute.label,
        )
        uow.menus.update(menu)
        uow.commit()
    return swapped


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
