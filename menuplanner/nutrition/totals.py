"""Nutrient totals of lines, items, meals, days, menus and recipes: the one place they are
computed, for pages, CLI and notebooks alike.

Each level sums the one below (lines → items → meals / days → menu average), so the numbers a
user sees on different screens always add up.
"""

from __future__ import annotations

import polars as pl

from menuplanner.domain.errors import InvalidAmount
from menuplanner.domain.menus import Menu
from menuplanner.domain.nutrients import ENERGY, KCAL_PER_G, KEYS, MACROS
from menuplanner.domain.recipes import Recipe
from menuplanner.nutrition.lines import menu_items, menu_lines, recipe_lines

# Macro share of energy, e.g. protein_pct = 100 × 4 × protein_g / energy_kcal.
PCT_COLUMNS = {macro: macro.removesuffix("_g") + "_pct" for macro in MACROS}
AMOUNTS = ("grams", *KEYS)  # columns that add up and scale with the amount eaten


def nutrients_of_lines(lines: pl.DataFrame, per_100g: pl.DataFrame) -> pl.DataFrame:
    """`lines` (food_id, grams, ...) with each nutrient = grams × per-100 g value / 100.

    An unknown value (null, or a food absent from `per_100g`) counts as 0 in the sums and adds
    1 to `missing_values`, so a page can say how incomplete a total is.
    """
    joined = lines.join(
        _per_100g_complete(per_100g), on="food_id", how="left", validate="m:1",
        maintain_order="left",
    )
    return joined.with_columns(
        pl.sum_horizontal(pl.col(key).is_null() for key in KEYS)
        .cast(pl.Int64).alias("missing_values"),
        *((pl.col("grams") * pl.col(key) / 100).fill_null(0.0).alias(key) for key in KEYS),
    )


def item_totals(menu: Menu, recipes: dict[int, Recipe], per_100g: pl.DataFrame) -> pl.DataFrame:
    """One row per menu item (menu.items order): item columns, grams, nutrients, macro %."""
    lines = nutrients_of_lines(menu_lines(menu, recipes), per_100g)
    per_item = lines.group_by("item_index").agg(*_sums())
    # Left join keeps items whose recipe has no ingredients, as zeros.
    items = menu_items(menu).drop("grams").join(
        per_item, on="item_index", how="left", maintain_order="left"
    )
    return with_macro_pct(items.with_columns(_zero_if_null()))


def meal_totals(menu: Menu, recipes: dict[int, Recipe], per_100g: pl.DataFrame) -> pl.DataFrame:
    """One row per day × slot (menu.slots order, then any other slot items use); empty meals
    are zeros. Columns: day, date, slot, n_items, grams, nutrients, missing_values, macro %."""
    items = item_totals(menu, recipes, per_100g)
    per_meal = items.group_by("day", "slot").agg(pl.len().alias("n_items"), *_sums())
    extra_slots = [s for s in dict.fromkeys(items.get_column("slot")) if s not in menu.slots]
    grid = _days(menu).join(
        pl.DataFrame({"slot": [*menu.slots, *extra_slots]}, schema={"slot": pl.String}),
        how="cross",
    )
    meals = grid.join(per_meal, on=["day", "slot"], how="left", maintain_order="left")
    return with_macro_pct(meals.with_columns(_zero_if_null("n_items")))


def day_totals(menu: Menu, recipes: dict[int, Recipe], per_100g: pl.DataFrame) -> pl.DataFrame:
    """One row per day 0..menu.days-1 with its date; days without items are zeros.

    Items on a day outside the menu's range belong to no day and are left out here (they still
    appear in item_totals).
    """
    return days_of_items(item_totals(menu, recipes, per_100g), menu)


def days_of_items(item_totals_: pl.DataFrame, menu: Menu) -> pl.DataFrame:
    """Day totals from already computed item totals (saves recomputing them on a page)."""
    per_day = item_totals_.group_by("day").agg(pl.len().alias("n_items"), *_sums())
    days = _days(menu).join(per_day, on="day", how="left", maintain_order="left")
    return with_macro_pct(days.with_columns(_zero_if_null("n_items")))


def menu_average(menu: Menu, recipes: dict[int, Recipe], per_100g: pl.DataFrame) -> pl.DataFrame:
    """The average day of the menu, as one row; see average_of_days."""
    return average_of_days(day_totals(menu, recipes, per_100g))


def average_of_days(day_totals_: pl.DataFrame) -> pl.DataFrame:
    """Mean over the days that have at least one item, as one row with `days_counted`.

    Empty days are left out because in a menu being built they mean "not planned yet", not
    "ate nothing": counting them would make a half-built week look like under-eating.
    Macro % are recomputed from the mean amounts (the split of the average day), not averaged.
    All zeros with days_counted 0 when no day has items.
    """
    planned = day_totals_.filter(pl.col("n_items") > 0)
    means = planned.select(
        pl.len().cast(pl.Int64).alias("days_counted"),
        *(pl.col(column).mean().fill_null(0.0) for column in AMOUNTS),
    )
    return with_macro_pct(means)


def recipe_nutrition(
    recipe: Recipe, per_100g: pl.DataFrame
) -> tuple[dict[str, float], dict[str, float]]:
    """(per recipe, per serving): grams, every nutrient, macro % and missing_values.

    Per serving = per recipe / recipe.servings for amounts; macro % and the count of unknown
    values are the same for both.
    """
    if recipe.servings <= 0:
        raise InvalidAmount(f"Recipe {recipe.name!r} must make more than 0 servings.")
    lines = nutrients_of_lines(recipe_lines(recipe), per_100g)
    whole = with_macro_pct(lines.select(*_sums()))
    serving = whole.with_columns(pl.col(AMOUNTS) / recipe.servings)
    return whole.row(0, named=True), serving.row(0, named=True)


def with_macro_pct(frame: pl.DataFrame) -> pl.DataFrame:
    """Adds protein_pct, carbohydrate_pct, fat_pct: share of the row's reported energy_kcal
    (Atwater 4/4/9), 0 when energy is 0. They need not sum to 100: reported energy also holds
    alcohol and food-specific factors."""
    energy = pl.col(ENERGY)
    return frame.with_columns(
        pl.when(energy > 0)
        .then(100.0 * KCAL_PER_G[macro] * pl.col(macro) / energy)
        .otherwise(0.0)
        .alias(pct)
        for macro, pct in PCT_COLUMNS.items()
    )


def _sums() -> list[pl.Expr]:
    return [pl.col(AMOUNTS).sum(), pl.col("missing_values").sum()]


def _zero_if_null(*counts: str) -> list[pl.Expr]:
    """Rows with nothing to sum (empty item, meal or day) show zeros, not nulls."""
    return [
        pl.col(AMOUNTS).fill_null(0.0),
        pl.col("missing_values", *counts).fill_null(0).cast(pl.Int64),
    ]


def _days(menu: Menu) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "day": range(menu.days),
            "date": [menu.date_of(day) for day in range(menu.days)],
        },
        schema={"day": pl.Int32, "date": pl.Date},
    )


def _per_100g_complete(per_100g: pl.DataFrame) -> pl.DataFrame:
    """food_id and every nutrient key as Float64; a key the frame lacks is unknown for all."""
    return per_100g.select(
        pl.col("food_id").cast(pl.Int64),
        *(
            pl.col(key).cast(pl.Float64) if key in per_100g.columns
            else pl.lit(None, dtype=pl.Float64).alias(key)
            for key in KEYS
        ),
    )
