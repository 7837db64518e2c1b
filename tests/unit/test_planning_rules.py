"""The documented rules: which foods the generator may serve at which meal, in which portions,
and the settings it accepts."""

from __future__ import annotations

import pytest

from menuplanner.cli.generate import parse_days
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.foods import Portion
from menuplanner.planning.meals import MealKind, energy_bands, meal_kind
from menuplanner.planning.portions import food_grid, recipe_grid
from menuplanner.planning.settings import GenerateSettings
from menuplanner.planning.store import FoodRule
from menuplanner.planning.suitability import classify, family, recipe_meals

B, M, S = MealKind.BREAKFAST, MealKind.MAIN, MealKind.SNACK


@pytest.mark.parametrize(
    ("name", "group", "reason"),
    [
        ("Babyfood, cereal, oatmeal, dry", "0300", "baby food"),
        (
            "Chicken, broilers or fryers, breast, meat only, raw",
            "0500",
            "raw meat, poultry, fish or egg",
        ),
        ("Egg, whole, raw, fresh", "0100", "raw meat, poultry, fish or egg"),
        ("Wheat flour, white, all-purpose, enriched, bleached", "2000", "ingredient, not a dish"),
        ("Rice, white, long-grain, regular, raw, enriched", "2000", "ingredient, not a dish"),
        ("Mustard, prepared, yellow", "0200", "herb or spice"),
        ("Catsup", "1100", "sauce, condiment or broth"),
        ("Oil, olive, salad or cooking", "0400", "oil, fat or topping"),
        ("Soup, chicken noodle, canned, condensed", "0600", "ingredient, not a dish"),
        (
            "Cookies, chocolate chip, commercially prepared, regular, higher fat",
            "1800",
            "sweets, cakes and desserts",
        ),
        ("Alcoholic beverage, wine, table, red", "1400", "alcoholic drink"),
        ("Carbonated beverage, cola", "1400", "drink with no place on a meal plan"),
        (
            "Chicken, broilers or fryers, giblets, cooked, simmered",
            "0500",
            "offal, skin or trimmings",
        ),
        ("Beverages, Protein powder whey based", "1400", "supplement or formula"),
    ],
)
def test_foods_that_are_no_dish_are_never_suggested(name: str, group: str, reason: str) -> None:
    verdict = classify(name, group)
    assert verdict.category is None and verdict.reason == reason


@pytest.mark.parametrize(
    ("name", "group", "category", "meals"),
    [
        ("Cereals ready-to-eat, granola, homemade", "0800", "cereal", {B}),
        (
            "Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling and "
            "microwaving), without salt",
            "0800",
            "hot_cereal",
            {B},
        ),
        ("Yogurt, Greek, plain, nonfat", "0100", "yogurt", {B, S}),
        ("Cheese, cheddar", "0100", "cheese", {B, M, S}),
        ("Egg, whole, cooked, hard-boiled", "0100", "boiled_eggs", {B, M, S}),
        ("Egg, whole, cooked, scrambled", "0100", "eggs", {B, M}),
        ("Bananas, raw", "0900", "fruit", {B, S}),
        ("Chicken, broilers or fryers, breast, meat only, cooked, roasted", "0500", "meat", {M}),
        ("Fish, tuna, light, canned in water, drained solids", "1500", "fish", {M}),
        ("Lentils, mature seeds, cooked, boiled, without salt", "1600", "legumes", {M}),
        ("Tofu, raw, firm, prepared with calcium sulfate", "1600", "tofu", {B, M}),
        ("Tempeh", "1600", "meat_alternatives", {M}),
        ("Broccoli, cooked, boiled, drained, without salt", "1100", "vegetables", {M}),
        ("Carrots, raw", "1100", "nibbles", {S}),
        ("Celery, raw", "1100", "nibbles", {S}),
        ("Cucumber, with peel, raw", "1100", "nibbles", {S}),
        ("Fennel, bulb, raw", "1100", "nibbles", {S}),
        ("Tomatoes, red, ripe, raw, year round average", "1100", "salad", {M}),
        ("Lettuce, cos or romaine, raw", "1100", "salad", {M}),
        ("Butter, salted", "0100", "spread", {B}),
        ("Nuts, almonds", "1200", "nuts", {S}),
    ],
)
def test_everyday_foods_suit_their_meals(name, group, category, meals) -> None:
    verdict = classify(name, group)
    assert verdict.category is not None
    assert verdict.category.key == category and verdict.category.meals == frozenset(meals)


