"""FoodData Central nutrient values mapped onto our catalogue (by nutrient.csv's nutrient_nbr,
units converted), Branded values per serving turned into per 100 g, and each food's energy:
1008, else 2048, else 2047, else 1062 (kJ), else computed from the macros."""

from __future__ import annotations

import re

import polars as pl

from menuplanner.domain.nutrients import ENERGY, NUTRIENTS
from menuplanner.imports import prepared, report
from menuplanner.imports.fdc.csv_files import collect, whole_numbers

ENERGY_IDS = {
    1008: (0, "FoodData Central nutrient 1008, Energy (kcal)"),
    2048: (1, "FoodData Central nutrient 2048, Energy (Atwater specific factors)"),
    2047: (2, "FoodData Central nutrient 2047, Energy (Atwater general factors)"),
    1062: (3, "FoodData Central nutrient 1062, Energy (kJ), converted to kcal"),
}
ALCOHOL_ID = 1018
FDC_UNITS = {"G": "g", "MG": "mg", "UG": "µg", "KCAL": "kcal", "KJ": "kJ"}
UNIT_FACTORS = {
    ("g", "g"): 1.0,
    ("mg", "mg"): 1.0,
    ("µg", "µg"): 1.0,
    ("g", "mg"): 1000.0,
    ("mg", "g"): 1e-3,
    ("mg", "µg"): 1000.0,
    ("µg", "mg"): 1e-3,
    ("g", "µg"): 1e6,
    ("µg", "g"): 1e-6,
    ("kcal", "kcal"): 1.0,
    ("kJ", "kcal"): 1 / 4.184,
}


