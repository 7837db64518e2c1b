"""Nutrition aggregates over Polars frames: food lines, totals, targets adherence, energy split.

Pure functions of domain objects and a per-100 g nutrient frame (FoodCatalog.nutrients_per_100g),
so pages, the CLI and notebooks get the same numbers.
"""

from menuplanner.nutrition.adherence import day_vs_targets, targets_by_day, weekly_adherence
from menuplanner.nutrition.energy import EnergySplit, energy_split, is_alcoholic_name
from menuplanner.nutrition.lines import menu_lines, recipe_lines
from menuplanner.nutrition.totals import (
    average_of_days,
    day_totals,
    days_of_items,
    item_totals,
    meal_totals,
    menu_average,
    nutrients_of_lines,
    recipe_nutrition,
    sum_lines,
)

__all__ = [
    "EnergySplit",
    "average_of_days",
    "day_totals",
    "day_vs_targets",
    "days_of_items",
    "energy_split",
    "is_alcoholic_name",
    "item_totals",
    "meal_totals",
    "menu_average",
    "menu_lines",
    "nutrients_of_lines",
    "recipe_lines",
    "recipe_nutrition",
    "sum_lines",
    "targets_by_day",
    "weekly_adherence",
]
