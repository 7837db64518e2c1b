"""Micronutrient adequacy: each day's and the week's amount of every nutrient with a goal, as a
percentage of the client's RDA or AI, against its upper mark, with honest coverage.

Coverage. Food tables lack some values (vitamin D, K and choline for many foods). An item whose
food (or any ingredient of its recipe) has no value for a nutrient is "unknown" for it; the
day's amount is then the sum of the values that are known, a lower bound, and `complete` is
false: pages say "at least" and how much is unknown ("vitamin D unknown for 8 of 31 items,
24 % of the day's energy"). When no item has a value, the amount is null (status "unknown").

The colouring rule (STATUS_RULE, shown beside every chart):
- over: the amount is above an upper mark that food totals are judged by (a UL covering all
  intake, sodium's CDRR, vitamin A's UL against retinol, or the dietitian's own limit);
- met: 100 % of the goal or more;
- below: from 67 % (two thirds) up to 100 %;
- low: under 67 % of the goal;
- unknown: no item has a value; empty: nothing planned on the day.
A nutrient with only a limit (the dietitian's) is "met" while under it.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from menuplanner.domain.menus import Menu
from menuplanner.domain.nutrient_goals import ResolvedGoal
from menuplanner.domain.nutrients import BY_KEY, ENERGY
from menuplanner.domain.recipes import Recipe
from menuplanner.nutrition.lines import ingredients_of, lines_of_items, menu_items

LOW_PCT = 67.0  # under two thirds of the RDA or AI: low
STATUS_RULE = (
    "Green: the goal (RDA or AI) is met · orange: 67–100 % of it · red: under 67 % · "
    "purple: above the upper limit (UL, sodium's CDRR or your own limit) · grey: unknown."
)
STATUS_COLOURS = {
    "met": "#54A24B",
    "below": "#F2A93B",
    "low": "#E45756",
    "over": "#7B3FA0",
    "unknown": "#BBBBBB",
    "empty": "#BBBBBB",
}
_TOLERANCE = 1e-9  # float noise from summing grams must not flip a status at a boundary

GOAL_SCHEMA = {
    "nutrient": pl.String,
    "goal": pl.Float64,
    "kind": pl.String,
    "upper": pl.Float64,
    "upper_kind": pl.String,
    "upper_checked": pl.Boolean,
    "upper_measure": pl.String,
}
DAY_COLUMNS = (
    "day",
    "nutrient",
    "name",
    "unit",
    "amount",
    "goal",
    "kind",
    "pct",
    "upper",
    "upper_kind",
    "upper_checked",
    "upper_amount",
    "status",
    "complete",
    "items",
    "unknown_items",
    "unknown_energy_pct",
)


def goals_frame(goals: Sequence[ResolvedGoal]) -> pl.DataFrame:
    rows = [
        (
            g.nutrient,
            g.goal,
            g.kind,
            g.upper,
            g.upper_kind,
            g.upper_checked,
            g.upper_measure,
        )
        for g in goals
    ]
    return pl.DataFrame(rows, schema=GOAL_SCHEMA, orient="row")


def item_coverage(
    menu: Menu, recipes: dict[int, Recipe], per_100g: pl.DataFrame, nutrients: Sequence[str]
) -> pl.DataFrame:
    """item_index × nutrient: `unknown` is true when the item's food, or any ingredient of its
    recipe, has no value for the nutrient (or is missing from `per_100g`)."""
    lines = lines_of_items(menu_items(menu), ingredients_of(menu, recipes)).select(
        "item_index", "food_id"
    )
    known = per_100g.select(
        pl.col("food_id").cast(pl.Int64),
        *(
            (pl.col(n).is_not_null() if n in per_100g.columns else pl.lit(False)).alias(n)
            for n in nutrients
        ),
    )
    joined = lines.join(known, on="food_id", how="left").with_columns(
        pl.col(list(nutrients)).cast(pl.Boolean).fill_null(False)
    )
    return (
        joined.unpivot(on=list(nutrients), index="item_index", variable_name="nutrient")
        .group_by("item_index", "nutrient")
        .agg((~pl.col("value").cast(pl.Boolean)).any().alias("unknown"))
    )


def item_amounts(items: pl.DataFrame, coverage: pl.DataFrame, nutrients: Sequence[str]):
    """item_totals (one row per item) in long form, one row per item × nutrient: item_index,
    day, slot, label, energy_kcal, nutrient, amount, unknown."""
    index = ["item_index", "day", "slot", "label", ENERGY]
    long = items.select(*index, *nutrients).unpivot(
        index=index, variable_name="nutrient", value_name="amount"
    )
    return long.join(coverage, on=["item_index", "nutrient"], how="left").with_columns(
        pl.col("unknown").fill_null(False)
    )


def adequacy_by_day(
    amounts: pl.DataFrame, goals: Sequence[ResolvedGoal], days: int
) -> pl.DataFrame:
    """One row per day (0..days-1) × nutrient with a goal or limit (DAY_COLUMNS). `amounts`:
    item_amounts for the goals' nutrients and their upper measures."""
    wanted = goals_frame(goals)
    per_day = amounts.group_by("day", "nutrient").agg(
        pl.col("amount").sum().alias("amount"),
        (~pl.col("unknown")).any().alias("any_known"),
        pl.len().cast(pl.Int64).alias("items"),
        pl.col("unknown").sum().cast(pl.Int64).alias("unknown_items"),
        pl.col(ENERGY).filter(pl.col("unknown")).sum().alias("unknown_energy"),
        pl.col(ENERGY).sum().alias("energy"),
    )
    grid = pl.DataFrame({"day": range(days)}, schema={"day": pl.Int32}).join(wanted, how="cross")
    upper_amounts = per_day.select(
        "day", pl.col("nutrient").alias("upper_measure"), pl.col("amount").alias("upper_amount")
    )
    frame = (
        grid.join(
            per_day.with_columns(pl.col("day").cast(pl.Int32)), on=["day", "nutrient"], how="left"
        )
        .join(
            upper_amounts.with_columns(pl.col("day").cast(pl.Int32)),
            on=["day", "upper_measure"],
            how="left",
        )
        .with_columns(
            pl.col("items").fill_null(0),
            pl.col("unknown_items").fill_null(0),
            amount=pl.when(pl.col("any_known")).then(pl.col("amount")),
            unknown_energy_pct=pl.when(pl.col("energy") > 0).then(
                100.0 * pl.col("unknown_energy") / pl.col("energy")
            ),
        )
    )
    return _judged(frame).select(*DAY_COLUMNS, "energy")


