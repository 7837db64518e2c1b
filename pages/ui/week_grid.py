"""The week at a glance: meals × all the days, each cell the meal's items (amount and short
name, the full name on hover) and energy, and each day's energy against its target.

Drawn as a plain HTML table (every text escaped) rather than a data grid: a grid cell holds one
line, so at 1,400 px only two days fitted, their names cut off; table cells wrap."""

from __future__ import annotations

from html import escape

import polars as pl
import streamlit as st

from menuplanner.domain.energy_units import EnergyUnit, energy_text
from menuplanner.domain.formatting import quantity_text, short_food_name
from menuplanner.nutrition.adherence import STATUS_LEGEND, STATUS_MARKS
from menuplanner.services.menus import MenuReport

STYLE = """<style>
.mp-week {width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 0.8rem;
  line-height: 1.3;}
.mp-week th, .mp-week td {border: 1px solid rgba(49, 51, 63, 0.15); padding: 0.3rem 0.35rem;
  vertical-align: top; overflow-wrap: anywhere;}
.mp-week thead th {font-weight: 600; text-align: left; background: rgba(49, 51, 63, 0.04);}
.mp-week th.mp-meal {width: 6.5rem; text-align: left; font-weight: 600;}
.mp-week ul {list-style: none; margin: 0; padding: 0;}
.mp-week li {margin: 0 0 0.15rem 0; font-size: 0.8rem;}
.mp-week .mp-qty {color: rgba(49, 51, 63, 0.65);}
.mp-week .mp-kcal {color: rgba(49, 51, 63, 0.65); font-size: 0.75rem;}
.mp-week tr.mp-total td, .mp-week tr.mp-total th {font-weight: 600;}
</style>"""


def week_grid(
    report: MenuReport, day_labels: list[str], unit: EnergyUnit = EnergyUnit.KCAL
) -> None:
    st.html(STYLE + week_table(report, day_labels, unit))
    st.caption(
        f"{STATUS_LEGEND.replace('the target', 'the energy target')}. "
        "Hover a food for its full name; open “Day by day” to edit a day."
    )


def week_table(report: MenuReport, day_labels: list[str], unit: EnergyUnit) -> str:
    """The table's HTML: a header of days, one row per meal, then the day totals and targets."""
    items = {
        key: rows for key, rows in report.items.partition_by(["day", "slot"], as_dict=True).items()
    }
    meals = {(m["day"], m["slot"]): m for m in report.meals.iter_rows(named=True)}
    energy = report.adherence.filter(pl.col("measure") == "energy_kcal")
    days = range(len(day_labels))
    head = "".join(f"<th>{escape(label)}</th>" for label in day_labels)
    rows = [f'<thead><tr><th class="mp-meal">Meal</th>{head}</tr></thead><tbody>']
    for slot in report.menu.slots:
        cells = "".join(
            _meal_cell(items.get((day, slot)), meals.get((day, slot)), unit) for day in days
        )
        rows.append(f'<tr><th class="mp-meal">{escape(slot)}</th>{cells}</tr>')
    totals, targets = [], []
    for day in days:
        status = energy.filter(pl.col("day") == day).row(0, named=True)
        mark = STATUS_MARKS[status["status"]] if status["status"] != "empty" else ""
        totals.append(f"<td>{escape(energy_text(status['actual'], unit))} {mark}</td>")
        targets.append(f"<td>{escape(energy_text(status['target'], unit))}</td>")
    rows.append(f'<tr class="mp-total"><th class="mp-meal">Day total</th>{"".join(totals)}</tr>')
    rows.append(f'<tr><th class="mp-meal">Target</th>{"".join(targets)}</tr></tbody>')
    return f'<table class="mp-week">{"".join(rows)}</table>'


def _meal_cell(items: pl.DataFrame | None, meal: dict | None, unit: EnergyUnit) -> str:
    if items is None or meal is None:
        return "<td></td>"
    lines = []
    for item in items.iter_rows(named=True):
        label = item["label"]
        is_food = item["kind"] == "food"
        name = short_food_name(label) if is_food else label
        # A recipe's one serving goes without saying; other amounts are shown before the name.
        amount = quantity_text(item["quantity"], item["unit"] if is_food else "servings")
        shown = "" if not is_food and item["quantity"] == 1 else escape(amount) + " "
        lines.append(
            f'<li title="{escape(label)}"><span class="mp-qty">{shown}</span>{escape(name)}</li>'
        )
    kcal = escape(energy_text(meal["energy_kcal"], unit))
    return f'<td><ul>{"".join(lines)}</ul><span class="mp-kcal">{kcal}</span></td>'
