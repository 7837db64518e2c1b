"""A Branded-sized catalogue for the search figures: the bundled foods' names under brand
names, as a prepared import (so it is written by each store's own import path), so that every
bench query meets thousands of matches, as in FoodData Central's Branded foods."""

from __future__ import annotations

import hashlib

import polars as pl

from menuplanner.imports import report
from menuplanner.imports.prepared import DatasetMeta, PreparedImport, food_rows

_BRANDS = (
    "ACME",
    "GREEN VALLEY",
    "NORTHSTAR",
    "SUNNY FARMS",
    "BLUE RIVER",
    "GOLDEN FIELDS",
    "HAPPY HEN",
    "OCEAN'S BEST",
    "MOUNTAIN HOME",
    "PRAIRIE",
    "CITY MARKET",
    "OLD MILL",
)


def branded_import(foods: int, names: list[str]) -> PreparedImport:
    """`foods` synthetic Branded foods named after `names` under brand names, with energy."""
    count = max(0, foods)
    index = pl.int_range(0, count, eager=True)
    brand = pl.Series(_BRANDS).gather(index % len(_BRANDS))
    base = pl.Series(names or ["Food"]).gather(index % max(1, len(names)))
    frame = pl.DataFrame(
        {
            "source_id": "B" + index.cast(pl.String),
            "name": brand + ", " + base,
            "group_key": "branded",
            "manufacturer": brand,
            "is_branded": True,
            "is_common": False,
            "ingredients": "",
        }
    )
    foods_frame = food_rows(frame)
    nutrients = pl.DataFrame(
        {
            "source_id": frame["source_id"],
            "nutrient": "energy_kcal",
            "amount": (index % 900).cast(pl.Float64),
        }
    )
    empty = pl.DataFrame(schema={"source_id": pl.String, "nutrient": pl.String, "note": pl.String})
    portions = pl.DataFrame(
        schema={
            "source_id": pl.String,
            "seq": pl.Int32,
            "amount": pl.Float64,
            "description": pl.String,
            "gram_weight": pl.Float64,
        }
    )
    digest = hashlib.sha256(str(count).encode()).hexdigest()
    return PreparedImport(
        meta=DatasetMeta("Synthetic Branded foods", "1", None, "bench", digest, 0, "fdc"),
        foods=foods_frame,
        groups=pl.DataFrame(
            {"group_key": ["branded"], "group_name": ["Branded foods"], "known_code": [None]},
            schema={"group_key": pl.String, "group_name": pl.String, "known_code": pl.String},
        ),
        nutrients=nutrients,
        notes=empty,
        portions=portions,
        problems=pl.DataFrame(schema=report.SCHEMA),
        foods_in_file=count,
        source_ids_in_file=frame["source_id"],
    )
