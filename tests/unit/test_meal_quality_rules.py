"""Meals as a dietitian reads them (issue 16, second read): crudités only as snacks, no fruit on a
lunch or dinner plate, no drink alone as a meal, something with protein at every breakfast, nuts
in at most four snacks a week; each in the model and in the meal check with its exact sentence."""

from __future__ import annotations

import dataclasses
import tomllib

import numpy as np
import pytest

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.menus import ItemKind
from menuplanner.domain.targets import Targets
from menuplanner.planning.candidates import Candidate, Pool
from menuplanner.planning.categories import MEALS_DIR, load_categories
from menuplanner.planning.meal_check import Meal, Served, check_meal, check_week
from menuplanner.planning.meals import MealKind
from menuplanner.planning.model import DayProblem, MealSpec, solve_day
from menuplanner.planning.patterns import load_patterns, parse_patterns
from menuplanner.planning.portions import Grid
from menuplanner.planning.recipe_roles import recipe_roles
from menuplanner.planning.suitability import classify

B, M, S = MealKind.BREAKFAST, MealKind.MAIN, MealKind.SNACK
PLAN, CATEGORIES = load_patterns(), load_categories()


def food(label: str, category: str, grams: float, meal: MealKind, protein: float | None = None):
    c = CATEGORIES[category]
    eaten = 0.0 if category in ("milk", "juice") else grams
    return Served(label, category, c.roles_at(meal), c.meals, eaten, None, "", grams, protein)


def sentences(meal: Meal) -> list[str]:
    return [f.sentence for f in check_meal(meal, PLAN, CATEGORIES)]


CHICKEN = food("Chicken breast, roasted", "meat", 150, M)
RICE = food("Rice, cooked", "grains", 158, M)


# 1. Crudités at snacks only; a lunch or dinner vegetable is cooked or a salad vegetable


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("Celery, raw", "nibbles"),
        ("Cucumber, peeled, raw", "nibbles"),
        ("Peppers, sweet, red, raw", "nibbles"),
        ("Broccoli, raw", "nibbles"),
        ("Mushrooms, white, raw", "nibbles"),
        ("Tomatoes, red, ripe, raw, year round average", "salad"),
        ("Spinach, raw", "salad"),
        ("Cabbage, raw", "salad"),
        ("Broccoli, cooked, boiled, drained, without salt", "vegetables"),
    ],
)
def test_raw_vegetables_are_salad_at_dinner_or_crudites_for_snacks(name, category) -> None:
    found = classify(name, "1100").category
    assert found is not None and found.key == category
    assert (M in found.meals) == (category != "nibbles")
    assert (S in found.meals) == (category == "nibbles")


def test_raw_celery_as_the_dinner_vegetable_fails_with_why() -> None:
    celery = food("Celery, raw", "nibbles", 100, M)
    assert sentences(Meal(0, "Dinner", M, (CHICKEN, RICE, celery))) == [
        "Dinner: Celery, raw is not a lunch or dinner food (raw vegetables: snacks only)."
    ]
    lettuce = food("Lettuce, cos or romaine, raw", "salad", 60, M)
    assert sentences(Meal(0, "Dinner", M, (CHICKEN, RICE, lettuce))) == []


# 2. Fruit at breakfast and snacks, not on a lunch or dinner plate


def test_fruit_on_a_dinner_plate_fails_with_why() -> None:
    broccoli = food("Broccoli, cooked", "vegetables", 90, M)
    apple = food("Apples, raw", "fruit", 180, M)
    assert sentences(Meal(0, "Dinner", M, (CHICKEN, RICE, broccoli, apple))) == [
        "Dinner follows no lunch or dinner pattern; closest “Protein, starch and vegetables”: "
        "1 fruit (none in it).",
        "Dinner: Apples, raw is not a lunch or dinner food (fruit: breakfast and snacks only).",
    ]


def test_fruit_in_a_dinner_dish_is_part_of_the_dish_and_fruit_at_breakfast() -> None:
    dish = [
        ("Chicken, broilers or fryers, breast, meat only, cooked, roasted", "0500", 600.0),
        ("Apricots, dried, sulfured, uncooked", "0900", 200.0),
        ("Rice, white, long-grain, regular, cooked, enriched", "2000", 600.0),
    ]
    assert recipe_roles("Chicken with apricots", dish, 4, M) == ("main", "starch")
    assert recipe_roles("Chicken with apricots", dish, 4, B) == ("main", "fruit", "starch")


