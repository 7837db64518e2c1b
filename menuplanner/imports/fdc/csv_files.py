"""Reading FoodData Central CSV files lazily: only the columns we use, as text, each row with
its line in the file (`_line`), and the refusals for files that cannot be used."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from menuplanner.imports import files, report, sniff
from menuplanner.imports.errors import ImportRefused

REQUIRED_COLUMNS = {
    "food.csv": ("fdc_id", "data_type", "description"),
    "nutrient.csv": ("id", "name", "unit_name", "nutrient_nbr"),
    "food_nutrient.csv": ("fdc_id", "nutrient_id", "amount"),
    "food_portion.csv": ("fdc_id", "gram_weight"),
    "measure_unit.csv": ("id", "name"),
    "food_category.csv": ("id", "description"),
    "branded_food.csv": ("fdc_id", "serving_size", "serving_size_unit"),
    "wweia_food_category.csv": ("wweia_food_category", "wweia_food_category_description"),
}
OPTIONAL_COLUMNS = {
    "food.csv": ("food_category_id", "publication_date"),
    "food_portion.csv": (
        "id",
        "seq_num",
        "amount",
        "measure_unit_id",
        "portion_description",
        "modifier",
    ),
    "food_category.csv": ("code",),
    "branded_food.csv": (
        "brand_owner",
        "brand_name",
        "household_serving_fulltext",
        "branded_food_category",
        "ingredients",
    ),
}


def and_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def scan(path: Path, name: str) -> pl.LazyFrame:
    """The file's needed columns as text, with `_line` (its line in the file), read lazily.
    Refuses a file that is binary, empty, header-only or lacks a required column."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    if sniff.looks_binary(head):
        raise ImportRefused(f"{name} is not a CSV file: it contains binary data.")
    text = sniff.decode(head)[0]
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ImportRefused(f"{name} is empty: a FoodData Central file starts with a header line.")
    header = [h.strip().lstrip("\ufeff") for h in next(csv.reader([lines[0]]))]
    required = REQUIRED_COLUMNS.get(name, ())
    absent = [c for c in required if c not in header]
    if absent:
        raise ImportRefused(
            f"{name} has no column {and_list(absent)}; is it really from a FoodData "
            "Central CSV download?"
        )
    wanted = [c for c in (*required, *OPTIONAL_COLUMNS.get(name, ())) if c in header]
    if len(lines) < 2 or not any(line.strip() for line in lines[1:]):
        if name in files.FDC_REQUIRED:
            raise ImportRefused(f"{name} has a header line but no rows.")
        return pl.LazyFrame(schema={"_line": pl.Int64, **{c: pl.String for c in wanted}})
    scan = pl.scan_csv(path, infer_schema=False, encoding="utf8-lossy", quote_char='"')
    return scan.with_row_index("_line", offset=2).select(
        pl.col("_line").cast(pl.Int64),
        *(
            pl.when(pl.col(c).str.strip_chars() != "").then(pl.col(c).str.strip_chars()).alias(c)
            for c in wanted
        ),
    )


def collect(frame: pl.LazyFrame, name: str) -> pl.DataFrame:
    try:
        return frame.collect(engine="streaming")
    except pl.exceptions.PolarsError as error:
        raise ImportRefused(
            f"{name} cannot be read as CSV ({str(error).splitlines()[0][:160]})."
        ) from None


def whole_numbers(
    frame: pl.DataFrame, columns: list[str], file: str, skips: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Cast id columns to Int64; a non-empty cell that is not a whole number is a problem."""
    cast = frame.with_columns(
        pl.col(c).cast(pl.Float64, strict=False).cast(pl.Int64, strict=False).alias(c)
        for c in columns
    )
    found = []
    for column in columns:
        bad = frame.with_columns(cast[column].alias("_cast")).filter(
            pl.col(column).is_not_null() & pl.col("_cast").is_null()
        )
        if bad.height:
            found.append(
                report.from_rows(
                    bad,
                    file,
                    "is not a whole number",
                    column=column,
                    value=pl.col(column),
                    skips=skips,
                )
            )
        missing = frame.filter(pl.col(column).is_null())
        if missing.height:
            found.append(report.from_rows(missing, file, "is missing", column=column, skips=skips))
    return cast, pl.concat(found) if found else report.empty()
