"""Food roles, portion ranges and meal patterns as data, and the roles a recipe fills."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.menus import ItemKind
from menuplanner.domain.targets import Targets
from menuplanner.planning.candidates import Candidate, Pool
from menuplanner.planning.categories import load_categories, parse_categories
from menuplanner.planning.meals import MealKind
from menuplanner.planning.model import DayProblem, MealSpec, solve_day
from menuplanner.planning.patterns import load_patterns, meal_size_scale, parse_patterns
from menuplanner.planning.portions import Grid
from menuplanner.planning.recipe_roles import recipe_roles
from menuplanner.planning.suitability import classify

B, M, S = MealKind.BREAKFAST, MealKind.MAIN, MealKind.SNACK
ROW = {
    "key": "grains",
    "label": "Grains and pasta",
    "role": "starch",
    "role_at_lunch_dinner": "",
    "meals": "M",
    "min_g": "100",
    "max_g": "300",
    "measures": "cup",
    "per_week": "",
    "source": "½–2 cups cooked",
}


@pytest.mark.parametrize(
    ("name", "group", "role"),
    [
        ("Chicken, broilers or fryers, breast, meat only, cooked, roasted", "0500", "main"),
        ("Lentils, mature seeds, cooked, boiled, without salt", "1600", "main"),
        ("Rice, white, long-grain, regular, cooked, enriched", "2000", "starch"),
        ("English muffins, plain, toasted, enriched", "1800", "starch"),
        ("Broccoli, cooked, boiled, drained, without salt", "1100", "vegetable"),
        ("Bananas, raw", "0900", "fruit"),
        ("Yogurt, plain, low fat", "0100", "dairy"),
        ("Cheese, cheddar", "0100", "cheese"),
        (
            "Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D",
            "0100",
            "milk",
        ),
        ("Butter, salted", "0100", "fat"),
        ("Popcorn, air-popped", "2500", "snack"),
    ],
)
def test_foods_get_the_role_of_their_category(name: str, group: str, role: str) -> None:
    category = classify(name, group).category
    assert category is not None and role in category.roles_at(M) + category.roles_at(B)


@pytest.mark.parametrize(
    ("name", "group", "reason"),
    [
        ("Babyfood, cereal, oatmeal, dry", "0300", "baby food"),
        ("Tomatoes, green, raw", "1100", "eaten cooked, not raw"),
        ("Frankfurter, beef, unheated", "0700", "not heated as eaten (an unheated form)"),
        ("Wheat flour, white, all-purpose, enriched, bleached", "2000", "ingredient, not a dish"),
    ],
)
def test_foods_a_dietitian_would_not_serve_are_excluded_with_their_reason(
    name: str, group: str, reason: str
) -> None:
    verdict = classify(name, group)
    assert verdict.category is None and verdict.reason == reason


def test_spam_is_a_cold_cut_for_lunch_not_a_breakfast_ham() -> None:
    category = classify(
        "Luncheon meat, pork with ham, minced, canned, includes SPAM (Hormel)", "0700"
    )
    assert category.category.key == "cured" and category.category.meals == frozenset({M})


def test_portion_ranges_hold_what_issue_16_asks_and_name_their_source() -> None:
    categories = load_categories()
    assert (categories["meat"].min_g, categories["meat"].max_g) == (60, 200)
    assert (categories["fish"].min_g, categories["fish"].max_g) == (60, 200)
    assert categories["cheese"].max_g == 50
    assert categories["spread"].max_g == 15
    assert categories["soup"].max_g == 450  # two cups: 2 × 245 g (FDA RACC), less a little
    assert categories["snacks"].per_week == 2  # popcorn at most twice a week
    assert all(c.source for c in categories.values())


def test_a_bad_category_row_is_refused_with_its_line() -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_categories([ROW, {**ROW, "key": "soup", "role": "entree"}], "categories.csv")
    assert str(refused.value) == (
        "categories.csv, line 3: unknown role entree (roles: main, soup, starch, cereal, "
        "vegetable, fruit, dairy, cheese, milk, fat, drink, snack)."
    )
    with pytest.raises(ValidationFailed, match=r"line 2 \(grains\): needs a role"):
        parse_categories([{**ROW, "min_g": "400"}], "categories.csv")


def test_the_lunch_pattern_is_a_main_a_starch_and_one_or_two_vegetables() -> None:
    plan = load_patterns()
    lunch = next(p for p in plan.of(M) if p.name == "Protein, starch and vegetables")
    assert (lunch.bounds("main"), lunch.bounds("starch"), lunch.bounds("vegetable")) == (
        (1, 1),
        (1, 1),
        (1, 2),
    )
    assert lunch.bounds("snack") == (0, 0)
    assert lunch.describe() == "main, starch, 1–2 vegetable (+ fat)"
    assert lunch.bounds("fruit") == (0, 0)  # fruit belongs to breakfast and snacks
    assert plan.most_grams[M] == 700


def test_a_bad_pattern_is_refused_with_what_is_allowed() -> None:
    data = {
        "meal": {k: {"most_grams": 500} for k in ("breakfast", "main", "snack")},
        "pattern": [{"meal": "main", "name": "Odd", "roles": {"main": "2-1"}}],
    }
    with pytest.raises(ValidationFailed, match=r"pattern 1: cannot read role main = '2-1'"):
        parse_patterns(data, "patterns.toml")
    data["pattern"] = [{"meal": "main", "name": "Plate", "roles": {"main": "1"}}]
    with pytest.raises(ValidationFailed, match="no pattern for breakfast"):
        parse_patterns(data, "patterns.toml")


def test_bigger_eaters_eat_bigger_meals_up_to_half_as_much_again() -> None:
    assert [meal_size_scale(e) for e in (1500, 2000, 2500, 3000, 3500)] == [1, 1, 1.25, 1.5, 1.5]


SALMON_DINNER = [
    ("Fish, salmon, Atlantic, farmed, raw", "1500", 500.0),
    ("Potatoes, red, flesh and skin, raw", "1100", 600.0),
    ("Beans, snap, green, raw", "1100", 400.0),
    ("Oil, olive, salad or cooking", "0400", 40.0),
]


def test_a_recipe_fills_the_roles_of_its_ingredients() -> None:
    assert recipe_roles("Salmon with potatoes and green beans", SALMON_DINNER, 4, M) == (
        "main",
        "starch",
        "vegetable",
    )
    # 10 g of oil per serving is below 30 g: no role
    assert recipe_roles("Lentil soup", [("Lentils, raw", "1600", 400.0)], 4, M) == ("soup",)
    assert recipe_roles("Anything", SALMON_DINNER, 4, S) == ("snack",)
    assert recipe_roles("Green salad", [("Oil, olive", "0400", 40.0)], 4, M) == ("main",)


def _candidate(ref: int, category: str, roles: tuple, kcal: float, kind=ItemKind.FOOD):
    grid = Grid(10.0, 1, 20, "g", 10.0)
    meals = frozenset({M})
    c = Candidate(kind, ref, f"Food {ref}", category, f"family {ref}", meals, grid, roles, roles)
    per_100 = np.array([kcal, kcal / 20, kcal / 10, kcal / 45, 2.0, 50.0])
    return c, per_100


def _pool(*items) -> Pool:
    values = np.array([v for _, v in items])
    grams = np.array([10.0 if c.kind == ItemKind.FOOD else 200.0 for c, _ in items])
    return Pool([c for c, _ in items], values / 10.0, values, np.full(len(items), np.nan), grams)


def test_the_model_never_puts_two_mains_in_one_dinner() -> None:
    """Pork and a complete cod recipe would hit the energy best; the pattern forbids it."""
    pool = _pool(
        _candidate(1, "meat", ("main",), 250.0),
        _candidate(2, "recipe", ("main", "starch", "vegetable"), 300.0, ItemKind.RECIPE),
        _candidate(3, "grains", ("starch",), 130.0),
        _candidate(4, "vegetables", ("vegetable",), 30.0),
    )
    spec = MealSpec("Dinner", M, 1, 4, (0.0, 1e9), np.zeros(6), candidates=[0, 1, 2, 3])
    targets = Targets(1000.0, 50.0, 100.0, 22.0, 0.0, 10_000.0)
    problem = DayProblem(
        targets, 0.05, [spec], set(), np.zeros(4), time_limit_s=20.0, patterns=load_patterns()
    )
    solution = solve_day(pool, problem)
    chosen = {pool.candidates[p.candidate].ref_id for p in solution.picks}
    assert solution.solved and not {1, 2} <= chosen
    assert chosen in ({1, 3, 4}, {2}, {2, 4})


def test_the_swap_list_offers_a_starch_for_a_starch() -> None:
    from menuplanner.planning.substitutes import rank

    pool = _pool(
        _candidate(1, "meat", ("main",), 250.0),
        _candidate(2, "grains", ("starch",), 130.0),
        _candidate(3, "potatoes", ("starch",), 90.0),
        _candidate(4, "vegetables", ("vegetable",), 30.0),
    )
    rice = pool.per_step[1] * 15
    targets = Targets(2000.0, 100.0, 250.0, 66.0, 28.0, 2300.0)
    options = rank(pool, rice, "grains", M, rice, targets, {1}, set(), item_roles=("starch",))
    assert [o.ref_id for o in options] == [3]


def test_a_complete_dish_may_be_swapped_for_a_main_but_not_a_main_for_a_complete_dish() -> None:
    from menuplanner.planning.substitutes import rank

    pool = _pool(
        _candidate(1, "meat", ("main",), 250.0),
        _candidate(2, "recipe", ("main", "starch", "vegetable"), 300.0, ItemKind.RECIPE),
        _candidate(3, "grains", ("starch",), 130.0),
    )
    targets = Targets(2000.0, 100.0, 250.0, 66.0, 28.0, 2300.0)
    dish, meat = pool.per_step[1], pool.per_step[0] * 15
    complete = ("main", "starch", "vegetable")
    assert [
        o.ref_id for o in rank(pool, dish, "recipe", M, dish, targets, {1}, set(), 8, complete)
    ] == [1]
    assert rank(pool, meat, "meat", M, meat, targets, {0}, set(), item_roles=("main",)) == []


def test_pasta_is_a_category_of_its_own_and_soup_comes_with_crackers_not_pasta() -> None:
    assert classify("Spaghetti, cooked, enriched, without added salt", "2000").category.key == (
        "pasta"
    )
    assert classify("Rice, white, long-grain, regular, cooked, enriched", "2000").category.key == (
        "grains"
    )
    soup = next(p for p in load_patterns().of(M) if p.name.startswith("Soup"))
    assert soup.bounds("starch") == (0, 0) and soup.bounds("snack") == (0, 1)


def test_a_wrap_is_a_main_and_a_starch_its_flour_tortilla_counts() -> None:
    wrap = [
        ("Chicken, broilers or fryers, breast, meat only, cooked, roasted", "0500", 70.0),
        ("Avocados, raw, all commercial varieties", "0900", 73.0),
        ("Lettuce, cos or romaine, raw", "1100", 47.0),
        ("Tortillas, ready-to-bake or -fry, flour, refrigerated", "1800", 72.0),
        ("Wheat flour, white, all-purpose", "2000", 40.0),
    ]
    assert recipe_roles("Chicken and avocado wrap", wrap, 1, M) == (
        "main",
        "fat",
        "vegetable",
        "starch",
    )


def _high_protein_dinner(protein_pct: float) -> set[int]:
    """A 1,200 kcal dinner that needs two mains to reach its energy (a main gives at most
    500 kcal); meat and fish are preferred over tofu, so only the rule keeps them apart."""
    pool = _pool(
        _candidate(1, "meat", ("main",), 250.0),
        _candidate(2, "fish", ("main",), 250.0),
        _candidate(3, "tofu", ("main",), 250.0),
        _candidate(4, "grains", ("starch",), 130.0),
        _candidate(5, "vegetables", ("vegetable",), 30.0),
    )
    spec = MealSpec("Dinner", M, 1, 4, (0.0, 1e9), np.zeros(6), candidates=[0, 1, 2, 3, 4])
    energy = 1200.0
    targets = Targets(energy, energy * protein_pct / 400, 120.0, 26.7, 0.0, 10_000.0)
    preference = np.array([0.0, 0.0, 3.0, 0.0, 0.0])
    problem = DayProblem(
        targets, 0.05, [spec], set(), preference, time_limit_s=20.0, patterns=load_patterns()
    )
    solution = solve_day(pool, problem)
    assert solution.solved
    return {pool.candidates[p.candidate].ref_id for p in solution.picks}


def test_on_a_high_protein_day_a_dinner_takes_tofu_beside_meat_never_meat_and_fish() -> None:
    chosen = _high_protein_dinner(30.0)
    assert 3 in chosen and len(chosen & {1, 2}) == 1


def test_below_25_percent_protein_a_dinner_keeps_one_main() -> None:
    assert len(_high_protein_dinner(20.0) & {1, 2, 3}) == 1


def test_the_high_protein_pattern_applies_from_25_percent_and_names_its_sides() -> None:
    plan = load_patterns()
    names = [p.name for p in plan.of(M, 25.0)]
    side = "Protein, starch and vegetables, with beans, tofu, eggs or cottage cheese on the side"
    assert side in names and side not in [p.name for p in plan.of(M, 24.9)]
    pattern = next(p for p in plan.patterns if p.name == side)
    assert pattern.bounds("main") == (1, 2) and pattern.from_protein_pct == 25.0
    assert pattern.second_main == {"legumes", "tofu", "meat_alternatives", "eggs", "boiled_eggs"}
    assert plan.sides == pattern.second_main


def test_edamame_is_a_vegetable_at_dinner_and_a_snack_between_meals() -> None:
    for name in ("Edamame, frozen, prepared", "Soybeans, green, cooked, boiled, drained"):
        category = classify(name, "1100").category
        assert category.key == "edamame"
        assert (category.roles_at(M), category.roles_at(S)) == (("vegetable",), ("snack",))
        assert (category.min_g, category.max_g) == (75, 160)


def test_high_protein_days_also_draw_the_foods_richest_in_protein() -> None:
    from menuplanner.planning.candidates import richest_in_protein

    pool = _pool(
        _candidate(1, "meat", ("main",), 250.0),
        _candidate(2, "tofu", ("main",), 100.0),
        _candidate(3, "grains", ("starch",), 130.0),
    )
    pool.per_step[1, 1] = 3.0  # tofu: 3 g protein per 10 g step, 30 g in 100 g: 120 % of its kcal
    pool.per_step[2, 1] = 0.01  # grains: 0.2 g in its largest portion, below the 10 g asked
    assert richest_in_protein(pool, M, 5, set()) == [1, 0]
    assert richest_in_protein(pool, M, 1, {1}) == [0]


def test_a_week_plans_its_high_protein_days_first_highest_first() -> None:
    from menuplanner.planning.planner import hardest_first

    def day(protein_pct: float) -> Targets:
        return Targets(2000.0, 2000.0 * protein_pct / 400, 250.0, 60.0, 28.0, 2300.0)

    targets = {0: day(18), 1: day(30), 2: day(22), 3: day(35), 4: day(25)}
    assert hardest_first([0, 1, 2, 3, 4], targets) == [3, 1, 4, 0, 2]
    assert hardest_first([0, 2], targets) == [0, 2]


def test_a_bad_pairing_row_is_refused_with_its_line() -> None:
    from menuplanner.planning.pairings import parse_pairings

    row = {"meals": "S", "first": "boiled_eggs", "second": "snacks", "why": "no"}
    assert len(parse_pairings([row], "pairings.csv")) == 1
    with pytest.raises(ValidationFailed) as refused:
        parse_pairings([row, {**row, "meals": "X"}], "pairings.csv")
    assert str(refused.value) == "pairings.csv, line 3: cannot read 'X'."
    with pytest.raises(ValidationFailed, match=r"line 2: needs meals \(B M S\), two sides"):
        parse_pairings([{**row, "why": " "}], "pairings.csv")


def test_the_model_keeps_a_pairing_apart_and_the_main_at_a_third_of_the_starch() -> None:
    """A snack of an egg and popcorn would hit the energy best; the pairing forbids it. A
    dinner's 200 g of rice takes at least 66 g of meat (0.33 × 200)."""
    egg = Candidate(
        ItemKind.FOOD,
        1,
        "Egg, hard-boiled",
        "boiled_eggs",
        "egg",
        frozenset({S}),
        Grid(50.0, 1, 1, "large", 1.0),
        ("main",),
        ("main",),
    )
    popcorn = Candidate(
        ItemKind.FOOD,
        2,
        "Popcorn",
        "snacks",
        "popcorn",
        frozenset({S}),
        Grid(25.0, 1, 1, "g", 25.0),
        ("snack",),
        ("snack",),
    )
    apple = Candidate(
        ItemKind.FOOD,
        3,
        "Apple",
        "fruit",
        "apple",
        frozenset({S}),
        Grid(182.0, 1, 1, "medium", 1.0),
        ("fruit",),
        ("fruit",),
    )
    per_step = np.array([[78, 6, 1, 5, 0, 60], [96, 3, 19, 1, 3, 1], [95, 0, 25, 0, 4, 2]], float)
    pool = Pool(
        [egg, popcorn, apple], per_step, per_step, np.full(3, np.nan), np.array([50, 25, 182.0])
    )
    spec = MealSpec("Afternoon snack", S, 1, 2, (0.0, 1e9), np.zeros(6), candidates=[0, 1, 2])
    targets = Targets(174.0, 9.0, 20.0, 6.0, 0.0, 10_000.0)
    problem = DayProblem(targets, 0.05, [spec], set(), np.zeros(3), patterns=load_patterns())
    chosen = {pool.candidates[p.candidate].ref_id for p in solve_day(pool, problem).picks}
    assert chosen != {1, 2} and len(chosen) >= 1

    # at most 30 g of meat, exactly 200 g of rice: no dinner under the rule, one without it
    assert not _token_dinner(load_patterns()).solved
    unruled = dataclasses.replace(load_patterns(), main_per_starch=0.0)
    assert _token_dinner(unruled).solved


