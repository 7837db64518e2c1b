"""The meal check on hand-made meals and weeks: what passes, and the exact sentence of what
fails."""

from __future__ import annotations

from menuplanner.planning.categories import load_categories
from menuplanner.planning.meal_check import (
    Meal,
    Served,
    _misfit,
    check_meal,
    check_week,
    role_counts,
    variety_main,
)
from menuplanner.planning.meals import MealKind
from menuplanner.planning.patterns import load_patterns

B, M, S = MealKind.BREAKFAST, MealKind.MAIN, MealKind.SNACK
PLAN, CATEGORIES = load_patterns(), load_categories()


def food(label: str, category: str, grams: float, meal: MealKind = M, family: str = "") -> Served:
    c = CATEGORIES[category]
    eaten = 0.0 if category in ("milk", "juice") else grams
    return Served(label, category, c.roles_at(meal), c.meals, eaten, None, family, grams)


def recipe(label: str, roles: tuple, servings: float, grams: float) -> Served:
    return Served(label, "recipe", roles, frozenset({M}), grams, servings, label.lower())


CHICKEN = food("Chicken breast, roasted", "meat", 150, family="chicken")
RICE = food("Rice, cooked", "grains", 158)
BROCCOLI = food("Broccoli, cooked", "vegetables", 90)


def sentences(meal: Meal) -> list[str]:
    return [f.sentence for f in check_meal(meal, PLAN, CATEGORIES)]


def test_a_plate_of_chicken_rice_and_broccoli_passes() -> None:
    assert sentences(Meal(0, "Dinner", M, (CHICKEN, RICE, BROCCOLI))) == []


def test_two_mains_in_one_dinner_fail_with_the_closest_pattern() -> None:
    cod = recipe("Baked cod with rice and peas", ("main", "starch", "vegetable"), 1.0, 400)
    pork = food("Pork, ground, cooked", "meat", 80, family="pork")
    assert sentences(Meal(0, "Dinner", M, (pork, cod))) == [
        "Dinner follows no lunch or dinner pattern; closest “Protein, starch and vegetables”: "
        "2 main (at most 1)."
    ]


def test_a_dinner_without_a_starch_says_so() -> None:
    assert sentences(Meal(2, "Lunch", M, (CHICKEN, BROCCOLI))) == [
        "Lunch follows no lunch or dinner pattern; closest “Protein, starch and vegetables”: "
        "no starch."
    ]


def test_a_cold_cut_with_yogurt_is_no_breakfast() -> None:
    spam = food("Luncheon meat (SPAM)", "cured", 80, B)
    yogurt = food("Yogurt, whole milk", "yogurt", 170, B)
    assert sentences(Meal(0, "Breakfast", B, (spam, yogurt))) == [
        "Breakfast follows no breakfast pattern; closest “Eggs (or ham, or scrambled tofu) on "
        "toast”: no starch.",
        "Breakfast: Luncheon meat (SPAM) is not a breakfast food (sausages and cold cuts: "
        "lunch and dinner only).",
    ]


def test_cereal_milk_and_fruit_is_a_breakfast() -> None:
    cereal = food("Oats, cooked", "hot_cereal", 234, B)
    milk = food("Milk, 2 %", "milk", 244, B)
    banana = food("Banana", "fruit", 118, B)
    assert sentences(Meal(0, "Breakfast", B, (cereal, milk, banana))) == []


def test_portions_outside_their_range_and_odd_recipe_servings_fail() -> None:
    big = food("Pasta, cooked", "pasta", 350)
    tuna = recipe("Tuna salad", ("main", "starch", "vegetable"), 2.0, 464)
    assert sentences(Meal(1, "Dinner", M, (CHICKEN, big, BROCCOLI))) == [
        "Dinner: Pasta, cooked 350 g, outside 100–300 g for pasta and noodles."
    ]
    assert sentences(Meal(1, "Lunch", M, (tuna,))) == [
        "Lunch: Tuna salad in 2 servings (½, 1 or 1½ servings)."
    ]


