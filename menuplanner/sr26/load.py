"""Read and validate the SR26 tables into the frames the store writes.

Nothing is written until every file has parsed and passed its schema: a damaged file raises
`DataFileError` listing file, line, column, value and reason. Energy far from the 4/9/4 Atwater
estimate is a warning (alcohol, polyols and food-specific factors explain most of them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandera.errors
import pandera.polars as pa
import polars as pl

from menuplanner.domain import search
from menuplanner.domain.nutrients import KEYS
from menuplanner.sr26 import files, schemas
from menuplanner.sr26.errors import DataFileError, Problem
from menuplanner.sr26.reader import LINE, read_sr_file, to_numbers

DATASET_NAME = "USDA SR26"
DATASET_VERSION = "Release 26 (2013)"
DATASET_LICENCE = "Public domain (work of the U.S. Government). Source: USDA ARS, SR26, 2013."
ATWATER_WARNING_PCT = 20.0
ATWATER_WARNING_MIN_KCAL = 50.0


@dataclass(frozen=True)
class Sr26Tables:
    groups: pl.DataFrame  # group_code, group_name
    foods: pl.DataFrame  # food_id, source_id, name, ..., search_text
    nutrients: pl.DataFrame  # food_id, nutrient, amount (long, per 100 g)
    portions: pl.DataFrame  # food_id, seq, amount, description, gram_weight
    warnings: list[Problem]


def load_sr26(data_dir: Path = files.BUNDLED_DIR) -> Sr26Tables:
    raw = {name: read_sr_file(data_dir / name, columns) for name, columns in files.FILES.items()}
    problems: list[Problem] = []

    groups = raw["FD_GROUP.txt"]
    problems += _validate(schemas.FoodGroups, groups, "FD_GROUP.txt")

    foods, found = to_numbers(
        raw["FOOD_DES.txt"],
        ["refuse_pct", "n_factor", "protein_factor", "fat_factor", "carbohydrate_factor"],
        "FOOD_DES.txt",
    )
    problems += found + _validate(schemas.Foods, foods, "FOOD_DES.txt")

    abbrev, found = to_numbers(raw["ABBREV.txt"], list(KEYS), "ABBREV.txt")
    nutrients = _long_nutrients(abbrev)
    problems += found + _validate(
        schemas.NutrientAmounts, nutrients, "ABBREV.txt", column="nutrient"
    )

    portions, found = to_numbers(raw["WEIGHT.txt"], ["seq", "amount", "gram_weight"], "WEIGHT.txt")
    portions = portions.with_columns(pl.col("seq").cast(pl.Int64, strict=False))
    problems += found + _validate(schemas.Portions, portions, "WEIGHT.txt")

    problems += _unknown_refs(foods, groups, "group_code", "FOOD_DES.txt", "food group")
    problems += _unknown_refs(portions, foods, "ndb_no", "WEIGHT.txt", "food")
    problems += _unknown_refs(abbrev, foods, "ndb_no", "ABBREV.txt", "food")
    if problems:
        raise DataFileError("The bundled USDA SR26 data is damaged:", problems)

    counts = portions.group_by("ndb_no").agg(pl.len().cast(pl.Int32).alias("portion_count"))
    foods = foods.join(counts, on="ndb_no", how="left")
    return Sr26Tables(
        groups=groups.drop(LINE),
        foods=_food_rows(foods),
        nutrients=nutrients.select(_food_id(), "nutrient", "amount"),
        portions=portions.select(_food_id(), "seq", "amount", "description", "gram_weight"),
        warnings=_atwater_warnings(abbrev),
    )


def _food_id() -> pl.Expr:
    # SR26 foods keep their NDB number as id, so rebuilding never renumbers what menus use.
    return pl.col("ndb_no").cast(pl.Int64).alias("food_id")


def _food_rows(foods: pl.DataFrame) -> pl.DataFrame:
    return foods.select(
        _food_id(),
        pl.col("ndb_no").alias("source_id"),
        pl.col("long_desc").alias("name"),
        pl.col("short_desc").alias("short_name"),
        "group_code",
        pl.col("common_name").fill_null(""),
        pl.col("manufacturer").fill_null(""),
        (pl.col("survey") == "Y").fill_null(False).alias("is_common"),
        pl.struct("long_desc", "manufacturer")
        .map_elements(
            lambda r: search.looks_branded(r["long_desc"], r["manufacturer"] or ""),
            return_dtype=pl.Boolean,
        )
        .alias("is_branded"),
        pl.col("portion_count").fill_null(0),
        pl.col("refuse_pct").fill_null(0.0),
        pl.col("sci_name").fill_null(""),
        "protein_factor",
        "fat_factor",
        "carbohydrate_factor",
        pl.concat_str(pl.col("long_desc"), pl.col("common_name").fill_null(""), separator=" ")
        .map_elements(search.search_text, return_dtype=pl.String)
        .alias("search_text"),
    )


def _long_nutrients(abbrev: pl.DataFrame) -> pl.DataFrame:
    return (
        abbrev.select(LINE, "ndb_no", *KEYS)
        .unpivot(
            index=[LINE, "ndb_no"], on=list(KEYS), variable_name="nutrient", value_name="amount"
        )
        .drop_nulls("amount")
    )


def _validate(
    model: type[pa.DataFrameModel], frame: pl.DataFrame, file_name: str, column: str | None = None
) -> list[Problem]:
    try:
        model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        return _problems_from(errors.failure_cases, frame, file_name, column)
    return []


def _problems_from(
    failures: pl.DataFrame, frame: pl.DataFrame, file_name: str, column_from: str | None
) -> list[Problem]:
    problems = []
    for failure in failures.iter_rows(named=True):
        index = failure.get("index")
        row = frame.row(index, named=True) if index is not None else None
        column = failure.get("column")
        if row is not None and column_from and column in (None, "", file_name, frame.columns):
            column = row[column_from]
        if column in (None, "") and row is not None and column_from:
            column = row[column_from]
        value = failure.get("failure_case")
        if row is not None and column_from and "amount" in row:
            value = row["amount"]
        problems.append(
            Problem(
                file_name,
                row[LINE] if row is not None else None,
                str(column) if column else None,
                None if value is None else str(value),
                _reason(str(failure.get("check"))),
            )
        )
    return problems


def _reason(check: str) -> str:
    plain = {
        "greater_than_or_equal_to(0)": "must not be negative",
        "greater_than(0)": "must be more than 0",
        "field_uniqueness": "appears more than once",
        "multiple_fields_uniqueness": "appears more than once",
        "not_nullable": "is missing",
    }
    return plain.get(check, check.replace("_", " "))


def _unknown_refs(
    frame: pl.DataFrame, parents: pl.DataFrame, key: str, file_name: str, what: str
) -> list[Problem]:
    orphans = frame.join(parents.select(key), on=key, how="anti")
    return [
        Problem(file_name, line, key, value, f"points to a {what} that does not exist")
        for line, value in orphans.select(LINE, key).iter_rows()
    ]


def _atwater_warnings(abbrev: pl.DataFrame) -> list[Problem]:
    estimate = (
        4 * pl.col("protein_g").fill_null(0)
        + 9 * pl.col("fat_g").fill_null(0)
        + 4 * pl.col("carbohydrate_g").fill_null(0)
    )
    deviation_pct = (pl.col("energy_kcal") - estimate).abs() / pl.col("energy_kcal") * 100
    far = abbrev.filter(
        (pl.col("energy_kcal") > ATWATER_WARNING_MIN_KCAL) & (deviation_pct > ATWATER_WARNING_PCT)
    ).with_columns(estimate.alias("estimate"))
    return [
        Problem(
            "ABBREV.txt",
            line,
            "energy_kcal",
            f"{kcal:g}",
            f"energy is more than {ATWATER_WARNING_PCT:g} % from 4/9/4 Atwater ({est:.0f} kcal)",
        )
        for line, kcal, est in far.select(LINE, "energy_kcal", "estimate").iter_rows()
    ]
