"""The week at a glance: meals × days, each cell the meal's items and energy, and each day's
energy against its target."""

from __future__ import annotations

import polars as pl
import streamlit as st

from menuplanner.domain.energy_units import EnergyUnit, energy_text
from menuplanner.nutrition.adherence import STATUS_LEGEND, STATUS_MARKS
from menuplanner.services.menus import MenuReport


def week_grid(
    report: MenuReport, day_labels: list[str], unit: EnergyUnit = EnergyUnit.KCAL
) -> None:
    menu = report.menu
    meals = {(m["day"], m["slot"]): m for m in report.meals.iter_rows(named=True)}
    table: dict[str, list[str]] = {"Meal": [*menu.slots, "Day total", "Target"]}
    energy = report.adherence.filter(pl.col("measure") == "energy_kcal")
    for day, label in enumerate(day_labels):
        cells = []
        for slot in menu.slots:
            meal = meals.get((day, slot))
            names = ", ".join(meal["labels"]) if meal else ""
            cells.append(f"{names} ({energy_text(meal['energy_kcal'], unit)})" if meal else "")
        status = energy.filter(pl.col("day") == day).row(0, named=True)
        mark = STATUS_MARKS[status["status"]] if status["status"] != "empty" else ""
        cells.append(f"{energy_text(status['actual'], unit)} {mark}".strip())
        cells.append(energy_text(status["target"], unit))
        table[label] = cells
    st.dataframe(table, hide_index=True, width="stretch", row_height=60)
    st.caption(
        f"{STATUS_LEGEND.replace('the target', 'the energy target')}. "
        "Open “Day by day” to edit a day."
    )
