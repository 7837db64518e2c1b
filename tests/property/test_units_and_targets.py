"""Amounts and targets for any input: to_grams and quantity_in undo each other, a unit switch
never makes an item zero or too heavy, and targets are finite and add up, or a sentence says
why they cannot be computed."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from menuplanner.domain.clients import ActivityLevel, Client, Goal, Sex
from menuplanner.domain.errors import InvalidAmount, ValidationFailed
from menuplanner.domain.foods import Portion
from menuplanner.domain.targets import (
    MIN_ENERGY_KCAL,
    Targets,
    targets_from_percentages,
    targets_from_profile,
    validate_targets,
)
from menuplanner.domain.units import (
    GRAMS_PER_MASS_UNIT,
    MAX_GRAMS,
    quantity_in,
    to_grams,
    unit_choices,
)
from menuplanner.domain.validation import validate_client

TODAY = dt.date(2026, 11, 27)
any_float = st.floats(allow_nan=True, allow_infinity=True)
portions = st.lists(
    st.builds(
        Portion,
        seq=st.integers(1, 50),
        amount=st.sampled_from([0.25, 0.5, 1.0, 2.0, 3.0]),
        description=st.sampled_from(["cup", "tbsp", "slice", "medium", 'pat (1" sq)']),
        gram_weight=st.floats(0.1, 3000, allow_nan=False),
    ),
    max_size=5,
)


# ----------------------------------------------------------------------------------- units


@given(grams=st.integers(1, int(MAX_GRAMS)))
def test_whole_grams_switch_to_grams_and_back_unchanged(grams):
    assert quantity_in(to_grams(grams, "g"), "g") == grams


@given(
    hundredths=st.integers(1, 1_000_000),
    unit=st.sampled_from([u for u in GRAMS_PER_MASS_UNIT if u != "g"]),
)
def test_a_mass_with_two_decimals_round_trips(hundredths, unit):
    quantity = hundredths / 100
    try:
        grams = to_grams(quantity, unit)
    except InvalidAmount as error:
        assert quantity * GRAMS_PER_MASS_UNIT[unit] > MAX_GRAMS
        assert "one item can be at most 5 kg" in str(error)
        return
    assert quantity_in(grams, unit) == pytest.approx(quantity, abs=1e-9)


@given(quarters=st.integers(1, 400), portions=portions.filter(bool), data=st.data())
def test_quarter_household_measures_round_trip(quarters, portions, data):
    portion = data.draw(st.sampled_from(portions))
    first = next(p for p in portions if p.description == portion.description)  # the one used
    quantity = quarters / 4
    if quantity * first.grams_per_unit > MAX_GRAMS:
        with pytest.raises(InvalidAmount, match="one item can be at most 5 kg"):
            to_grams(quantity, portion.description, portions)
        return
    grams = to_grams(quantity, portion.description, portions)
    assert quantity_in(grams, portion.description, portions) == quantity


@given(grams=st.floats(0.001, MAX_GRAMS), portions=portions, data=st.data())
@example(grams=0.3, portions=[], data=None)  # 0.3 g of salt switched to grams: 0 g before
@example(grams=5000.0, portions=[], data=None)  # 5000 g switched to oz: 5000.0003 g before
@example(grams=5000.0, portions=[Portion(1, 1.0, "cup", 3000.0)], data=None)  # 1.75 cups
def test_switching_an_item_to_any_of_its_units_keeps_a_weight_it_may_have(grams, portions, data):
    """What services.menus.change_unit does: the new quantity is never 0 and never weighs more
    than one item may, so the switch cannot be refused."""
    choices = unit_choices(portions)
    unit = choices[-1] if data is None else data.draw(st.sampled_from(choices))
    if unit in GRAMS_PER_MASS_UNIT:
        smallest = GRAMS_PER_MASS_UNIT[unit] * (1 if unit == "g" else 0.01)
    else:  # a quarter of the first measure with that name
        smallest = next(p.grams_per_unit for p in portions if p.description == unit) / 4
    if smallest > MAX_GRAMS:  # even the smallest amount is too heavy: refused, in words
        with pytest.raises(InvalidAmount, match="one item can be at most 5 kg"):
            to_grams(quantity_in(grams, unit, portions), unit, portions)
        return
    quantity = quantity_in(grams, unit, portions)
    assert quantity > 0
    assert 0 < to_grams(quantity, unit, portions) <= MAX_GRAMS


@given(quantity=any_float, unit=st.text(max_size=12), portions=portions)
@example(quantity=float("nan"), unit="g", portions=[])
@example(quantity=float("inf"), unit="cup", portions=[])
@example(quantity=-0.0, unit="g", portions=[])
def test_to_grams_gives_positive_grams_or_a_sentence(quantity, unit, portions):
    try:
        grams = to_grams(quantity, unit, portions)
    except InvalidAmount as error:
        assert str(error).endswith(".")
        return
    assert 0 < grams <= MAX_GRAMS


# --------------------------------------------------------------------------------- targets

profiles = st.builds(
    Client,
    name=st.just("Client"),
    sex=st.sampled_from(list(Sex)),
    birth_year=st.one_of(st.none(), st.integers(1880, 2030)),
    height_cm=st.one_of(st.none(), any_float, st.floats(100, 250)),
    weight_kg=st.one_of(st.none(), any_float, st.floats(25, 350)),
    activity=st.sampled_from(list(ActivityLevel)),
    goal=st.sampled_from(list(Goal)),
    protein_g_per_kg=st.one_of(any_float, st.floats(0.5, 3.5)),
    fat_pct=st.one_of(any_float, st.floats(15, 50)),
)


def _assert_sound(targets: Targets, split_off_pct: float = 0.0) -> None:
    fields = (targets.energy_kcal, targets.protein_g, targets.carbohydrate_g, targets.fat_g)
    assert all(math.isfinite(v) and v >= 0 for v in fields)
    macros_kcal = 4 * targets.protein_g + 4 * targets.carbohydrate_g + 9 * targets.fat_g
    # each of the three is rounded to 0.1 g: at most 0.05 × (4 + 4 + 9) kcal off, plus what a
    # typed split is allowed to miss 100 % by
    off = 0.85 + targets.energy_kcal * split_off_pct / 100 + 1e-9
    assert macros_kcal == pytest.approx(targets.energy_kcal, abs=off)


@given(client=profiles)
@example(client=Client("Tiny", Sex.FEMALE, 1916, 100.0, 25.0, ActivityLevel.SEDENTARY, Goal.LOSE))
@example(
    client=Client(
        "Big",
        Sex.MALE,
        2012,
        250.0,
        350.0,
        ActivityLevel.VERY_ACTIVE,
        Goal.GAIN,
        protein_g_per_kg=3.5,
        fat_pct=50.0,
    )
)
def test_targets_from_any_profile_are_sound_or_refused_in_a_sentence(client):
    try:
        targets, working = targets_from_profile(client, TODAY)
    except ValidationFailed as error:
        assert str(error).endswith(".")
        return
    _assert_sound(targets)
    assert targets.energy_kcal >= MIN_ENERGY_KCAL
    assert targets.energy_kcal == int(targets.energy_kcal)  # whole kcal
    assert targets.fibre_min_g > 0 and targets.sodium_max_mg == 2300
    assert working.energy_kcal == targets.energy_kcal and len(working.lines) >= 7
    validate_client(client, TODAY)  # a profile that gives targets is a profile the form accepts


@given(
    energy=st.one_of(any_float, st.floats(800, 6000)),
    protein=st.floats(0, 100),
    fat=st.floats(0, 100),
    fudge=st.one_of(any_float, st.floats(-1, 1)),
)
def test_typed_percentages_give_sound_targets_or_a_sentence(energy, protein, fat, fudge):
    carbohydrate = 100 - protein - fat + fudge
    try:
        targets = targets_from_percentages(energy, protein, carbohydrate, fat)
    except ValidationFailed as error:
        assert str(error).endswith(".")
        return
    split = protein + carbohydrate + fat
    assert abs(split - 100) <= 1
    _assert_sound(targets, split_off_pct=abs(split - 100))
    assert targets.energy_kcal == energy


@given(values=st.tuples(*(st.one_of(any_float, st.floats(0, 1000)) for _ in range(6))))
def test_typed_targets_in_grams_are_kept_or_refused_naming_each_field(values):
    targets = Targets(*values)
    try:
        assert validate_targets(targets) is targets
    except ValidationFailed as error:
        assert str(error).endswith(".")
        return
    assert all(math.isfinite(v) and v >= 0 for v in values)