def test_restaurant_foods_have_a_category_of_their_own_kept_out_unless_allowed() -> None:
    assert classify("McDONALD'S, Hamburger", "2100").category.key == "restaurant"


def test_mustard_cannot_be_served_by_the_plate() -> None:
    assert classify("Mustard, prepared, yellow", "0200").category is None
    assert classify("Cheese, cheddar", "0100").category.max_g == 50


def test_a_recipe_is_a_main_dish_unless_its_name_says_breakfast_or_snack() -> None:
    assert recipe_meals("Chicken and rice bowl with broccoli") == {M}
    assert recipe_meals("Oatmeal with blueberries and walnuts") == {B}
    assert recipe_meals("Scrambled eggs on wholewheat toast") == {B, M}
    assert recipe_meals("Banana smoothie") == {B, S}
    assert recipe_meals("Hummus with carrots and pita") == {S}


def test_foods_before_the_first_comma_are_one_family() -> None:
    assert family("Nuts, almonds") == family("Nuts, walnuts, english")
    assert family("Chicken, broilers or fryers, breast") != family("Beef, ground")


def test_slot_names_say_the_meal_kind() -> None:
    assert [
        meal_kind(s)
        for s in ("Breakfast", "Morning snack", "Lunch", "Afternoon tea", "Dinner", "Supper")
    ] == [B, S, M, S, M, M]


def test_meal_shares_are_widened_until_they_can_add_up_to_the_day() -> None:
    bands = energy_bands(("Snack 1", "Snack 2", "Snack 3"))
    assert sum(high for _, high in bands.values()) >= 1.1
    normal = energy_bands(("Breakfast", "Lunch", "Dinner"))
    assert normal["Breakfast"] == (0.15, 0.35)


def test_a_banana_is_served_in_whole_medium_bananas() -> None:
    portions = (
        Portion(1, 1, "cup, mashed", 225.0),
        Portion(5, 1, 'medium (7" to 7-7/8" long)', 118.0),
    )
    grid = food_grid(portions, 80, 250, ("medium", "cup"))
    assert (grid.unit, grid.step_grams, grid.n_min, grid.n_max) == (
        'medium (7" to 7-7/8" long)',
        118.0,
        1,
        2,
    )
    assert grid.quantity(2) == 2 and grid.grams(2) == 236


def test_rice_comes_in_half_cups_and_foods_without_a_measure_in_10_g_steps() -> None:
    rice = food_grid((Portion(1, 1, "cup", 158.0),), 100, 300, ("cup",))
    assert (rice.step_quantity, rice.n_min, rice.n_max) == (0.5, 2, 3)  # 1 or 1½ cups
    chicken = food_grid((), 60, 200, ())
    assert (chicken.unit, chicken.step_grams, chicken.n_min, chicken.n_max) == ("g", 10, 6, 20)
    butter = food_grid((), 5, 15, ())
    assert (butter.step_grams, butter.n_min, butter.n_max) == (5, 1, 3)
    assert (recipe_grid().grams(1), recipe_grid().n_max) == (0.5, 3)  # ½, 1 or 1½ servings


def test_settings_out_of_range_are_refused_with_every_reason() -> None:
    with pytest.raises(ValidationFailed) as refused:
        GenerateSettings(tolerance_pct=0, min_items=5, max_items=2)
    assert str(refused.value) == (
        "Settings refused: tolerance must be 1–25 %, not 0 %; items per meal must be "
        "1 ≤ fewest ≤ most ≤ 8, not 5–2."
    )


def test_a_portion_rule_with_the_smallest_above_the_largest_is_refused() -> None:
    with pytest.raises(ValidationFailed, match="smallest portion .30 g. is larger"):
        FoodRule("food", 1, None, 30.0, 20.0)


def test_days_on_the_command_line_count_from_one() -> None:
    assert parse_days("1,3-5", 7) == [0, 2, 3, 4]
    assert parse_days(None, 3) == [0, 1, 2]
    with pytest.raises(ValidationFailed, match="outside this 7-day menu"):
        parse_days("8", 7)