def _token_dinner(plan):
    meat, values = _candidate(1, "meat", ("main",), 200.0)
    rice, _ = _candidate(2, "grains", ("starch",), 130.0)
    dinner = _pool(
        (dataclasses.replace(meat, grid=Grid(10.0, 1, 3, "g", 10.0)), values),
        (dataclasses.replace(rice, grid=Grid(10.0, 20, 20, "g", 10.0)), values),
        _candidate(3, "vegetables", ("vegetable",), 30.0),
    )
    spec = MealSpec("Dinner", M, 3, 3, (0.0, 1e9), np.zeros(6), candidates=[0, 1, 2])
    targets = Targets(400.0, 20.0, 40.0, 8.9, 0.0, 10_000.0)
    return solve_day(dinner, DayProblem(targets, 0.05, [spec], set(), np.zeros(3), patterns=plan))


def test_two_snacks_of_a_day_cannot_both_take_the_weeks_last_snack_bar() -> None:
    bars = [
        Candidate(
            ItemKind.FOOD,
            r,
            f"Bar {r}",
            "bars",
            f"bar {r}",
            frozenset({S}),
            Grid(40.0, 1, 1, "bar", 1.0),
            ("snack",),
            ("snack",),
        )
        for r in (1, 2)
    ]
    per_step = np.array([[180, 4, 25, 7, 2, 80]] * 2, dtype=float)
    pool = Pool(bars, per_step, per_step, np.full(2, np.nan), np.array([40.0, 40.0]))
    snacks = [
        MealSpec(slot, S, 0, 1, (0.0, 1e9), np.zeros(6), candidates=[i])
        for i, slot in enumerate(("Morning snack", "Afternoon snack"))
    ]
    targets = Targets(360.0, 8.0, 50.0, 14.0, 0.0, 10_000.0)  # two bars would be exact
    problem = DayProblem(targets, 0.05, snacks, set(), np.zeros(2), patterns=load_patterns())
    assert len(solve_day(pool, problem).picks) == 2
    problem.category_room = {"bars": 1}
    assert len(solve_day(pool, problem).picks) == 1


