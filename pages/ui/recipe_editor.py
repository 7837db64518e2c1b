"""Pieces of the recipe editor: the ingredient rows of a draft recipe (amount, unit, grams, kcal,
remove) and the nutrition panel. Widget keys live under the `key` the page passes."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import streamlit as st

from menuplanner import charts
from menuplanner.domain import units
from menuplanner.domain.energy_units import EnergyUnit, energy_text
from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.foods import Food
from menuplanner.domain.formatting import format_grams, format_number
from menuplanner.domain.nutrients import BY_KEY, CARBOHYDRATE, ENERGY, FAT, FIBRE, PROTEIN, SODIUM
from menuplanner.domain.recipes import Recipe
from menuplanner.nutrition import totals
from menuplanner.nutrition.energy import energy_split
from menuplanner.ports import FoodCatalog
from menuplanner.services import recipes as recipe_service
from pages.ui.energy import energy_unit
from pages.ui.text import literal

SHOWN = (ENERGY, PROTEIN, CARBOHYDRATE, FAT, FIBRE, SODIUM)
ROW_COLUMNS = [1.1, 2.6, 1.8, 0.5]  # amount, unit, weight and energy, remove


@dataclass(frozen=True, slots=True)
class RowChange:
    removed: int | None = None  # index of the ingredient to remove


def unit_labels(food: Food) -> dict[str, str]:
    """Grams first, then each household measure once (SR26 lists some twice; the first is the
    one amounts resolve with), each with its weight: "slice (28 g)"."""
    labels = {"g": "g"}
    for unit in units.unit_choices(food.portions):
        if unit not in labels:
            grams = units.to_grams(1, unit, food.portions)
            labels[unit] = f"{unit} ({format_grams(grams)})"
    return labels


def ingredient_rows(key: str, draft: Recipe, catalog: FoodCatalog) -> RowChange:
    """One row per ingredient: its name, then amount, unit, weight and energy, and a remove
    button. An edited amount or unit replaces the ingredient in `draft`; a refused amount
    leaves it as it was and says why under the row."""
    if not draft.ingredients:
        st.caption("No ingredients yet: find a food below and add it.")
        return RowChange()
    foods = catalog.get_many([i.food_id for i in draft.ingredients])
    weight_cells = []
    removed = None
    for index, ingredient in enumerate(draft.ingredients):
        food = foods[ingredient.food_id]
        st.markdown(literal(food.name))
        amount, unit, weight, remove = st.columns(ROW_COLUMNS, vertical_alignment="center")
        labels = unit_labels(food)
        if ingredient.unit not in labels:
            labels[ingredient.unit] = ingredient.unit
        chosen = unit.selectbox(
            "Unit",
            list(labels),
            index=list(labels).index(ingredient.unit),
            format_func=labels.get,
            key=f"{key}_unit_{index}",
            label_visibility="collapsed",
        )
        problem = None
        if chosen != ingredient.unit:  # keep the weight, say it in the new unit
            quantity = units.quantity_in(ingredient.grams, chosen, food.portions)
            ingredient = draft.ingredients[index] = recipe_service.ingredient(
                catalog, food.food_id, quantity, chosen
            )
        typed = amount.number_input(
            "Amount",
            value=float(ingredient.quantity),  # no bounds: the domain says what is wrong
            step=10.0 if chosen == "g" else 0.25,
            format="%g",
            key=f"{key}_amount_{index}_{chosen}",
            label_visibility="collapsed",
        )
        if typed != ingredient.quantity:
            try:
                ingredient = draft.ingredients[index] = recipe_service.ingredient(
                    catalog, food.food_id, typed, chosen
                )
            except MenuplannerError as error:
                problem = str(error)
        weight_cells.append((weight.empty(), ingredient.grams))
        if remove.button(
            ":material/close:",
            key=f"{key}_remove_{index}",
            type="tertiary",
            help=f"Remove {literal(food.name)}",
        ):
            removed = index
        if problem:
            st.error(
                f"{literal(problem)} It still counts as {literal(format_grams(ingredient.grams))}."
            )
    energy = recipe_service.line_energy(catalog, draft)
    unit = energy_unit()
    for (cell, grams), kcal in zip(weight_cells, energy, strict=True):
        cell.markdown(f"{format_grams(grams)} · {energy_text(kcal, unit)}")
    return RowChange(removed)


def nutrition_panel(
    whole: dict[str, float], serving: dict[str, float] | None, servings: float
) -> None:
    """Per serving as metrics (the whole recipe when the servings are refused), the whole
    recipe in one line, and where the energy comes from."""
    unit = energy_unit()
    if serving is not None:
        st.markdown(f"**Per serving** (1 of {servings:g}, {format_grams(serving['grams'])})")
        _metrics(serving, unit)
        st.markdown(
            f"**Whole recipe** ({format_grams(whole['grams'])}): "
            + " · ".join(f"{BY_KEY[k].name.lower()} {_amount(whole, k, unit)}" for k in SHOWN)
        )
    else:
        st.markdown(f"**Whole recipe** ({format_grams(whole['grams'])})")
        _metrics(whole, unit)
    if whole["missing_values"]:
        st.caption(
            f"{whole['missing_values']} nutrient values are unknown for some ingredients "
            "and count as 0."
        )
    if whole[ENERGY] > 0:
        split = energy_split(
            protein_g=whole[PROTEIN],
            fat_g=whole[FAT],
            carbohydrate_g=whole[CARBOHYDRATE],
            energy_kcal=whole[ENERGY],
        )
        st.markdown("**Where the energy comes from**")
        figure = charts.energy_sources(split, unit=unit).update_layout(
            title=None, height=280, margin={"t": 30, "b": 20, "l": 10, "r": 10}
        )
        st.plotly_chart(figure, width="stretch", key="recipes_energy_chart")


def _amount(values: dict[str, float], key: str, unit: EnergyUnit = EnergyUnit.KCAL) -> str:
    if key == ENERGY:
        return energy_text(values[key], unit)
    nutrient = BY_KEY[key]
    return f"{format_number(values[key], 1 if nutrient.unit == 'g' else 0)} {nutrient.unit}"


def _metrics(values: dict[str, float], unit: EnergyUnit) -> None:
    for pair in (SHOWN[0:2], SHOWN[2:4], SHOWN[4:6]):
        for column, nutrient_key in zip(st.columns(2), pair, strict=True):
            column.metric(BY_KEY[nutrient_key].name, _amount(values, nutrient_key, unit))


def recipe_label(recipe: Recipe) -> str:
    """The recipe's name, marked when it is demo data."""
    return recipe.name + (" (demo)" if recipe.is_demo and "(demo)" not in recipe.name else "")


def recipes_table(recipes: list[Recipe], catalog: FoodCatalog) -> pl.DataFrame:
    """Name, servings, ingredients and kcal per serving of every recipe (one nutrient query)."""
    per_100g = catalog.nutrients_per_100g(list({i.food_id for r in recipes for i in r.ingredients}))
    kcal = [
        totals.recipe_nutrition(r, per_100g)[1][ENERGY] if r.servings > 0 else None for r in recipes
    ]
    return pl.DataFrame(
        {
            "Recipe": [recipe_label(r) for r in recipes],
            "Servings": [f"{r.servings:g}" for r in recipes],
            "Ingredients": [len(r.ingredients) for r in recipes],
            "Energy per serving": [energy_text(k, energy_unit()) for k in kcal],
        }
    )
