"""The week grid's short food names and amounts (issue 17: names were cut off)."""

from __future__ import annotations

import pytest

from menuplanner.domain.formatting import quantity_text, short_food_name


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Apples, raw, with skin", "Apples"),
        ("Oranges, raw, all commercial varieties", "Oranges"),
        ("Bread, whole-wheat, commercially prepared", "Bread, whole-wheat"),
        ("Nuts, walnuts, english", "Nuts, walnuts"),
        ("Milk, reduced fat, fluid, 2% milkfat, with added vitamin A", "Milk, reduced fat"),
        ("Chicken, broilers or fryers, breast, meat only, cooked, roasted", "Chicken, breast"),
        ("Raw", "Raw"),  # nothing but an obvious part: kept rather than emptied
        ("Cereals ready-to-eat, granola, homemade, with extra oats", "Cereals ready-to-eat, gra…"),
    ],
)
def test_a_food_name_keeps_what_tells_it_apart(name: str, short: str) -> None:
    assert short_food_name(name) == short


@pytest.mark.parametrize(
    ("quantity", "unit", "text"),
    [
        (1.0, 'medium (3" dia)', "1 medium"),
        (150.0, "g", "150 g"),
        (0.5, "cup", "0.5 cup"),
        (1.25, "tbsp", "1.25 tbsp"),
        (1500.0, "g", "1,500 g"),
    ],
)
def test_an_amount_reads_as_a_planner_writes_it(quantity: float, unit: str, text: str) -> None:
    assert quantity_text(quantity, unit) == text
