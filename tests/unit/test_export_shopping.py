"""The shopping list: items and recipe ingredients summed per food over the chosen days, the
weight to buy with USDA's refuse, household counts rounded up as one buys, aisles in walking
order, and a CSV a spreadsheet cannot run."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.foods import Food, Portion
from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.export import pdf
from menuplanner.export.pdftext import pdf_text
from menuplanner.export.shopping import (
    as_purchased,
    purchase_count,
    round_up_weight,
    shopping_list,
    to_csv,
    weight_text,
)

BANANA, OATS, SALMON, OIL, EGG, TOMATO = 9040, 8120, 15237, 4053, 1123, 11529
MEDIUM = 'medium (7" to 7-7/8" long)'
FOODS = {
    BANANA: Food(
        BANANA,
        "Bananas, raw",
        "0900",
        refuse_pct=36.0,
        portions=(Portion(2, 1, "cup, sliced", 150.0), Portion(5, 1, MEDIUM, 118.0)),
    ),
    OATS: Food(OATS, "Cereals, oats, dry", "2000", portions=(Portion(1, 1, "cup", 81.0),)),
    SALMON: Food(
        SALMON,
        "Fish, salmon, cooked",
        "1500",
        portions=(Portion(1, 3, "oz", 85.0), Portion(2, 1, "fillet", 178.0)),
    ),
    OIL: Food(OIL, "Oil, olive", "0400", portions=(Portion(1, 1, "tablespoon", 13.5),)),
    EGG: Food(
        EGG, "=Egg, whole, raw", "0100", refuse_pct=12.0, portions=(Portion(1, 1, "large", 50.0),)
    ),
    TOMATO: Food(
        TOMATO,
        "Tomatoes, raw",
        "1100",
        refuse_pct=9.0,
        portions=(Portion(1, 1, "slice, medium", 20.0), Portion(2, 1, "medium whole", 123.0)),
    ),
}
GROUPS = {
    "0900": "Fruits",
    "2000": "Cereal Grains",
    "1500": "Fish",
    "0400": "Fats and Oils",
    "0100": "Dairy and Egg Products",
    "1100": "Vegetables",
}
PORRIDGE = 7  # recipe id: 2 servings of 1 cup of oats (81 g), 1 medium banana, 1 tbsp oil
RECIPES = {
    PORRIDGE: Recipe(
        "Banana porridge",
        2,
        [
            Ingredient(OATS, 1, "cup", 81.0),
            Ingredient(BANANA, 1, MEDIUM, 118.0),
            Ingredient(OIL, 1, "tablespoon", 13.5),
        ],
        recipe_id=PORRIDGE,
    )
}


def _menu() -> Menu:
    """Monday: porridge and a banana, 150 g of salmon, 2 eggs; Tuesday: 150 g of banana,
    1½ servings of porridge, 3 tomato slices; Wednesday: another banana."""
    items = [
        MenuItem(0, "Breakfast", ItemKind.RECIPE, PORRIDGE, 1, "serving", None, "Banana porridge"),
        MenuItem(0, "Breakfast", ItemKind.FOOD, BANANA, 1, MEDIUM, 118.0, "Bananas, raw", 1),
        MenuItem(0, "Lunch", ItemKind.FOOD, SALMON, 150, "g", 150.0, "Fish, salmon, cooked"),
        MenuItem(0, "Lunch", ItemKind.FOOD, EGG, 2, "large", 100.0, "Egg", 1),
        MenuItem(1, "Breakfast", ItemKind.FOOD, BANANA, 150, "g", 150.0, "Bananas, raw"),
        MenuItem(1, "Dinner", ItemKind.RECIPE, PORRIDGE, 1.5, "serving", None, "Banana porridge"),
        MenuItem(1, "Dinner", ItemKind.FOOD, TOMATO, 3, "slice, medium", 60.0, "Tomatoes", 1),
        MenuItem(2, "Lunch", ItemKind.FOOD, BANANA, 1, MEDIUM, 118.0, "Bananas, raw"),
    ]
    return Menu(1, "Week 1", dt.date(2026, 11, 23), 3, DEFAULT_SLOTS, items)


def _list(first: int = 0, last: int | None = None):
    return shopping_list(_menu(), RECIPES, FOODS, GROUPS, "Ana", first, last)


def test_grams_are_summed_per_food_over_items_and_recipes() -> None:
    grams = _list().grams()
    # Bananas: 118 + 150 + 118 as items, and 2.5 servings of porridge × 118 g / 2 servings
    assert grams[BANANA] == pytest.approx(118 + 150 + 118 + 2.5 * 118 / 2)  # 533.5
    assert grams[OATS] == pytest.approx(2.5 * 81 / 2)  # 101.25
    assert grams[OIL] == pytest.approx(2.5 * 13.5 / 2)  # 16.875
    assert grams[SALMON] == 150 and grams[EGG] == 100 and grams[TOMATO] == 60


def test_only_the_chosen_days_are_on_the_list() -> None:
    monday = _list(0, 0).grams()
    assert monday[BANANA] == pytest.approx(118 + 118 / 2)  # a banana and half a porridge's
    assert TOMATO not in monday
    assert set(_list(2, 2).grams()) == {BANANA}
    with pytest.raises(ValidationFailed, match="Choose days from 1 to 3"):
        _list(2, 1)


def test_the_weight_to_buy_adds_the_peel_by_the_refuse_percentage() -> None:
    bananas = next(line for line in _list().lines if line.food_id == BANANA)
    assert bananas.refuse_pct == 36.0
    assert bananas.as_purchased_g == pytest.approx(533.5 / (1 - 0.36))  # 833.6 g with peel
    assert bananas.to_buy_g == 840  # rounded up to 10 g
    assert as_purchased(118, 36) == pytest.approx(184.375)  # one medium banana in its peel
    assert as_purchased(100, 0) == 100


def test_whole_items_are_counted_up_and_measures_go_up_by_quarters() -> None:
    lines = {line.food_id: line for line in _list().lines}
    assert lines[BANANA].amount == '5 medium (7" to 7-7/8" long)'  # 533.5 / 118 = 4.5
    assert lines[OATS].amount == "1¼ cups"  # 101.25 / 81 = 1.25
    assert lines[OIL].amount == "1¼ tablespoons"  # 16.875 / 13.5 = 1.25
    assert lines[EGG].amount == "2 large"
    assert lines[TOMATO].amount == "3 slices, medium"  # the measure the menu uses
    assert lines[SALMON].amount == "1 fillet"  # weighed in grams: a whole fillet (178 g)
    assert purchase_count(100, Portion(1, 1, "large", 50.0)) == 2  # exactly 2, not 3


def test_food_eaten_in_small_weights_is_bought_by_weight() -> None:
    menu = Menu(
        1,
        "Week",
        dt.date(2026, 11, 23),
        1,
        DEFAULT_SLOTS,
        [
            MenuItem(0, "Lunch", ItemKind.FOOD, SALMON, 60, "g", 60.0, "Salmon"),
        ],
    )
    (line,) = shopping_list(menu, {}, FOODS, GROUPS, "Ana").lines
    assert (line.amount, line.to_buy_text) == ("", "60 g")  # a third of a fillet: weigh it


def test_foods_are_grouped_by_aisle_in_walking_order() -> None:
    aisles = [aisle for aisle, _ in _list().by_aisle()]
    assert aisles == [
        "Fruit and vegetables",
        "Meat, poultry and fish",
        "Dairy and eggs",
        "Grains, pasta and cereals",
        "Oils, sauces, soups and spices",
    ]
    fruit = dict(_list().by_aisle())["Fruit and vegetables"]
    assert [line.food for line in fruit] == ["Banana", "Tomatoes"]  # display names


def test_shop_weights_are_rounded_up_and_said_in_kg_from_a_kilo() -> None:
    assert [round_up_weight(g) for g in (12.1, 99.9, 100.0, 101, 999.5, 1001)] == [
        15,
        100,
        100,
        110,
        1000,
        1050,
    ]
    assert [weight_text(g) for g in (75, 1000, 1250, 1300)] == ["75 g", "1 kg", "1.25 kg", "1.3 kg"]


def test_the_csv_has_a_checkbox_column_and_cannot_run_formulas() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(_list()).decode("utf-8-sig"))))
    eggs = next(row for row in rows if row["food_id"] == str(EGG))
    assert eggs["food"] == "'=Egg"
    assert (eggs["amount"], eggs["unit"], eggs["eaten_g"], eggs["to_buy_g"], eggs["got_it"]) == (
        "2",
        "large",
        "100.0",
        "120",
        "",
    )  # 100 / 0.88 = 113.6 g, rounded up to 120 g


def test_the_shopping_pdf_lists_every_food_with_a_box_to_tick() -> None:
    text = pdf_text(pdf.shopping_pdf(_list(), compress=False))
    assert "Shopping list for Ana" in text
    assert "Week 1 · 23 – 25 November 2026 (3 days)" in text
    assert '☐ Banana 5 medium (7" to 7-7/8" long) 534 g 840 g' in text
    assert "☐ =Egg 2 large 100 g 120 g" in text  # printed as typed in a PDF
