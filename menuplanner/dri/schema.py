"""The checks the reference intakes pass before a build writes them: every life stage has a
value for every nutrient (and nothing else), each in its catalogue unit, goals above 0 and each
upper mark at or above its goal. A UL covering supplements only may sit below the goal (the
magnesium UL of 65 mg for children 1–3 limits supplements, whatever the food brings)."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from menuplanner.domain.dri import STAGE_BY_KEY, GoalKind, UpperKind, UpperScope
from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.nutrients import BY_KEY
from menuplanner.dri.files import DriFrames

_UNITS = {key: nutrient.unit for key, nutrient in BY_KEY.items()}


class ReferenceValues(pa.DataFrameModel):
    life_stage: str = pa.Field(isin=list(STAGE_BY_KEY))
    nutrient: str = pa.Field(isin=list(_UNITS))
    unit: str
    kind: str = pa.Field(isin=[k.value for k in GoalKind])
    goal: float = pa.Field(gt=0)
    upper_kind: str = pa.Field(isin=[k.value for k in UpperKind], nullable=True)
    upper: float = pa.Field(gt=0, nullable=True)

    class Config:
        unique = ["life_stage", "nutrient"]

    @pa.dataframe_check(error="the unit differs from the nutrient catalogue's")
    @classmethod
    def unit_of_the_catalogue(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("unit") == pl.col("nutrient").replace_strict(_UNITS, default=None)
        )

    @pa.dataframe_check(error="an upper mark needs its kind, and a kind its value")
    @classmethod
    def upper_and_kind_together(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("upper").is_null() == pl.col("upper_kind").is_null())


class NutrientNotesModel(pa.DataFrameModel):
    nutrient: str = pa.Field(isin=list(_UNITS), unique=True)
    upper_applies_to: str = pa.Field(isin=[s.value for s in UpperScope], nullable=True)
    upper_note: str = pa.Field(nullable=True)
    measure_note: str = pa.Field(nullable=True)


def check(frames: DriFrames) -> DriFrames:
    """The frames, or MenuplannerError listing what is wrong (row, column, value)."""
    problems = []
    for model, frame, name in (
        (ReferenceValues, frames.values, "reference_intakes.csv"),
        (NutrientNotesModel, frames.notes, "nutrients.csv"),
    ):
        try:
            model.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as error:
            cases = error.failure_cases.head(5).iter_rows(named=True)
            problems += [
                f"{name}: {c['check']} ({c['column']} = {c['failure_case']})" for c in cases
            ]
    problems += _coverage(frames) + _uppers(frames)
    if not frames.source or not frames.date:
        problems.append("reference_intakes.csv: the header must give its source and date")
    if problems:
        raise MenuplannerError(
            "The bundled reference intakes (data/dri) are not valid: " + "; ".join(problems) + "."
        )
    return frames


def _coverage(frames: DriFrames) -> list[str]:
    """Every life stage × every nutrient of the notes, once."""
    nutrients = frames.notes["nutrient"].to_list()
    wanted = pl.DataFrame({"life_stage": list(STAGE_BY_KEY)}).join(
        pl.DataFrame({"nutrient": nutrients}), how="cross"
    )
    missing = wanted.join(frames.values, on=["life_stage", "nutrient"], how="anti")
    extra = frames.values.join(wanted, on=["life_stage", "nutrient"], how="anti")
    return [
        f"reference_intakes.csv: no value for {r['nutrient']} in {r['life_stage']}"
        for r in missing.head(5).iter_rows(named=True)
    ] + [
        f"reference_intakes.csv: {r['nutrient']} is not listed in nutrients.csv"
        for r in extra.head(5).iter_rows(named=True)
    ]


def _uppers(frames: DriFrames) -> list[str]:
    """An upper mark covering food intake is at or above the goal."""
    scope = frames.notes.select("nutrient", "upper_applies_to")
    below = frames.values.join(scope, on="nutrient", how="left").filter(
        pl.col("upper").is_not_null()
        & (pl.col("upper_applies_to") != UpperScope.SUPPLEMENTS.value)
        & (pl.col("upper") < pl.col("goal"))
    )
    return [
        f"reference_intakes.csv: {r['nutrient']} in {r['life_stage']} has its {r['upper_kind']} "
        f"({r['upper']:g}) below its {r['kind']} ({r['goal']:g})"
        for r in below.head(5).iter_rows(named=True)
    ]