def test_more_food_than_one_person_eats_at_a_meal_fails_and_drinks_do_not_count() -> None:
    chicken = food("Chicken breast, roasted", "meat", 200, family="chicken")
    rice = food("Rice, cooked", "grains", 300)
    broccoli = food("Broccoli, cooked", "vegetables", 250)
    milk = food("Milk, 2%", "milk", 244)
    meal = Meal(0, "Dinner", M, (chicken, rice, broccoli, milk))
    assert sentences(meal) == [
        "Dinner follows no lunch or dinner pattern; closest “Protein, starch and vegetables”: "
        "1 milk (none in it).",
        "Dinner: Milk, 2% is not a lunch or dinner food (milk and plant milks: breakfast and "
        "snacks only).",
        "Dinner: 750 g of food, more than 700 g at one meal.",
    ]
    bigger_eater = Meal(0, "Dinner", M, meal.items[:3], energy_kcal=3000)  # 1,050 g ≥ 750 g
    assert sentences(bigger_eater) == []


def test_popcorn_a_third_time_in_a_week_and_the_same_main_two_days_running_fail() -> None:
    popcorn = food("Popcorn, air-popped", "snacks", 25, S)
    beef = food("Beef, chuck, braised", "meat", 150, family="beef")
    week = [Meal(d, "Afternoon snack", S, (popcorn,)) for d in (0, 2, 4)]
    week += [Meal(d, "Dinner", M, (beef, RICE, BROCCOLI)) for d in (5, 6)]
    findings = check_week(week, PLAN, CATEGORIES)
    assert [(f.day, f.rule, f.sentence) for f in findings] == [
        (4, "per week", "Popcorn and pretzels 3 times in the week (at most 2)."),
        (6, "consecutive", "Dinner: beef as the main again, the day after."),
    ]


def test_the_same_main_on_monday_and_wednesday_is_fine() -> None:
    week = [Meal(d, "Dinner", M, (CHICKEN, RICE, BROCCOLI)) for d in (0, 2)]
    assert check_week(week, PLAN, CATEGORIES) == []


LENTILS = food("Lentils, cooked", "legumes", 198, family="lentil")


def test_beans_beside_chicken_pass_on_a_high_protein_day_only() -> None:
    dinner = (CHICKEN, LENTILS, RICE, BROCCOLI)
    assert sentences(Meal(0, "Dinner", M, dinner, 2000.0, 30.0)) == []
    assert sentences(Meal(0, "Dinner", M, dinner, 2000.0, 20.0)) == [
        "Dinner follows no lunch or dinner pattern; closest “Protein, starch and vegetables”: "
        "2 main (at most 1)."
    ]


def test_two_meats_fail_on_a_high_protein_day_too_and_say_which() -> None:
    beef = food("Beef, chuck, braised", "meat", 100, family="beef")
    salmon = food("Salmon, baked", "fish", 100, family="salmon")
    meal = (beef, salmon, RICE, BROCCOLI)
    assert sentences(Meal(0, "Dinner", M, meal, 2000.0, 30.0)) == [
        "Dinner follows no lunch or dinner pattern; closest “Protein, starch and vegetables”: "
        "2 main (at most 1)."
    ]
    high_protein = next(p for p in PLAN.of(M, 30.0) if p.second_main)
    assert _misfit(high_protein, role_counts(meal), meal) == [
        "2 main not on the side (Beef, chuck, braised and Salmon, baked)"
    ]


def test_beans_on_the_side_do_not_count_as_the_main_for_the_next_day() -> None:
    side = Meal(0, "Dinner", M, (CHICKEN, LENTILS, RICE, BROCCOLI), 2000.0, 30.0)
    lentil_dinner = Meal(1, "Dinner", M, (LENTILS, RICE, BROCCOLI), 2000.0, 30.0)
    chicken_again = Meal(1, "Dinner", M, (CHICKEN, RICE, BROCCOLI), 2000.0, 30.0)
    assert check_week([side, lentil_dinner], PLAN, CATEGORIES) == []
    assert [f.sentence for f in check_week([side, chicken_again], PLAN, CATEGORIES)] == [
        "Dinner: chicken as the main again, the day after."
    ]


