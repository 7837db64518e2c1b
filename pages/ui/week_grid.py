"""The week at a glance: meals × days, each cell the meal's items and energy, and each day's
energy against its target."""

from __future__ import annotations

import polars as pl
import streamlit as st

from menuplanner.services.menus import MenuReport

STATUS_WORD = {"ok": "✓", "near": "~", "off": "✗", "empty": ""}


def week_grid(report: MenuReport, day_labels: list[str]) -> None:
    menu = report.menu
    items = report.items
    table: dict[str, list[str]] = {"Meal": [*menu.slots, "Day total", "Target"]}
    energy = report.adherence.filter(pl.col("measure") == "energy_kcal")
    for day, label in enumerate(day_labels):
        cells = []
        for slot in menu.slots:
            meal = items.filter((pl.col("day") == day) & (pl.col("slot") == slot))
            names = ", ".join(meal["label"].to_list())
            cells.append(f"{names} ({meal['energy_kcal'].sum():,.0f} kcal)" if meal.height else "")
        status = energy.filter(pl.col("day") == day).row(0, named=True)
        cells.append(f"{status['actual']:,.0f} kcal {STATUS_WORD[status['status']]}".strip())
        cells.append(f"{status['target']:,.0f} kcal")
        table[label] = cells
    st.dataframe(table, hide_index=True, width="stretch", row_height=60)
    st.caption(
        "✓ within 10 % of the energy target · ~ within 20 % · ✗ further off. "
        "Open “Day by day” to edit a day."
    )
