"""Where a food's energy comes from, with USDA SR26 values per 100 g."""

from __future__ import annotations

import pytest

from menuplanner.nutrition.energy import energy_split, is_alcoholic_name

REL = 1e-12


def row(energy: float, protein: float, fat: float, carbohydrate: float) -> dict[str, float]:
    return {
        "energy_kcal": energy,
        "protein_g": protein,
        "fat_g": fat,
        "carbohydrate_g": carbohydrate,
    }


BUTTER = row(717, 0.85, 81.11, 0.06)  # 01001 Butter, salted
BEER = row(43, 0.46, 0.0, 3.55)  # 14003 Alcoholic beverage, beer, regular, all
RED_WINE = row(85, 0.07, 0.0, 2.61)  # 14096 Alcoholic beverage, wine, table, red
RUM = row(231, 0.0, 0.0, 0.0)  # 14050 Alcoholic beverage, distilled, rum, 80 proof


def test_macros_give_4_9_4_kcal_per_gram() -> None:
    split = energy_split(BUTTER)
    assert split.protein_kcal == pytest.approx(3.4, rel=REL)
    assert split.fat_kcal == pytest.approx(729.99, rel=REL)
    assert split.carbohydrate_kcal == pytest.approx(0.24, rel=REL)
    assert split.alcohol_kcal == 0.0


def test_percentages_are_shares_of_the_reported_energy() -> None:
    split = energy_split(BUTTER)
    assert split.fat_pct == pytest.approx(100 * 729.99 / 717, rel=REL)
    assert split.protein_pct == pytest.approx(100 * 3.4 / 717, rel=REL)
    assert split.alcohol_pct == 0.0


def test_beer_alcohol_is_the_energy_left_after_the_macros() -> None:
    split = energy_split(BEER, is_alcoholic=True)
    assert split.alcohol_kcal == pytest.approx(43 - (4 * 0.46 + 4 * 3.55), rel=REL)  # 26.96
    total_pct = split.protein_pct + split.fat_pct + split.carbohydrate_pct + split.alcohol_pct
    assert total_pct == pytest.approx(100, rel=REL)


def test_red_wine_is_mostly_alcohol_energy() -> None:
    split = energy_split(RED_WINE, is_alcoholic=True)
    assert split.alcohol_kcal == pytest.approx(85 - (0.28 + 10.44), rel=REL)  # 74.28
    assert split.alcohol_pct == pytest.approx(100 * 74.28 / 85, rel=REL)


def test_spirits_are_all_alcohol_energy() -> None:
    assert energy_split(RUM, is_alcoholic=True).alcohol_pct == pytest.approx(100, rel=REL)


def test_alcohol_energy_is_never_negative() -> None:
    creamy = row(100, 5.0, 8.0, 10.0)  # macros alone give 132 kcal
    assert energy_split(creamy, is_alcoholic=True).alcohol_kcal == 0.0


def test_a_food_not_alcoholic_gets_no_alcohol_energy_from_the_gap() -> None:
    assert energy_split(BEER, is_alcoholic=False).alcohol_kcal == 0.0


def test_amounts_given_as_arguments_win_over_the_row() -> None:
    split = energy_split(BEER, 1.0, 0.0, 2.0, 30.0, True)  # a portion's amounts
    assert split.energy_kcal == 30.0
    assert split.alcohol_kcal == pytest.approx(30 - 12, rel=REL)


def test_amounts_alone_without_a_row() -> None:
    split = energy_split(protein_g=10, fat_g=10, carbohydrate_g=10, energy_kcal=170)
    assert (split.protein_kcal, split.fat_kcal, split.carbohydrate_kcal) == (40, 90, 40)


def test_unknown_amounts_count_as_zero_and_no_energy_gives_no_percentages() -> None:
    split = energy_split({"energy_kcal": None, "protein_g": None})
    assert split.energy_kcal == 0.0
    assert (split.protein_pct, split.fat_pct, split.carbohydrate_pct) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    "name",
    [
        "Alcoholic beverage, beer, regular, all",
        "Alcoholic Beverage, wine, table, red, Merlot",
        "Alcoholic beverage, distilled, all (gin, rum, vodka, whiskey) 80 proof",
        "Alcoholic beverage, liqueur, coffee, 53 proof",
        "Alcoholic beverage, rice (sake)",
        "Beverages, alcoholic , whiskey sour",
        "Beer",
        "Red wine",
        "Vodka",
        "Whisky, Scotch",
        "Gin and tonic",
    ],
)
def test_alcoholic_beverages_are_recognised_by_name(name: str) -> None:
    assert is_alcoholic_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "Vinegar, red wine",
        "Vinegar, distilled",
        "Wine, non-alcoholic",
        "Malt beverage, includes non-alcoholic beer",
        "Carbonated beverage, root beer",
        "Ginger beer",
        "Ginger ale",
        "Whiskey sour mix, bottled",
        "Beerwurst, beer salami, pork and beef",
        "OSCAR MAYER, Salami (for beer)",
        "PACE, Tequila Lime Salsa",
        "Tea, black, brewed, prepared with distilled water",
        "Beef stew with red wine",
        "Beef, round, eye of round, roast, rump",
        "Gingerbread",
        "Butter, salted",
    ],
)
def test_other_foods_are_not_taken_for_alcoholic_beverages(name: str) -> None:
    assert not is_alcoholic_name(name)
