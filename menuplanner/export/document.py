"""The menu as the client reads it: every line and every number of the PDF and the printable page,
decided once here so the two always agree, and agree with the menu builder (same report, same
rounding: whole kcal and grams, `format_number` as the app prints them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import polars as pl

from menuplanner.domain.energy_units import EnergyUnit, energy_text
from menuplanner.domain.foods import Food
from menuplanner.domain.formatting import format_number
from menuplanner.domain.handout_names import item_handout_name
from menuplanner.domain.menus import ItemKind
from menuplanner.domain.nutrients import BY_KEY, CARBOHYDRATE, ENERGY, FAT, PROTEIN
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.targets import Targets
from menuplanner.export.chart import WeekChart, week_chart
from menuplanner.export.label_checks import LabelCheck, label_checks
from menuplanner.export.micronutrients import MicroPage, micro_page
from menuplanner.export.wording import (  # noqa: F401  (the wording's names, from here too)
    about,
    grams_text,
    household_portion,
    item_measure,
    kcal_text,
    long_date,
    measure_phrase,
    period,
    plural,
    quantity_text,
    readable_measure,
)
from menuplanner.nutrition import totals

if TYPE_CHECKING:
    from menuplanner.services.adequacy import MenuAdequacy
    from menuplanner.services.menus import MenuReport


PRACTICE_ENV = "MENUPLANNER_PRACTICE"  # the practice name printed when none is given


class Paper(StrEnum):
    A4 = "A4"
    LETTER = "Letter"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    with_numbers: bool = True  # False: no kcal, nutrients, targets or chart (amounts stay)
    paper: Paper = Paper.A4
    practice: str = ""  # printed at the top of the first page and in the footer
    notes: str = ""  # the dietitian's notes for the client
    with_micronutrients: bool = False  # a page of the week's vitamins and minerals vs goals


@dataclass(frozen=True)
class MenuSource:
    """Everything an export of one menu reads, loaded in one unit of work."""

    report: MenuReport
    recipes: dict[int, Recipe]  # every recipe the menu uses
    foods: dict[int, Food]  # every food of the items and of those recipes, with portions
    groups: dict[str, str]  # food group code → name
    per_100g: pl.DataFrame  # nutrients of those foods (FoodCatalog.nutrients_per_100g)
    adequacy: MenuAdequacy | None = None  # micronutrients vs the client's goals
    energy_unit: EnergyUnit = EnergyUnit.KCAL  # the workspace's: every energy is shown in it


@dataclass(frozen=True, slots=True)
class ItemLine:
    name: str
    measure: str  # "1 cup", "1½ servings", "about ¾ cup", or "" for a weight in grams only
    weight: str  # "248 g"
    energy: str  # "112 kcal"
    recipe_index: int | None = None  # index in MenuDocument.recipes, for a link


@dataclass(frozen=True, slots=True)
class Meal:
    name: str
    energy: str
    items: tuple[ItemLine, ...]


@dataclass(frozen=True, slots=True)
class TotalLine:
    """One target of one day: 'Energy | 2,027 kcal | 2,075 kcal | 98 %', as the app says
    'Energy: 2,027 of 2,075 kcal (98 %)'."""

    nutrient: str
    actual: str
    target: str  # "2,075 kcal", "at least 29 g", "at most 2,300 mg"
    share: str  # "98 %", or "" without a target
    status: str  # "ok" | "near" | "off" | "empty"

    @property
    def status_word(self) -> str:
        return STATUS_WORDS[self.status]


STATUS_WORDS = {"ok": "on target", "near": "close", "off": "off target", "empty": ""}
_KIND_PREFIX = {"target": "", "minimum": "at least ", "maximum": "at most "}


@dataclass(frozen=True, slots=True)
class Day:
    title: str  # "Monday 11 May 2026"
    number: str  # "Day 1 of 7"
    energy: str  # "2,027 kcal"
    meals: tuple[Meal, ...]  # meals with something planned, in the menu's order
    totals: tuple[TotalLine, ...]


@dataclass(frozen=True, slots=True)
class Ingredient:
    measure: str  # "½ cup" or "150 g"
    name: str
    weight: str  # "40 g", or "" when the measure already is the weight


@dataclass(frozen=True, slots=True)
class RecipeCard:
    name: str
    makes: str  # "Makes 2 servings"
    eaten_on: str  # "Monday breakfast, Wednesday breakfast"
    ingredients: tuple[Ingredient, ...]
    method: str
    per_serving: str  # "Per serving: 520 kcal · protein 25 g · …", "" without numbers


@dataclass(frozen=True)
class MenuDocument:
    title: str
    practice: str
    client: str
    menu: str
    period: str  # "11 – 17 May 2026"
    prepared: str  # "Prepared 27 November 2026"
    targets: str  # "Daily targets: 2,075 kcal · …", "" without numbers
    average: str  # "Average planned day: …", "" without numbers or planned days
    chart: WeekChart | None
    days: tuple[Day, ...]
    recipes: tuple[RecipeCard, ...]
    notes: str
    with_numbers: bool
    paper: Paper
    label_checks: tuple[LabelCheck, ...] = ()  # foods whose label the client must read
    micronutrients: MicroPage | None = None  # the optional vitamins and minerals page


def build(source: MenuSource, options: ExportOptions, today: dt.date | None = None) -> MenuDocument:
    report = source.report
    menu = report.menu
    used = recipes_in_order(report.items)
    numbers = options.with_numbers
    chart = None
    if numbers and report.items.height:
        targets = {d: t.energy_kcal for d, t in report.day_targets.items()}
        chart = week_chart(report.days, targets, source.energy_unit)
    return MenuDocument(
        title=f"Meal plan for {report.client.name}",
        practice=options.practice,
        client=report.client.name,
        menu=menu.name,
        period=period(menu.date_of(0), menu.date_of(menu.days - 1)),
        prepared=f"Prepared {long_date(today or dt.date.today(), weekday=False)}",
        targets=targets_line(report.targets, source.energy_unit) if numbers else "",
        average=average_line(report.average, source.energy_unit) if numbers else "",
        chart=chart,
        days=tuple(_day(source, day, used, numbers) for day in range(menu.days)),
        recipes=tuple(_recipe_card(source, recipe_id, numbers) for recipe_id in used),
        notes=options.notes,
        with_numbers=numbers,
        paper=options.paper,
        label_checks=label_checks(report),
        micronutrients=micro_page(source.adequacy)
        if numbers and options.with_micronutrients
        else None,
    )


# ------------------------------------------------------------------------------------ lines


def targets_line(targets: Targets, unit: EnergyUnit = EnergyUnit.KCAL) -> str:
    return (
        f"Daily targets: {energy_text(targets.energy_kcal, unit)}"
        f" · protein {grams_text(targets.protein_g)}"
        f" · carbohydrate {grams_text(targets.carbohydrate_g)} · fat {grams_text(targets.fat_g)}"
        f" · fibre at least {grams_text(targets.fibre_min_g)}"
        f" · sodium at most {format_number(targets.sodium_max_mg, 0)} mg"
    )


def average_line(average: pl.DataFrame, unit: EnergyUnit = EnergyUnit.KCAL) -> str:
    row = average.row(0, named=True)
    if not row["days_counted"]:
        return ""
    days = row["days_counted"]
    return (
        f"Average of the {days} planned day{'s' if days != 1 else ''}: "
        f"{energy_text(row[ENERGY], unit)}, of which protein {row['protein_pct']:.0f} %, "
        f"carbohydrate {row['carbohydrate_pct']:.0f} % and fat {row['fat_pct']:.0f} %"
    )


def total_lines(
    adherence_of_day: pl.DataFrame, unit: EnergyUnit = EnergyUnit.KCAL
) -> tuple[TotalLine, ...]:
    """Rows of adherence.day_vs_targets for one day, as the app's target lines (energy in
    `unit`)."""
    lines = []
    for row in adherence_of_day.iter_rows(named=True):
        nutrient = BY_KEY[row["measure"]]
        share = f"{row['actual'] / row['target'] * 100:.0f} %" if row["target"] else ""
        is_energy = row["measure"] == ENERGY
        factor, shown = (unit.factor, unit.value) if is_energy else (1.0, nutrient.unit)
        lines.append(
            TotalLine(
                nutrient.name,
                f"{format_number(row['actual'] * factor, 0)} {shown}",
                f"{_KIND_PREFIX[row['kind']]}{format_number(row['target'] * factor, 0)} {shown}",
                share,
                row["status"],
            )
        )
    return tuple(lines)


# ------------------------------------------------------------------------------------- days


def recipes_in_order(items: pl.DataFrame) -> list[int]:
    """Recipe ids in the order the menu first serves them."""
    recipe_ids = items.filter(pl.col("kind") == ItemKind.RECIPE.value)["recipe_id"]
    return list(dict.fromkeys(int(i) for i in recipe_ids))


def _day(source: MenuSource, day: int, used: list[int], numbers: bool) -> Day:
    report = source.report
    menu = report.menu
    of_day = report.items.filter(pl.col("day") == day)
    extra = [s for s in dict.fromkeys(of_day["slot"]) if s not in menu.slots]
    meals = []
    for slot in (*menu.slots, *extra):
        rows = of_day.filter(pl.col("slot") == slot)
        if rows.height:
            lines = tuple(_item_line(source, row, used) for row in rows.iter_rows(named=True))
            meals.append(Meal(slot, _energy(source, rows[ENERGY].sum()), lines))
    day_row = report.days.filter(pl.col("day") == day).row(0, named=True)
    return Day(
        title=long_date(menu.date_of(day)),
        number=f"Day {day + 1} of {menu.days}",
        energy=_energy(source, day_row[ENERGY]),
        meals=tuple(meals),
        totals=total_lines(report.adherence.filter(pl.col("day") == day), source.energy_unit)
        if numbers
        else (),
    )


def _item_line(source: MenuSource, row: dict, used: list[int]) -> ItemLine:
    is_recipe = row["kind"] == ItemKind.RECIPE
    food = None if is_recipe else source.foods.get(row["food_id"])
    measure = item_measure(
        row["kind"], row["quantity"], row["unit"], row["grams"], food.portions if food else ()
    )
    return ItemLine(
        name=client_name(row["label"], food, source.report.display_names),
        measure=measure,
        weight=grams_text(row["grams"]),
        energy=_energy(source, row[ENERGY]),
        recipe_index=used.index(row["recipe_id"]) if is_recipe else None,
    )


# ---------------------------------------------------------------------------------- recipes


def _recipe_card(source: MenuSource, recipe_id: int, numbers: bool) -> RecipeCard:
    recipe = source.recipes[recipe_id]
    ingredients = []
    for ingredient in recipe.ingredients:
        food = source.foods.get(ingredient.food_id)
        name = client_name(ingredient.food_name, food, source.report.display_names)
        name = name or f"Food #{ingredient.food_id}"
        if ingredient.unit == "g":
            ingredients.append(Ingredient(grams_text(ingredient.grams), name, ""))
        else:
            measure = measure_phrase(ingredient.quantity, ingredient.unit)
            ingredients.append(Ingredient(measure, name, grams_text(ingredient.grams)))
    per_serving = ""
    if numbers:
        _, serving = totals.recipe_nutrition(recipe, source.per_100g)
        per_serving = (
            f"Per serving: {_energy(source, serving[ENERGY])}"
            f" · protein {grams_text(serving[PROTEIN])}"
            f" · carbohydrate {grams_text(serving[CARBOHYDRATE])}"
            f" · fat {grams_text(serving[FAT])}"
        )
    servings = recipe.servings
    return RecipeCard(
        name=recipe.name,
        makes=f"Makes {measure_phrase(servings, 'serving')}",
        eaten_on=_eaten_on(source, recipe_id),
        ingredients=tuple(ingredients),
        method=recipe.method.strip(),
        per_serving=per_serving,
    )


def _eaten_on(source: MenuSource, recipe_id: int) -> str:
    menu = source.report.menu
    rows = source.report.items.filter(
        (pl.col("kind") == ItemKind.RECIPE.value) & (pl.col("recipe_id") == recipe_id)
    )
    short = menu.days > 7  # "Mon 11 Lunch" tells apart the days of a longer menu
    places = dict.fromkeys(
        f"{_day_name(menu.date_of(row['day']), short)} {row['slot']}"
        for row in rows.iter_rows(named=True)
    )
    return ", ".join(places)


def client_name(label: str, food: Food | None, names: Mapping[int, str] | None = None) -> str:
    """The name the workspace gave the food (`names`, domain/handout_names.py), else its
    rule-made display name (domain/display_names.py), unless the dietitian typed a label of
    their own: that one is printed as typed."""
    return item_handout_name(label, food, names or {})


def _energy(source: MenuSource, kcal: float | None) -> str:
    """'2,027 kcal' or '8,481 kJ', as the workspace shows energy."""
    return energy_text(kcal, source.energy_unit)


def _day_name(day: dt.date, short: bool) -> str:
    return f"{day:%a} {day.day}" if short else f"{day:%A}"