def test_the_repetition_limit_counts_the_name_a_client_reads() -> None:
    from menuplanner.domain.clients import Client, Sex
    from menuplanner.planning.planner import Planner
    from menuplanner.planning.settings import GenerateSettings

    names = (
        "Rice, white, long-grain, regular, cooked, enriched",
        "Rice, white, medium-grain, cooked, unenriched",
        "Rice, brown, long-grain, cooked",
    )
    foods = [
        Candidate(
            ItemKind.FOOD,
            r,
            name,
            "grains",
            "rice",
            frozenset({M}),
            Grid(79.0, 1, 4, "cup", 0.5),
            ("starch",),
            ("starch",),
        )
        for r, name in enumerate(names, start=1)
    ]
    per_step = np.array([[103, 2, 22, 0.2, 0.3, 1]] * 3, dtype=float)
    pool = Pool(foods, per_step, per_step, np.full(3, np.nan), np.full(3, 79.0))
    planner = Planner(pool, GenerateSettings(repeat_limit=2), ("Lunch",), Client("C", Sex.FEMALE))
    planner.count(0, ItemKind.FOOD, 1, "Lunch")
    assert planner.used_up(1) == set()
    planner.count(1, ItemKind.FOOD, 2, "Lunch")  # white rice a second time, another USDA entry
    assert planner.used_up(2) == {0, 1}  # both white rices, not the brown
    assert planner.used_up(7) == set()  # a new week


def test_the_high_protein_pattern_says_when_it_applies_and_what_its_second_main_is() -> None:
    pattern = next(p for p in load_patterns().patterns if p.second_main)
    assert pattern.describe() == (
        "1–2 main, starch, 1–2 vegetable (+ dairy, fat); a second main only from beans and "
        "lentils, eggs, hard-boiled eggs, tempeh and meat alternatives, tofu; on days of 25 % "
        "protein or more"
    )
