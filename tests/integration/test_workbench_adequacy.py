"""`wb.adequacy(menu)`: micronutrients against the client's DRIs as a Polars frame, per day and
for the week's average, on the bundled demo data."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from menuplanner import workbench


def test_adequacy_per_day_and_for_the_week_of_the_vegan_demo(database_copy: Path):
    wb = workbench.open(database_copy)
    days = wb.adequacy("Vegan week", client="Nora Lind (demo)")
    assert days.columns[:9] == [
        "day",
        "date",
        "nutrient",
        "name",
        "unit",
        "amount",
        "goal",
        "kind",
        "pct",
    ]
    assert days.height == 7 * 23 and days["day"].unique().sort().to_list() == list(range(1, 8))
    week = wb.adequacy("Vegan week", week=True)
    assert week.filter(pl.col("status") == "low")["name"].to_list() == [
        "Calcium",
        "Vitamin D",
        "Vitamin B12",
    ]
    iron = week.filter(pl.col("nutrient") == "iron_mg").row(0, named=True)
    assert (iron["goal"], iron["kind"], iron["day"]) == (18.0, "RDA", None)
    b12 = week.filter(pl.col("nutrient") == "vitamin_b12_ug").row(0, named=True)
    assert b12["coverage"].startswith("unknown for 1 of ")  # edamame has no B12 value