def week_adequacy(by_day: pl.DataFrame) -> pl.DataFrame:
    """The average planned day (days with items; empty days are "not planned yet", as in the
    menu average), one row per nutrient: DAY_COLUMNS without `day`, plus `days`. Coverage is
    over the week's items, and the unknown share of the week's energy."""
    planned = by_day.filter(pl.col("items") > 0)
    first = [pl.col(c).first() for c in ("goal", "kind", "upper", "upper_kind", "upper_checked")]
    week = planned.group_by("nutrient", maintain_order=True).agg(
        *first,
        pl.len().cast(pl.Int64).alias("days"),
        pl.col("amount").mean().alias("amount"),
        pl.col("upper_amount").mean().alias("upper_amount"),
        pl.col("items").sum(),
        pl.col("unknown_items").sum(),
        (pl.col("unknown_energy_pct").fill_null(0.0) * pl.col("energy"))
        .sum()
        .alias("unknown_energy"),
        pl.col("energy").sum().alias("energy"),
    )
    names = by_day.select(
        "nutrient", "goal", "kind", "upper", "upper_kind", "upper_checked"
    ).unique("nutrient", maintain_order=True)
    missing = names.join(week, on="nutrient", how="anti").with_columns(
        pl.lit(0, dtype=pl.Int64).alias("days"),
        pl.lit(None, dtype=pl.Float64).alias("amount"),
        pl.lit(None, dtype=pl.Float64).alias("upper_amount"),
        pl.lit(0, dtype=pl.Int64).alias("items"),
        pl.lit(0, dtype=pl.Int64).alias("unknown_items"),
        pl.lit(0.0).alias("unknown_energy"),
        pl.lit(0.0).alias("energy"),
    )
    week = pl.concat([week, missing.select(week.columns)], how="vertical_relaxed").with_columns(
        unknown_energy_pct=pl.when(pl.col("energy") > 0).then(
            pl.col("unknown_energy") / pl.col("energy")
        )
    )
    order = names.select("nutrient").with_row_index("order")
    judged = _judged(week).join(order, on="nutrient").sort("order")
    return judged.select("days", *(c for c in DAY_COLUMNS if c != "day"))


def top_contributors(
    amounts: pl.DataFrame, nutrient: str, day: int | None = None, n: int = 3
) -> pl.DataFrame:
    """The items giving most of `nutrient` on `day` (or over the whole menu): label, day, slot,
    amount and share (% of the day's or menu's amount), largest first; items giving none are
    left out."""
    rows = amounts.filter(pl.col("nutrient") == nutrient, pl.col("amount") > 0)
    if day is not None:
        rows = rows.filter(pl.col("day") == day)
    total = rows["amount"].sum()
    return (
        rows.sort("amount", descending=True, maintain_order=True)
        .head(n)
        .select(
            "label",
            "day",
            "slot",
            "amount",
            (100.0 * pl.col("amount") / total if total else pl.lit(0.0)).alias("share"),
        )
    )


def coverage_sentence(row: dict, scope: str = "day") -> str:
    """'Vitamin D unknown for 8 of 31 items, 24 % of the day's energy.' ('' when complete)."""
    if not row["unknown_items"]:
        return ""
    name = BY_KEY[row["nutrient"]].name
    share = row["unknown_energy_pct"]
    energy = f", {share:.0f} % of the {scope}'s energy" if share is not None else ""
    return f"{name} unknown for {row['unknown_items']} of {row['items']} items{energy}."


def _judged(frame: pl.DataFrame) -> pl.DataFrame:
    """Adds name, unit, pct, complete and status (see STATUS_RULE)."""
    pct = pl.when(pl.col("goal") > 0).then(100.0 * pl.col("amount") / pl.col("goal"))
    over = (
        pl.col("upper_checked").fill_null(False)
        & pl.col("upper").is_not_null()
        & (pl.col("upper_amount") > pl.col("upper") * (1 + _TOLERANCE))
    )
    status = (
        pl.when(pl.col("items") == 0)
        .then(pl.lit("empty"))
        .when(over.fill_null(False))
        .then(pl.lit("over"))
        .when(pl.col("amount").is_null())
        .then(pl.lit("unknown"))
        .when(pl.col("goal").is_null() | (pl.col("pct") >= 100.0 - _TOLERANCE))
        .then(pl.lit("met"))
        .when(pl.col("pct") >= LOW_PCT - _TOLERANCE)
        .then(pl.lit("below"))
        .otherwise(pl.lit("low"))
    )
    units = {key: n.unit for key, n in BY_KEY.items()}
    names = {key: n.name for key, n in BY_KEY.items()}
    return frame.with_columns(
        pct=pct,
        complete=pl.col("unknown_items") == 0,
        name=pl.col("nutrient").replace_strict(names),
        unit=pl.col("nutrient").replace_strict(units),
    ).with_columns(status=status)
