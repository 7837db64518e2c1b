"""The micronutrient chart's data: bars in % of the goal, coloured by the rule, upper limits
marked (drawn at the edge when far beyond), labels saying "≥" where values are missing."""

from __future__ import annotations

import polars as pl

from menuplanner.charts_micronutrients import CAP_PCT, micronutrients


def rows() -> pl.DataFrame:
    base = {"upper_kind": "UL", "kind": "RDA", "items": 4, "unknown_items": 0, "complete": True}
    return pl.DataFrame(
        [
            {
                **base,
                "nutrient": "iron_mg",
                "name": "Iron",
                "amount": 12.89,
                "goal": 18.0,
                "pct": 71.6,
                "upper": 45.0,
                "upper_checked": True,
                "status": "below",
            },
            {
                **base,
                "nutrient": "vitamin_d_ug",
                "name": "Vitamin D",
                "amount": 1.0,
                "goal": 15.0,
                "pct": 6.7,
                "upper": 100.0,
                "upper_checked": True,
                "status": "low",
                "unknown_items": 2,
                "complete": False,
            },
            {
                **base,
                "nutrient": "magnesium_mg",
                "name": "Magnesium",
                "amount": 500.0,
                "goal": 320.0,
                "pct": 156.25,
                "upper": 350.0,
                "upper_checked": False,
                "status": "met",
            },
        ]
    )


def test_bars_are_percent_of_goal_coloured_by_status_first_nutrient_on_top():
    figure = micronutrients(rows())
    bars = figure.data[0]
    assert list(bars.y) == ["Magnesium", "Vitamin D", "Iron"]
    assert list(bars.x) == [156.25, 6.7, 71.6]
    assert figure.layout.xaxis.range == (0, CAP_PCT + 120)
    assert list(bars.marker.color) == ["#54A24B", "#E45756", "#F2A93B"]
    assert list(bars.text) == ["500 / 320 mg (156 %)", "≥ 1.0 / 15 µg (7 %)", "12.9 / 18 mg (72 %)"]
    assert list(bars.marker.pattern.shape) == ["", "/", ""]


def test_upper_limits_that_apply_are_marked_where_the_axis_reaches():
    figure = micronutrients(rows())
    uppers = figure.data[1]
    # Magnesium's UL covers supplements only; vitamin D's (667 % of the RDA) is off the axis.
    assert list(uppers.y) == ["Iron"]
    assert list(uppers.x) == [CAP_PCT]  # 45 of 18 mg: exactly 250 %
    assert list(uppers.text) == ["Iron: UL 45 mg"]
