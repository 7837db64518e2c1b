"""Nutrient totals of lines, items, meals, days, menus and recipes: the one place they are
computed, for pages, CLI and notebooks alike.

Items, meals and days are each a sum of the same food lines (lines.py), with one join and one
aggregation; the menu average is the mean of the days. So the numbers a user sees on different
screens add up, and a week of 210 items takes a few milliseconds.
"""

from __future__ import annotations

import polars as pl

from menuplanner.domain.errors import InvalidAmount
from menuplanner.domain.menus import Menu
from menuplanner.domain.nutrients import ENERGY, KCAL_PER_G, KEYS, MACROS
from menuplanner.domain.recipes import Recipe
from menuplanner.nutrition.lines import ingredients_of, lines_of_items, menu_items, recipe_lines

# Macro share of energy, e.g. protein_pct = 100 × 4 × protein_g / energy_kcal.
PCT_COLUMNS = {macro: macro.removesuffix("_g") + "_pct" for macro in MACROS}
AMOUNTS = ("grams", *KEYS)  # columns that add up and scale with the amount eaten
_PER_100G_SCHEMA = pl.Schema({"food_id": pl.Int64, **{key: pl.Float64 for key in KEYS}})


def nutrients_of_lines(lines: pl.DataFrame, per_100g: pl.DataFrame) -> pl.DataFrame:
    """`lines` (food_id, grams, ...) with each nutrient = grams × per-100 g value / 100, for
    breakdowns such as "which food brings the sodium".

    An unknown value (null, or a food absent from `per_100g`) counts as 0 and adds 1 to
    `missing_values`, so a page can say how incomplete a total is.
    """
    return _with_per_100g(lines, per_100g).with_columns(
        pl.sum_horizontal(pl.col(KEYS).is_null()).cast(pl.Int64).alias("missing_values"),
        (pl.col(KEYS) * pl.col("grams") / 100).fill_null(0.0),
    )


def sum_lines(
    lines: pl.DataFrame, per_100g: pl.DataFrame, by: str | list[str] | None = None
) -> pl.DataFrame:
    """The sums of nutrients_of_lines (grams, every nutrient, missing_values), per `by` or in
    one row: Σ grams × value / 100, computed as (Σ grams × value) / 100 in the aggregation
    itself, about twice as fast as summing nutrients_of_lines; the menu builder redraws its
    totals on every edit."""
    joined = _with_per_100g(lines, per_100g)
    sums = (
        pl.col("grams").sum(),
        # sum() skips nulls, so an unknown value adds 0, as in nutrients_of_lines.
        (pl.col(KEYS) * pl.col("grams")).sum() / 100,
        pl.sum_horizontal(pl.col(KEYS).null_count()).cast(pl.Int64).alias("missing_values"),
    )
    return joined.group_by(by).agg(*sums) if by else joined.select(*sums)


def item_totals(menu: Menu, recipes: dict[int, Recipe], per_100g: pl.DataFrame) -> pl.DataFrame:
    """One row per menu item (menu.items order): item columns, grams, nutrients,
    missing_values, macro %. A recipe without ingredients is an item of zeros."""
    items = menu_items(menu)
    lines = lines_of_items(items, ingredients_of(menu, recipes))
    per_item = sum_lines(lines, per_100g, by="item_index")
    return _zeros_and_pct(
        items.drop("grams").join(per_item, on="item_index", how="left", maintain_order="left")
    )


def meal_totals(menu: Menu, recipes: dict[int, Recipe], per_100g: pl.DataFrame) -> pl.DataFrame:
    """One row per day × slot (menu.slots order, then any other slot items use); empty meals
    are zeros. Columns: day, date, slot, n_items, grams, nutrients, missing_values, macro %."""
    items = menu_items(menu)
    per_meal = _sums_by(items, menu, recipes, per_100g, ["day", "slot"])
    extra_slots = [s for s in dict.fromkeys(items.get_column("slot")) if s not in menu.slots]
    slots = pl.DataFrame({"slot": [*menu.slots, *extra_slots]}, schema={"slot": pl.String})
    grid = _days(menu).join(slots, how="cross")
    return _zeros_and_pct(
        grid.join(per_meal, on=["day", "slot"], how="left", maintain_order="left")
    )


