"""Imports for the Import page, the CLI and notebooks: open a file, read and check it, then
write the valid foods (or nothing) as one dataset; list and remove datasets.

Nothing is written unless the user chose: with problems in the report, `commit` needs
`skip_invalid=True` ("import the valid rows"); without it the import is refused and the
database stays as it was. Importing the same file with the same settings again changes nothing.
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from menuplanner.imports import files, table
from menuplanner.imports import mapping as mappings
from menuplanner.imports.errors import ImportRefused
from menuplanner.imports.fdc import FdcOptions, read_fdc
from menuplanner.imports.fdc import default_name as fdc_default_name
from menuplanner.imports.fdc import preview as fdc_preview
from menuplanner.imports.files import Source
from menuplanner.imports.generic import TableOptions, prepare_table
from menuplanner.imports.mapping import TableMapping
from menuplanner.imports.prepared import PreparedImport
from menuplanner.imports.table import RawTable
from menuplanner.ports_datasets import DatasetRecord, DatasetStore, Progress, WriteResult

MAX_NAME_CHARS = 120
__all__ = [
    "ImportRefused",
    "open_file",
    "read_table",
    "suggest_mapping",
    "prepare",
    "commit",
    "ImportOutcome",
    "remove",
    "datasets",
    "Source",
    "RawTable",
    "TableMapping",
]


def open_file(path: Path, name: str | None = None, max_mb: float | None = None) -> Source:
    """Check the file or folder (size limit, binary data, damaged zip) and say what it is."""
    return files.open_source(path, name, files.limit_bytes(max_mb))


def read_table(source: Source, sheet: str | None = None) -> RawTable:
    if source.kind != "table":
        raise ImportRefused(f"{source.name} is a FoodData Central download, not a table.")
    try:
        return table.read_table(source, sheet)
    except (pl.exceptions.PolarsError, csv.Error, UnicodeError) as error:
        raise ImportRefused(
            f"{source.name} cannot be read as a table ({str(error)[:200]})."
        ) from None


def preview(source: Source, raw: RawTable | None = None, rows: int = 10) -> pl.DataFrame:
    """The first rows as they are in the file (text), long cells shortened for reading."""
    if source.kind == "fdc":
        frame = fdc_preview(source, rows)
    else:
        frame = (raw or read_table(source)).frame.head(rows).drop(table.LINE)
    return frame.fill_null("").with_columns(
        pl.when(pl.col(c).str.len_chars() > 120)
        .then(pl.col(c).str.slice(0, 100) + pl.lit("…"))
        .otherwise(pl.col(c))
        .alias(c)
        for c in frame.columns
        if frame.schema[c] == pl.String
    )


STORED_PREVIEW = ("energy_kcal", "protein_g", "fat_g", "carbohydrate_g")


def stored_preview(prepared: PreparedImport, foods: int = 3) -> list[tuple[str, dict[str, float]]]:
    """The first `foods` valid foods as they will be stored: (name, energy and macros per
    100 g), to check a mapping's basis and units before importing."""
    valid = prepared.valid_only()
    first = valid.foods.head(foods).select("source_id", "name")
    values = valid.nutrients.filter(
        pl.col("source_id").is_in(first["source_id"].implode())
        & pl.col("nutrient").is_in(STORED_PREVIEW)
    )
    shown = []
    for source_id, name in first.iter_rows():
        rows = values.filter(pl.col("source_id") == source_id)
        shown.append((name, dict(zip(rows["nutrient"], rows["amount"], strict=True))))
    return shown


def has_branded_foods(source: Source) -> bool:
    return source.kind == "fdc" and "branded_food.csv" in files.fdc_file_names(source)


def default_name(source: Source, preview_rows: pl.DataFrame | None = None) -> str:
    """The dataset name an import gets when none is typed (for a placeholder)."""
    if source.kind == "table":
        return source.stem
    types = []
    if preview_rows is not None and "data_type" in preview_rows.columns:
        types = preview_rows.get_column("data_type").unique().to_list()
    return fdc_default_name(types)


def suggest_mapping(raw: RawTable) -> TableMapping:
    return mappings.suggest(raw.columns, raw.frame)


