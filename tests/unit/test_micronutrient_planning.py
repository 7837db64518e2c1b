"""Micronutrient goals in the generator, without a solver: which goals become minimums and
maximums, and how a week's average is shared out over the days still to plan."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from menuplanner.domain.clients import Client, NutrientGoal, Sex
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.nutrient_goals import resolve
from menuplanner.dri.files import bundled_table
from menuplanner.planning.micronutrients import DAY, WEEK, MicroGap, MicroPlan, plan_for
from menuplanner.planning.settings import GenerateSettings

ANNA = Client("Anna", Sex.FEMALE, birth_year=1990)
GOALS = resolve(ANNA, bundled_table(), dt.date(2026, 6, 1))


def test_chosen_goals_are_minimums_and_every_upper_limit_on_food_a_maximum():
    minimums, maximums = plan_for(GOALS, ("iron_mg", "vitamin_b12_ug"), WEEK)
    assert minimums == {"iron_mg": 18.0, "vitamin_b12_ug": 2.4}
    assert maximums["iron_mg"] == 45.0
    assert maximums["retinol_ug"] == 3000.0  # vitamin A's UL, on retinol
    for unchecked in ("magnesium_mg", "niacin_mg", "folate_dfe_ug", "vitamin_e_mg", "sodium_mg"):
        assert unchecked not in maximums  # supplements only; sodium: the targets' own maximum


def test_a_nutrient_without_a_goal_is_refused_naming_it():
    with pytest.raises(ValidationFailed, match="The client has no goal for Saturated fat"):
        plan_for(GOALS, ("saturated_fat_g",), DAY)
    without_age = resolve(Client("Bo", Sex.MALE), bundled_table(), dt.date(2026, 6, 1))
    with pytest.raises(ValidationFailed, match="no goal for Iron: add the birth year"):
        plan_for(without_age, ("iron_mg",), WEEK)


def test_the_dietitians_limit_is_a_maximum_too():
    client = Client(
        "Anna",
        Sex.FEMALE,
        birth_year=1990,
        nutrient_goals=(NutrientGoal("vitamin_k_ug", maximum=120.0),),
    )
    _, maximums = plan_for(resolve(client, bundled_table(), dt.date(2026, 6, 1)), (), DAY)
    assert maximums["vitamin_k_ug"] == 120.0


def week_plan(**known) -> MicroPlan:
    plan = MicroPlan({"iron_mg": 18.0}, {}, WEEK, {"iron_mg": np.zeros(3)}, to_plan=set(range(7)))
    for day, amount in known.items():
        plan.record(int(day[1:]), {"iron_mg": amount})
    return plan


def test_over_the_week_each_day_aims_at_what_is_left_with_a_margin_until_the_last():
    plan = week_plan()
    assert plan.day_minimum(0, "iron_mg") == pytest.approx(18.0 * 1.1)
    plan = week_plan(d0=10.0, d1=10.0, d2=10.0, d3=10.0, d4=10.0, d5=10.0)
    # The week needs 7 × 18 = 126 mg; six days brought 60: the last must bring 66 (no margin).
    assert plan.day_minimum(6, "iron_mg") == pytest.approx(66.0)
    assert plan.is_last(6) and not plan.is_last(5)


def test_days_not_being_planned_count_with_what_they_hold():
    plan = MicroPlan({"iron_mg": 18.0}, {}, WEEK, {"iron_mg": np.zeros(3)}, to_plan={5, 6})
    for day in range(5):
        plan.day_amounts[day] = {"iron_mg": 20.0}
    assert plan.day_minimum(5, "iron_mg") == pytest.approx((126 - 100) / 2 * 1.1)


def test_per_day_each_day_needs_the_goal_itself():
    plan = MicroPlan({"iron_mg": 18.0}, {}, DAY, {"iron_mg": np.zeros(3)}, to_plan=set(range(7)))
    plan.record(0, {"iron_mg": 50.0})
    assert plan.day_minimum(1, "iron_mg") == 18.0
    assert plan.is_last(1)  # no later day makes up for it: the search gets its longer grace


def test_a_missed_minimum_is_a_sentence():
    assert MicroGap("vitamin_b12_ug", 0.4, 2.4, True).sentence() == (
        "Vitamin B12: 0.40 µg, 83 % under the minimum of 2.40 µg for this day."
    )
    assert MicroGap("iron_mg", 50.0, 45.0, False).sentence() == (
        "Iron: 50.0 mg, 11 % over the maximum of 45.0 mg for this day."
    )


def test_the_span_is_day_or_week():
    with pytest.raises(ValidationFailed, match="per day or over the week, not 'month'"):
        GenerateSettings(micronutrients=("iron_mg",), micronutrient_span="month")