def nutrient_map(scan: pl.LazyFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """FDC nutrient id → (our key or energy candidate, factor to our unit, priority, note)."""
    raw = collect(scan, "nutrient.csv")
    defs, problems = whole_numbers(raw, ["id"], "nutrient.csv", report.SKIPS_NOTHING)
    problems = problems.with_columns(pl.lit(report.WARNING).alias("severity"))
    by_number = {n.usda_number: n for n in NUTRIENTS if n.key != ENERGY}
    rows, warnings = [], []
    for line, nutrient_id, name, unit_name, number in defs.select(
        "_line", "id", "name", "unit_name", "nutrient_nbr"
    ).iter_rows():  # a few hundred rows
        if nutrient_id is None:
            continue
        unit = FDC_UNITS.get((unit_name or "").upper())
        number = re.sub(r"\.0+$", "", (number or "").strip())
        if nutrient_id in ENERGY_IDS:
            priority, note = ENERGY_IDS[nutrient_id]
            factor = UNIT_FACTORS.get((unit, "kcal"))
            if factor is not None:
                rows.append((nutrient_id, ENERGY, factor, priority, note, name))
            continue
        if nutrient_id == ALCOHOL_ID and unit == "g":
            rows.append((nutrient_id, prepared.ALCOHOL, 1.0, None, None, name))
            continue
        ours = by_number.get(number)
        if ours is None:
            continue
        factor = UNIT_FACTORS.get((unit, ours.unit))
        if factor is None:
            warnings.append(
                report.problems(
                    "nutrient.csv",
                    f"is given in {unit_name!r}, which cannot be converted to "
                    f"{ours.unit}; {ours.name} values of this nutrient are not imported",
                    line=line,
                    column="unit_name",
                    value=unit_name,
                    severity=report.WARNING,
                    skips=report.SKIPS_NOTHING,
                )
            )
            continue
        rows.append((nutrient_id, ours.key, factor, None, None, name))
    mapped = pl.DataFrame(
        rows,
        schema={
            "nutrient_id": pl.Int64,
            "nutrient": pl.String,
            "factor": pl.Float64,
            "priority": pl.Int64,
            "note": pl.String,
            "nutrient_name": pl.String,
        },
        orient="row",
    )
    return mapped, pl.concat([problems, *warnings], how="vertical_relaxed")


def values_of(
    scan: pl.LazyFrame, nutrient_map: pl.DataFrame, foods_all: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """food_nutrient rows of the nutrients we keep, amounts converted to our units."""
    file = "food_nutrient.csv"
    wanted = nutrient_map.get_column("nutrient_id").to_list()
    raw = collect(
        scan.with_columns(
            pl.col("fdc_id").cast(pl.Int64, strict=False).alias("_fdc_id"),
            pl.col("nutrient_id").cast(pl.Int64, strict=False).alias("_nutrient_id"),
        ).filter(
            pl.col("_nutrient_id").is_in(wanted)
            | pl.col("_nutrient_id").is_null()
            | pl.col("_fdc_id").is_null()
        ),
        file,
    )
    problems = []
    bad_ids = raw.filter(pl.col("_fdc_id").is_null() | pl.col("_nutrient_id").is_null())
    if bad_ids.height:
        column = (
            pl.when(pl.col("_fdc_id").is_null())
            .then(pl.lit("fdc_id"))
            .otherwise(pl.lit("nutrient_id"))
        )
        value = (
            pl.when(pl.col("_fdc_id").is_null())
            .then(pl.col("fdc_id"))
            .otherwise(pl.col("nutrient_id"))
        )
        problems.append(
            report.from_rows(
                bad_ids,
                file,
                "is not a whole number",
                column=column,
                value=value,
                skips=report.SKIPS_ROW,
            )
        )
    rows = raw.filter(
        pl.col("_fdc_id").is_not_null() & pl.col("_nutrient_id").is_not_null()
    ).select(
        "_line",
        pl.col("_fdc_id").alias("fdc_id"),
        pl.col("_nutrient_id").alias("nutrient_id"),
        pl.col("amount").alias("_raw"),
        pl.col("amount").cast(pl.Float64, strict=False).alias("value"),
    )
    orphans = rows.join(foods_all.select("fdc_id"), on="fdc_id", how="anti")
    if orphans.height:
        problems.append(
            report.from_rows(
                orphans,
                file,
                "points to a food that is not in food.csv",
                column="fdc_id",
                value=pl.col("fdc_id"),
                skips=report.SKIPS_ROW,
            )
        )
        rows = rows.join(orphans.select("_line"), on="_line", how="anti")
    rows = rows.join(nutrient_map, on="nutrient_id", how="inner").with_columns(
        pl.col("fdc_id").cast(pl.String).alias("source_id"),
        (
            pl.lit("amount (")
            + pl.col("nutrient_name")
            + pl.lit(", nutrient ")
            + pl.col("nutrient_id").cast(pl.String)
            + pl.lit(")")
        ).alias("_column"),
        pl.lit(file).alias("_file"),
    )
    not_numbers = rows.filter(pl.col("_raw").is_not_null() & pl.col("value").is_null())
    if not_numbers.height:
        problems.append(
            report.from_rows(
                not_numbers, file, "is not a number", column=pl.col("_column"), value=pl.col("_raw")
            )
        )
    rows = rows.filter(pl.col("value").is_not_null()).with_columns(
        (pl.col("value") * pl.col("factor")).alias("amount")
    )
    return rows, pl.concat(problems) if problems else report.empty()


def per_serving(
    values: pl.DataFrame, foods: pl.DataFrame, branded: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Branded amounts given per serving → per 100 g (serving in g; ml counted as g)."""
    branded_ids = foods.filter(pl.col("data_type") == "branded_food").select("fdc_id")
    servings = branded_ids.join(branded, on="fdc_id", how="left")
    usable = servings.filter(
        pl.col("serving_unit").is_in(["g", "ml"]) & (pl.col("serving_size") > 0)
    )
    problems = []
    unusable = servings.join(usable.select("fdc_id"), on="fdc_id", how="anti").with_columns(
        pl.col("fdc_id").cast(pl.String).alias("source_id")
    )
    no_row = unusable.filter(pl.col("_line").is_null())
    if no_row.height:
        problems.append(
            no_row.join(
                foods.select("fdc_id", pl.col("_line").alias("_food_line")), on="fdc_id"
            ).pipe(
                lambda f: report.from_rows(
                    f.with_columns(pl.col("_food_line").alias("_line")),
                    "food.csv",
                    "is a Branded food with no serving size in branded_food.csv, "
                    "so its values per serving cannot be converted to per 100 g",
                    column="fdc_id",
                    value=pl.col("source_id"),
                )
            )
        )
    with_row = unusable.filter(pl.col("_line").is_not_null())
    if with_row.height:
        reason = (
            pl.lit("serving size ")
            + pl.col("serving_text").fill_null("(empty)")
            + pl.lit(" ")
            + pl.col("serving_unit").fill_null("")
            + pl.lit(" is not in g or ml, so values per serving cannot be converted to per 100 g")
        )
        problems.append(
            report.from_rows(
                with_row,
                "branded_food.csv",
                reason,
                column="serving_size_unit",
                value=pl.col("serving_unit"),
            )
        )
    scale = usable.select("fdc_id", (100.0 / pl.col("serving_size")).alias("_scale"))
    values = values.join(unusable.select("fdc_id"), on="fdc_id", how="anti")  # reported above
    converted = (
        values.join(scale, on="fdc_id", how="left")
        .with_columns(
            pl.when(pl.col("fdc_id").is_in(branded_ids.get_column("fdc_id").implode()))
            .then(pl.col("amount") * pl.col("_scale"))
            .otherwise(pl.col("amount"))
            .alias("amount")
        )
        .drop("_scale")
    )
    return converted, pl.concat(problems) if problems else report.empty()


def with_energy(values: pl.DataFrame, foods: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    plain = values.filter(pl.col("priority").is_null() & (pl.col("nutrient") != prepared.ALCOHOL))
    candidates = values.filter(pl.col("priority").is_not_null())
    alcohol = values.filter(pl.col("nutrient") == prepared.ALCOHOL)
    energy, notes = prepared.choose_energy(
        candidates.select(
            "source_id", "priority", "amount", "note", "_file", "_line", "_column", "_raw"
        ),
        plain,
        foods.get_column("fdc_id").cast(pl.String),
        alcohol,
    )
    computed_lines = foods.select(
        pl.col("fdc_id").cast(pl.String).alias("source_id"), "_line"
    ).unique("source_id", keep="first")
    energy = (
        energy.join(computed_lines, on="source_id", how="left", suffix="_food")
        .with_columns(
            pl.coalesce("_file", pl.lit("food.csv")).alias("_file"),
            pl.coalesce("_line", "_line_food").alias("_line"),
            pl.coalesce("_column", pl.lit("energy (computed)")).alias("_column"),
        )
        .drop("_line_food")
    )
    columns = ["source_id", "nutrient", "amount", "_file", "_line", "_column", "_raw"]
    nutrients = pl.concat([plain.select(columns), energy.select(columns)], how="vertical_relaxed")
    return nutrients, notes
