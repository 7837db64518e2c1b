"""Nutrient totals of random menus: items, meals and days add up to the same numbers, each equals
Σ grams × value / 100 computed by hand (unknown values as 0, counted), and non-negative inputs
never give a negative, NaN or infinite total."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.nutrition import totals

FOODS = [101, 102, 103, 104]
RECIPE = 7
SLOTS = ("Breakfast", "Lunch", "Dinner")
NUTRIENTS = ("energy_kcal", "protein_g", "fat_g", "sodium_mg")
# Values as food tables hold them: 0 or at least 1e-6 (an energy of 1e-308 kcal would make a
# macro share infinite; no food has one).
value = st.one_of(st.none(), st.just(0.0), st.floats(1e-6, 1000))
grams = st.floats(0.01, 5000, allow_nan=False)


@st.composite
def menus(draw):
    days = draw(st.integers(1, 4))
    per_100g = pl.DataFrame(
        {"food_id": FOODS, **{k: [draw(value) for _ in FOODS] for k in NUTRIENTS}},
        schema={"food_id": pl.Int64, **{k: pl.Float64 for k in NUTRIENTS}},
    )
    recipe = Recipe(
        "Stew",
        draw(st.floats(0.5, 12)),
        [
            Ingredient(f, 1, "g", draw(grams))
            for f in draw(st.lists(st.sampled_from(FOODS), max_size=3))
        ],
    )
    items = []
    for _ in range(draw(st.integers(0, 12))):
        day, slot = draw(st.integers(0, days - 1)), draw(st.sampled_from(SLOTS))
        if draw(st.booleans()):
            g = draw(grams)
            food_id = draw(st.sampled_from(FOODS))
            items.append(MenuItem(day, slot, ItemKind.FOOD, food_id, g, "g", g))
        else:
            servings = draw(st.floats(0.25, 10))
            items.append(MenuItem(day, slot, ItemKind.RECIPE, RECIPE, servings, "serving"))
    menu = Menu(1, "Random", dt.date(2026, 11, 23), days, SLOTS, items)
    return menu, {RECIPE: recipe}, per_100g


def _by_hand(menu: Menu, recipes: dict[int, Recipe], per_100g: pl.DataFrame, day: int):
    """(grams, {nutrient: total}, unknown values) of one day, straight from the definitions."""
    values = {row["food_id"]: row for row in per_100g.iter_rows(named=True)}
    lines = []
    for item in (i for i in menu.items if i.day == day):
        if item.kind == ItemKind.FOOD:
            lines.append((item.ref_id, item.grams))
        else:
            recipe = recipes[item.ref_id]
            scale = item.quantity / recipe.servings
            lines += [(i.food_id, i.grams * scale) for i in recipe.ingredients]
    sums = {k: sum(g * (values[f][k] or 0.0) / 100 for f, g in lines) for k in NUTRIENTS}
    unknown = sum(1 for f, _ in lines for k in KEYS if values[f].get(k) is None)
    return sum(g for _, g in lines), sums, unknown


@given(case=menus())
def test_day_totals_are_the_sums_by_hand_and_never_negative_or_nan(case):
    menu, recipes, per_100g = case
    days = totals.day_totals(menu, recipes, per_100g)
    assert days.get_column("day").to_list() == list(range(menu.days))
    for row in days.iter_rows(named=True):
        grams_, sums, unknown = _by_hand(menu, recipes, per_100g, row["day"])
        assert row["grams"] == pytest.approx(grams_, rel=1e-9, abs=1e-9)
        for key in NUTRIENTS:
            assert row[key] == pytest.approx(sums[key], rel=1e-9, abs=1e-9)
        assert row["missing_values"] == unknown
    numbers = days.select(*totals.AMOUNTS, *totals.PCT_COLUMNS.values())
    for column in numbers.columns:
        cells = numbers[column].to_list()
        assert all(v is not None and math.isfinite(v) and v >= 0 for v in cells), column


@given(case=menus())
def test_items_meals_and_days_add_up_to_the_same_totals(case):
    menu, recipes, per_100g = case
    items = totals.item_totals(menu, recipes, per_100g)
    meals = totals.meal_totals(menu, recipes, per_100g)
    days = totals.day_totals(menu, recipes, per_100g)
    assert items.height == len(menu.items)
    for frame in (items, meals, days, totals.days_of_items(items, menu)):
        assert frame.select(totals.AMOUNTS).sum().row(0) == pytest.approx(
            days.select(totals.AMOUNTS).sum().row(0), rel=1e-9, abs=1e-9
        )
    average = totals.menu_average(menu, recipes, per_100g).row(0, named=True)
    planned = days.filter(pl.col("n_items") > 0)
    assert average["days_counted"] == planned.height
    for key in NUTRIENTS:
        expected = planned[key].mean() if planned.height else 0.0
        assert average[key] == pytest.approx(expected, rel=1e-9, abs=1e-9)


@given(case=menus(), factor=st.floats(0.1, 10))
def test_totals_scale_with_the_amounts_eaten(case, factor):
    menu, recipes, per_100g = case
    scaled = Menu(
        menu.client_id,
        menu.name,
        menu.start_date,
        menu.days,
        menu.slots,
        [
            MenuItem(
                i.day,
                i.slot,
                i.kind,
                i.ref_id,
                i.quantity * factor,
                i.unit,
                None if i.grams is None else i.grams * factor,
            )
            for i in menu.items
        ],
    )
    before = totals.day_totals(menu, recipes, per_100g).select(totals.AMOUNTS)
    after = totals.day_totals(scaled, recipes, per_100g).select(totals.AMOUNTS)
    for a, b in zip(after.iter_rows(), before.iter_rows(), strict=True):
        assert a == pytest.approx(tuple(v * factor for v in b), rel=1e-9, abs=1e-9)
