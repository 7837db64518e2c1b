"""Drinks in millilitres and glasses (issue 17): derived from USDA's fluid-ounce measure."""

from __future__ import annotations

import pytest

from menuplanner.domain import units
from menuplanner.domain.drinks import GLASS, ML, poured_measures
from menuplanner.domain.foods import Portion

MILK = (
    Portion(1, 1.0, "cup", 244.0),
    Portion(2, 1.0, "fl oz", 30.5),
    Portion(3, 1.0, "tbsp", 15.0),
)  # USDA SR26 1077, whole milk


def test_milk_gets_millilitres_and_a_glass_from_its_fluid_ounce():
    portions = poured_measures("Milk, whole, 3.25% milkfat", MILK)
    assert [p.description for p in portions] == ["cup", "fl oz", "tbsp", ML, GLASS]
    # 30.5 g per fl oz of 29.5735 ml: 1.0313 g per ml
    assert units.to_grams(250, ML, portions) == pytest.approx(250 * 30.5 / 29.5735)
    assert units.to_grams(1, GLASS, portions) == 247.5
    assert GLASS == "glass (240 ml)"


def test_a_cup_of_milk_in_millilitres_weighs_what_usda_says_a_cup_weighs():
    portions = poured_measures("Milk, whole", MILK)
    assert units.to_grams(236.6, ML, portions) == pytest.approx(244.0, abs=0.1)


@pytest.mark.parametrize(
    ("name", "portions", "added"),
    [
        ("Coffee, brewed", (Portion(1, 6.0, "fl oz", 178.0),), [ML]),  # poured, not by the glass
        ("Butter, salted", (Portion(1, 1.0, "tbsp", 14.2),), []),  # not poured
        ("Milk, with its own ml", (*MILK, Portion(4, 1.0, "ml", 1.03)), [GLASS]),
        ("Orange juice", (Portion(1, 0.0, "fl oz", 31.0),), []),  # a broken measure: nothing
    ],
)
def test_only_what_is_poured_gets_them_and_nothing_twice(name, portions, added):
    extra = poured_measures(name, portions)[len(portions) :]
    assert [p.description for p in extra] == added
