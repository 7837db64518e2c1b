"""Pandera models every import passes through, whatever its format: the foods, their nutrient
values per 100 g and their household measures, checked at one point before anything is written.
Columns starting with "_" (line numbers, the user's column names, raw text) ride along unchecked.
"""

from __future__ import annotations

from typing import Optional

import pandera.polars as pa
import polars as pl

from menuplanner.domain.nutrients import BY_KEY, ENERGY, KEYS

MAX_ID_CHARS = 500  # a table without an id column uses the name as id
MAX_NAME_CHARS = 500  # longer cells are refused (the row is skipped), never cut silently
MAX_TEXT_CHARS = 500
MAX_KCAL_PER_100G = 902.0  # pure fat, with rounding
MAX_PORTION_GRAMS = 5000.0  # as much as one menu item may weigh (domain.units.MAX_GRAMS)
GRAMS_PER_UNIT = {"g": 1.0, "mg": 1e-3, "µg": 1e-6}
_GRAMS_PER_KEY = {k: GRAMS_PER_UNIT[n.unit] for k, n in BY_KEY.items() if n.unit in GRAMS_PER_UNIT}


class FoodRows(pa.DataFrameModel):
    """One row per food: its id in the source, name, group and brand."""

    source_id: str = pa.Field(unique=True, str_length={"min_value": 1, "max_value": MAX_ID_CHARS})
    name: str = pa.Field(str_length={"min_value": 1, "max_value": MAX_NAME_CHARS})
    group_name: Optional[str] = pa.Field(nullable=True, str_length={"max_value": MAX_TEXT_CHARS})  # noqa: UP045
    manufacturer: Optional[str] = pa.Field(nullable=True, str_length={"max_value": MAX_TEXT_CHARS})  # noqa: UP045


class NutrientValues(pa.DataFrameModel):
    """Long format: one row per food and nutrient, amount per 100 g in the catalogue's unit."""

    source_id: str
    nutrient: str = pa.Field(isin=list(KEYS))
    amount: float = pa.Field(ge=0)

    class Config:
        unique = ["source_id", "nutrient"]

    @pa.dataframe_check(error="is more than 100 g per 100 g")
    @classmethod
    def mass_at_most_100g(cls, data: pa.PolarsData) -> pl.LazyFrame:
        grams = pl.col("nutrient").replace_strict(
            _GRAMS_PER_KEY, default=None, return_dtype=pl.Float64
        )
        return data.lazyframe.select(grams.is_null() | (pl.col("amount") * grams <= 100.0 + 1e-9))

    @pa.dataframe_check(error=f"is more than {MAX_KCAL_PER_100G:g} kcal per 100 g (pure fat)")
    @classmethod
    def energy_at_most_pure_fat(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("nutrient") != ENERGY) | (pl.col("amount") <= MAX_KCAL_PER_100G)
        )


class PortionRows(pa.DataFrameModel):
    """Household measures: `amount` × `description` weighs `gram_weight` grams."""

    source_id: str
    amount: float = pa.Field(gt=0)
    description: str = pa.Field(str_length={"min_value": 1, "max_value": MAX_TEXT_CHARS})
    gram_weight: float = pa.Field(gt=0, le=MAX_PORTION_GRAMS)
