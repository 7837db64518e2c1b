"""The candidate pool: every food and recipe the generator may offer one client, with its meals,
its portion grid and its nutrients per step, as arrays the model reads directly.

Pre-filtering (the step that makes a day solve in a fraction of a second instead of 20 s): a food is
a candidate when it is commonly eaten (USDA's survey flag) and not branded, or is one of the plain
plant proteins a vegan plan rests on that the survey does not flag (firm tofu, tempeh, edamame,
green soybeans, vegetarian refried beans: the traditional ones may hold lard), or comes from an
imported dataset, or a user gave it a rule; when the suitability rules (or the user's rule) give it
at least one meal; when energy, protein, carbohydrate, fat and sodium are known (unknown fibre
counts as 0); and when it breaks none of the client's allergies, diets or dislikes, nor may contain
what they exclude where only the label can tell (allergens unverified). A recipe is a candidate when
none of its ingredients breaks them. Each day then draws a few candidates per category and meal at
random (see `draw`), which also varies the days.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from menuplanner.domain.clients import Client
from menuplanner.domain.composition import composition_of
from menuplanner.domain.constraints import problems
from menuplanner.domain.foods import Food
from menuplanner.domain.menus import ItemKind
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.tags import Diet, Tag
from menuplanner.planning.meals import MealKind
from menuplanner.planning.portions import Grid, food_grid, recipe_grid
from menuplanner.planning.recipe_roles import recipe_roles
from menuplanner.planning.store import PLANNED, FoodRule
from menuplanner.planning.suitability import CATEGORIES, classify, family, recipe_meals

SR26 = "USDA SR26"
# Plain plant proteins, by the start of their USDA name (see the module docstring).
PLANT_PROTEINS = (
    r"^(?:Tofu, (?:raw|firm|extra firm|hard|soft)|Tempeh|Edamame, frozen, prepared|"
    r"Soybeans, green, cooked|Refried beans, canned, vegetarian)"
)
RECIPE = "recipe"
MOST_RECIPE_GRAMS = 550.0  # a recipe's portion on one plate: 1½ servings only of small ones
DRINKS = frozenset({"milk", "juice"})  # not counted in the food a person eats at a meal
_MEAT_ANALOGUE = re.compile(
    r"meatless|vegetarian (?:burger|fillet|meat|sausage|patt|stew|chili)|veggie|soyburger|"
    r"meat analog|meat substitute|imitation",
    re.IGNORECASE,
)
# Roles in a meal: a lunch or dinner needs a centre (one at most), a breakfast a base; a starch
# once a meal (a recipe or a prepared dish is composed and counts as one; so do snack bars,
# crackers and popcorn); toppings need a base, dips a dipper (so do cheese and avocado outside
# lunch and dinner), breakfast cereal a milk.
CENTRE = frozenset(
    {
        "meat",
        "fish",
        "legumes",
        "tofu",
        "meat_alternatives",
        "eggs",
        "boiled_eggs",
        "dish",
        "soup",
        "restaurant",
        "cured",
        "ham",
        "bacon",
    }
)
BASE = frozenset(
    {"cereal", "hot_cereal", "bread", "bagels", "pancakes", "eggs", "boiled_eggs", "yogurt"}
    | {"fresh_cheese"}
)
TOPPING = frozenset({"spread", "jam"})
SPREAD_ON = frozenset({"bread", "bagels", "pancakes", "hot_cereal"})
STARCH = frozenset(
    {
        "cereal",
        "hot_cereal",
        "bread",
        "bagels",
        "pancakes",
        "grains",
        "pasta",
        "potatoes",
        "crackers",
        "bars",
        "snacks",
        "recipe",
        "dish",
    }
)
NEEDS_MILK = frozenset({"cereal"})  # served with milk or yogurt
MILKY = frozenset({"milk", "yogurt"})
DIP = frozenset({"hummus", "nut_butter"})  # eaten on or with something
WITH_SOMETHING = frozenset({"avocado", "cheese"})  # at breakfast or as a snack: with a dipper
DIPPER = frozenset({"crackers", "nibbles", "bread", "bagels", "pancakes", "fruit", "hot_cereal"})
# Mains and starches that make no dish together: beans or eggs with pasta.
NOT_WITH_PASTA = frozenset({"legumes", "eggs", "boiled_eggs", "cured"})
_PASTA_DISH = re.compile(r"pasta|spaghetti|macaroni|noodle|lasagn", re.IGNORECASE)
_NOT_WITH_PASTA_DISH = re.compile(r"omelet|egg|bean|chili|lentil", re.IGNORECASE)
SAVOURY_DIPPER = frozenset({"crackers", "nibbles", "bread", "salad", "vegetables"})
VEGETABLE = frozenset({"vegetables", "salad", "nibbles", "edamame"})
E, P, C, F, FIBRE, NA = range(6)  # columns of Pool.per_step, PLANNED order


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: ItemKind
    ref_id: int
    label: str
    category: str  # a suitability category key, or "recipe"
    family: str  # at most one per family on a day
    meals: frozenset[MealKind]
    grid: Grid
    roles: tuple[str, ...] = ()  # roles it fills in a breakfast or snack (categories.py)
    main_roles: tuple[str, ...] = ()  # at lunch and dinner
    snack_roles: tuple[str, ...] = ()  # in a snack, when not `roles` (recipes)

    @property
    def key(self) -> tuple[ItemKind, int]:
        return (self.kind, self.ref_id)

    def roles_at(self, meal: MealKind) -> tuple[str, ...]:
        if meal == MealKind.MAIN:
            return self.main_roles
        return (self.snack_roles or self.roles) if meal == MealKind.SNACK else self.roles


@dataclass
class Pool:
    candidates: list[Candidate]
    per_step: np.ndarray  # (n, 6): PLANNED nutrients of one step of each candidate
    per_100: np.ndarray  # (n, 6): per 100 g (per serving for recipes), for profiles
    price_per_step: np.ndarray  # (n,): NaN where unknown
    grams_per_step: np.ndarray | None = None  # (n,): food eaten per step (0 for drinks)
    index: dict[tuple[ItemKind, int], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {c.key: i for i, c in enumerate(self.candidates)}
        if self.grams_per_step is None:
            self.grams_per_step = np.zeros(len(self.candidates))

    def __len__(self) -> int:
        return len(self.candidates)

    def for_meal(self, meal: MealKind) -> list[int]:
        return [i for i, c in enumerate(self.candidates) if meal in c.meals]


def food_verdicts(
    rows: pl.DataFrame, rules: Mapping[tuple[ItemKind, int], FoodRule], allow_restaurant: bool
) -> pl.DataFrame:
    """Rows of foods that may be candidates for someone: food_id, name, group_code, category,
    the PLANNED nutrients (rows of `PlanningStore.food_rows`)."""
    ruled = {ref for kind, ref in rules if kind == ItemKind.FOOD}
    rows = rows.filter(
        (pl.col("is_common") & ~pl.col("is_branded"))
        | (pl.col("name").str.contains(PLANT_PROTEINS) & ~pl.col("is_branded"))
        | (pl.col("dataset") != SR26)
        | pl.col("food_id").is_in(list(ruled)),
        pl.all_horizontal(pl.col(k).is_not_null() for k in PLANNED if k != "fibre_g"),
    ).with_columns(pl.col("fibre_g").fill_null(0.0))
    categories = []
    for food_id, name, group in rows.select("food_id", "name", "group_code").iter_rows():
        category = classify(name, group).category
        rule = rules.get((ItemKind.FOOD, food_id))
        if rule is not None and rule.meals is not None:
            category = (category.key if category else "other") if rule.meals else None
        elif category is not None:
            category = category.key if allow_restaurant or category.key != "restaurant" else None
        categories.append(category)
    return rows.with_columns(category=pl.Series(categories, dtype=pl.String)).filter(
        pl.col("category").is_not_null()
    )


def allowed_food_ids(
    rows: pl.DataFrame, client: Client, overrides: Mapping[int, frozenset[Tag]]
) -> list[int]:
    """Ids of the rows' foods that break none of the client's allergies, diets or dislikes,
    and whose allergens are not unverified for them (see domain/hidden_sources.py)."""
    keep = []
    columns = ("food_id", "name", "group_code", "is_branded", "ingredients")
    meatless_ok = bool(client.diets & {Diet.VEGETARIAN, Diet.VEGAN})
    for food_id, name, group, branded, ingredients in rows.select(columns).iter_rows():
        if not meatless_ok and _MEAT_ANALOGUE.search(name):
            continue  # a meatless sausage or fish stick only for those whose diet asks for it
        composition = composition_of(
            name, group, branded=branded, ingredients=ingredients, confirmed=overrides.get(food_id)
        )
        if not problems(composition, [name], client):
            keep.append(food_id)
    return keep


def build_pool(
    verdicts: pl.DataFrame,
    foods: Mapping[int, Food],
    recipes: Iterable[tuple[Recipe, dict[str, float], bool]],
    rules: Mapping[tuple[ItemKind, int], FoodRule],
    prices: Mapping[int, float],
    ingredient_foods: Mapping[int, Food] | None = None,
) -> Pool:
    """`verdicts`: food_verdicts rows of allowed foods; `foods`: those foods with portions;
    `recipes`: (recipe, nutrients per serving, allowed) for every recipe of the workspace;
    `ingredient_foods`: the recipes' ingredient foods (for the roles a recipe fills)."""
    ingredient_foods = ingredient_foods or {}
    candidates, per_step, per_100, price, grams = [], [], [], [], []
    for row in verdicts.iter_rows(named=True):
        food = foods.get(row["food_id"])
        if food is None:
            continue
        rule = rules.get((ItemKind.FOOD, food.food_id))
        base = CATEGORIES.get(row["category"])
        meals = rule.meals if rule is not None and rule.meals is not None else base.meals
        low = rule.min_grams if rule and rule.min_grams else (base.min_g if base else 30.0)
        high = rule.max_grams if rule and rule.max_grams else (base.max_g if base else 200.0)
        grid = food_grid(food.portions, low, max(low, high), base.measures if base else ())
        if not grid.fits() or not meals:
            continue
        values = np.array([row[k] for k in PLANNED], dtype=float)
        candidates.append(
            Candidate(
                ItemKind.FOOD,
                food.food_id,
                food.name,
                row["category"],
                family(food.name),
                frozenset(meals),
                grid,
                base.roles if base else ("snack",),
                base.main_roles if base else ("main",),
            )
        )
        grams.append(0.0 if row["category"] in DRINKS else grid.step_grams)
        per_step.append(values * grid.step_grams / 100.0)
        per_100.append(values)
        known = prices.get(food.food_id)
        price.append(np.nan if known is None else known * grid.step_grams / 1000.0)
    for recipe, serving, allowed in recipes:
        rule = rules.get((ItemKind.RECIPE, recipe.recipe_id))
        meals = (
            rule.meals if rule is not None and rule.meals is not None else recipe_meals(recipe.name)
        )
        if not allowed or not meals or not recipe.ingredients:
            continue
        serving_g = sum(i.grams for i in recipe.ingredients) / max(recipe.servings, 1e-9)
        grid = recipe_grid(serving_g, MOST_RECIPE_GRAMS)
        if not grid.fits():
            continue
        values = np.array([serving.get(k, 0.0) or 0.0 for k in PLANNED], dtype=float)
        parts = [
            (food.name, food.group_code, i.grams)
            for i in recipe.ingredients
            if (food := ingredient_foods.get(i.food_id)) is not None
        ]

        def roles(meal: MealKind, recipe=recipe, parts=parts) -> tuple[str, ...]:
            return recipe_roles(recipe.name, parts, recipe.servings, meal)

        candidates.append(
            Candidate(
                ItemKind.RECIPE,
                recipe.recipe_id,
                recipe.name,
                RECIPE,
                f"recipe {recipe.recipe_id}",
                frozenset(meals),
                grid,
                roles(MealKind.BREAKFAST),
                roles(MealKind.MAIN),
                roles(MealKind.SNACK),
            )
        )
        grams.append(serving_g * grid.step_grams)
        per_step.append(values * grid.step_grams)
        per_100.append(values)
        cost = _recipe_cost(recipe, prices)
        price.append(np.nan if cost is None else cost / recipe.servings * grid.step_grams)
    shape = (len(candidates), len(PLANNED))
    return Pool(
        candidates,
        np.array(per_step, dtype=float).reshape(shape),
        np.array(per_100, dtype=float).reshape(shape),
        np.array(price, dtype=float),
        np.array(grams, dtype=float),
    )