def _candidate(ref, category, roles, kcal, meals=frozenset({M}), kind=ItemKind.FOOD):
    grid = Grid(10.0, 1, 20, "g", 10.0)
    c = Candidate(kind, ref, f"Food {ref}", category, f"family {ref}", meals, grid, roles, roles)
    # protein kcal/20 g per 100 g: 3 g for 60 kcal, 0.75 g for 15 kcal
    per_100 = np.array([kcal, kcal / 20, kcal / 10, kcal / 45, 2.0, 50.0])
    return c, per_100


def _pool(*items) -> Pool:
    values = np.array([v for _, v in items])
    grams = np.array([0.0 if c.category in ("milk", "juice") else 10.0 for c, _ in items])
    return Pool([c for c, _ in items], values / 10.0, values, np.full(len(items), np.nan), grams)


def _solve(pool: Pool, kind: MealKind, energy: float, preference, **extra) -> set[int]:
    """The refs the model serves at one meal of `kind` (a day of that one meal)."""
    spec = MealSpec("Meal", kind, 1, 4, (0.0, 1e9), np.zeros(6), candidates=list(range(len(pool))))
    spec.slot = {B: "Breakfast", M: "Dinner", S: "Snack"}[kind]
    targets = Targets(energy, energy / 20, energy / 10, energy / 45, 0.0, 10_000.0)
    problem = DayProblem(
        targets,
        0.05,
        [spec],
        set(),
        np.array(preference, dtype=float),
        time_limit_s=20.0,
        patterns=load_patterns(),
        **extra,
    )
    solution = solve_day(pool, problem)
    assert solution.solved
    return {pool.candidates[p.candidate].ref_id for p in solution.picks}


def test_the_model_never_puts_fruit_on_a_dinner_plate() -> None:
    """Fruit is preferred (a negative cost); no lunch or dinner pattern has room for it."""
    pool = _pool(
        _candidate(1, "meat", ("main",), 200.0),
        _candidate(2, "grains", ("starch",), 130.0),
        _candidate(3, "vegetables", ("vegetable",), 30.0),
        _candidate(4, "fruit", ("fruit",), 60.0),
    )
    chosen = _solve(pool, M, 600.0, [0.0, 0.0, 0.0, -50.0])
    assert 4 not in chosen and {1, 2, 3} <= chosen


# 3. A drink never makes a meal by itself


def test_a_glass_of_milk_alone_is_no_snack() -> None:
    milk = food("Milk, chocolate", "milk", 250, S)
    assert sentences(Meal(1, "Morning snack", S, (milk,))) == [
        "Morning snack: Milk, chocolate with nothing to eat (a meal with a drink has food too)."
    ]
    crackers = food("Crackers, whole-wheat", "crackers", 30, S)
    assert sentences(Meal(1, "Morning snack", S, (milk, crackers))) == []


def test_the_model_gives_a_snack_with_milk_something_to_eat() -> None:
    """Milk alone hits the snack's energy and the crackers cost more; the rule adds food (or
    drops the milk)."""
    pool = _pool(
        _candidate(1, "milk", ("milk",), 60.0, frozenset({S})),
        _candidate(2, "crackers", ("snack",), 400.0, frozenset({S})),
    )
    chosen = _solve(pool, S, 120.0, [0.0, 3.0])
    assert chosen != {1} and 2 in chosen


# 4. Every breakfast has something with protein


def test_a_breakfast_of_grits_pear_juice_and_almond_milk_has_no_protein() -> None:
    grits = food("Grits, cooked", "hot_cereal", 257, B)
    pear = food("Pears, asian, raw", "fruit", 244, B)
    juice = food("Carrot juice", "juice", 236, B)
    almond = food("Almond milk, unsweetened", "milk", 120, B, protein=0.4)
    assert sentences(Meal(1, "Breakfast", B, (grits, pear, juice, almond))) == [
        "Breakfast: nothing with protein (milk, yogurt, cheese, egg, nut butter…) with "
        "Grits, cooked and Pears, asian, raw and Carrot juice and Almond milk, unsweetened."
    ]
    milk = food("Milk, 2 %", "milk", 244, B, protein=3.3)
    assert sentences(Meal(1, "Breakfast", B, (grits, pear, milk))) == []


