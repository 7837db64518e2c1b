"""The menu's items with their nutrients as CSV or XLSX, for analysis in a spreadsheet or a
notebook. Numbers are the item_totals the app shows; nutrient columns use the nutrient keys
(energy_kcal, protein_g, selenium_ug: the unit is the suffix).

A cell a spreadsheet would run as a formula (text starting with =, +, -, @, or a tab or carriage
return that some programs skip first) gets a leading single quote: the spreadsheet shows it as
text. XLSX files are written with formula and link detection off as well.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import polars as pl
import xlsxwriter

from menuplanner.domain.energy_units import EnergyUnit
from menuplanner.domain.nutrients import ENERGY, KEYS
from menuplanner.nutrition.adherence import MEASURES

if TYPE_CHECKING:
    from menuplanner.services.menus import MenuReport

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_PATTERN = r"^[=+\-@\t\r]"


def neutralise(text: str) -> str:
    """`text` as a spreadsheet will show it rather than run it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text column of `frame` neutralised."""
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA_PATTERN))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name, dtype in frame.schema.items()
        if dtype == pl.String
    )


def goal_columns(goals: dict[str, float] | None) -> list[pl.Expr]:
    """`<nutrient>_pct_of_goal` for each nutrient with a daily goal: 100 × amount / goal (of
    the day's goal, for an item: the share of it the item brings)."""
    return [
        (100.0 * pl.col(key) / goal).alias(f"{key}_pct_of_goal")
        for key, goal in (goals or {}).items()
        if goal
    ]


def in_energy_unit(table: pl.DataFrame, unit: EnergyUnit) -> pl.DataFrame:
    """Energy columns (energy_kcal, energy_kcal_target) in the workspace's unit: named
    energy_kj, energy_kj_target and converted when it is kJ (the database keeps kcal)."""
    if unit == EnergyUnit.KCAL:
        return table
    columns = [c for c in table.columns if c.startswith(ENERGY)]
    return table.with_columns(pl.col(columns) * unit.factor).rename(
        {c: c.replace(ENERGY, unit.column, 1) for c in columns}
    )


def items_table(
    report: MenuReport,
    goals: dict[str, float] | None = None,
    unit: EnergyUnit = EnergyUnit.KCAL,
) -> pl.DataFrame:
    """One row per item: client, menu, day (from 1), date, meal, item, kind, ids, amount,
    grams, every nutrient and how many of its values are unknown; with `goals` (nutrient →
    the client's daily goal), each such nutrient as % of the goal."""
    menu = report.menu
    items = report.items
    dates = pl.DataFrame(
        {"day": range(menu.days), "date": [menu.date_of(d) for d in range(menu.days)]},
        schema={"day": pl.Int32, "date": pl.Date},
    )
    table = items.join(dates, on="day", how="left", maintain_order="left").select(
        pl.lit(report.client.name).alias("client"),
        pl.lit(menu.name).alias("menu"),
        (pl.col("day") + 1).alias("day"),
        "date",
        pl.col("slot").alias("meal"),
        pl.col("label").alias("item"),
        "kind",
        "food_id",
        "recipe_id",
        "quantity",
        "unit",
        "grams",
        *KEYS,
        *goal_columns(goals),
        pl.col("missing_values").alias("unknown_values"),
    )
    return neutralised(in_energy_unit(table, unit))


def days_table(
    report: MenuReport,
    goals: dict[str, float] | None = None,
    unit: EnergyUnit = EnergyUnit.KCAL,
) -> pl.DataFrame:
    """One row per day: its totals, each target (e.g. energy_kcal_target, fibre_g_minimum)
    and, with `goals`, each micronutrient as % of the client's daily goal."""
    targets = {
        f"{measure}_{kind}": [
            float(getattr(report.day_targets[d], field)) for d in report.days["day"]
        ]
        for measure, field, kind in MEASURES
    }
    table = report.days.select(
        pl.lit(report.client.name).alias("client"),
        pl.lit(report.menu.name).alias("menu"),
        (pl.col("day") + 1).alias("day"),
        "date",
        pl.col("n_items").alias("items"),
        "grams",
        *KEYS,
        *goal_columns(goals),
    )
    table = table.with_columns(
        pl.Series(name, values, dtype=pl.Float64) for name, values in targets.items()
    )
    return neutralised(in_energy_unit(table, unit))


def items_csv(
    report: MenuReport,
    goals: dict[str, float] | None = None,
    unit: EnergyUnit = EnergyUnit.KCAL,
) -> bytes:
    """UTF-8 with a BOM, so spreadsheets read accents right."""
    text = items_table(report, goals, unit).write_csv(float_precision=4)
    return ("\ufeff" + text).encode("utf-8")


def items_xlsx(
    report: MenuReport,
    goals: dict[str, float] | None = None,
    unit: EnergyUnit = EnergyUnit.KCAL,
) -> bytes:
    """A workbook with the sheets Items and Days."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        out, {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    )
    try:
        sheets = (
            ("Items", items_table(report, goals, unit)),
            ("Days", days_table(report, goals, unit)),
        )
        for name, table in sheets:
            table.write_excel(workbook, name, autofit=True, freeze_panes=(1, 0), float_precision=2)
    finally:
        workbook.close()
    return out.getvalue()
