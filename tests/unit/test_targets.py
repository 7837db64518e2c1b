"""Daily targets from a client's profile (Mifflin-St Jeor), from a macro split, or typed."""

from __future__ import annotations

import datetime as dt

import pytest

from menuplanner.domain import profile
from menuplanner.domain.clients import ActivityLevel, Client, Goal, Sex
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.targets import (
    ACTIVITY_FACTORS,
    GOAL_ADJUSTMENT_KCAL,
    Targets,
    client_targets,
    resting_energy_mifflin_st_jeor,
    targets_from_percentages,
    targets_from_profile,
    validate_targets,
)

TODAY = dt.date(2025, 6, 1)


def man_of_30(**changes) -> Client:
    """30 in 2025, 180 cm, 80 kg, moderately active, maintaining weight."""
    fields = dict(
        name="Sam",
        sex=Sex.MALE,
        birth_year=1995,
        height_cm=180,
        weight_kg=80,
        activity=ActivityLevel.MODERATE,
        goal=Goal.MAINTAIN,
    )
    return Client(**(fields | changes))


def test_mifflin_st_jeor_for_a_30_year_old_man_of_80_kg_and_180_cm_is_1780_kcal():
    assert resting_energy_mifflin_st_jeor(Sex.MALE, 80, 180, 30) == 1780.0


def test_mifflin_st_jeor_for_a_30_year_old_woman_of_60_kg_and_165_cm_is_1320_25_kcal():
    assert resting_energy_mifflin_st_jeor(Sex.FEMALE, 60, 165, 30) == 1320.25


def test_activity_factors_run_from_1_2_sedentary_to_1_9_very_active():
    assert ACTIVITY_FACTORS == {
        ActivityLevel.SEDENTARY: 1.2,
        ActivityLevel.LIGHT: 1.375,
        ActivityLevel.MODERATE: 1.55,
        ActivityLevel.ACTIVE: 1.725,
        ActivityLevel.VERY_ACTIVE: 1.9,
    }


def test_losing_takes_500_kcal_a_day_and_gaining_adds_300():
    assert GOAL_ADJUSTMENT_KCAL == {Goal.LOSE: -500.0, Goal.MAINTAIN: 0.0, Goal.GAIN: 300.0}


def test_the_profile_enums_are_the_same_whether_imported_from_clients_or_profile():
    assert (Sex, ActivityLevel, Goal) == (profile.Sex, profile.ActivityLevel, profile.Goal)


def test_a_moderately_active_man_maintaining_weight_needs_2759_kcal():
    targets, _ = targets_from_profile(man_of_30(), TODAY)

    assert targets == Targets(
        energy_kcal=2759.0,
        protein_g=96.0,
        carbohydrate_g=386.8,
        fat_g=92.0,
        fibre_min_g=38.6,
        sodium_max_mg=2300.0,
    )


def test_the_working_shows_every_step_a_dietitian_can_check():
    _, working = targets_from_profile(man_of_30(), TODAY)

    assert working.lines == [
        "Resting energy (Mifflin-St Jeor, male): 10 × 80 kg + 6.25 × 180 cm − 5 × 30 y + 5"
        " = 1,780 kcal",
        "× activity factor 1.55 (moderate) = 2,759 kcal",
        "Goal maintain: +0 kcal = 2,759 kcal",
        "Protein 1.2 g/kg × 80 kg = 96 g (14 % of energy)",
        "Fat 30 % of energy = 92 g",
        "Carbohydrate: the rest = 387 g (56 % of energy)",
        "Fibre at least 14 g per 1,000 kcal = 39 g",
        "Sodium at most 2,300 mg",
    ]
    assert (working.resting_kcal, working.activity_factor, working.active_kcal) == (
        1780.0,
        1.55,
        2759.0,
    )
    assert (working.goal_adjustment_kcal, working.floor_applied) == (0.0, False)
    assert working.energy_kcal == 2759.0


def test_losing_weight_takes_500_kcal_off_the_day():
    targets, working = targets_from_profile(man_of_30(goal=Goal.LOSE), TODAY)

    assert targets.energy_kcal == 2259.0
    assert working.lines[2] == "Goal lose: −500 kcal = 2,259 kcal"


def test_energy_is_never_set_below_1200_kcal_and_the_working_says_so():
    small_old_woman = Client(
        "Ada",
        Sex.FEMALE,
        birth_year=1935,
        height_cm=150,
        weight_kg=40,
        activity=ActivityLevel.SEDENTARY,
        goal=Goal.LOSE,
    )

    targets, working = targets_from_profile(small_old_woman, TODAY)

    assert targets.energy_kcal == 1200.0
    assert working.floor_applied is True
    assert working.lines[:4] == [
        "Resting energy (Mifflin-St Jeor, female): 10 × 40 kg + 6.25 × 150 cm − 5 × 90 y − 161"
        " = 727 kcal",
        "× activity factor 1.2 (sedentary) = 872 kcal",
        "Goal lose: −500 kcal = 372 kcal",
        "Raised to the minimum of 1,200 kcal a day",
    ]