def test_toast_with_jam_and_juice_is_bare_with_peanut_butter_it_is_a_breakfast() -> None:
    toast = food("Bread, whole-wheat, toasted", "bread", 60, B)
    jam = food("Jams and preserves", "jam", 20, B)
    juice = food("Orange juice", "juice", 248, B)
    assert sentences(Meal(0, "Breakfast", B, (toast, jam, juice))) == [
        "Breakfast: nothing with protein (milk, yogurt, cheese, egg, nut butter…) with "
        "Bread, whole-wheat, toasted and Jams and preserves and Orange juice."
    ]
    peanut = food("Peanut butter, smooth", "nut_butter", 32, B, protein=22.5)
    assert sentences(Meal(0, "Breakfast", B, (toast, peanut, juice))) == []


def test_the_model_gives_every_breakfast_something_with_protein() -> None:
    """Bread, fruit and almond milk would do and yogurt costs more: the rule takes the yogurt
    (almond milk, 0.75 g of protein per 100 g, does not count)."""
    pool = _pool(
        _candidate(1, "bread", ("starch",), 250.0, frozenset({B})),
        _candidate(2, "fruit", ("fruit",), 60.0, frozenset({B})),
        _candidate(3, "milk", ("milk",), 15.0, frozenset({B})),
        _candidate(4, "yogurt", ("dairy",), 60.0, frozenset({B})),
    )
    chosen = _solve(pool, B, 500.0, [0.0, 0.0, 0.0, 3.0])
    assert 4 in chosen
    free = dataclasses.replace(load_patterns(), breakfast_protein=None)
    assert 4 not in _solve_with(pool, free)


def _solve_with(pool: Pool, plan) -> set[int]:
    spec = MealSpec("Breakfast", B, 1, 4, (0.0, 1e9), np.zeros(6), candidates=[0, 1, 2, 3])
    targets = Targets(500.0, 25.0, 50.0, 500 / 45, 0.0, 10_000.0)
    problem = DayProblem(
        targets, 0.05, [spec], set(), np.array([0.0, 0.0, 0.0, 3.0]), time_limit_s=20.0
    )
    problem.patterns = plan
    solution = solve_day(pool, problem)
    return {pool.candidates[p.candidate].ref_id for p in solution.picks}


# 5. Nuts in at most four snacks a week


def test_nuts_in_a_fifth_snack_of_the_week_fail_across_nut_categories() -> None:
    almonds = food("Almonds", "nuts", 30, S)
    brazil = food("Brazil nuts", "brazil_nuts", 10, S)
    apple = food("Apples, raw", "fruit", 180, S)
    peanut = food("Peanut butter, smooth", "nut_butter", 32, S)
    trail = food("Snacks, trail mix, regular", "snacks", 30, S)
    week = [
        Meal(0, "Snack", S, (almonds,)),
        Meal(1, "Snack", S, (brazil,)),
        Meal(2, "Snack", S, (apple, peanut)),
        Meal(3, "Snack", S, (trail,)),
        Meal(5, "Snack", S, (almonds,)),
        Meal(9, "Snack", S, (almonds,)),  # next week
    ]
    findings = check_week(week, PLAN, CATEGORIES)
    assert [(f.day, f.rule, f.sentence) for f in findings] == [
        (
            5,
            "per week",
            "Nut snacks 5 times in the week (at most 4): nuts, nut butter or trail mix in at "
            "most four snacks a week, so the other snacks vary (fruit, yogurt, crackers, "
            "vegetables).",
        )
    ]
    breakfast_peanut = food("Peanut butter, smooth", "nut_butter", 32, B)
    week[4] = Meal(5, "Breakfast", B, (food("Bread", "bread", 60, B), breakfast_peanut))
    assert not [f for f in check_week(week, PLAN, CATEGORIES) if f.rule == "per week"]


def test_the_model_keeps_to_the_weeks_nut_snacks_left() -> None:
    pool = _pool(
        _candidate(1, "nuts", ("snack",), 600.0, frozenset({S})),
        _candidate(2, "fruit", ("fruit",), 60.0, frozenset({S})),
    )
    nuts = next(limit for limit in load_patterns().weekly if limit.name == "Nut snacks")
    assert 1 in _solve(pool, S, 120.0, [0.0, 3.0], weekly_room=[(nuts, 1)])
    assert _solve(pool, S, 120.0, [0.0, 3.0], weekly_room=[(nuts, 0)]) == {2}


# 7. Categories named in patterns.toml are checked against categories.csv


def _patterns_data() -> dict:
    with (MEALS_DIR / "patterns.toml").open("rb") as f:
        return tomllib.load(f)


