"""The weekly macro chart as plain numbers: one stacked bar per day (kcal from protein,
carbohydrate and fat) with the day's energy target, and a y axis with round ticks. The PDF draws
it with its own primitives and the printable page as SVG: no browser, no image renderer."""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from menuplanner.domain.energy_units import EnergyUnit
from menuplanner.domain.nutrients import KCAL_PER_G

# The colours of menuplanner.charts.MACRO_COLOURS (not imported: that module loads plotly).
MACRO_COLOURS = {"Protein": "#4C78A8", "Carbohydrate": "#54A24B", "Fat": "#F58518"}
TARGET_COLOUR = "#333333"
MACRO_COLUMNS = {"Protein": "protein_g", "Carbohydrate": "carbohydrate_g", "Fat": "fat_g"}


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # "Mon 11"
    kcal: dict[str, float]  # macro name → energy (in the chart's unit), in MACRO_COLOURS order
    target_kcal: float | None  # in the chart's unit too


@dataclass(frozen=True, slots=True)
class WeekChart:
    bars: tuple[Bar, ...]
    ticks: tuple[float, ...]  # from 0 up to the top of the axis
    unit: str = "kcal"  # or "kJ": the workspace's energy unit

    @property
    def top(self) -> float:
        return self.ticks[-1]


def week_chart(
    days: pl.DataFrame, energy_targets: dict[int, float], unit: EnergyUnit = EnergyUnit.KCAL
) -> WeekChart:
    """`days`: a day_totals frame (day, date, protein_g, carbohydrate_g, fat_g), as the menu
    builder's chart uses; kcal are grams × 4/4/9 as there (then in `unit`)."""
    f = unit.factor
    bars = tuple(
        Bar(
            f"{row['date']:%a} {row['date'].day}",
            {name: row[c] * KCAL_PER_G[c] * f for name, c in MACRO_COLUMNS.items()},
            None if energy_targets.get(row["day"]) is None else energy_targets[row["day"]] * f,
        )
        for row in days.iter_rows(named=True)
    )
    highest = max([sum(b.kcal.values()) for b in bars] + [b.target_kcal or 0 for b in bars] + [0])
    return WeekChart(bars, tuple(nice_ticks(highest)), unit.value)


def nice_ticks(highest: float, most: int = 6) -> list[float]:
    """0, step, 2 × step, … up to the first tick at or above `highest` (at most `most` + 1
    ticks), with a step of 1, 2, 2.5 or 5 × a power of ten."""
    if highest <= 0:
        return [0.0, 500.0]
    for power in range(int(math.floor(math.log10(highest / most))), 12):
        for factor in (1, 2, 2.5, 5):
            step = factor * 10.0**power
            if math.ceil(highest / step - 1e-9) <= most:
                count = max(1, math.ceil(highest / step - 1e-9))
                return [step * i for i in range(count + 1)]
    raise AssertionError("unreachable: a large enough step always exists")
