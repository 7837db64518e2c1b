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
ITEM_SCHEMA = {
    "item_index": pl.Int64,
    "item_id": pl.Int64,
    "day": pl.Int32,
    "slot": pl.String,
    "kind": pl.String,
    "label": pl.String,
    "ref_id": pl.Int64,
    "quantity": pl.Float64,
    "grams": pl.Float64,  # foods only; null for recipe items
}
LINE_COLUMNS = ("item_index", "item_id", "day", "slot", "kind", "label", "food_id", "grams")
RECIPE_LINE_SCHEMA = {
    "ingredient_index": pl.Int64,
    "food_id": pl.Int64,
    "label": pl.String,
    "grams": pl.Float64,
}


def menu_items(menu: Menu) -> pl.DataFrame:
    """One row per menu item, in menu.items order."""
    rows = [_item_row(index, item) for index, item in enumerate(menu.items)]
    return pl.DataFrame(rows, schema=ITEM_SCHEMA, orient="row")


def menu_lines(menu: Menu, recipes: dict[int, Recipe]) -> pl.DataFrame:
    """Every item expanded into food lines (columns LINE_COLUMNS), in menu.items order.

    A recipe item of q servings contributes each ingredient's grams × q / recipe.servings.
    Raises NotFound when a recipe item's recipe is missing from `recipes`.
    """
    items = menu_items(menu)
    food_lines = items.filter(pl.col("kind") == ItemKind.FOOD.value).with_columns(
        food_id=pl.col("ref_id")
    )
    recipe_items = items.filter(pl.col("kind") == ItemKind.RECIPE.value)
    used = recipe_items.get_column("ref_id").unique().to_list()
    recipe_lines_ = recipe_items.drop("grams").join(
        _ingredients(used, recipes), on="ref_id", how="inner", maintain_order="left"
    ).with_columns(grams=pl.col("ingredient_grams") * pl.col("quantity") / pl.col("servings"))
    return (
        pl.concat([food_lines.select(LINE_COLUMNS), recipe_lines_.select(LINE_COLUMNS)])
        .sort("item_index", maintain_order=True)
    )


def recipe_lines(recipe: Recipe) -> pl.DataFrame:
    """The whole recipe as food lines: ingredient_index, food_id, label (food name), grams."""
    rows = [
        (index, ingredient.food_id, ingredient.food_name, ingredient.grams)
        for index, ingredient in enumerate(recipe.ingredients)
    ]
    return pl.DataFrame(rows, schema=RECIPE_LINE_SCHEMA, orient="row")


def _item_row(index: int, item: MenuItem) -> tuple:
    grams = _food_grams(item) if item.kind == ItemKind.FOOD else None
    return (
        index, item.item_id, item.day, item.slot, str(item.kind), item.label,
        item.ref_id, item.quantity, grams,
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


def _ingredients(recipe_ids: list[int], recipes: dict[int, Recipe]) -> pl.DataFrame:
    """ref_id, food_id, ingredient_grams, servings for every ingredient of the used recipes."""
    rows = []
    for recipe_id in recipe_ids:
        recipe = _recipe(recipe_id, recipes)
        rows.extend((recipe_id, i.food_id, i.grams, recipe.servings) for i in recipe.ingredients)
    schema = {
        "ref_id": pl.Int64, "food_id": pl.Int64,
        "ingredient_grams": pl.Float64, "servings": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def _recipe(recipe_id: int, recipes: dict[int, Recipe]) -> Recipe:
    recipe = recipes.get(recipe_id)
    if recipe is None:
        raise NotFound(f"The menu uses recipe #{recipe_id}, which could not be found.")
    if recipe.servings <= 0:
        raise InvalidAmount(f"Recipe {recipe.name!r} must make more than 0 servings.")
    return recipe