def test_an_unknown_second_main_category_is_refused_by_name() -> None:
    data = _patterns_data()
    data["pattern"][7]["second_main"] = ["legumes", "tofus"]
    with pytest.raises(ValidationFailed) as e:
        parse_patterns(data, "patterns.toml")
    assert str(e.value) == (
        "patterns.toml, pattern 8 (Protein, starch and vegetables, with beans, tofu, eggs or "
        "cottage cheese on the side), second_main: unknown category tofus (categories.csv has "
        "no such key)."
    )


def test_an_unknown_category_of_a_weekly_limit_or_breakfast_protein_is_refused() -> None:
    data = _patterns_data()
    data["weekly"][0]["categories"] = ["nuts", "peanuts", "seeds"]
    with pytest.raises(ValidationFailed, match=r"weekly limit 1 \(Nut snacks\): unknown "):
        parse_patterns(data, "patterns.toml")
    data = _patterns_data()
    data["meal"]["breakfast"]["protein_categories"] = ["nutbutter"]
    with pytest.raises(ValidationFailed) as e:
        parse_patterns(data, "patterns.toml")
    assert str(e.value) == (
        "patterns.toml, [meal.breakfast] protein_categories: unknown category nutbutter "
        "(categories.csv has no such key)."
    )


# 7. Rules count the items kept on the meal; sentences name foods as a client reads them


def _kept_meal(pool: Pool, kind: MealKind, energy: float, preference, **kept) -> dict[int, int]:
    """ref → steps the model adds to one meal around kept items (described by `kept`)."""
    spec = MealSpec("Meal", kind, 1, 3, (0.0, 1e9), np.zeros(6), **kept)
    spec.candidates = list(range(len(pool)))
    targets = Targets(energy, energy / 20, energy / 10, energy / 45, 0.0, 10_000.0)
    problem = DayProblem(
        targets,
        0.05,
        [spec],
        set(),
        np.array(preference, dtype=float),
        time_limit_s=20.0,
        patterns=load_patterns(),
    )
    solution = solve_day(pool, problem)
    assert solution.solved
    return {pool.candidates[p.candidate].ref_id: p.steps for p in solution.picks}


def test_a_kept_hard_boiled_egg_keeps_popcorn_out_of_its_snack() -> None:
    pool = _pool(
        _candidate(1, "snacks", ("snack",), 380.0, frozenset({S})),
        _candidate(2, "fruit", ("fruit",), 60.0, frozenset({S})),
    )
    egg = {
        "kept_items": (("boiled_eggs", "Egg, whole, cooked, hard-boiled"),),
        "kept_roles": {"main": 1},
        "kept_grams": 50.0,
        "kept_categories": frozenset({"boiled_eggs"}),
    }
    assert set(_kept_meal(pool, S, 100.0, [0.0, 3.0], **egg)) == {2}
    assert 1 in _kept_meal(pool, S, 100.0, [0.0, 3.0], **{**egg, "kept_items": ()})


def test_the_main_weighs_a_third_of_a_kept_starch() -> None:
    """1½ cups of rice (300 g) kept on the dinner: the meat added weighs at least 100 g even
    though the dinner's energy asks for less."""
    pool = _pool(
        _candidate(1, "meat", ("main",), 200.0),
        _candidate(2, "vegetables", ("vegetable",), 30.0),
    )
    rice = {"kept_roles": {"starch": 1}, "kept_grams": 300.0, "kept_starch_grams": 300.0}
    assert _kept_meal(pool, M, 160.0, [0.0, 0.0], **rice)[1] * 10 >= 99
    assert _kept_meal(pool, M, 160.0, [0.0, 0.0], **{**rice, "kept_starch_grams": 0.0})[1] < 9


def test_the_meal_check_names_foods_as_a_client_reads_them() -> None:
    milk = Served(
        "Milk, chocolate, fluid, commercial, reduced fat",
        "milk",
        ("milk",),
        frozenset({B, S}),
        0.0,
        None,
        "",
        250.0,
        3.2,
        "Chocolate milk",
    )
    assert sentences(Meal(1, "Morning snack", S, (milk,))) == [
        "Morning snack: Chocolate milk with nothing to eat (a meal with a drink has food too)."
    ]


