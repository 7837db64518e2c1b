"""Menus and recipes as food lines: one row per food with its grams.

Every total is a sum over lines, so this is the single place where a recipe item in servings
becomes grams of its ingredients. Building the input frames walks the Python objects once; the
scaling itself (grams × servings eaten / servings made) is a Polars expression.
"""

from __future__ import annotations

import polars as pl

from menuplanner.domain.errors import InvalidAmount, NotFound
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Recipe

# item_index (position in menu.items) is the key: item_id is null until the menu is saved.
# food_id is set for food items, recipe_id for recipe items (the other one is null).
ITEM_SCHEMA = {
    "item_index": pl.Int64,
    "item_id": pl.Int64,
    "day": pl.Int32,
    "slot": pl.String,
    "kind": pl.String,
    "label": pl.String,
    "food_id": pl.Int64,
    "recipe_id": pl.Int64,
    "quantity": pl.Float64,
    "unit": pl.String,
    "grams": pl.Float64,  # null for recipe items: their weight comes from the ingredients
}
LINE_COLUMNS = ("item_index", "item_id", "day", "slot", "kind", "label", "food_id", "grams")
RECIPE_LINE_SCHEMA = {
    "ingredient_index": pl.Int64,
    "food_id": pl.Int64,
    "label": pl.String,
    "grams": pl.Float64,
}
_INGREDIENT_SCHEMA = {
    "recipe_id": pl.Int64,
    "ingredient_food_id": pl.Int64,
    "ingredient_grams": pl.Float64,
    "servings": pl.Float64,
}


def menu_items(menu: Menu) -> pl.DataFrame:
    """One row per menu item (ITEM_SCHEMA), in menu.items order."""
    rows = [_item_row(index, item) for index, item in enumerate(menu.items)]
    return pl.DataFrame(rows, schema=ITEM_SCHEMA, orient="row")


def menu_lines(menu: Menu, recipes: dict[int, Recipe]) -> pl.DataFrame:
    """Every item expanded into food lines (columns LINE_COLUMNS), in menu.items order.

    A recipe item of q servings contributes each ingredient's grams × q / recipe.servings.
    Raises NotFound when a recipe item's recipe is missing from `recipes`.
    """
    return lines_of_items(menu_items(menu), ingredients_of(menu, recipes))


def lines_of_items(items: pl.DataFrame, ingredients: pl.DataFrame) -> pl.DataFrame:
    """Food lines of a menu_items frame, given ingredients_of the same menu."""
    # Food items have a null recipe_id, which joins nothing: they keep their own food and grams.
    return (
        items.join(ingredients, on="recipe_id", how="left", maintain_order="left")
        .with_columns(
            food_id=pl.coalesce("ingredient_food_id", "food_id"),
            grams=pl.coalesce(
                pl.col("ingredient_grams") * pl.col("quantity") / pl.col("servings"), "grams"
            ),
        )
        .filter(pl.col("food_id").is_not_null())  # a recipe without ingredients adds no line
        .select(LINE_COLUMNS)
    )


def ingredients_of(menu: Menu, recipes: dict[int, Recipe]) -> pl.DataFrame:
    """recipe_id, ingredient_food_id, ingredient_grams, servings for every recipe the menu uses."""
    used = dict.fromkeys(i.ref_id for i in menu.items if i.kind == ItemKind.RECIPE)
    rows = [
        (recipe_id, ingredient.food_id, ingredient.grams, recipe.servings)
        for recipe_id in used
        for recipe in (_recipe(recipe_id, recipes),)
        for ingredient in recipe.ingredients
    ]
    return pl.DataFrame(rows, schema=_INGREDIENT_SCHEMA, orient="row")


def recipe_lines(recipe: Recipe) -> pl.DataFrame:
    """The whole recipe as food lines: ingredient_index, food_id, label (food name), grams."""
    rows = [
        (index, ingredient.food_id, ingredient.food_name, ingredient.grams)
        for index, ingredient in enumerate(recipe.ingredients)
    ]
    return pl.DataFrame(rows, schema=RECIPE_LINE_SCHEMA, orient="row")


def _item_row(index: int, item: MenuItem) -> tuple:
    is_food = item.kind == ItemKind.FOOD
    return (
        index,
        item.item_id,
        item.day,
        item.slot,
        str(item.kind),
        item.label,
        item.ref_id if is_food else None,
        None if is_food else item.ref_id,
        item.quantity,
        item.unit,
        _food_grams(item) if is_food else None,
    )


def _food_grams(item: MenuItem) -> float:
    if item.grams is not None:
        return item.grams
    if item.unit == "g":  # a weight typed in grams needs no resolving
        return item.quantity
    raise InvalidAmount(
        f"{item.label or 'A food'} on day {item.day + 1} ({item.slot}) has no weight in grams; "
        f"choose its measure again."
    )


def _recipe(recipe_id: int, recipes: dict[int, Recipe]) -> Recipe:
    recipe = recipes.get(recipe_id)
    if recipe is None:
        raise NotFound(f"The menu uses recipe #{recipe_id}, which could not be found.")
    if recipe.servings <= 0:
        raise InvalidAmount(f"Recipe {recipe.name!r} must make more than 0 servings.")
    return recipe
