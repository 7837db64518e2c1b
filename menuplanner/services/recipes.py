"""Recipes: ingredients resolved to grams, nutrition per recipe and per serving, saving,
duplicating and deleting (refused while a menu uses the recipe)."""

from __future__ import annotations

from dataclasses import replace

from menuplanner.domain import units
from menuplanner.domain.errors import InUse, ValidationFailed
from menuplanner.domain.nutrients import ENERGY
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.validation import check_servings, clean_name, clean_notes
from menuplanner.nutrition import totals
from menuplanner.nutrition.lines import recipe_lines
from menuplanner.ports import FoodCatalog, UnitOfWork

MAX_INGREDIENTS = 60


def ingredient(catalog: FoodCatalog, food_id: int, quantity: float, unit: str) -> Ingredient:
    """An ingredient with its grams resolved from the food's household measures."""
    food = catalog.get(food_id)
    return Ingredient(
        food_id, quantity, unit, units.to_grams(quantity, unit, food.portions), food.name
    )


def nutrition(catalog: FoodCatalog, recipe: Recipe) -> tuple[dict[str, float], dict[str, float]]:
    """(whole recipe, one serving): grams, every nutrient, macro %."""
    per_100g = catalog.nutrients_per_100g([i.food_id for i in recipe.ingredients])
    return totals.recipe_nutrition(recipe, per_100g)


def line_energy(catalog: FoodCatalog, recipe: Recipe) -> list[float]:
    """kcal of each ingredient, in order (for the recipe editor's lines)."""
    per_100g = catalog.nutrients_per_100g([i.food_id for i in recipe.ingredients])
    lines = totals.nutrients_of_lines(recipe_lines(recipe), per_100g)
    return lines.sort("ingredient_index")[ENERGY].to_list()


def checked(recipe: Recipe) -> Recipe:
    if not recipe.ingredients:
        raise ValidationFailed("Add at least one ingredient before saving the recipe.")
    if len(recipe.ingredients) > MAX_INGREDIENTS:
        raise ValidationFailed(f"A recipe can have at most {MAX_INGREDIENTS} ingredients.")
    return replace(
        recipe,
        name=clean_name(recipe.name, "Recipe name"),
        servings=check_servings(recipe.servings),
        method=clean_notes(recipe.method, field="Method"),
    )


def save(uow: UnitOfWork, recipe: Recipe) -> int:
    """Adds a new recipe or updates a stored one; returns its id. An edited demo recipe becomes
    the user's own, so removing the demo data keeps it."""
    recipe = replace(checked(recipe), is_demo=False)
    with uow:
        if recipe.recipe_id is None:
            recipe_id = uow.recipes.add(recipe)
        else:
            uow.recipes.update(recipe)
            recipe_id = recipe.recipe_id
        uow.commit()
    return recipe_id


def duplicate(uow: UnitOfWork, recipe_id: int) -> int:
    with uow:
        original = uow.recipes.get(recipe_id)
        taken = {r.name for r in uow.recipes.list()}
        name = f"{original.name} (copy)"
        number = 2
        while name in taken:
            name, number = f"{original.name} (copy {number})", number + 1
        copy = replace(
            original,
            name=name,
            recipe_id=None,
            is_demo=False,
            ingredients=list(original.ingredients),
        )
        new_id = uow.recipes.add(copy)
        uow.commit()
    return new_id


def delete(uow: UnitOfWork, recipe_id: int) -> None:
    with uow:
        recipe = uow.recipes.get(recipe_id)
        users = uow.menus.using_recipe(recipe_id)
        if users:
            where = ", ".join(f"{u.kind} {u.name!r}" for u in users)
            raise InUse(f"Recipe {recipe.name!r} cannot be deleted: it is used in {where}.")
        uow.recipes.delete(recipe_id)
        uow.commit()


def ensure_food_unused(uow: UnitOfWork, food_id: int) -> None:
    """Raises InUse naming every recipe and menu that uses the food (before removing it)."""
    with uow:
        food = uow.foods.get(food_id)
        users = uow.recipes.using_food(food_id) + uow.menus.using_food(food_id)
    if users:
        where = ", ".join(f"{u.kind} {u.name!r}" for u in users)
        raise InUse(f"{food.name!r} cannot be removed: it is used in {where}.")