def test_the_used_up_sentence_names_the_foods_a_day_would_take_as_a_client_reads_them() -> None:
    from menuplanner.domain.clients import Client, Sex
    from menuplanner.planning.model import DaySolution, Pick
    from menuplanner.planning.planner import Planner
    from menuplanner.planning.settings import GenerateSettings

    names = (
        "Tortillas, ready-to-bake or -fry, corn",
        "Tofu, fried",
        "Soybeans, mature cooked, boiled, without salt",
        "Rice, white, long-grain, regular, cooked, enriched",
    )
    pool = _pool(*[_candidate(i, "grains", ("starch",), 100.0) for i in range(4)])
    pool.candidates = [
        dataclasses.replace(c, label=n) for c, n in zip(pool.candidates, names, strict=True)
    ]
    planner = Planner(pool, GenerateSettings(), ("Dinner",), Client("Test", Sex.FEMALE))
    day = DaySolution([Pick(0, i, 1) for i in range(4)], np.zeros(6), True, "Optimal", 0.1)
    assert planner._needed_names(day, {0, 1, 2}) == "corn tortillas, tofu and soybeans"
    assert planner._needed_names(day, {3}) == "rice"


# Pairings of the second read (pairings.csv)


def test_tofu_with_spaghetti_and_beans_with_beans_make_no_dinner() -> None:
    tofu = food("Tofu, extra firm", "tofu", 180, M)
    spaghetti = food("Spaghetti, cooked", "pasta", 280, M)
    spinach = food("Spinach, raw", "salad", 30, M)
    assert sentences(Meal(0, "Dinner", M, (tofu, spaghetti, spinach))) == [
        "Dinner: Tofu, extra firm with Spaghetti, cooked: tofu and tempeh go with rice, noodles "
        "or potatoes, not with macaroni or spaghetti."
    ]
    noodles = food("Noodles, egg, cooked", "pasta", 240, M)
    assert sentences(Meal(0, "Dinner", M, (tofu, noodles, spinach))) == []
    lima = food("Lima beans, large, mature seeds, boiled", "legumes", 188, M)
    edamame = food("Soybeans, green, boiled", "edamame", 90, M)
    assert sentences(Meal(0, "Lunch", M, (lima, RICE, edamame))) == [
        "Lunch: Lima beans, large, mature seeds, boiled with Soybeans, green, boiled: beans take "
        "a green or root vegetable beside them, not more beans."
    ]


def test_nut_butter_goes_with_apple_or_celery_not_peppers_tahini_or_canned_fruit() -> None:
    almond = food("Almond butter", "nut_butter", 32, S)
    peppers = food("Peppers, sweet, red, raw", "nibbles", 74, S)
    celery = food("Celery, raw", "nibbles", 100, S)
    assert sentences(Meal(1, "Snack", S, (peppers, almond))) == [
        "Snack: Peppers, sweet, red, raw with Almond butter: nuts and nut butter go with celery, "
        "carrots or fruit; peppers, cucumber and squash go with hummus or crackers."
    ]
    assert sentences(Meal(1, "Snack", S, (celery, almond))) == []
    cocktail = food("Fruit cocktail, canned, water pack", "fruit", 237, S)
    assert sentences(Meal(1, "Snack", S, (cocktail, almond))) == [
        "Snack: Fruit cocktail, canned, water pack with Almond butter: nut butter goes on apple, "
        "banana, pear or celery, not with berries, melon or canned fruit."
    ]


def test_a_glass_of_milk_and_a_yogurt_are_no_snack_milk_and_crackers_are() -> None:
    milk = food("Milk, low sodium", "milk", 244, S)
    yogurt = food("Yogurt, soy", "yogurt", 131, S)
    assert sentences(Meal(5, "Snack", S, (yogurt, milk))) == [
        "Snack follows no snack pattern; closest “Fruit, dairy, cheese, a hard-boiled egg or a "
        "snack food”: 1 milk (none in it)."
    ]
    crackers = food("Crackers, multigrain", "crackers", 30, S)
    assert sentences(Meal(5, "Snack", S, (crackers, milk))) == []


def test_pine_nuts_sour_cherries_and_cisco_are_not_suggested() -> None:
    assert classify("Nuts, pine nuts, dried", "1200").reason == "cooking ingredient, not a snack"
    assert classify("Cherries, sour, red, frozen, unsweetened", "0900").reason == (
        "eaten cooked, not raw"
    )
    assert classify("Cherries, tart, dried, sweetened", "0900").category.key == "dried_fruit"
    assert classify("Fish, cisco, smoked", "1500").reason.startswith("unfamiliar")
    assert classify("Fish, cod, Atlantic, cooked, dry heat", "1500").category.key == "fish"


