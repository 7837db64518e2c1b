"""USDA FoodData Central CSV downloads (SR Legacy, Foundation, Survey/FNDDS, Branded), read
lazily with Polars: only the columns and nutrient rows we keep are ever held in memory.

FDC nutrient ids map onto our catalogue through nutrient.csv's `nutrient_nbr` (the SR number in
`Nutrient.usda_number`). Energy is 1008 (kcal), else 2048 (Atwater specific factors), else 2047
(Atwater general factors), else 1062 (kJ, converted), else computed from the macros; a note per
food says which. FDC's documentation gives every food_nutrient amount per 100 g, Branded foods
included (converted by FDC from the label); `branded_per_serving=True` reads Branded amounts as
per-serving label values instead and converts them with branded_food.csv's serving size, which
must then be in g or ml.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from menuplanner.imports import files, prepared, report, schemas, sniff, validate
from menuplanner.imports.errors import ImportRefused
from menuplanner.imports.fdc.csv_files import and_list, scan
from menuplanner.imports.fdc.foods import DATA_TYPES, branded_of, foods_of, groups_of
from menuplanner.imports.fdc.nutrients import nutrient_map, per_serving, values_of, with_energy
from menuplanner.imports.fdc.portions import portions_of
from menuplanner.imports.files import Source
from menuplanner.imports.prepared import DatasetMeta, PreparedImport

__all__ = ["DATA_TYPES", "FdcOptions", "default_name", "preview", "read_fdc"]
LICENCE = (
    "CC0 1.0 (public domain dedication); USDA Agricultural Research Service, FoodData Central."
)
_VERSION_IN_NAME = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)")


@dataclass(frozen=True)
class FdcOptions:
    dataset_name: str | None = None
    version: str | None = None
    licence: str | None = None
    branded_per_serving: bool = False


def read_fdc(
    source: Source, options: FdcOptions = FdcOptions(), workdir: Path | None = None
) -> PreparedImport:
    found, temp = files.fdc_files(source, workdir)
    try:
        return _read(source, found, options)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


def _read(source: Source, found: dict[str, Path], options: FdcOptions) -> PreparedImport:
    missing = [name for name in files.FDC_REQUIRED if name not in found]
    if missing:
        raise ImportRefused(
            f"{source.name} is not a complete FoodData Central download: "
            f"{and_list(missing)} {'is' if len(missing) == 1 else 'are'} missing."
        )
    scans = {name: scan(path, name) for name, path in found.items()}
    problems: list[pl.DataFrame] = []

    foods_all, found_problems = foods_of(scans["food.csv"])
    problems.append(found_problems)
    kept_types = foods_all.filter(
        pl.col("data_type").is_in(list(DATA_TYPES)) | pl.col("data_type").is_null()
    )
    branded = branded_of(scans.get("branded_food.csv"), kept_types)
    groups, foods = groups_of(scans, kept_types, branded)
    mapping, found_problems = nutrient_map(scans["nutrient.csv"])
    problems.append(found_problems)
    values, found_problems = values_of(scans["food_nutrient.csv"], mapping, foods_all)
    problems.append(found_problems)
    values = values.join(foods.select("fdc_id"), on="fdc_id", how="semi")
    if options.branded_per_serving:
        values, found_problems = per_serving(values, foods, branded)
        problems.append(found_problems)
    nutrients, notes = with_energy(values, foods)
    portions, found_problems = portions_of(scans, foods_all, foods, branded)
    problems.append(found_problems)

    foods = foods.with_columns(pl.col("fdc_id").cast(pl.String).alias("source_id"))
    twice = foods.filter(pl.col("source_id").is_duplicated()).select("source_id").unique()
    nutrients = nutrients.join(twice, on="source_id", how="anti")  # said once, by FoodRows
    problems += [
        validate.check(
            schemas.FoodRows,
            foods.with_columns(pl.col("description").alias("name")),
            "food.csv",
            columns={"source_id": "fdc_id", "name": "description"},
        ),
        validate.check(schemas.NutrientValues, nutrients, "food_nutrient.csv"),
        validate.check(
            schemas.PortionRows,
            portions,
            "food_portion.csv",
            skips=report.SKIPS_ROW,
            columns={
                "amount": "amount",
                "description": "portion_description",
                "gram_weight": "gram_weight",
            },
        ),
    ]
    data_types = foods.get_column("data_type").drop_nulls().unique().to_list()
    meta = DatasetMeta(
        name=options.dataset_name or default_name(data_types),
        version=options.version or _version(source, foods_all),
        licence=options.licence or LICENCE,
        source_file=source.name,
        source_hash=source.sha256,
        source_size=source.size,
        format="fdc",
        settings={"format": "fdc", "branded_per_serving": options.branded_per_serving},
    )
    other_types = foods_all.height - kept_types.height
    kinds = ", ".join(DATA_TYPES[t] for t in sorted(data_types) if t in DATA_TYPES)
    described = f"FoodData Central download: {foods.height:,} foods ({kinds or 'no data type'})" + (
        f"; {other_types:,} sample and acquisition rows of food.csv are not foods and are left out"
        if other_types
        else ""
    )
    return PreparedImport(
        meta=meta,
        foods=prepared.food_rows(
            foods.select(
                "source_id",
                pl.col("description").alias("name"),
                "group_key",
                "manufacturer",
                "is_branded",
                "is_common",
                "ingredients",
                "_file",
                "_line",
            )
        ),
        groups=groups,
        nutrients=nutrients.select(*prepared.NUTRIENT_SCHEMA, "_file", "_line"),
        notes=notes,
        portions=portions,
        problems=pl.concat(problems, how="vertical_relaxed"),
        foods_in_file=kept_types.height + foods_all.filter(pl.col("fdc_id").is_null()).height,
        source_ids_in_file=kept_types.get_column("fdc_id").drop_nulls().cast(pl.String),
        described=described,
    )


def default_name(data_types: list[str]) -> str:
    known = [DATA_TYPES[t] for t in sorted(data_types) if t in DATA_TYPES]
    return "USDA FoodData Central" + (f" {known[0]}" if len(known) == 1 else "")


def _version(source: Source, foods: pl.DataFrame) -> str | None:
    found = _VERSION_IN_NAME.search(source.name)
    if found:
        return found.group(1)
    latest = foods.get_column("publication_date").drop_nulls().max()
    return f"published up to {latest}" if latest else None


def preview(source: Source, rows: int = 10) -> pl.DataFrame:
    """The first rows of food.csv, as text, without unpacking the whole download."""
    import io
    import zipfile

    try:
        if source.is_zip:
            with zipfile.ZipFile(source.path) as archive:
                member = min(
                    (m for m in archive.namelist() if Path(m).name == "food.csv"),
                    key=lambda m: m.count("/"),
                )
                with archive.open(member) as handle:
                    head = handle.read(256 * 1024)
        else:
            with files.find_fdc_files(source.path)["food.csv"].open("rb") as handle:
                head = handle.read(256 * 1024)
        text = sniff.decode(head)[0]
        lines = text.splitlines()[: rows + 1]
        return pl.read_csv(io.StringIO("\n".join(lines)), infer_schema=False)
    except Exception:  # a preview is a courtesy: the check step reports what is wrong
        return pl.DataFrame()