def _recipe_cost(recipe: Recipe, prices: Mapping[int, float]) -> float | None:
    """The whole recipe's cost, when every ingredient has a price."""
    if not all(i.food_id in prices for i in recipe.ingredients):
        return None
    return sum(prices[i.food_id] * i.grams / 1000.0 for i in recipe.ingredients)


def for_client(pool: Pool, client: Client) -> Pool:
    """Tofu at breakfast (scrambled) only for vegetarians and vegans; others eat it at lunch
    or dinner."""
    if client.diets & {Diet.VEGETARIAN, Diet.VEGAN}:
        return pool
    pool.candidates = [
        dataclasses.replace(c, meals=c.meals - {MealKind.BREAKFAST}) if c.category == "tofu" else c
        for c in pool.candidates
    ]
    return pool


def is_pasta(candidate: Candidate) -> bool:
    """Pasta or noodles, or a recipe named for them."""
    return candidate.category == "pasta" or (
        candidate.category == RECIPE and bool(_PASTA_DISH.search(candidate.label))
    )


def not_with_pasta(candidate: Candidate) -> bool:
    """Beans, eggs, cold cuts, or a recipe named for beans or eggs (an omelette)."""
    return candidate.category in NOT_WITH_PASTA or (
        candidate.category == RECIPE and bool(_NOT_WITH_PASTA_DISH.search(candidate.label))
    )


