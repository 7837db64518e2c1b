"""Pandera models of the parsed SR26 frames: checked once, before anything is written."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from menuplanner.domain.nutrients import ENERGY, MACROS

GRAMS_PER_100G_NUTRIENTS = (*MACROS, "water_g", "ash_g", "fibre_g", "sugars_g")


class FoodGroups(pa.DataFrameModel):
    group_code: str = pa.Field(unique=True, str_matches=r"^\d{4}$")
    group_name: str = pa.Field(str_length={"min_value": 1})


class Foods(pa.DataFrameModel):
    ndb_no: str = pa.Field(unique=True, str_matches=r"^\d{5}$")
    group_code: str = pa.Field(str_matches=r"^\d{4}$")
    long_desc: str = pa.Field(str_length={"min_value": 1, "max_value": 400})
    refuse_pct: float = pa.Field(ge=0, le=100, nullable=True)


class NutrientAmounts(pa.DataFrameModel):
    """Long format: one row per food and nutrient, amount per 100 g of edible portion."""

    ndb_no: str
    nutrient: str
    amount: float = pa.Field(ge=0)

    @pa.dataframe_check(error="a gram nutrient cannot exceed 100 g per 100 g")
    @classmethod
    def grams_at_most_100(cls, data: pa.PolarsData) -> pl.LazyFrame:
        is_gram_nutrient = pl.col("nutrient").is_in(GRAMS_PER_100G_NUTRIENTS)
        return data.lazyframe.select(~is_gram_nutrient | (pl.col("amount") <= 100.0))

    @pa.dataframe_check(error="energy cannot exceed 900 kcal per 100 g (pure fat)")
    @classmethod
    def energy_at_most_pure_fat(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("nutrient") != ENERGY) | (pl.col("amount") <= 902.0))


class Portions(pa.DataFrameModel):
    ndb_no: str = pa.Field(str_matches=r"^\d{5}$")
    seq: int = pa.Field(ge=1)
    amount: float = pa.Field(gt=0)
    description: str = pa.Field(str_length={"min_value": 1})
    gram_weight: float = pa.Field(gt=0)

    class Config:
        unique = ["ndb_no", "seq"]