def test_an_omelette_with_rice_and_grits_with_yogurt_make_no_meal() -> None:
    omelette = Served("Vegetable omelette", "recipe", ("main", "vegetable"), frozenset({M}), 332)
    assert sentences(Meal(2, "Dinner", M, (omelette, RICE))) == [
        "Dinner: Vegetable omelette with Rice, cooked: an omelette goes with potatoes, toast or "
        "a salad, not with rice, quinoa, pasta or beans."
    ]
    potatoes = food("Potatoes, boiled", "potatoes", 270, M)
    assert sentences(Meal(2, "Dinner", M, (omelette, potatoes))) == []
    grits = food("Cereals, corn grits, cooked with water", "hot_cereal", 257, B)
    yogurt = food("Tofu yogurt", "yogurt", 131, B, protein=3.5)
    assert sentences(Meal(0, "Breakfast", B, (grits, yogurt))) == [
        "Breakfast: Cereals, corn grits, cooked with water with Tofu yogurt: grits are savoury: "
        "not with nut butter, tahini, jam or yogurt."
    ]


def test_buttermilk_is_no_drink() -> None:
    verdict = classify("Milk, buttermilk, fluid, cultured, lowfat", "0100")
    assert verdict.category is None and verdict.reason == "cooking ingredient, not a drink"


def test_light_bread_comes_in_four_slices_at_most_and_bars_in_two() -> None:
    from menuplanner.domain.foods import Portion
    from menuplanner.planning.portions import food_grid

    protein_bread = (Portion(2, 1.0, "slice", 17.0),)
    grid = food_grid(protein_bread, 25, 100, ("slice",))
    assert (grid.n_min, grid.n_max, grid.grams(grid.n_max)) == (2, 4, 68.0)  # not 5 (85 g)
    small_bars = (Portion(1, 1.0, "bar", 20.0),)
    assert food_grid(small_bars, 20, 70, ("bar",)).n_max == 2  # not 3
    olives = (Portion(1, 1.0, "olive", 2.7),)
    grid = food_grid(olives, 15, 30, ("tbsp", "olive"))
    assert (grid.unit, grid.n_min, grid.n_max) == ("olive", 6, 11)  # whole olives, not 5½


def test_boiled_celery_and_a_snack_recipe_with_yogurt_are_not_served() -> None:
    assert classify("Celery, cooked, boiled, drained, without salt", "1100").reason == (
        "eaten raw, not as a cooked side"
    )
    hummus_plate = Served("Hummus with carrots and pita", "recipe", ("snack",), frozenset({S}), 107)
    yogurt = food("Yogurt, vanilla", "yogurt", 170, S)
    assert sentences(Meal(5, "Snack", S, (yogurt, hummus_plate))) == [
        "Snack: Hummus with carrots and pita with Yogurt, vanilla: a snack made from a recipe is "
        "the whole snack."
    ]


def test_beans_with_potato_salad_and_tofu_on_bread_make_no_lunch() -> None:
    beans = food("Beans, pink, boiled", "legumes", 338, M)
    potato_salad = food("Potato salad with egg", "potatoes", 125, M)
    watercress = food("Watercress, raw", "salad", 34, M)
    assert sentences(Meal(3, "Lunch", M, (beans, potato_salad, watercress))) == [
        "Lunch: Beans, pink, boiled with Potato salad with egg: beans or tofu and potato salad "
        "are two sides, not a meal: they take rice, bread or potatoes."
    ]
    tofu = food("Tofu, firm", "tofu", 150, M)
    bread = food("Bread, white", "bread", 90, M)
    assert sentences(Meal(3, "Lunch", M, (tofu, bread, watercress))) == [
        "Lunch: Tofu, firm with Bread, white: tofu and tempeh go with rice, noodles or "
        "potatoes, not with bread."
    ]


def test_water_chestnuts_bamboo_shoots_and_sprouts_are_no_side() -> None:
    for name in (
        "Waterchestnuts, chinese, canned, solids and liquids",
        "Bamboo shoots, cooked, boiled, drained, without salt",
        "Mung beans, mature seeds, sprouted, cooked, boiled, drained, without salt",
    ):
        assert classify(name, "1100").reason == "an ingredient of a stir-fry, not a side"


def test_eggs_with_couscous_and_cottage_cheese_with_popcorn_are_no_pairs() -> None:
    eggs = food("Egg, scrambled", "eggs", 122, M)
    couscous = food("Couscous, cooked", "grains", 236, M)
    beets = food("Beets, boiled", "vegetables", 78, M)
    assert sentences(Meal(4, "Dinner", M, (eggs, couscous, beets))) == [
        "Dinner: Egg, scrambled with Couscous, cooked: eggs go with toast, potatoes or a salad, "
        "not with rice, couscous or pasta."
    ]
    cottage = food("Cottage cheese, with vegetables", "fresh_cheese", 113, S)
    popcorn = food("Popcorn, cheese-flavor", "snacks", 35, S)
    assert sentences(Meal(4, "Snack", S, (cottage, popcorn))) == [
        "Snack: Cottage cheese, with vegetables with Popcorn, cheese-flavor: yogurt and cottage "
        "cheese go with fruit or crackers, not with popcorn or pretzels."
    ]


