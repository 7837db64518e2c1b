"""Totals of lines, items, meals, days, menus and recipes, checked against hand arithmetic on
real USDA SR26 values."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import polars as pl
import pytest

from menuplanner.domain.errors import InvalidAmount, NotFound
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.nutrition.lines import menu_lines, recipe_lines
from menuplanner.nutrition.synthetic import synthetic_menu, synthetic_nutrients
from menuplanner.nutrition.totals import (
    day_totals,
    days_of_items,
    item_totals,
    meal_totals,
    meals_of_items,
    menu_average,
    nutrients_of_lines,
    recipe_nutrition,
)

BUTTER, EGG, BANANA, RICE = 1001, 1123, 9040, 20045
# USDA SR26 per 100 g: energy kcal, protein g, fat g, carbohydrate g, fibre g, sodium mg.
SR26 = {
    BUTTER: (717, 0.85, 81.11, 0.06, 0.0, 643),  # butter, salted
    EGG: (143, 12.56, 9.51, 0.72, 0.0, 142),  # egg, whole, raw, fresh
    BANANA: (89, 1.09, 0.33, 22.84, 2.6, 1),  # bananas, raw
    RICE: (130, 2.69, 0.28, 28.17, 0.4, 1),  # rice, white, long-grain, cooked
}
GIVEN = ("energy_kcal", "protein_g", "fat_g", "carbohydrate_g", "fibre_g", "sodium_mg")
UNKNOWN_PER_FOOD = len(KEYS) - len(GIVEN)  # every other nutrient is left null
EXACT = pytest.approx  # with the tight tolerance below
REL = 1e-12


def per_100g(foods: dict[int, tuple[float, ...]] = SR26) -> pl.DataFrame:
    rows = {"food_id": list(foods)}
    for key in KEYS:
        position = GIVEN.index(key) if key in GIVEN else None
        rows[key] = [None if position is None else float(v[position]) for v in foods.values()]
    return pl.DataFrame(rows, schema={"food_id": pl.Int64, **{k: pl.Float64 for k in KEYS}})


def food(food_id: int, grams: float, day: int = 0, slot: str = "Breakfast") -> MenuItem:
    return MenuItem(day, slot, ItemKind.FOOD, food_id, grams, "g", grams)


def recipe_item(recipe_id: int, servings: float, day: int = 0, slot: str = "Lunch") -> MenuItem:
    return MenuItem(day, slot, ItemKind.RECIPE, recipe_id, servings, "serving")


def menu(*items: MenuItem, days: int = 3) -> Menu:
    return Menu(1, "Test week", dt.date(2025, 3, 3), days=days, items=list(items))


def egg_fried_rice(servings: float = 2, rice_g: float = 300) -> Recipe:
    ingredients = [
        Ingredient(RICE, rice_g, "g", rice_g, "Rice"),
        Ingredient(EGG, 100, "g", 100.0, "Egg"),
        Ingredient(BUTTER, 10, "g", 10.0, "Butter"),
    ]
    return Recipe("Egg fried rice", servings, ingredients, recipe_id=7)


def approx(value: float) -> object:
    return EXACT(value, rel=REL, abs=1e-12)


# --- lines -------------------------------------------------------------------------------


def test_a_tablespoon_of_butter_is_101_814_kcal() -> None:
    lines = pl.DataFrame({"food_id": [BUTTER], "grams": [14.2]})
    row = nutrients_of_lines(lines, per_100g()).row(0, named=True)
    assert row["energy_kcal"] == approx(101.814)
    assert row["fat_g"] == approx(11.51762)
    assert row["sodium_mg"] == approx(91.306)


def test_unknown_values_count_as_zero_and_are_counted() -> None:
    lines = pl.DataFrame({"food_id": [EGG], "grams": [50.0]})
    row = nutrients_of_lines(lines, per_100g()).row(0, named=True)
    assert row["vitamin_c_mg"] == 0.0
    assert row["missing_values"] == UNKNOWN_PER_FOOD


def test_a_food_absent_from_the_table_is_unknown_for_every_nutrient() -> None:
    lines = pl.DataFrame({"food_id": [99999], "grams": [80.0]})
    row = nutrients_of_lines(lines, per_100g()).row(0, named=True)
    assert row["energy_kcal"] == 0.0
    assert row["missing_values"] == len(KEYS)


def test_a_table_lacking_nutrient_columns_treats_them_as_unknown() -> None:
    partial = pl.DataFrame({"food_id": [BANANA], "energy_kcal": [89]})  # ints, one nutrient
    lines = pl.DataFrame({"food_id": [BANANA], "grams": [118.0]})
    row = nutrients_of_lines(lines, partial).row(0, named=True)
    assert row["energy_kcal"] == approx(105.02)
    assert row["missing_values"] == len(KEYS) - 1


def test_a_recipe_item_brings_its_ingredients_scaled_by_servings_eaten() -> None:
    lines = menu_lines(menu(recipe_item(7, 1.5)), {7: egg_fried_rice(servings=2)})
    assert lines.get_column("food_id").to_list() == [RICE, EGG, BUTTER]
    assert lines.get_column("grams").to_list() == [approx(225.0), approx(75.0), approx(7.5)]
    assert lines.get_column("kind").unique().to_list() == ["recipe"]


def test_lines_keep_menu_order_and_key_unsaved_items_by_index() -> None:
    lines = menu_lines(
        menu(food(EGG, 50), recipe_item(7, 1), food(BANANA, 118)), {7: egg_fried_rice()}
    )
    assert lines.get_column("item_index").to_list() == [0, 1, 1, 1, 2]
    assert lines.get_column("item_id").null_count() == 5
    assert lines.schema["grams"] == pl.Float64 and lines.schema["day"] == pl.Int32


def test_the_whole_recipe_as_lines() -> None:
    lines = recipe_lines(egg_fried_rice())
    assert lines.get_column("label").to_list() == ["Rice", "Egg", "Butter"]
    assert lines.get_column("grams").sum() == 410.0


def test_a_recipe_missing_from_the_lookup_is_reported() -> None:
    with pytest.raises(NotFound, match="recipe #7"):
        menu_lines(menu(recipe_item(7, 1)), {})


def test_a_recipe_making_no_servings_is_refused() -> None:
    with pytest.raises(InvalidAmount, match="more than 0 servings"):
        menu_lines(menu(recipe_item(7, 1)), {7: egg_fried_rice(servings=0)})


def test_a_food_typed_in_grams_without_resolved_grams_uses_its_quantity() -> None:
    item = MenuItem(0, "Breakfast", ItemKind.FOOD, BANANA, 118, "g")
    assert menu_lines(menu(item), {}).get_column("grams").to_list() == [118.0]


def test_a_food_in_a_household_measure_without_grams_is_refused() -> None:
    item = MenuItem(0, "Breakfast", ItemKind.FOOD, BANANA, 1, "medium", label="Banana")
    with pytest.raises(InvalidAmount, match="Banana"):
        menu_lines(menu(item), {})


# --- items, meals, days --------------------------------------------------------------------

EGG_BANANA_BUTTER_DAY = {  # 50 g egg + 118 g banana + 14.2 g butter, by hand
    "energy_kcal": 71.5 + 105.02 + 101.814,
    "protein_g": 6.28 + 1.2862 + 0.1207,
    "fat_g": 4.755 + 0.3894 + 11.51762,
    "carbohydrate_g": 0.36 + 26.9512 + 0.00852,
    "fibre_g": 0.0 + 3.068 + 0.0,
    "sodium_mg": 71.0 + 1.18 + 91.306,
}


def breakfast_menu() -> Menu:
    return menu(food(EGG, 50), food(BANANA, 118), food(BUTTER, 14.2))


def test_a_day_of_egg_banana_and_butter_adds_up() -> None:
    day = day_totals(breakfast_menu(), {}, per_100g()).row(0, named=True)
    for key, expected in EGG_BANANA_BUTTER_DAY.items():
        assert day[key] == approx(expected), key
    assert day["energy_kcal"] == approx(278.334)
    assert day["grams"] == approx(182.2)
    assert day["n_items"] == 3
    assert day["missing_values"] == 3 * UNKNOWN_PER_FOOD


def test_macro_percentages_are_atwater_shares_of_reported_energy() -> None:
    day = day_totals(breakfast_menu(), {}, per_100g()).row(0, named=True)
    energy = EGG_BANANA_BUTTER_DAY["energy_kcal"]
    assert day["protein_pct"] == approx(100 * 4 * EGG_BANANA_BUTTER_DAY["protein_g"] / energy)
    assert day["carbohydrate_pct"] == approx(
        100 * 4 * EGG_BANANA_BUTTER_DAY["carbohydrate_g"] / energy
    )
    assert day["fat_pct"] == approx(100 * 9 * EGG_BANANA_BUTTER_DAY["fat_g"] / energy)


def test_empty_days_are_present_as_zeros_with_their_dates() -> None:
    days = day_totals(breakfast_menu(), {}, per_100g())
    assert days.get_column("day").to_list() == [0, 1, 2]
    assert days.get_column("date").to_list() == [
        dt.date(2025, 3, 3),
        dt.date(2025, 3, 4),
        dt.date(2025, 3, 5),
    ]
    empty = days.row(1, named=True)
    assert empty["n_items"] == 0 and empty["missing_values"] == 0
    assert all(empty[key] == 0.0 for key in (*KEYS, "protein_pct", "fat_pct"))


def test_items_on_days_outside_the_menu_are_left_out_of_day_totals() -> None:
    days = day_totals(menu(food(EGG, 50, day=5)), {}, per_100g())
    assert days.get_column("energy_kcal").sum() == 0.0


def test_item_totals_have_one_row_per_item_in_menu_order() -> None:
    items = item_totals(
        menu(food(BUTTER, 14.2), recipe_item(7, 1), food(EGG, 50)),
        {7: egg_fried_rice()},
        per_100g(),
    )
    assert items.get_column("item_index").to_list() == [0, 1, 2]
    assert items.get_column("energy_kcal").to_list() == [
        approx(101.814),
        approx((390 + 143 + 71.7) / 2),
        approx(71.5),
    ]
    assert items.get_column("grams").to_list() == [approx(14.2), approx(205.0), approx(50.0)]


def test_a_recipe_item_is_its_per_serving_nutrition_times_servings_eaten() -> None:
    recipe = egg_fried_rice(servings=4)
    _, per_serving = recipe_nutrition(recipe, per_100g())
    item = item_totals(menu(recipe_item(7, 1.5)), {7: recipe}, per_100g()).row(0, named=True)
    for key in GIVEN:
        assert item[key] == approx(per_serving[key] * 1.5), key


def test_a_recipe_without_ingredients_is_an_item_of_zeros() -> None:
    empty = Recipe("Nothing yet", 2, [], recipe_id=8)
    items = item_totals(menu(recipe_item(8, 1), food(EGG, 50)), {8: empty}, per_100g())
    assert items.get_column("energy_kcal").to_list() == [0.0, approx(71.5)]
    assert items.get_column("missing_values").to_list() == [0, UNKNOWN_PER_FOOD]


def test_meals_cover_every_slot_of_every_day_and_add_up_to_the_day() -> None:
    week = menu(food(EGG, 50), food(BANANA, 118, slot="Lunch"), food(BUTTER, 14.2, slot="Lunch"))
    meals = meal_totals(week, {}, per_100g())
    assert meals.height == 3 * len(week.slots)
    assert meals.select("day", "slot").row(0) == (0, "Breakfast")
    lunch = meals.filter(day=0, slot="Lunch").row(0, named=True)
    assert lunch["n_items"] == 2 and lunch["energy_kcal"] == approx(105.02 + 101.814)
    day0 = meals.filter(day=0).get_column("energy_kcal").sum()
    assert day0 == approx(EGG_BANANA_BUTTER_DAY["energy_kcal"])


def test_a_slot_outside_the_menus_slots_still_gets_its_meal() -> None:
    meals = meal_totals(menu(food(EGG, 50, slot="Supper")), {}, per_100g())
    assert meals.filter(slot="Supper", day=0).get_column("energy_kcal").to_list() == [approx(71.5)]


def test_day_totals_from_item_totals_match_day_totals() -> None:
    week = menu(food(EGG, 50), recipe_item(7, 1.5, day=2), food(BUTTER, 14.2, day=2))
    recipes = {7: egg_fried_rice()}
    direct = day_totals(week, recipes, per_100g())
    via_items = days_of_items(item_totals(week, recipes, per_100g()), week)
    for key in (*GIVEN, "grams", "n_items", "missing_values", "fat_pct"):
        assert via_items.get_column(key).to_list() == [
            approx(v) for v in direct.get_column(key).to_list()
        ], key


# --- menu average ------------------------------------------------------------------------


def test_the_menu_average_counts_only_days_with_items() -> None:
    week = menu(food(EGG, 100, day=0), food(BANANA, 100, day=2), days=7)
    average = menu_average(week, {}, per_100g()).row(0, named=True)
    assert average["days_counted"] == 2
    assert average["energy_kcal"] == approx((143 + 89) / 2)
    assert average["protein_pct"] == approx(100 * 4 * (12.56 + 1.09) / (143 + 89))


def test_the_average_of_an_empty_menu_is_zero() -> None:
    average = menu_average(menu(), {}, per_100g()).row(0, named=True)
    assert average["days_counted"] == 0
    assert average["energy_kcal"] == 0.0 and average["fat_pct"] == 0.0


# --- recipes -----------------------------------------------------------------------------

FRIED_RICE_KCAL = 3 * 130 + 143 + 0.1 * 717  # 300 g rice, 100 g egg, 10 g butter


def test_per_serving_is_per_recipe_divided_by_servings() -> None:
    whole, serving = recipe_nutrition(egg_fried_rice(servings=2), per_100g())
    assert whole["energy_kcal"] == approx(FRIED_RICE_KCAL)
    assert serving["energy_kcal"] == approx(FRIED_RICE_KCAL / 2)
    assert serving["grams"] == approx(205.0)
    assert serving["fat_pct"] == approx(whole["fat_pct"])
    assert whole["missing_values"] == 3 * UNKNOWN_PER_FOOD


@pytest.mark.parametrize("servings", [1, 2.5, 4, 8])
def test_changing_servings_keeps_recipe_totals_and_rescales_per_serving(servings: float) -> None:
    base_whole, base_serving = recipe_nutrition(egg_fried_rice(servings=2), per_100g())
    whole, serving = recipe_nutrition(egg_fried_rice(servings=servings), per_100g())
    for key in GIVEN:
        assert whole[key] == approx(base_whole[key]), key
        assert serving[key] * servings == approx(base_serving[key] * 2), key


def test_doubling_one_ingredient_adds_exactly_its_contribution() -> None:
    base, _ = recipe_nutrition(egg_fried_rice(rice_g=300), per_100g())
    doubled, _ = recipe_nutrition(egg_fried_rice(rice_g=600), per_100g())
    rice = dict(zip(GIVEN, SR26[RICE], strict=True))
    for key in GIVEN:
        assert doubled[key] - base[key] == approx(3 * rice[key]), key


def test_a_recipe_making_no_servings_has_no_per_serving_nutrition() -> None:
    with pytest.raises(InvalidAmount):
        recipe_nutrition(replace(egg_fried_rice(), servings=0), per_100g())


# --- synthetic menus for the benchmark -----------------------------------------------------


def test_a_synthetic_week_has_days_times_meals_times_items() -> None:
    week = synthetic_menu(days=7, meals=5, items_per_meal=6, food_ids=list(SR26))
    days = day_totals(week, {}, synthetic_nutrients(list(SR26)))
    assert len(week.items) == 210
    assert days.get_column("n_items").to_list() == [30] * 7


def test_meals_of_items_sum_each_meal_with_its_labels_in_order() -> None:
    items = item_totals(
        menu(
            MenuItem(0, "Breakfast", ItemKind.FOOD, BUTTER, 14.2, "g", 14.2, "Butter"),
            MenuItem(0, "Breakfast", ItemKind.FOOD, BANANA, 118, "g", 118.0, "Banana"),
            MenuItem(1, "Lunch", ItemKind.FOOD, EGG, 50, "g", 50.0, "Egg"),
        ),
        {},
        per_100g(),
    )
    meals = meals_of_items(items).sort("day")
    assert meals.select("day", "slot", "labels", "n_items").rows() == [
        (0, "Breakfast", ["Butter", "Banana"], 2),
        (1, "Lunch", ["Egg"], 1),
    ]
    assert meals["energy_kcal"].to_list() == [approx(14.2 * 7.17 + 118 * 0.89), approx(71.5)]