def test_protein_per_kg_and_fat_share_come_from_the_client():
    targets, _ = targets_from_profile(man_of_30(protein_g_per_kg=2.0, fat_pct=25), TODAY)

    assert (targets.protein_g, targets.fat_g) == (160.0, 76.6)
    assert targets.carbohydrate_g == 357.4  # (2,759 − 160 × 4 − 76.6 × 9) kcal ÷ 4


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        (
            "height_cm",
            "Height is needed to compute targets from the profile; "
            "enter it or type the targets by hand.",
        ),
        (
            "weight_kg",
            "Weight is needed to compute targets from the profile; "
            "enter it or type the targets by hand.",
        ),
        (
            "birth_year",
            "Birth year is needed to compute targets from the profile; "
            "enter it or type the targets by hand.",
        ),
    ],
)
def test_a_missing_measurement_is_named_with_what_to_do(missing, message):
    with pytest.raises(ValidationFailed) as error:
        targets_from_profile(man_of_30(**{missing: None}), TODAY)

    assert str(error.value) == message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"height_cm": 300}, "Height must be between 100 and 250 cm; got 300 cm."),
        ({"height_cm": 18}, "Height must be between 100 and 250 cm; got 18 cm."),
        ({"weight_kg": 800}, "Weight must be between 25 and 350 kg; got 800 kg."),
        (
            {"birth_year": 2020},
            "Age must be between 14 and 110 years; birth year 2020 gives 5 years.",
        ),
        (
            {"birth_year": 1800},
            "Age must be between 14 and 110 years; birth year 1800 gives 225 years.",
        ),
        ({"protein_g_per_kg": 4}, "Protein must be between 0.5 and 3.5 g/kg; got 4 g/kg."),
        ({"fat_pct": 60}, "Fat must be between 15 and 50 % of energy; got 60 % of energy."),
        ({"weight_kg": float("nan")}, "Weight must be between 25 and 350 kg; got nan kg."),
    ],
)
def test_absurd_profile_values_are_refused_naming_the_field_and_its_range(change, message):
    with pytest.raises(ValidationFailed) as error:
        targets_from_profile(man_of_30(**change), TODAY)

    assert str(error.value) == message


def test_an_unknown_sex_is_refused_listing_the_choices():
    with pytest.raises(ValidationFailed) as error:
        targets_from_profile(man_of_30(sex="robot"), TODAY)

    assert str(error.value) == "Sex must be one of female, male; got 'robot'."


def test_plain_text_profile_values_from_a_form_are_accepted():
    targets, _ = targets_from_profile(
        man_of_30(sex="male", activity="moderate", goal="maintain"), TODAY
    )

    assert targets.energy_kcal == 2759.0


def test_protein_and_fat_that_already_exceed_the_energy_are_refused():
    heavy_short_old_woman = Client(
        "Bea",
        Sex.FEMALE,
        birth_year=1915,
        height_cm=100,
        weight_kg=150,
        activity=ActivityLevel.SEDENTARY,
        goal=Goal.LOSE,
        protein_g_per_kg=3.5,
        fat_pct=50,
    )

    with pytest.raises(ValidationFailed) as error:
        targets_from_profile(heavy_short_old_woman, TODAY)

    assert str(error.value) == (
        "Protein (2,100 kcal) and fat (600 kcal) already exceed the energy target of 1,200 kcal;"
        " lower the protein per kg or the fat share."
    )


def test_a_macro_split_of_20_50_30_on_2000_kcal_gives_grams():
    targets = targets_from_percentages(2000, 20, 50, 30, fibre_min_g=30, sodium_max_mg=2000)

    assert targets == Targets(2000, 100.0, 250.0, 66.7, 30, 2000)


def test_a_macro_split_within_one_percent_of_100_is_accepted():
    assert targets_from_percentages(2000, 20, 50.5, 30).carbohydrate_g == 252.5


def test_a_macro_split_that_does_not_add_up_to_100_is_refused():
    with pytest.raises(ValidationFailed) as error:
        targets_from_percentages(2000, 20, 45, 30)

    assert str(error.value) == (
        "Protein, carbohydrate and fat add up to 95 % of energy; "
        "they must add up to 100 % (give or take 1)."
    )


def test_a_negative_share_is_refused():
    with pytest.raises(ValidationFailed) as error:
        targets_from_percentages(2000, -10, 80, 30)

    assert str(error.value) == "Protein must be between 0 and 100 %; got -10 %."


def test_a_macro_split_on_an_absurd_energy_is_refused():
    with pytest.raises(ValidationFailed) as error:
        targets_from_percentages(20000, 20, 50, 30)

    assert str(error.value) == "Energy must be between 800 and 6,000 kcal; got 20,000 kcal. " + (
        "Protein must be between 0 and 500 g; got 1,000 g. "
        "Carbohydrate must be between 0 and 1,000 g; got 2,500 g. "
        "Fat must be between 0 and 400 g; got 666.7 g."
    )


def test_sensible_typed_targets_pass_unchanged():
    typed = Targets(1800, 90, 220, 60, 25, 2000)

    assert validate_targets(typed) is typed


def test_typed_targets_name_every_field_out_of_range_at_once():
    with pytest.raises(ValidationFailed) as error:
        validate_targets(Targets(500, -5, 200, 70, 25, -1))

    assert str(error.value) == (
        "Energy must be between 800 and 6,000 kcal; got 500 kcal. "
        "Protein must be between 0 and 500 g; got -5 g. "
        "Sodium maximum must be between 0 and 10,000 mg; got -1 mg."
    )


def test_typed_targets_win_over_the_profile():
    typed = Targets(1800, 90, 220, 60)

    assert client_targets(man_of_30(manual_targets=typed), TODAY) == (typed, None)


def test_without_typed_targets_the_profile_gives_targets_and_working():
    targets, working = client_targets(man_of_30(), TODAY)

    assert targets.energy_kcal == 2759.0
    assert working is not None and working.lines[0].startswith("Resting energy")
