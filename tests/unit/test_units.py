"""Amounts resolve to grams: mass units and the food's own household measures."""

from __future__ import annotations

import math

import pytest

from menuplanner.domain.errors import InvalidAmount, MenuplannerError
from menuplanner.domain.foods import Portion
from menuplanner.domain.units import closest_measure, find_portion, to_grams, unit_choices

BUTTER = (
    Portion(1, 1.0, 'pat (1" sq, 1/3" high)', 5.0),
    Portion(2, 1.0, "tbsp", 14.2),
    Portion(3, 1.0, "cup", 227.0),
    Portion(4, 1.0, "stick", 113.0),
)


def test_two_tablespoons_of_butter_weigh_28_4_g():
    assert to_grams(2, "tbsp", BUTTER) == pytest.approx(28.4)


def test_an_ounce_is_exactly_28_349523125_g():
    assert to_grams(1, "oz") == 28.349523125


@pytest.mark.parametrize(
    ("quantity", "unit", "grams"),
    [(150, "g", 150.0), (0.25, "kg", 250.0), (500, "mg", 0.5), (1, "lb", 453.59237)],
)
def test_converts_mass_units(quantity, unit, grams):
    assert to_grams(quantity, unit) == pytest.approx(grams)


def test_a_measure_given_for_half_a_unit_scales_to_one_unit():
    rice = (Portion(1, 0.5, "cup", 97.5),)
    assert to_grams(1, "cup", rice) == pytest.approx(195.0)


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (0, "Amount must be more than 0, got 0."),
        (-5, "Amount must be more than 0, got -5."),
        (math.nan, "Amount must be more than 0, got nan."),
    ],
)
def test_refuses_amounts_that_are_not_positive(quantity, message):
    with pytest.raises(InvalidAmount) as raised:
        to_grams(quantity, "tbsp", BUTTER)
    assert str(raised.value) == message


def test_an_unknown_measure_lists_the_food_s_measures():
    with pytest.raises(InvalidAmount) as raised:
        to_grams(1, "slice", BUTTER)
    assert str(raised.value) == (
        "This food has no household measure 'slice'; its measures are: "
        'pat (1" sq, 1/3" high), tbsp, cup, stick, or grams.'
    )


def test_an_unknown_measure_on_a_food_without_measures_says_none():
    with pytest.raises(InvalidAmount, match="its measures are: none, or grams"):
        find_portion("cup", ())


def test_refuses_50_kg_as_a_typing_mistake():
    with pytest.raises(InvalidAmount) as raised:
        to_grams(50, "kg")
    assert str(raised.value) == "50 kg is 50.0 kg; one item can be at most 5 kg."


def test_refuses_too_many_household_measures():
    with pytest.raises(InvalidAmount, match="one item can be at most 5 kg"):
        to_grams(30, "cup", BUTTER)


def test_invalid_amounts_are_user_facing_value_errors():
    assert issubclass(InvalidAmount, MenuplannerError)
    assert issubclass(InvalidAmount, ValueError)


def test_unit_choices_put_grams_first_then_the_food_s_measures():
    assert unit_choices(BUTTER) == ["g", 'pat (1" sq, 1/3" high)', "tbsp", "cup", "stick", "oz"]


def test_a_measure_listed_twice_is_offered_once_and_weighs_its_first_weight():
    bread = (
        Portion(1, 1.0, "slice", 28.0),
        Portion(2, 1.0, "slice", 25.0),
        Portion(3, 1.0, "oz", 28.35),
    )
    assert unit_choices(bread) == ["g", "slice", "oz"]
    assert to_grams(2, "slice", bread) == 56.0


def test_closest_measure_keeps_the_grams_in_the_foods_own_measure():
    assert closest_measure(28.4, BUTTER) == (2.0, "tbsp")  # 2 × 14.2 g, exact
    assert closest_measure(113.0, BUTTER) == (1.0, "stick")
    assert closest_measure(3.0, BUTTER) == (3.0, "g")  # half a pat is less than half a measure


def test_closest_measure_refuses_nothing_with_a_sentence():
    with pytest.raises(InvalidAmount, match="Amount must be more than 0"):
        closest_measure(0.0, BUTTER)