def day_totals(menu: Menu, recipes: dict[int, Recipe], per_100g: pl.DataFrame) -> pl.DataFrame:
    """One row per day 0..menu.days-1: day, date, n_items, grams, nutrients, missing_values,
    macro %; days without items are zeros.

    Items on a day outside the menu's range belong to no day and are left out here (they still
    appear in item_totals).
    """
    per_day = _sums_by(menu_items(menu), menu, recipes, per_100g, ["day"])
    return _zeros_and_pct(_days(menu).join(per_day, on="day", how="left", maintain_order="left"))


def days_of_items(item_totals_: pl.DataFrame, menu: Menu) -> pl.DataFrame:
    """day_totals from already computed item_totals, for a page showing both."""
    per_day = item_totals_.group_by("day").agg(
        pl.len().cast(pl.Int64).alias("n_items"),
        pl.col(AMOUNTS).sum(),
        pl.col("missing_values").sum(),
    )
    return _zeros_and_pct(_days(menu).join(per_day, on="day", how="left", maintain_order="left"))


def meals_of_items(item_totals_: pl.DataFrame) -> pl.DataFrame:
    """One row per day × slot that has items: day, slot, labels (the items' labels, in menu
    order), n_items and every amount summed."""
    return item_totals_.group_by("day", "slot", maintain_order=True).agg(
        pl.col("label").alias("labels"),
        pl.len().cast(pl.Int64).alias("n_items"),
        pl.col(AMOUNTS).sum(),
    )


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
    whole = with_macro_pct(sum_lines(recipe_lines(recipe), per_100g))
    serving = whole.with_columns(pl.col(AMOUNTS) / recipe.servings)
    return whole.row(0, named=True), serving.row(0, named=True)


def with_macro_pct(frame: pl.DataFrame) -> pl.DataFrame:
    """Adds protein_pct, carbohydrate_pct, fat_pct: share of the row's reported energy_kcal
    (Atwater 4/4/9), 0 when energy is 0. They need not sum to 100: reported energy also holds
    alcohol and food-specific factors."""
    return frame.with_columns(_macro_pct())


def _macro_pct() -> list[pl.Expr]:
    energy = pl.col(ENERGY)
    return [
        # A null energy (a row with nothing summed) fails the test as well: 0.
        pl.when(energy > 0)
        .then(100.0 * KCAL_PER_G[macro] * pl.col(macro) / energy)
        .otherwise(0.0)
        .alias(pct)
        for macro, pct in PCT_COLUMNS.items()
    ]


def _sums_by(
    items: pl.DataFrame,
    menu: Menu,
    recipes: dict[int, Recipe],
    per_100g: pl.DataFrame,
    by: list[str],
) -> pl.DataFrame:
    """n_items and line sums per group of items, straight from the lines (no item level)."""
    lines = lines_of_items(items, ingredients_of(menu, recipes))
    counts = items.group_by(by).agg(pl.len().cast(pl.Int64).alias("n_items"))
    return counts.join(sum_lines(lines, per_100g, by=by), on=by, how="left")


def _with_per_100g(lines: pl.DataFrame, per_100g: pl.DataFrame) -> pl.DataFrame:
    # m:1 refuses a per-100 g frame listing a food twice, which would count its lines twice.
    return lines.join(
        _per_100g_complete(per_100g),
        on="food_id",
        how="left",
        validate="m:1",
        maintain_order="left",
    )


def _zeros_and_pct(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows with nothing to sum (empty item, meal or day) show zeros, not nulls; plus macro %.
    One pass: the % of a null row already come out as 0 (see _macro_pct)."""
    counts = [c for c in ("missing_values", "n_items") if c in frame.columns]
    return frame.with_columns(
        pl.col(AMOUNTS).fill_null(0.0), pl.col(counts).fill_null(0), *_macro_pct()
    )


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
    if per_100g.schema == _PER_100G_SCHEMA:  # the catalog's frame as is: skip the copy
        return per_100g
    return per_100g.select(
        pl.col("food_id").cast(pl.Int64),
        *(
            pl.col(key).cast(pl.Float64)
            if key in per_100g.columns
            else pl.lit(None, dtype=pl.Float64).alias(key)
            for key in KEYS
        ),
    )
