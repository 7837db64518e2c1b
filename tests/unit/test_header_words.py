"""Import headers matched by their words (issue 17): a table whose headers read "Total Calories
(kcal)", "Carbs (gm)" and "Standard Portion (gm)", with values per that portion, is suggested
exactly right; a table with no energy column says energy will be computed."""

from __future__ import annotations

import pytest

from menuplanner.imports import mapping
from menuplanner.imports.mapping import NutrientColumn

HEADERS = [
    "Food Name",
    "Total Calories (kcal)",
    "Carbs (gm)",
    "Fiber (gm)",
    "Protein (gm)",
    "Total Fat (gm)",
    "Standard Portion (gm)",
]


def test_a_per_portion_table_is_suggested_per_serving_with_every_column():
    suggested = mapping.suggest(HEADERS)
    assert suggested.name_column == "Food Name"
    assert suggested.serving_size_column == "Standard Portion (gm)"
    assert suggested.basis == "per_serving"
    assert suggested.nutrients == [
        NutrientColumn(column="Total Calories (kcal)", nutrient="energy_kcal", unit="kcal"),
        NutrientColumn(column="Carbs (gm)", nutrient="carbohydrate_g", unit="g"),
        NutrientColumn(column="Fiber (gm)", nutrient="fibre_g", unit="g"),
        NutrientColumn(column="Protein (gm)", nutrient="protein_g", unit="g"),
        NutrientColumn(column="Total Fat (gm)", nutrient="fat_g", unit="g"),
    ]
    assert mapping.energy_note(suggested) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Energy (kJ)", ("energy_kcal", "kJ")),
        ("Food energy (kcal)", ("energy_kcal", "kcal")),
        ("Vitamin D (mcg)", ("vitamin_d_ug", "µg")),
        ("Sodium (mg)", ("sodium_mg", "mg")),
        ("Fat content (g/100 g)", ("fat_g", "g")),
        ("Amount of protein (grams)", ("protein_g", "g")),
    ],
)
def test_headers_are_read_by_their_words_and_units(header: str, expected: tuple[str, str]):
    assert mapping.suggest_nutrient(header) == expected
    assert mapping.suggest_role(header) is None


def test_gm_is_grams_and_a_serving_column_with_per_100_g_values_stays_per_100_g():
    assert [mapping.header_unit(h) for h in ("(gm)", "x (gms)", "y [gr]", "z (mcg)")] == [
        "g",
        "g",
        "g",
        "µg",
    ]
    suggested = mapping.suggest(["Name", "Fat (g/100 g)", "Serving size (g)"])
    assert (suggested.serving_size_column, suggested.basis) == ("Serving size (g)", "per_100g")


def test_without_an_energy_column_the_suggestion_says_energy_will_be_computed():
    suggested = mapping.suggest(["Name", "Protein (g)", "Fat (g)", "Carbohydrate (g)"])
    note = (
        "No column is mapped to energy: each food's energy will be computed from its protein, "
        "fat and carbohydrate (4/9/4 kcal per g)."
    )
    assert mapping.energy_note(suggested) == note
    assert mapping.describe(suggested).splitlines()[-1] == "  " + note