def test_luncheon_meat_with_rice_and_celery_with_a_snack_bar_are_no_pairs() -> None:
    spam = food("Luncheon meat, pork", "cured", 84, M)
    peas = food("Peas, edible-podded, boiled", "vegetables", 160, M)
    assert sentences(Meal(3, "Lunch", M, (spam, RICE, peas))) == [
        "Lunch: Luncheon meat, pork with Rice, cooked: sausages and cold cuts go in a sandwich "
        "or with potatoes, not with rice or pasta."
    ]
    celery = food("Celery, raw", "nibbles", 50, S)
    bar = food("Granola bar, oats", "bars", 35, S)
    assert sentences(Meal(0, "Snack", S, (bar, celery))) == [
        "Snack: Celery, raw with Granola bar, oats: raw vegetables go with a dip, cheese or "
        "crackers, not with popcorn or a snack bar."
    ]


def test_a_vegetarian_stew_is_offered_only_to_a_client_whose_diet_asks_for_it() -> None:
    from menuplanner.planning.candidates import _MEAT_ANALOGUE

    assert _MEAT_ANALOGUE.search("Vegetarian stew")
    assert not _MEAT_ANALOGUE.search("Stew, beef and vegetables")


def test_two_sides_of_beans_octopus_and_wax_gourd_are_not_served() -> None:
    edamame = food("Edamame, frozen, prepared", "edamame", 78, M)
    limas = food("Lima beans, immature seeds, boiled", "vegetables", 85, M)
    assert sentences(Meal(6, "Dinner", M, (CHICKEN, RICE, edamame, limas))) == [
        "Dinner: Edamame, frozen, prepared with Lima beans, immature seeds, boiled: one side of "
        "beans is enough: the other vegetable is a green or root one."
    ]
    assert classify("Mollusks, octopus, common, cooked, moist heat", "1500").reason.startswith(
        "unfamiliar"
    )
    assert classify("Waxgourd, (chinese preserving melon), cooked, boiled", "1100").category is None


def test_juice_from_frozen_concentrate_gives_way_to_the_ready_to_drink_juice() -> None:
    frozen = "Orange juice, frozen concentrate, unsweetened, diluted with 3 volume water"
    assert classify(frozen, "0900").reason == "frozen concentrate: the ready-to-drink juice instead"
    chilled = classify("Orange juice, chilled, includes from concentrate", "0900").category
    assert chilled is not None and chilled.key == "juice"


def test_hot_peppers_are_a_seasoning_not_a_side() -> None:
    for name in (
        "Peppers, hot chili, green, raw",
        "Peppers, hot chili, red, canned, excluding seeds, solids and liquids",
        "Peppers, jalapeno, raw",
        "Peppers, serrano, raw",
    ):
        assert classify(name, "1100").reason == (
            "a seasoning (a little chopped into a dish), not a vegetable side"
        )
    assert classify("Peppers, sweet, red, raw", "1100").reason != (
        "a seasoning (a little chopped into a dish), not a vegetable side"
    )


# Third read (stop 23): clashing breakfast proteins, beans beside a dish, sausages with pasta,
# jam on flatbread, avocado with pancakes, tahini in oatmeal; portions of tofu and meatless
# franks; ricotta and Limburger

TOAST = food("Bread, whole-wheat, toasted", "bread", 56, B)
PEANUT = food("Peanut butter, smooth style", "nut_butter", 32, B)
MACARONI = food("Macaroni, cooked, enriched", "pasta", 210, M)
SQUASH = food("Squash, winter, all varieties, cooked, baked", "vegetables", 102, M)
SAUSAGES = "sausages and cold cuts go in a sandwich or with potatoes, not with rice or pasta."
BEANS_BESIDE_A_DISH = (
    "a dish or a soup takes a green vegetable or a salad beside it, not a side of beans."
)
DISH = Served("Salmon with potatoes", "dish", ("main", "starch"), frozenset({M}), 350)


