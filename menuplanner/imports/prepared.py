"""What an import produces before anything is written: the dataset's provenance, the foods,
their nutrient values per 100 g (long), notes on values (energy source, below detection), the
household measures, and every problem found. `valid_only()` drops what the problems take out."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import polars as pl

from menuplanner.domain import search
from menuplanner.domain.nutrients import CARBOHYDRATE, ENERGY, FAT, KCAL_PER_G, PROTEIN
from menuplanner.imports import report
from menuplanner.imports.report import Report

ALCOHOL = "alcohol_g"  # read for computed energy only; not in the nutrient catalogue
COMPUTED_NOTE = "computed from protein, fat and carbohydrate (4/9/4 kcal per g)"
COMPUTED_WITH_ALCOHOL_NOTE = (
    "computed from protein, fat, carbohydrate and alcohol (4/9/4/7 kcal per g)"
)
OTHER_GROUP = "other"

FOOD_SCHEMA = {
    "source_id": pl.String,
    "name": pl.String,
    "group_key": pl.String,
    "manufacturer": pl.String,
    "is_branded": pl.Boolean,
    "is_common": pl.Boolean,
}
GROUP_SCHEMA = {"group_key": pl.String, "group_name": pl.String, "known_code": pl.String}
NUTRIENT_SCHEMA = {"source_id": pl.String, "nutrient": pl.String, "amount": pl.Float64}
NOTE_SCHEMA = {"source_id": pl.String, "nutrient": pl.String, "note": pl.String}
PORTION_SCHEMA = {
    "source_id": pl.String,
    "seq": pl.Int32,
    "amount": pl.Float64,
    "description": pl.String,
    "gram_weight": pl.Float64,
}


@dataclass(frozen=True)
class DatasetMeta:
    name: str
    version: str | None
    licence: str | None
    source_file: str
    source_hash: str
    source_size: int
    format: str  # "fdc" or "table"
    settings: dict = field(default_factory=dict)  # the mapping or options that shaped the rows


@dataclass(frozen=True)
class PreparedImport:
    meta: DatasetMeta
    foods: pl.DataFrame  # FOOD_SCHEMA + ingredients, search_text (+ `_file`, `_line`)
    groups: pl.DataFrame  # GROUP_SCHEMA
    nutrients: pl.DataFrame  # NUTRIENT_SCHEMA
    notes: pl.DataFrame  # NOTE_SCHEMA
    portions: pl.DataFrame  # PORTION_SCHEMA (+ `_file`, `_line`)
    problems: pl.DataFrame  # report.SCHEMA
    foods_in_file: int  # every food row named in the file, valid or not
    source_ids_in_file: pl.Series  # their ids: a newer version's missing foods are the others
    described: str = ""  # how the file was read, in words
    below_detection: int = 0  # values written as "<0.5", "tr", ... stored as 0 and noted

    @property
    def report(self) -> Report:
        return Report(self.problems, self.foods_in_file, self.foods.height - self._skipped().height)

    def _skipped(self) -> pl.DataFrame:
        bad = self.problems.filter(
            (pl.col("severity") == report.ERROR)
            & (pl.col("skips") == report.SKIPS_FOOD)
            & pl.col("source_id").is_not_null()
        )
        return self.foods.select("source_id").join(bad.select("source_id").unique(), on="source_id")

    def valid_only(self) -> PreparedImport:
        """Without the foods and rows that errors take out, and without line bookkeeping."""
        skipped = self._skipped()
        bad_rows = (
            self.problems.filter(
                (pl.col("severity") == report.ERROR) & (pl.col("skips") == report.SKIPS_ROW)
            )
            .select(pl.col("file").alias("_file"), pl.col("line").alias("_line"))
            .unique()
        )
        portions = self.portions
        if bad_rows.height and "_line" in portions.columns:
            portions = portions.join(bad_rows, on=["_file", "_line"], how="anti")

        def keep(frame: pl.DataFrame) -> pl.DataFrame:
            kept = frame.join(skipped, on="source_id", how="anti") if skipped.height else frame
            return kept.select([c for c in kept.columns if not c.startswith("_")])

        foods = keep(self.foods)
        groups = self.groups.join(foods.select("group_key").unique(), on="group_key", how="semi")
        return replace(
            self,
            foods=foods,
            groups=groups,
            nutrients=keep(self.nutrients),
            notes=keep(self.notes),
            portions=numbered(keep(portions)),
        )

    def energy_sources(self) -> dict[str, int]:
        """How many foods got their energy which way."""
        energy = self.notes.filter(pl.col("nutrient") == ENERGY)
        counts = energy.group_by("note").len().sort("len", descending=True)
        return dict(counts.iter_rows())


def food_rows(foods: pl.DataFrame) -> pl.DataFrame:
    """Add what search needs (the same `search_text` as the bundled foods), and an empty
    ingredient list where the source has none."""
    if "ingredients" not in foods.columns:
        foods = foods.with_columns(pl.lit("", pl.String).alias("ingredients"))
    return foods.with_columns(
        pl.col("name")
        .map_elements(search.search_text, return_dtype=pl.String, skip_nulls=True)
        .fill_null("")
        .alias("search_text")
    )


def numbered(portions: pl.DataFrame) -> pl.DataFrame:
    """Portions numbered 1, 2, ... within each food, in their order."""
    if portions.height == 0:
        return portions.select(list(PORTION_SCHEMA)).cast(PORTION_SCHEMA)
    return portions.with_columns(
        pl.int_range(1, pl.len() + 1).over("source_id").cast(pl.Int32).alias("seq")
    ).select(list(PORTION_SCHEMA))


def choose_energy(
    candidates: pl.DataFrame,
    nutrients: pl.DataFrame,
    foods: pl.Series,
    alcohol: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Energy per food: the candidate with the lowest `priority` (columns source_id, priority,
    amount, note, plus any `_` columns), else computed from the macros in `nutrients` (long)
    for foods that have at least one. Returns (energy rows, notes)."""
    chosen = (
        candidates.drop_nulls("amount")
        .sort("priority")
        .unique("source_id", keep="first", maintain_order=True)
    )
    without = pl.DataFrame({"source_id": foods}).unique().join(chosen, on="source_id", how="anti")
    macros = nutrients.filter(pl.col("nutrient").is_in([PROTEIN, FAT, CARBOHYDRATE]))
    if alcohol is not None and alcohol.height:
        macros = pl.concat(
            [
                macros.select("source_id", "nutrient", "amount"),
                alcohol.select("source_id", pl.lit(ALCOHOL).alias("nutrient"), "amount"),
            ]
        )
    factors = {
        **{k: KCAL_PER_G[k] for k in (PROTEIN, FAT, CARBOHYDRATE)},
        ALCOHOL: KCAL_PER_G["alcohol_g"],
    }
    computed = (
        macros.drop_nulls("amount")
        .join(without.select("source_id"), on="source_id", how="semi")
        .group_by("source_id")
        .agg(
            (pl.col("amount") * pl.col("nutrient").replace_strict(factors, return_dtype=pl.Float64))
            .sum()
            .alias("amount"),
            (pl.col("nutrient") == ALCOHOL).any().alias("_alcohol"),
        )
        .with_columns(
            pl.when(pl.col("_alcohol"))
            .then(pl.lit(COMPUTED_WITH_ALCOHOL_NOTE))
            .otherwise(pl.lit(COMPUTED_NOTE))
            .alias("note")
        )
    )
    extra = [c for c in chosen.columns if c.startswith("_")]
    energy = pl.concat(
        [
            chosen.select(
                "source_id",
                pl.lit(ENERGY).alias("nutrient"),
                pl.col("amount").cast(pl.Float64),
                "note",
                *extra,
            ),
            computed.select("source_id", pl.lit(ENERGY).alias("nutrient"), "amount", "note"),
        ],
        how="diagonal_relaxed",
    )
    notes = energy.select("source_id", "nutrient", "note")
    return energy.drop("note"), notes
