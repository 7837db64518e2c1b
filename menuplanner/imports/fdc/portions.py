"""FoodData Central household measures: food_portion.csv's rows (named by measure unit,
modifier or description) and Branded servings in g or ml."""

from __future__ import annotations

import re

import polars as pl

from menuplanner.imports import prepared, report
from menuplanner.imports.fdc.csv_files import OPTIONAL_COLUMNS, collect, whole_numbers

_LEADING_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?|\d+/\d+)\s+(.+)$")


def portions_of(
    scans: dict[str, pl.LazyFrame],
    foods_all: pl.DataFrame,
    foods: pl.DataFrame,
    branded: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    columns = ["source_id", "amount", "description", "gram_weight", "_file", "_line", "_order"]
    parts, problems = [], []
    if "food_portion.csv" in scans:
        raw = collect(scans["food_portion.csv"], "food_portion.csv")
        for column in OPTIONAL_COLUMNS["food_portion.csv"]:
            if column not in raw.columns:
                raw = raw.with_columns(pl.lit(None, pl.String).alias(column))
        cast, found = whole_numbers(raw, ["fdc_id"], "food_portion.csv", report.SKIPS_ROW)
        problems.append(found)
        cast = cast.filter(pl.col("fdc_id").is_not_null())
        orphans = cast.join(foods_all.select("fdc_id"), on="fdc_id", how="anti")
        if orphans.height:
            problems.append(
                report.from_rows(
                    orphans,
                    "food_portion.csv",
                    "points to a food that is not in food.csv",
                    column="fdc_id",
                    value=pl.col("fdc_id"),
                    skips=report.SKIPS_ROW,
                )
            )
        units = pl.DataFrame(schema={"measure_unit_id": pl.String, "unit_name": pl.String})
        if "measure_unit.csv" in scans:
            units = collect(scans["measure_unit.csv"], "measure_unit.csv").select(
                pl.col("id").alias("measure_unit_id"), pl.col("name").alias("unit_name")
            )
        rows = cast.join(foods.select("fdc_id"), on="fdc_id", how="semi").join(
            units, on="measure_unit_id", how="left"
        )
        known_unit = pl.col("unit_name").is_not_null() & ~pl.col("unit_name").is_in(
            ["undetermined", ""]
        )
        amount = pl.col("amount").cast(pl.Float64, strict=False)
        description = (
            pl.when(known_unit & pl.col("modifier").is_not_null())
            .then(pl.col("unit_name") + pl.lit(", ") + pl.col("modifier"))
            .when(known_unit)
            .then(pl.col("unit_name"))
            .when(pl.col("modifier").is_not_null() & ~pl.col("modifier").str.contains(r"^\d+$"))
            .then(pl.col("modifier"))
            .otherwise(pl.col("portion_description"))
        )
        rows = rows.with_columns(description.alias("description"), amount.alias("amount"))
        rows = _split_leading_amount(rows)
        parts.append(
            rows.select(
                pl.col("fdc_id").cast(pl.String).alias("source_id"),
                "amount",
                "description",
                pl.col("gram_weight").cast(pl.Float64, strict=False),
                pl.lit("food_portion.csv").alias("_file"),
                "_line",
                pl.col("seq_num").cast(pl.Float64, strict=False).fill_null(0).alias("_order"),
            )
        )
    servings = branded.filter(
        pl.col("serving_unit").is_in(["g", "ml"]) & (pl.col("serving_size") > 0)
    )
    if servings.height:
        rows = servings.join(foods.select("fdc_id"), on="fdc_id", how="semi").with_columns(
            pl.lit(None, pl.Float64).alias("amount"),
            pl.coalesce(pl.col("household"), pl.lit("serving")).alias("description"),
        )
        rows = _split_leading_amount(rows)
        parts.append(
            rows.select(
                pl.col("fdc_id").cast(pl.String).alias("source_id"),
                "amount",
                "description",
                pl.col("serving_size").alias("gram_weight"),
                pl.lit("branded_food.csv").alias("_file"),
                "_line",
                pl.lit(-1.0).alias("_order"),
            )
        )
    if not parts:
        empty = pl.DataFrame(
            schema={**prepared.PORTION_SCHEMA, "_file": pl.String, "_line": pl.Int64}
        )
        return empty, pl.concat(problems) if problems else report.empty()
    portions = (
        pl.concat([p.select(columns) for p in parts], how="vertical_relaxed")
        .sort(["source_id", "_order", "_line"])
        .with_columns(pl.lit(0, pl.Int32).alias("seq"))
        .drop("_order")
    )
    return portions, pl.concat(problems, how="vertical_relaxed") if problems else report.empty()


def _split_leading_amount(rows: pl.DataFrame) -> pl.DataFrame:
    """'2 tbsp' with no amount → amount 2, 'tbsp'; no number at all → amount 1."""
    number = pl.col("description").str.extract(_LEADING_AMOUNT.pattern, 1)
    rest = pl.col("description").str.extract(_LEADING_AMOUNT.pattern, 2)
    as_float = (
        pl.when(number.str.contains("/"))
        .then(
            number.str.split("/").list.first().cast(pl.Float64, strict=False)
            / number.str.split("/").list.last().cast(pl.Float64, strict=False)
        )
        .otherwise(number.cast(pl.Float64, strict=False))
    )
    missing = pl.col("amount").is_null()
    return rows.with_columns(
        pl.when(missing & as_float.is_not_null())
        .then(as_float)
        .when(missing)
        .then(pl.lit(1.0))
        .otherwise(pl.col("amount"))
        .alias("amount"),
        pl.when(missing & as_float.is_not_null())
        .then(rest)
        .otherwise(pl.col("description"))
        .alias("description"),
    )
