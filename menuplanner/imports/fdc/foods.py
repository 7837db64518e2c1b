"""FoodData Central foods: food.csv's rows, Branded details (brand, serving, category) and the
food groups (FDC categories matching SR26 groups keep their SR26 code)."""

from __future__ import annotations

import polars as pl

from menuplanner.domain.foods import looks_branded
from menuplanner.imports import prepared, report
from menuplanner.imports.fdc.csv_files import collect, whole_numbers

DATA_TYPES = {
    "sr_legacy_food": "SR Legacy",
    "foundation_food": "Foundation",
    "survey_fndds_food": "Survey (FNDDS)",
    "branded_food": "Branded",
}


def foods_of(scan: pl.LazyFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    raw = collect(scan, "food.csv")
    if "food_category_id" not in raw.columns:
        raw = raw.with_columns(pl.lit(None, pl.String).alias("food_category_id"))
    if "publication_date" not in raw.columns:
        raw = raw.with_columns(pl.lit(None, pl.String).alias("publication_date"))
    foods, found = whole_numbers(raw, ["fdc_id"], "food.csv", report.SKIPS_ROW)
    return foods.with_columns(pl.lit("food.csv").alias("_file")), found


def branded_of(scan: pl.LazyFrame | None, foods: pl.DataFrame) -> pl.DataFrame:
    """fdc_id, serving (g or ml), unit, household text, brand, category, ingredients, `_line`."""
    schema = {
        "fdc_id": pl.Int64,
        "serving_size": pl.Float64,
        "serving_unit": pl.String,
        "household": pl.String,
        "brand": pl.String,
        "category": pl.String,
        "ingredients": pl.String,
        "serving_text": pl.String,
        "_line": pl.Int64,
    }
    if scan is None:
        return pl.DataFrame(schema=schema)
    raw = collect(scan, "branded_food.csv")
    brand = pl.coalesce(
        [pl.col(c) for c in ("brand_owner", "brand_name") if c in raw.columns]
        or [pl.lit(None, pl.String)]
    )
    return (
        raw.select(
            pl.col("fdc_id").cast(pl.Float64, strict=False).cast(pl.Int64, strict=False),
            pl.col("serving_size").cast(pl.Float64, strict=False),
            pl.col("serving_size_unit")
            .str.to_lowercase()
            .replace({"grm": "g", "gram": "g", "grams": "g", "mlt": "ml"})
            .alias("serving_unit"),
            (
                pl.col("household_serving_fulltext")
                if "household_serving_fulltext" in raw.columns
                else pl.lit(None, pl.String)
            ).alias("household"),
            brand.alias("brand"),
            (
                pl.col("branded_food_category")
                if "branded_food_category" in raw.columns
                else pl.lit(None, pl.String)
            ).alias("category"),
            (
                pl.col("ingredients").str.strip_chars()
                if "ingredients" in raw.columns
                else pl.lit(None, pl.String)
            ).alias("ingredients"),
            pl.col("serving_size").alias("serving_text"),
            "_line",
        )
        .join(foods.select("fdc_id"), on="fdc_id", how="semi")
        .unique("fdc_id", keep="first")
    )


def groups_of(
    scans: dict[str, pl.LazyFrame], foods: pl.DataFrame, branded: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Food groups (group_key, group_name, known_code) and the foods with group, brand, flags."""
    categories = pl.DataFrame(
        schema={"category_id": pl.String, "group_name": pl.String, "known_code": pl.String}
    )
    if "food_category.csv" in scans:
        raw = collect(scans["food_category.csv"], "food_category.csv")
        categories = raw.select(
            pl.col("id").alias("category_id"),
            pl.col("description").alias("group_name"),
            (pl.col("code") if "code" in raw.columns else pl.lit(None, pl.String)).alias(
                "known_code"
            ),
        )
    wweia = pl.DataFrame(schema={"category_id": pl.String, "group_name": pl.String})
    if "wweia_food_category.csv" in scans:
        wweia = collect(scans["wweia_food_category.csv"], "wweia_food_category.csv").select(
            pl.col("wweia_food_category").alias("category_id"),
            pl.col("wweia_food_category_description").alias("group_name"),
        )
    is_survey = pl.col("data_type") == "survey_fndds_food"
    is_branded = pl.col("data_type") == "branded_food"
    with_brand = foods.join(
        branded.select("fdc_id", "brand", "category", "ingredients"), on="fdc_id", how="left"
    )
    keyed = with_brand.with_columns(
        pl.when(is_branded & pl.col("category").is_not_null())
        .then(pl.lit("branded:") + pl.col("category").str.to_lowercase())
        .when(is_survey & pl.col("food_category_id").is_not_null())
        .then(pl.lit("wweia:") + pl.col("food_category_id"))
        .when(pl.col("food_category_id").is_not_null())
        .then(pl.lit("fdc:") + pl.col("food_category_id"))
        .otherwise(pl.lit(prepared.OTHER_GROUP))
        .alias("group_key"),
    )
    key, name, code = pl.col("group_key"), pl.col("group_name"), pl.col("known_code")
    names = pl.concat(
        [
            categories.select(
                (pl.lit("fdc:") + pl.col("category_id")).alias("group_key"), name, code
            ),
            wweia.select(
                (pl.lit("wweia:") + pl.col("category_id")).alias("group_key"),
                name,
                pl.lit(None, pl.String).alias("known_code"),
            ),
            keyed.filter(is_branded & pl.col("category").is_not_null()).select(
                key,
                pl.col("category").alias("group_name"),
                pl.lit(None, pl.String).alias("known_code"),
            ),
        ]
    ).unique("group_key", keep="first")
    used = keyed.select("group_key").unique()
    groups = (
        used.join(names, on="group_key", how="left")
        .with_columns(
            pl.when(pl.col("group_key") == prepared.OTHER_GROUP)
            .then(pl.lit("Other foods"))
            .otherwise(
                pl.coalesce(
                    "group_name",
                    pl.lit("Food category ") + pl.col("group_key").str.split(":").list.last(),
                )
            )
            .alias("group_name"),
        )
        .select(list(prepared.GROUP_SCHEMA))
        .cast(prepared.GROUP_SCHEMA)
    )
    foods = keyed.with_columns(
        pl.col("brand").fill_null("").alias("manufacturer"),
        pl.col("ingredients").fill_null(""),
        (
            is_branded.fill_null(False)
            | pl.struct("description", "brand").map_elements(
                lambda r: looks_branded(r["description"] or "", r["brand"] or ""),
                return_dtype=pl.Boolean,
            )
        ).alias("is_branded"),
        is_survey.fill_null(False).alias("is_common"),
    ).filter(pl.col("fdc_id").is_not_null())
    return groups, foods
