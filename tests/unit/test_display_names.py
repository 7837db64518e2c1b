"""Names a client reads, from USDA's descriptions; and the shopping list buying cooked foods as
their raw food, one line a food."""

from __future__ import annotations

import datetime as dt

import pytest

from menuplanner.domain.display_names import bought_as, display_name
from menuplanner.domain.foods import Food, Portion
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.export.document import client_name
from menuplanner.export.shopping import shopping_list


@pytest.mark.parametrize(
    ("usda", "shown"),
    [
        (
            "English muffins, plain, toasted, enriched, with calcium propionate "
            "(includes sourdough)",
            "English muffin, toasted",
        ),
        ("Milk, nonfat, fluid, with added vitamin A and vitamin D (fat free or skim)", "Skim milk"),
        ("Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D", "2% milk"),
        ("Egg, whole, cooked, hard-boiled", "Egg, hard-boiled"),
        ("Bananas, raw", "Banana"),
        ("Cheese, cheddar", "Cheddar cheese"),
        ("Nuts, almonds", "Almonds"),
        ("Fish, salmon, Atlantic, farmed, cooked, dry heat", "Salmon, Atlantic"),
        (
            "Chicken, broilers or fryers, breast, meat only, cooked, roasted",
            "Chicken, breast, roasted",
        ),
        ("Beans, snap, green, frozen, cooked, boiled, drained, without salt", "Green beans"),
        ("Lentils, mature seeds, cooked, boiled, without salt", "Lentils, boiled"),
        ("Cherries, tart, dried, sweetened", "Cherries, tart, dried"),  # 20 g: dried, not fresh
        ("Beef, composite of trimmed retail cuts, separable lean only, cooked", "Beef"),
        ("English muffins, plain, enriched, with ca prop (includes sourdough)", "English muffin"),
        ("Tofu, raw, regular, prepared with calcium sulfate", "Tofu"),
        ("USDA Commodity, cheese, cheddar, reduced fat", "Cheddar cheese, reduced fat"),
        ("USDA Commodity Chicken, canned, meat only, drained", "Chicken"),
        ("Pork, cured, bacon, pre-sliced, cooked, pan-fried", "Bacon, pan-fried"),
        (
            "Pork, cured, bacon, cooked, broiled, pan-fried or roasted, reduced sodium",
            "Bacon, broiled",
        ),
        ("Pork, cured, ham, boneless, regular (approximately 11% fat), roasted", "Ham, roasted"),
        ("Waffles, plain, frozen, ready -to-heat, toasted", "Waffles, toasted"),
        (
            "Pasta with Sliced Franks in Tomato Sauce, canned entree",
            "Pasta with Sliced Franks in Tomato Sauce",
        ),
        ("Tortillas, ready-to-bake or -fry, corn", "Corn tortillas"),
        ("Cereals, oats, regular and quick, unenriched, cooked with water", "Oatmeal"),
        ("Soymilk, original and vanilla, with added calcium, vitamins A and D", "Soy milk"),
    ],
)
def test_display_names_follow_the_documented_rules(usda: str, shown: str) -> None:
    assert display_name(usda) == shown


def test_a_label_the_dietitian_typed_is_printed_as_typed() -> None:
    banana = Food(1, "Bananas, raw", "0900")
    assert client_name("Bananas, raw", banana) == "Banana"
    assert client_name("", banana) == "Banana"
    assert client_name("Grandma's banana", banana) == "Grandma's banana"


def test_cooked_foods_are_bought_raw() -> None:
    assert bought_as("Egg, whole, cooked, fried") == ("Eggs", 1.0)
    assert bought_as("Rice, white, long-grain, regular, cooked, enriched") == (
        "White rice (dry)",
        pytest.approx(1 / 3),
    )
    assert bought_as("Rice, white, long-grain, regular, raw, enriched") is None
    assert bought_as("Bananas, raw") is None


LARGE = (Portion(1, 1, "large", 50.0),)
FOODS = {
    1: Food(1, "Egg, whole, cooked, fried", "0100", refuse_pct=0.0, portions=LARGE),
    2: Food(2, "Egg, whole, cooked, hard-boiled", "0100", refuse_pct=0.0, portions=LARGE),
    3: Food(3, "Egg, whole, cooked, poached", "0100", refuse_pct=0.0, portions=LARGE),
    4: Food(4, "Rice, white, long-grain, regular, cooked, enriched", "2000"),
}


def test_eggs_however_cooked_are_one_line_and_cooked_rice_is_bought_dry() -> None:
    items = [
        MenuItem(0, "Breakfast", ItemKind.FOOD, 1, 2, "large", 100.0, "Egg, whole, cooked, fried"),
        MenuItem(1, "Snack", ItemKind.FOOD, 2, 1, "large", 50.0, "Egg, whole, cooked, hard-boiled"),
        MenuItem(
            2, "Breakfast", ItemKind.FOOD, 3, 2, "large", 100.0, "Egg, whole, cooked, poached"
        ),
        MenuItem(2, "Dinner", ItemKind.FOOD, 4, 300, "g", 300.0, "Rice, white, cooked"),
    ]
    menu = Menu(1, "Week", dt.date(2026, 1, 5), 3, items=items)
    listed = shopping_list(menu, {}, FOODS, {}, "Ana")
    lines = [(line.food, line.amount, round(line.eaten_g)) for line in listed.lines]
    assert lines == [("Eggs", "5 large", 250), ("White rice (dry)", "", 100)]


def test_a_food_from_an_imported_dataset_keeps_its_name() -> None:
    imported = Food(9, "Bananas, raw", "0900", dataset="Fineli 2024")
    assert client_name("", imported) == "Bananas, raw"
    assert client_name("", Food(1, "Bananas, raw", "0900")) == "Banana"