def prepare(
    source: Source,
    *,
    raw: RawTable | None = None,
    mapping: TableMapping | None = None,
    dataset_name: str | None = None,
    version: str | None = None,
    licence: str | None = None,
    branded_per_serving: bool = False,
) -> PreparedImport:
    """Read and check everything; raises ImportRefused when the file cannot be used at all.
    Problems with single rows are in the result's report, and nothing is written yet."""
    name = _clean(dataset_name, "dataset name")
    version, licence = _clean(version, "version"), _clean(licence, "licence", 2000)
    try:
        if source.kind == "fdc":
            return read_fdc(source, FdcOptions(name, version, licence, branded_per_serving))
        raw = raw or table.read_table(source)
        return prepare_table(
            source,
            raw,
            mapping or mappings.suggest(raw.columns, raw.frame),
            TableOptions(name, version, licence),
        )
    except (pl.exceptions.PolarsError, csv.Error, UnicodeError) as error:
        reason = (
            str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        )
        raise ImportRefused(f"{source.name} cannot be read ({reason}).") from None


def prepare_with_suggestions(
    path: Path,
    *,
    mapping: TableMapping | None = None,
    dataset_name: str | None = None,
    version: str | None = None,
    licence: str | None = None,
    branded_per_serving: bool = False,
) -> PreparedImport:
    """Read and check a file as the Import page does with nothing changed by hand: a table
    with `mapping` (a saved one) or else the suggested mapping, a FoodData Central download as
    it is. The HTTP API and notebooks import this way."""
    source = open_file(path)
    raw = read_table(source) if source.kind == "table" else None
    return prepare(
        source,
        raw=raw,
        mapping=mapping or (suggest_mapping(raw) if raw is not None else None),
        dataset_name=dataset_name,
        version=version,
        licence=licence,
        branded_per_serving=branded_per_serving,
    )


def _clean(text: str | None, what: str, limit: int = MAX_NAME_CHARS) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    if len(text) > limit:
        raise ImportRefused(
            f"The {what} is {len(text):,} characters long; at most {limit:,} are accepted."
        )
    return text or None