def is_centre(candidate: Candidate) -> bool:
    if candidate.category == RECIPE:
        return MealKind.MAIN in candidate.meals
    return candidate.category in CENTRE


def is_base(candidate: Candidate) -> bool:
    if candidate.category == RECIPE:
        return MealKind.BREAKFAST in candidate.meals
    return candidate.category in BASE


def draw(
    pool: Pool, meal: MealKind, per_category: int, rng: np.random.Generator, exclude: set[int]
) -> list[int]:
    """Up to `per_category` random candidates of each category suiting `meal` (recipes all),
    leaving out `exclude` (used up this week, or already on the day)."""
    by_category: dict[str, list[int]] = {}
    for i, candidate in enumerate(pool.candidates):
        if meal in candidate.meals and i not in exclude:
            by_category.setdefault(candidate.category, []).append(i)
    chosen: list[int] = []
    for category, members in sorted(by_category.items()):
        if category == RECIPE or len(members) <= per_category:
            chosen += members
        else:
            chosen += sorted(rng.choice(members, size=per_category, replace=False).tolist())
    return chosen


def richest_in_protein(
    pool: Pool, meal: MealKind, count: int, exclude: set[int], least_grams: float = 10.0
) -> list[int]:
    """The `count` candidates suiting `meal` with the largest share of their energy from protein
    that bring at least `least_grams` of protein in their largest portion (tofu, tempeh,
    soybeans, lean fish): drawn in addition on high-protein days, where a random draw may leave
    out the few foods that can reach the target."""
    protein, energy = pool.per_step[:, P], pool.per_step[:, E]
    found = [
        (protein[i] * 4.0 / energy[i], i)
        for i, c in enumerate(pool.candidates)
        if meal in c.meals
        and i not in exclude
        and energy[i] > 0
        and protein[i] * c.grid.n_max >= least_grams
    ]
    return [i for _, i in sorted(found, reverse=True)[:count]]
