"""Days against targets: statuses at their boundaries, empty days, the weekly summary."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.targets import Targets
from menuplanner.nutrition import adherence
from menuplanner.nutrition.adherence import day_vs_targets, targets_by_day, weekly_adherence
from menuplanner.nutrition.totals import day_totals

TARGETS = Targets(
    energy_kcal=2000,
    protein_g=100,
    carbohydrate_g=250,
    fat_g=70,
    fibre_min_g=25,
    sodium_max_mg=2300,
)
ON_TARGET = {
    "energy_kcal": 2000.0,
    "protein_g": 100.0,
    "carbohydrate_g": 250.0,
    "fat_g": 70.0,
    "fibre_g": 30.0,
    "sodium_mg": 1500.0,
}
MEASURES = ["energy_kcal", "protein_g", "carbohydrate_g", "fat_g", "fibre_g", "sodium_mg"]


def days(*actuals: dict[str, float]) -> pl.DataFrame:
    """A day_totals frame by hand: day n gets ON_TARGET with `actuals[n]` replacing values."""
    rows = [{"day": n, **ON_TARGET, **actual} for n, actual in enumerate(actuals)]
    return pl.DataFrame(rows).with_columns(pl.col("day").cast(pl.Int32))


def status(measure: str, actual: float, targets: Targets = TARGETS) -> str:
    compared = day_vs_targets(days({measure: actual}), {0: targets})
    return compared.filter(measure=measure).get_column("status").item()


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (2000, "ok"),
        (2200, "ok"),
        (1800, "ok"),  # within ±10 %
        (2201, "near"),
        (1799, "near"),
        (2400, "near"),
        (1600, "near"),  # within ±20 %
        (2401, "off"),
        (1599, "off"),
    ],
)
def test_energy_is_ok_within_10_pct_and_near_within_20_pct(actual: float, expected: str) -> None:
    assert status("energy_kcal", actual) == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [(40, "ok"), (25, "ok"), (24.99, "near"), (20, "near"), (19.99, "off"), (0, "off")],
)
def test_fibre_is_a_minimum_near_down_to_80_pct(actual: float, expected: str) -> None:
    assert status("fibre_g", actual) == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [(0, "ok"), (2300, "ok"), (2301, "near"), (2760, "near"), (2761, "off")],
)
def test_sodium_is_a_maximum_near_up_to_120_pct(actual: float, expected: str) -> None:
    assert status("sodium_mg", actual) == expected


def test_float_noise_from_summing_does_not_flip_a_boundary() -> None:
    summed = 1.1 + 2.2  # 3.3000000000000003: 10.000000000000009 % over a target of 3
    assert status("protein_g", summed, Targets(2000, 3.0, 250, 70)) == "ok"


def test_a_target_of_zero_is_met_only_by_zero() -> None:
    no_fat = Targets(2000, 100, 250, 0)
    assert status("fat_g", 0.0, no_fat) == "ok"
    assert status("fat_g", 1.0, no_fat) == "off"


def test_rows_carry_actual_target_difference_and_kind() -> None:
    compared = day_vs_targets(days({"protein_g": 90.0}), {0: TARGETS})
    assert compared.get_column("measure").to_list() == MEASURES
    assert compared.get_column("kind").to_list() == ["target"] * 4 + ["minimum", "maximum"]
    protein = compared.filter(measure="protein_g").row(0, named=True)
    assert (protein["actual"], protein["target"], protein["diff"]) == (90.0, 100.0, -10.0)
    assert protein["diff_pct"] == pytest.approx(-10.0, rel=1e-12)
    assert protein["status"] == "ok"


def test_a_day_without_energy_is_empty_for_every_measure() -> None:
    empty = {measure: 0.0 for measure in MEASURES}
    compared = day_vs_targets(days(ON_TARGET, empty), {0: TARGETS, 1: TARGETS})
    assert compared.filter(day=1).get_column("status").unique().to_list() == ["empty"]
    assert compared.filter(day=0).get_column("status").unique().to_list() == ["ok"]


def test_days_without_targets_are_not_compared() -> None:
    compared = day_vs_targets(days(ON_TARGET, ON_TARGET, ON_TARGET), {0: TARGETS, 2: TARGETS})
    assert compared.get_column("day").unique(maintain_order=True).to_list() == [0, 2]


def test_each_day_is_judged_by_its_own_targets() -> None:
    lighter = Targets(1500, 100, 250, 70)
    compared = day_vs_targets(days(ON_TARGET, ON_TARGET), {0: TARGETS, 1: lighter})
    energy = compared.filter(measure="energy_kcal").get_column("status").to_list()
    assert energy == ["ok", "off"]


def test_the_menus_own_day_targets_override_the_clients() -> None:
    rest_day = Targets(1600, 90, 180, 60)
    menu = Menu(1, "Week", dt.date(2025, 3, 3), days=3, day_targets={2: rest_day})
    assert targets_by_day(menu, TARGETS) == {0: TARGETS, 1: TARGETS, 2: rest_day}


def test_menu_day_totals_feed_the_comparison_with_their_dates() -> None:
    per_100g = pl.DataFrame({"food_id": [9040], "energy_kcal": [89.0], "fibre_g": [2.6]})
    banana = MenuItem(0, "Breakfast", ItemKind.FOOD, 9040, 118, "g", 118.0)
    menu = Menu(1, "Week", dt.date(2025, 3, 3), days=2, items=[banana])
    compared = day_vs_targets(day_totals(menu, {}, per_100g), targets_by_day(menu, TARGETS))
    fibre = compared.filter(day=0, measure="fibre_g").row(0, named=True)
    assert fibre["date"] == dt.date(2025, 3, 3)
    assert fibre["actual"] == pytest.approx(3.068, rel=1e-12)
    assert fibre["status"] == "off"
    assert compared.filter(day=1).get_column("status").unique().to_list() == ["empty"]


def test_the_week_summary_leaves_empty_days_out() -> None:
    empty = {measure: 0.0 for measure in MEASURES}
    week = days({"energy_kcal": 2100}, {"energy_kcal": 2500}, empty)
    compared = day_vs_targets(week, dict.fromkeys(range(3), TARGETS))
    summary = weekly_adherence(compared)
    assert summary.get_column("measure").to_list() == MEASURES
    energy = summary.filter(measure="energy_kcal").row(0, named=True)
    assert energy["days_counted"] == 2
    assert energy["mean_actual"] == pytest.approx(2300.0, rel=1e-12)
    assert energy["mean_target"] == 2000.0
    assert (energy["days_ok"], energy["days_near"], energy["days_off"]) == (1, 0, 1)
    fibre = summary.filter(measure="fibre_g").row(0, named=True)
    assert fibre["kind"] == "minimum" and fibre["days_ok"] == 2


def test_a_generated_measure_is_within_tolerance_by_its_kind():
    from menuplanner.nutrition.adherence import within_tolerance

    assert within_tolerance("target", -4.9, 5.0) and not within_tolerance("target", 5.1, 5.0)
    assert within_tolerance("minimum", 30.0, 5.0) and not within_tolerance("minimum", -0.1, 5.0)
    assert within_tolerance("maximum", -50.0, 5.0) and not within_tolerance("maximum", 0.1, 5.0)
    assert within_tolerance("target", None, 5.0)  # no percentage: a target of 0 met by 0


def test_a_day_is_on_target_only_when_every_measure_is():
    compared = pl.DataFrame(
        {
            "day": [2, 2, 0, 0, 1, 1, 3],
            "status": ["ok", "ok", "ok", "near", "off", "ok", "empty"],
        }
    )
    assert adherence.worst_status_by_day(compared) == ["near", "off", "ok", "empty"]