@dataclass(frozen=True)
class ImportOutcome:
    dataset_name: str
    written: WriteResult | None  # None: nothing changed (the same file was imported before)
    foods_skipped: int
    rows_skipped: int
    seconds: float

    def message(self) -> str:
        if self.written is None:
            return (
                f"“{self.dataset_name}” already holds this file, imported the same way; "
                "nothing changed."
            )
        w = self.written
        if w.created:
            text = f"Imported “{self.dataset_name}”: {_count(w.foods_added, 'food')}"
        else:
            text = (
                f"Updated “{self.dataset_name}” to this file: {_count(w.foods_updated, 'food')} "
                f"updated (same ids, so recipes and menus keep working), {w.foods_added:,} added"
            )
            if w.foods_removed:
                text += f", {w.foods_removed:,} no longer in the file removed"
        text += (
            f", {_count(w.nutrient_values, 'nutrient value')} and "
            f"{_count(w.portions, 'household measure')}"
        )
        if self.foods_skipped:
            text += f"; {_count(self.foods_skipped, 'food')} with problems left out"
        text += f" ({self.seconds:.1f} s)."
        if w.foods_kept:
            one = w.foods_kept == 1
            text += (
                f" {_count(w.foods_kept, 'food')} of the previous version {'is' if one else 'are'} "
                f"not in this file but {'is' if one else 'are'} used in recipes or menus, so "
                f"{'it was' if one else 'they were'} kept as {'it was' if one else 'they were'}."
            )
        return text


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def commit(
    store: DatasetStore,
    prepared: PreparedImport,
    *,
    skip_invalid: bool,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Write the checked foods as one dataset, in one transaction."""
    started = time.perf_counter()
    report = prepared.report
    if report.errors and not skip_invalid:
        raise ImportRefused(
            f"The file has {report.errors:,} {'problem' if report.errors == 1 else 'problems'} "
            f"({report.foods_skipped:,} of {report.foods_in_file:,} foods affected), "
            "so nothing was imported. Fix the file, or choose to import only the valid rows."
        )
    meta = prepared.meta
    existing = store.find(meta.name)
    if existing is not None and existing.is_bundled:
        raise ImportRefused(
            f"“{existing.name}” is the bundled dataset; give the import another name."
        )
    if existing is not None and existing.is_shared:
        raise ImportRefused(
            f"“{existing.name}” is shared by every workspace; give the import another name."
        )
    if existing is not None and existing.format and existing.format != meta.format:
        kinds = {"fdc": "a FoodData Central download", "table": "a table"}
        raise ImportRefused(
            f"A dataset named “{existing.name}” already exists, imported from "
            f"{kinds[existing.format]}; give this import another name."
        )
    if existing is not None and _same_import(existing, prepared):
        return ImportOutcome(
            meta.name,
            None,
            report.foods_skipped,
            report.rows_skipped,
            time.perf_counter() - started,
        )
    valid = prepared.valid_only()
    if valid.foods.height == 0:
        raise ImportRefused("No food in the file passed the checks, so nothing was imported.")
    result = store.write(
        valid,
        rows_skipped=report.rows_skipped,
        foods_skipped=report.foods_skipped,
        progress=progress,
    )
    return ImportOutcome(
        meta.name, result, report.foods_skipped, report.rows_skipped, time.perf_counter() - started
    )


def status(store: DatasetStore, prepared: PreparedImport) -> tuple[str, DatasetRecord | None]:
    """What committing would do: ("new" | "update" | "same", the existing dataset)."""
    existing = store.find(prepared.meta.name)
    if existing is None or existing.is_bundled or existing.is_shared:
        return "new", existing
    return ("same" if _same_import(existing, prepared) else "update"), existing


def _same_import(existing: DatasetRecord, prepared: PreparedImport) -> bool:
    settings = json.loads(json.dumps(prepared.meta.settings, default=str))
    return existing.source_hash == prepared.meta.source_hash and existing.settings == settings


def datasets(store: DatasetStore) -> list[DatasetRecord]:
    return store.list()


def datasets_frame(store: DatasetStore) -> pl.DataFrame:
    """The datasets as a frame: id, name, version, counts, when imported, bundled or not."""
    return pl.DataFrame(
        [
            (
                r.dataset_id,
                r.name,
                r.version,
                r.food_count,
                r.nutrient_value_count,
                r.portion_count,
                r.imported_at,
                r.is_bundled,
            )
            for r in datasets(store)
        ],
        schema=[
            "dataset_id",
            "name",
            "version",
            "foods",
            "nutrient_values",
            "portions",
            "imported_at",
            "bundled",
        ],
        orient="row",
    )


def remove(store: DatasetStore, dataset_id: int) -> str:
    """Remove an imported dataset; raises InUse naming where its foods are used."""
    record = next((d for d in store.list() if d.dataset_id == dataset_id), None)
    store.remove(dataset_id)
    name = record.name if record else f"dataset {dataset_id}"
    return f"Removed “{name}” and its {record.food_count if record else 0:,} foods."


def size_text(size: int) -> str:
    """1,536 → '1.5 KB'; 3,500,000 → '3.3 MB'."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:,.1f} KB"
    return f"{size / 1024 / 1024:,.1f} MB"


def describe(record: DatasetRecord) -> dict[str, str]:
    """Provenance of a dataset as label → text, for the page and the CLI."""
    shown = {
        "Version": record.version or "not given",
        "Source file": (record.source_file or "")
        + (f" ({size_text(record.source_size)})" if record.source_size else ""),
        "SHA-256": record.source_hash or "",
        "Licence": record.licence or "not given",
        "Imported": record.imported_at.strftime("%Y-%m-%d %H:%M"),
        "Foods": f"{record.food_count:,}",
        "Nutrient values": f"{record.nutrient_value_count:,}",
        "Household measures": f"{record.portion_count:,}",
    }
    if record.rows_imported is not None:
        shown["Last import"] = (
            f"{record.rows_imported:,} foods imported, {record.foods_skipped or 0:,} "
            f"foods and {record.rows_skipped or 0:,} lines left out"
        )
    if record.energy_sources:
        shown["Energy"] = "; ".join(
            f"{n:,} foods: {source}" for source, n in record.energy_sources.items()
        )
    return shown