def test_the_main_of_a_meal_for_variety_is_the_one_not_on_the_side_else_the_largest() -> None:
    sides = frozenset({"legumes", "tofu"})
    assert variety_main([("legumes", "lentil", 300.0), ("meat", "beef", 90.0)], sides) == "beef"
    assert variety_main([("legumes", "lentil", 150.0), ("tofu", "tofu", 250.0)], sides) == "tofu"
    assert variety_main([], sides) == ""


def test_a_token_main_on_a_big_starch_fails_with_the_weight_it_needs() -> None:
    chicken = food("Chicken, roasted", "meat", 60, family="chicken")
    macaroni = food("Macaroni, cooked", "pasta", 280)
    assert sentences(Meal(0, "Dinner", M, (chicken, macaroni, BROCCOLI))) == [
        "Dinner: 60 g of Chicken, roasted with 280 g of Macaroni, cooked; the main should weigh "
        "at least 92 g."
    ]
    assert PLAN.main_per_starch == 0.33
    assert sentences(Meal(0, "Dinner", M, (CHICKEN, RICE, BROCCOLI))) == []  # 150 g on 158 g


def test_an_egg_with_popcorn_and_grapefruit_with_cashew_butter_are_no_pairs() -> None:
    egg = food("Egg, hard-boiled", "boiled_eggs", 50, S)
    popcorn = food("Popcorn, air-popped", "snacks", 25, S)
    grapefruit = food("Grapefruit, raw", "fruit", 123, S)
    cashew = food("Nuts, cashew butter", "nut_butter", 32, S)
    apple = food("Apples, raw", "fruit", 182, S)
    assert sentences(Meal(0, "Afternoon snack", S, (egg, popcorn))) == [
        "Afternoon snack: Egg, hard-boiled with Popcorn, air-popped: a hard-boiled egg goes "
        "with fruit or crackers, not with popcorn or pretzels."
    ]
    assert sentences(Meal(0, "Morning snack", S, (grapefruit, cashew))) == [
        "Morning snack: Grapefruit, raw with Nuts, cashew butter: nut butter goes on apple, "
        "banana, celery or bread, not with citrus."
    ]
    assert sentences(Meal(0, "Morning snack", S, (apple, cashew))) == []


def test_brazil_nuts_come_by_the_nut_at_most_15_g_twice_a_week_for_selenium() -> None:
    from menuplanner.planning.suitability import classify

    category = classify("Nuts, brazilnuts, dried, unblanched", "1200").category
    assert (category.key, category.max_g, category.per_week) == ("brazil_nuts", 15, 2)
    assert "upper limit of 400 µg" in category.source
    brazil = food("Nuts, brazilnuts", "brazil_nuts", 40, S)
    assert sentences(Meal(0, "Afternoon snack", S, (brazil,))) == [
        "Afternoon snack: Nuts, brazilnuts 40 g, outside 10–15 g for brazil nuts."
    ]


def test_nut_butter_or_jam_is_no_pair_for_corn_tortillas_or_grits() -> None:
    tortillas = food("Tortillas, ready-to-bake or -fry, corn", "bread", 72, B)
    grits = food("Cereals, corn grits, cooked", "hot_cereal", 257, B)
    peanut = food("Peanut butter, smooth style", "nut_butter", 32, B)
    toast = food("Bread, whole-wheat", "bread", 64, B)
    assert sentences(Meal(0, "Breakfast", B, (tortillas, peanut))) == [
        "Breakfast: Tortillas, ready-to-bake or -fry, corn with Peanut butter, smooth style: "
        "tortillas and flatbreads go with eggs, beans or cheese, not with nut butter or jam."
    ]
    milk = food("Soymilk, original", "milk", 243, B)
    grits_meal = Meal(0, "Breakfast", B, (grits, milk, peanut))
    assert [f.rule for f in check_meal(grits_meal, PLAN, CATEGORIES)] == ["pairing"]
    assert sentences(Meal(0, "Breakfast", B, (toast, peanut))) == []
