"""Reading data/dri/: the reference values (reference_intakes.csv) and how each nutrient's are
read (nutrients.csv), with the source and date from the first file's header. Plain reading,
no checks: `schema.check` is what a build runs before writing them (it imports Pandera, which
takes seconds, so the in-memory store reads the files without it)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from menuplanner.domain.dri import (
    GoalKind,
    NutrientNotes,
    ReferenceIntake,
    ReferenceTable,
    UpperKind,
    UpperScope,
)
from menuplanner.domain.errors import MenuplannerError

DRI_DIR = Path(__file__).resolve().parents[2] / "data" / "dri"
VALUES_FILE = "reference_intakes.csv"
NOTES_FILE = "nutrients.csv"
VALUES_SCHEMA = {
    "life_stage": pl.String,
    "nutrient": pl.String,
    "unit": pl.String,
    "kind": pl.String,
    "goal": pl.Float64,
    "upper_kind": pl.String,
    "upper": pl.Float64,
}
NOTES_SCHEMA = {
    "nutrient": pl.String,
    "upper_applies_to": pl.String,
    "upper_note": pl.String,
    "measure_note": pl.String,
}


@dataclass(frozen=True)
class DriFrames:
    values: pl.DataFrame  # VALUES_SCHEMA
    notes: pl.DataFrame  # NOTES_SCHEMA
    source: str
    date: str


def read(directory: Path = DRI_DIR) -> DriFrames:
    """The two files as frames; MenuplannerError naming the file when one cannot be read."""
    values = _csv(directory / VALUES_FILE, VALUES_SCHEMA)
    notes = _csv(directory / NOTES_FILE, NOTES_SCHEMA)
    header = _header(directory / VALUES_FILE)
    return DriFrames(values, notes, header.get("source", ""), header.get("date", ""))


def _csv(path: Path, schema: dict) -> pl.DataFrame:
    try:
        return pl.read_csv(path, schema=schema, comment_prefix="#")
    except (OSError, pl.exceptions.PolarsError) as error:
        raise MenuplannerError(
            f"The reference intakes file {path} cannot be read ({error}); restore it with "
            "`git checkout -- data/dri`."
        ) from None


def _header(path: Path) -> dict[str, str]:
    """`# key: text` lines at the top of the file."""
    found = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                break
            key, _, text = line[1:].strip().partition(": ")
            if text and key.isidentifier():
                found[key] = text
    return found


def table_of(frames: DriFrames) -> ReferenceTable:
    """The frames (from the files or a database) as the domain's ReferenceTable."""
    values = {
        (row["life_stage"], row["nutrient"]): ReferenceIntake(
            row["nutrient"],
            GoalKind(row["kind"]),
            row["goal"],
            UpperKind(row["upper_kind"]) if row["upper_kind"] else None,
            row["upper"],
        )
        for row in frames.values.iter_rows(named=True)
    }
    notes = {
        row["nutrient"]: NutrientNotes(
            row["nutrient"],
            UpperScope(row["upper_applies_to"]) if row["upper_applies_to"] else None,
            row["upper_note"] or "",
            row["measure_note"] or "",
        )
        for row in frames.notes.iter_rows(named=True)
    }
    return ReferenceTable(values, notes, frames.source, frames.date)


@functools.cache
def bundled_table() -> ReferenceTable:
    """The bundled file's table, read once (for the in-memory store and tests)."""
    return table_of(read())
