"""Micronutrient adequacy of a day and a week, against hand arithmetic on real USDA SR26 values
(per 100 g), with coverage counted where the table has no value (salmon's vitamin D)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from menuplanner.domain.clients import Client, NutrientGoal, Sex
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.nutrient_goals import resolve
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.dri.files import bundled_table
from menuplanner.nutrition import adequacy
from menuplanner.nutrition.totals import item_totals

SPINACH, LENTILS, SALMON, EGG, BUTTER = 11457, 16070, 15076, 1123, 1001
NUTRIENTS = ("energy_kcal", "iron_mg", "calcium_mg", "vitamin_d_ug", "vitamin_b12_ug")
# SR26 per 100 g; None: SR26 has no value (wild Atlantic salmon's vitamin D).
SR26 = {
    SPINACH: (23, 2.71, 99, 0.0, 0.0),  # Spinach, raw
    LENTILS: (116, 3.33, 19, 0.0, 0.0),  # Lentils, mature seeds, cooked, boiled
    SALMON: (142, 0.8, 12, None, 3.18),  # Fish, salmon, Atlantic, wild, raw
    EGG: (143, 1.75, 56, 2.0, 0.89),  # Egg, whole, raw, fresh
}
RETINOL = {SPINACH: 0.0, LENTILS: 0.0, SALMON: 12.0, EGG: 160.0, BUTTER: 671.0}
TODAY = dt.date(2026, 6, 1)
ANNA = Client("Anna", Sex.FEMALE, birth_year=1990)  # 36 in 2026: Females 31–50 y


def per_100g(foods=SR26) -> pl.DataFrame:
    rows = {"food_id": list(foods)}
    for position, key in enumerate(NUTRIENTS):
        rows[key] = [None if v[position] is None else float(v[position]) for v in foods.values()]
    rows["retinol_ug"] = [RETINOL[f] for f in foods]
    return pl.DataFrame(rows)


def food(food_id: int, grams: float, day: int = 0, slot: str = "Lunch") -> MenuItem:
    return MenuItem(day, slot, ItemKind.FOOD, food_id, grams, "g", grams, label=str(food_id))


SALMON_AND_EGG = Recipe(
    "Salmon and egg",
    2,
    [Ingredient(SALMON, 100, "g", 100.0), Ingredient(EGG, 100, "g", 100.0)],
    recipe_id=7,
)


def week(client: Client = ANNA, foods=SR26):
    """Day 1: spinach 200 g, lentils 150 g, salmon 150 g, 1 serving of the salmon-and-egg
    recipe (50 g of each); day 2: spinach 200 g; day 3: nothing."""
    items = [
        food(SPINACH, 200),
        food(LENTILS, 150),
        food(SALMON, 150, slot="Dinner"),
        MenuItem(0, "Dinner", ItemKind.RECIPE, 7, 1, "serving", label="Salmon and egg"),
        food(SPINACH, 200, day=1),
    ]
    menu = Menu(1, "Week", dt.date(2026, 6, 1), days=3, items=items)
    recipes = {7: SALMON_AND_EGG}
    goals = resolve(client, bundled_table(), TODAY)
    nutrients = list(dict.fromkeys([g.nutrient for g in goals] + [g.upper_measure for g in goals]))
    frame = per_100g(foods)
    coverage = adequacy.item_coverage(menu, recipes, frame, nutrients)
    amounts = adequacy.item_amounts(item_totals(menu, recipes, frame), coverage, nutrients)
    by_day = adequacy.adequacy_by_day(amounts, goals, menu.days)
    return by_day, amounts


def row(frame: pl.DataFrame, nutrient: str, day: int | None = 0) -> dict:
    if day is not None:
        frame = frame.filter(pl.col("day") == day)
    return frame.filter(pl.col("nutrient") == nutrient).row(0, named=True)


def test_iron_of_a_day_is_the_sum_of_its_foods_against_the_rda_of_18_mg():
    by_day, _ = week()
    iron = row(by_day, "iron_mg")
    # 200 g × 2.71 + 150 g × 3.33 + 150 g × 0.8 + (50 g × 0.8 + 50 g × 1.75), per 100 g
    expected = 5.42 + 4.995 + 1.2 + 1.275
    assert iron["amount"] == pytest.approx(expected, rel=1e-12)
    assert (iron["goal"], iron["kind"], iron["upper"], iron["upper_kind"]) == (
        18.0,
        "RDA",
        45.0,
        "UL",
    )
    assert iron["pct"] == pytest.approx(100 * expected / 18, rel=1e-12)  # 71.6 %
    assert (iron["status"], iron["complete"]) == ("below", True)


def test_calcium_under_two_thirds_of_the_rda_is_low():
    by_day, _ = week()
    calcium = row(by_day, "calcium_mg")
    assert calcium["amount"] == pytest.approx(198 + 28.5 + 18 + 6 + 28, rel=1e-12)
    assert calcium["pct"] == pytest.approx(27.85, rel=1e-9)
    assert calcium["status"] == "low"


def test_missing_vitamin_d_is_counted_by_items_and_energy_and_the_total_is_a_lower_bound():
    by_day, _ = week()
    vitamin_d = row(by_day, "vitamin_d_ug")
    assert vitamin_d["amount"] == pytest.approx(1.0, rel=1e-12)  # the recipe's 50 g of egg
    assert (vitamin_d["items"], vitamin_d["unknown_items"], vitamin_d["complete"]) == (4, 2, False)
    energy = 46 + 174 + 213 + (71 + 71.5)
    assert vitamin_d["unknown_energy_pct"] == pytest.approx(100 * (213 + 142.5) / energy)
    assert adequacy.coverage_sentence(vitamin_d) == (
        "Vitamin D unknown for 2 of 4 items, 62 % of the day's energy."
    )
    assert adequacy.coverage_sentence(row(by_day, "iron_mg")) == ""


def test_a_nutrient_no_item_has_a_value_for_is_unknown_not_zero():
    no_vitamin_d = {f: (*v[:3], None, v[4]) for f, v in SR26.items()}
    by_day, _ = week(foods=no_vitamin_d)
    vitamin_d = row(by_day, "vitamin_d_ug")
    assert vitamin_d["amount"] is None and vitamin_d["status"] == "unknown"
    assert row(by_day, "folate_dfe_ug")["status"] == "unknown"  # not in the frame at all


def test_a_day_without_items_is_empty():
    by_day, _ = week()
    empty = row(by_day, "iron_mg", day=2)
    assert (empty["status"], empty["items"], empty["amount"]) == ("empty", 0, None)


def test_the_week_averages_the_planned_days_and_counts_coverage_over_the_week():
    by_day, _ = week()
    average = adequacy.week_adequacy(by_day)
    iron = average.filter(pl.col("nutrient") == "iron_mg").row(0, named=True)
    assert iron["days"] == 2
    assert iron["amount"] == pytest.approx((12.89 + 5.42) / 2, rel=1e-12)
    vitamin_d = average.filter(pl.col("nutrient") == "vitamin_d_ug").row(0, named=True)
    assert (vitamin_d["items"], vitamin_d["unknown_items"]) == (5, 2)
    week_energy = 46 + 174 + 213 + 142.5 + 46
    assert vitamin_d["unknown_energy_pct"] == pytest.approx(100 * 355.5 / week_energy)
    assert adequacy.coverage_sentence(vitamin_d, "week") == (
        "Vitamin D unknown for 2 of 5 items, 57 % of the week's energy."
    )
    assert average["nutrient"].to_list()[:3] == ["calcium_mg", "iron_mg", "magnesium_mg"]


def test_the_top_contributors_give_their_share_of_the_day():
    _, amounts = week()
    top = adequacy.top_contributors(amounts, "iron_mg", day=0)
    assert top["label"].to_list() == [str(SPINACH), str(LENTILS), "Salmon and egg"]
    assert top["share"][0] == pytest.approx(100 * 5.42 / 12.89)


def test_vitamin_a_over_its_ul_is_judged_on_retinol_and_magnesium_never_on_food():
    foods = {**SR26, BUTTER: (717, 0.02, 24, 1.5, 0.17)}
    items = [food(BUTTER, 500)]  # 500 g of butter: 3,355 µg retinol, over the UL of 3,000
    menu = Menu(1, "Week", dt.date(2026, 6, 1), days=1, items=items)
    goals = resolve(ANNA, bundled_table(), TODAY)
    nutrients = list(dict.fromkeys([g.nutrient for g in goals] + [g.upper_measure for g in goals]))
    frame = per_100g(foods).with_columns(
        vitamin_a_rae_ug=pl.Series([469.0, 0.0, 12.0, 160.0, 684.0]),
        magnesium_mg=pl.Series([79.0, 36.0, 29.0, 12.0, 2000.0]),  # 10 g of magnesium!
    )
    coverage = adequacy.item_coverage(menu, {}, frame, nutrients)
    amounts = adequacy.item_amounts(item_totals(menu, {}, frame), coverage, nutrients)
    by_day = adequacy.adequacy_by_day(amounts, goals, 1)
    vitamin_a = row(by_day, "vitamin_a_rae_ug")
    assert vitamin_a["upper_amount"] == pytest.approx(3355.0)
    assert vitamin_a["status"] == "over"
    assert row(by_day, "magnesium_mg")["status"] == "met"  # its UL covers supplements only


def test_the_dietitians_limit_is_judged_and_her_goal_replaces_the_rda():
    client = Client(
        "Anna",
        Sex.FEMALE,
        birth_year=1990,
        nutrient_goals=(
            NutrientGoal("iron_mg", minimum=10.0),
            NutrientGoal("calcium_mg", maximum=200.0),
        ),
    )
    by_day, _ = week(client)
    assert row(by_day, "iron_mg")["status"] == "met"  # 12.9 of 10 mg
    calcium = row(by_day, "calcium_mg")
    assert (calcium["upper"], calcium["upper_kind"], calcium["status"]) == (200.0, "own", "over")


def test_a_menu_without_items_is_empty_on_every_day_without_an_error():
    menu = Menu(1, "Empty", dt.date(2026, 6, 1), days=2)
    goals = resolve(ANNA, bundled_table(), TODAY)
    keys = [g.nutrient for g in goals]
    empty = pl.DataFrame(schema={"food_id": pl.Int64})
    coverage = adequacy.item_coverage(menu, {}, empty, keys)
    amounts = adequacy.item_amounts(item_totals(menu, {}, empty), coverage, keys)
    by_day = adequacy.adequacy_by_day(amounts, goals, 2)
    assert set(by_day["status"]) == {"empty"}
    assert set(adequacy.week_adequacy(by_day)["days"]) == {0}