@pytest.mark.parametrize(
    ("slot", "kind", "pair", "others", "why"),
    [
        (
            "Breakfast",
            B,
            (PEANUT, food("Ham, sliced, regular", "ham", 56, B)),
            (TOAST,),
            "nut butter goes on toast, pancakes or fruit, not beside ham, sausage or cheese.",
        ),
        (
            "Dinner",
            M,
            (DISH, food("Cowpeas (blackeyes), immature seeds, boiled", "vegetables", 165, M)),
            (),
            BEANS_BESIDE_A_DISH,
        ),
        (
            "Breakfast",
            B,
            (
                food("Pancakes, plain, frozen, ready-to-heat", "pancakes", 80, B),
                food("Avocados, raw, all commercial varieties", "avocado", 70, B),
            ),
            (food("Yogurt, Greek, plain, nonfat", "yogurt", 170, B),),
            "pancakes and waffles go with fruit, yogurt or syrup, not with avocado.",
        ),
        (
            "Breakfast",
            B,
            (
                food("Bread, chapati or roti, whole wheat, commercially prepared", "bread", 86, B),
                food("Jams and preserves, marmalade, orange", "jam", 20, B),
            ),
            (food("Milk, reduced fat, fluid, 2% milkfat", "milk", 244, B),),
            "tortillas and flatbreads go with eggs, beans or cheese, not with nut butter or jam.",
        ),
        (
            "Lunch",
            M,
            (food("Sausage, turkey, breakfast links, mild, raw", "ham", 100, M), MACARONI),
            (SQUASH,),
            SAUSAGES,
        ),
        (
            "Lunch",
            M,
            (food("Frankfurter, meatless", "meat_alternatives", 100, M), MACARONI),
            (SQUASH,),
            SAUSAGES,
        ),
        (
            "Breakfast",
            B,
            (
                food("Seeds, sesame butter, tahini", "nut_butter", 30, B),
                food(
                    "Cereals, oats, regular and quick, unenriched, cooked with water",
                    "hot_cereal",
                    234,
                    B,
                ),
            ),
            (food("Milk, nonfat, fluid", "milk", 122, B),),
            "tahini is a savoury spread: on bread or with vegetables, not in oatmeal or on "
            "pancakes.",
        ),
    ],
)
def test_foods_that_make_no_pair_are_named_with_why(slot, kind, pair, others, why) -> None:
    first, second = pair
    assert sentences(Meal(0, slot, kind, (first, second, *others))) == [
        f"{slot}: {first.label} with {second.label}: {why}"
    ]


@pytest.mark.parametrize(
    ("slot", "kind", "items"),
    [
        ("Breakfast", B, (TOAST, PEANUT, food("Bananas, raw", "fruit", 118, B))),
        ("Dinner", M, (DISH, food("Beans, snap, green, boiled", "vegetables", 125, M))),
        ("Lunch", M, (food("Vegetarian fillets", "meat_alternatives", 100, M), MACARONI, SQUASH)),
    ],
)
def test_the_pairs_such_a_rule_leaves_alone(slot, kind, items) -> None:
    assert sentences(Meal(0, slot, kind, items)) == []


def test_tofu_weighs_at_most_200_g_and_meatless_franks_150_g() -> None:
    assert (CATEGORIES["tofu"].min_g, CATEGORIES["tofu"].max_g) == (60, 200)
    assert (CATEGORIES["meat_alternatives"].min_g, CATEGORIES["meat_alternatives"].max_g) == (
        60,
        150,
    )
    tofu = food("Tofu, firm", "tofu", 290, M)
    broccoli = food("Broccoli, boiled", "vegetables", 90, M)
    [finding] = sentences(Meal(1, "Dinner", M, (tofu, RICE, broccoli)))
    assert finding == "Dinner: Tofu, firm 290 g, outside 60–200 g for tofu."
    # a day of 34 % protein serves its main half as large again; its rice keeps the range
    high = Meal(1, "Dinner", M, (tofu, RICE, broccoli), protein_pct=34.0)
    assert sentences(high) == []
    rice = food("Rice, white, cooked", "grains", 320, M)
    assert sentences(dataclasses.replace(high, items=(tofu, rice, broccoli))) == [
        "Dinner: Rice, white, cooked 320 g, outside 100–300 g for grains."
    ]


def test_ricotta_is_a_cheese_eaten_with_something_and_limburger_is_not_offered() -> None:
    assert classify("Cheese, ricotta, whole milk", "0100").category.key == "cheese"
    assert classify("Cheese, cottage, lowfat, 2% milkfat", "0100").category.key == "fresh_cheese"
    assert classify("Cheese, limburger", "0100").reason.startswith("unfamiliar")
