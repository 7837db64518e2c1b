"""A one-row-per-food table and its mapping → a PreparedImport: text columns checked, numbers
parsed as the table writes them, units converted, values per serving turned into per 100 g,
energy chosen (kcal column, else kJ column, else computed from the macros)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from menuplanner.domain.foods import looks_branded
from menuplanner.domain.nutrients import ENERGY
from menuplanner.imports import mapping as mappings
from menuplanner.imports import numbers, prepared, report, schemas, validate
from menuplanner.imports.errors import ImportRefused
from menuplanner.imports.files import Source
from menuplanner.imports.mapping import TableMapping
from menuplanner.imports.prepared import DatasetMeta, PreparedImport
from menuplanner.imports.table import LINE, RawTable


@dataclass(frozen=True)
class TableOptions:
    dataset_name: str | None = None
    version: str | None = None
    licence: str | None = None


def prepare_table(
    source: Source, raw: RawTable, mapping: TableMapping, options: TableOptions = TableOptions()
) -> PreparedImport:
    refusals = mapping.problems(raw.columns)
    if refusals:
        raise ImportRefused("The mapping cannot be used: " + " ".join(refusals))
    file = source.name
    frame = raw.frame.with_columns(pl.lit(file).alias("_file"))
    numeric = [n.column for n in mapping.nutrients] + [
        c for c in [mapping.serving_size_column] if c
    ]
    style = (
        mapping.decimal
        if mapping.decimal != "auto"
        else numbers.decimal_style(frame, list(dict.fromkeys(numeric)), raw.separator or ",")
    )
    problems: list[pl.DataFrame] = []

    text = lambda c: pl.col(c) if c else pl.lit(None, pl.String)  # noqa: E731
    foods = frame.select(
        _source_id(mapping),
        text(mapping.name_column).alias("name"),
        text(mapping.group_column).alias("group_name"),
        text(mapping.brand_column).alias("manufacturer"),
        "_file",
        pl.col(LINE).alias("_line"),
    )
    no_id = foods.filter(pl.col("source_id").is_null())
    if no_id.height:
        what = "food id" if mapping.id_column else "food name"
        problems.append(
            report.from_rows(
                no_id,
                file,
                f"is empty: every food needs its {what}",
                column=mapping.id_column or mapping.name_column,
            )
        )
    problems.append(_ragged(raw, file))
    problems.append(_formula_warnings(foods, mapping, file))

    long, found, below = _nutrient_values(frame, mapping, style, file)
    problems.append(found)
    portions = pl.DataFrame(
        schema={**prepared.PORTION_SCHEMA, "_file": pl.String, "_line": pl.Int64}
    )
    if mapping.serving_size_column:
        servings, found = _servings(frame, mapping, style, file)
        problems.append(found)
        if mapping.basis == "per_serving":
            long = (
                long.join(servings.select("source_id", "serving"), on="source_id", how="left")
                .with_columns((pl.col("amount") * 100.0 / pl.col("serving")).alias("amount"))
                .drop("serving")
            )
            long = long.filter(pl.col("amount").is_not_null())
        portions = servings.filter(pl.col("serving") > 0).select(
            "source_id",
            pl.lit(0, pl.Int32).alias("seq"),
            pl.lit(1.0).alias("amount"),
            pl.lit("serving").alias("description"),
            pl.col("serving").alias("gram_weight"),
            "_file",
            "_line",
        )

    energy_columns = [n for n in mapping.nutrients if n.nutrient == ENERGY]
    candidates = (
        long.filter(pl.col("nutrient") == ENERGY).with_columns(
            pl.when(pl.col("_unit") == "kcal").then(0).otherwise(1).alias("priority"),
            pl.when(pl.col("_unit") == "kcal")
            .then(pl.lit("from column “") + pl.col("_column") + pl.lit("”"))
            .otherwise(pl.lit("converted from kJ (column “") + pl.col("_column") + pl.lit("”)"))
            .alias("note"),
        )
        if energy_columns
        else long.clear().with_columns(pl.lit(0).alias("priority"), pl.lit("").alias("note"))
    )
    plain = long.filter(pl.col("nutrient") != ENERGY)
    energy, energy_notes = prepared.choose_energy(
        candidates.select(
            "source_id", "priority", "amount", "note", "_file", "_line", "_column", "_raw"
        ),
        plain,
        foods.get_column("source_id").drop_nulls(),
    )
    energy = energy.join(
        foods.select("source_id", pl.col("_line").alias("_food_line")).unique("source_id"),
        on="source_id",
        how="left",
    ).with_columns(
        pl.coalesce("_line", "_food_line").alias("_line"),
        pl.coalesce("_file", pl.lit(file)).alias("_file"),
        pl.coalesce("_column", pl.lit("energy (computed)")).alias("_column"),
    )
    columns = ["source_id", "nutrient", "amount", "_file", "_line", "_column", "_raw"]
    nutrients = pl.concat([plain.select(columns), energy.select(columns)], how="vertical_relaxed")
    below_notes = below.select("source_id", "nutrient", "note")
    notes = pl.concat([energy_notes, below_notes]).unique(["source_id", "nutrient"], keep="first")

    user_columns = {
        "source_id": mapping.id_column or mapping.name_column,
        "name": mapping.name_column,
        "group_name": mapping.group_column or "",
        "manufacturer": mapping.brand_column or "",
    }
    valid_ids = foods.filter(pl.col("source_id").is_not_null())
    twice = valid_ids.filter(pl.col("source_id").is_duplicated()).select("source_id")
    nutrients = nutrients.join(twice, on="source_id", how="anti")  # said once, by FoodRows
    problems += [
        validate.check(
            schemas.FoodRows,
            valid_ids,
            file,
            columns=user_columns,
            reasons={
                "field_uniqueness": "appears on more than one line (the same food id twice)"
                if mapping.id_column
                else "appears on more than one "
                "line (the same name twice; map an id column to tell them apart)"
            },
        ),
        validate.check(schemas.NutrientValues, nutrients, file),
        validate.check(
            schemas.PortionRows,
            portions,
            file,
            columns={"gram_weight": mapping.serving_size_column or ""},
        ),
    ]
    groups, valid_ids = _groups(valid_ids)
    foods_frame = prepared.food_rows(
        valid_ids.with_columns(
            pl.struct("name", "manufacturer")
            .map_elements(
                lambda r: looks_branded(r["name"] or "", r["manufacturer"] or ""),
                return_dtype=pl.Boolean,
            )
            .alias("is_branded"),
            pl.lit(False).alias("is_common"),
            pl.col("manufacturer").fill_null(""),
        ).select(*prepared.FOOD_SCHEMA, "_file", "_line")
    )
    meta = DatasetMeta(
        name=options.dataset_name or source.stem,
        version=options.version,
        licence=options.licence,
        source_file=source.name,
        source_hash=source.sha256,
        source_size=source.size,
        format="table",
        settings={"format": "table", "sheet": raw.sheet, "mapping": mapping.model_dump()},
    )
    style_words = {"comma": "decimal comma", "dot": "decimal point"}[style]
    return PreparedImport(
        meta=meta,
        foods=foods_frame,
        groups=groups,
        nutrients=nutrients.select(*prepared.NUTRIENT_SCHEMA, "_file", "_line"),
        notes=notes,
        portions=portions,
        problems=pl.concat(
            [p for p in problems if p.height] or [report.empty()], how="vertical_relaxed"
        ),
        foods_in_file=frame.height,
        source_ids_in_file=foods.get_column("source_id").drop_nulls(),
        described=f"{raw.described()}, numbers with a {style_words}",
        below_detection=below.height,
    )


def _source_id(mapping: TableMapping) -> pl.Expr:
    """A food's key in the table: its id column, or its name when there is no id column."""
    return pl.col(mapping.id_column or mapping.name_column).alias("source_id")


def _nutrient_values(
    frame: pl.DataFrame, mapping: TableMapping, style: numbers.DecimalStyle, file: str
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(long values in our units, problems, below-detection notes)."""
    source_id = _source_id(mapping)
    if not mapping.nutrients:
        empty = pl.DataFrame(
            schema={
                "source_id": pl.String,
                "nutrient": pl.String,
                "amount": pl.Float64,
                "_status": pl.String,
                "_raw": pl.String,
                "_column": pl.String,
                "_unit": pl.String,
                "_file": pl.String,
                "_line": pl.Int64,
            }
        )
        return empty, report.empty(), empty.with_columns(pl.lit("").alias("note"))
    columns = list(dict.fromkeys(n.column for n in mapping.nutrients))
    wanted = pl.DataFrame(
        [
            (n.column, n.nutrient, n.unit, mappings.factor(n.nutrient, n.unit))
            for n in mapping.nutrients
        ],
        schema={
            "_column": pl.String,
            "nutrient": pl.String,
            "_unit": pl.String,
            "_factor": pl.Float64,
        },
        orient="row",
    )
    cells = frame.select(source_id, "_file", pl.col(LINE).alias("_line"), *columns).unpivot(
        index=["source_id", "_file", "_line"],
        on=columns,
        variable_name="_column",
        value_name="_raw",
    )
    parsed = numbers.parse_frame(cells, "_raw", style).join(wanted, on="_column")
    parts = [
        parsed.with_columns((pl.col("_value") * pl.col("_factor")).alias("amount")).select(
            "source_id",
            "nutrient",
            "amount",
            "_status",
            "_raw",
            "_column",
            "_unit",
            "_file",
            "_line",
        )
    ]
    long = pl.concat(parts).filter(pl.col("source_id").is_not_null())
    invalid = long.filter(pl.col("_status") == numbers.STATUS_INVALID)
    problems = report.from_rows(
        invalid, file, "is not a number", column=pl.col("_column"), value=pl.col("_raw")
    )
    below = long.filter(pl.col("_status") == numbers.STATUS_BELOW).with_columns(
        (
            pl.lit("below the detection limit (written “")
            + pl.col("_raw")
            + pl.lit("”); stored as 0")
        ).alias("note")
    )
    values = long.filter(pl.col("_status").is_in([numbers.STATUS_NUMBER, numbers.STATUS_BELOW]))
    return values, problems, below


def _servings(
    frame: pl.DataFrame, mapping: TableMapping, style: numbers.DecimalStyle, file: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    column = mapping.serving_size_column
    value, status = numbers.parse(column, style)
    servings = frame.select(
        _source_id(mapping),
        value.alias("serving"),
        status.alias("_status"),
        pl.col(column).alias("_raw"),
        "_file",
        pl.col(LINE).alias("_line"),
    ).filter(pl.col("source_id").is_not_null())
    per_serving = mapping.basis == "per_serving"
    unusable = servings.filter(
        (pl.col("_status") != numbers.STATUS_NUMBER) | (pl.col("serving") <= 0)
        if per_serving
        else (pl.col("_status") == numbers.STATUS_INVALID)
    )
    reason = (
        "needs a serving size in grams (more than 0): the values of this row are per serving"
        if per_serving
        else "is not a number"
    )
    problems = report.from_rows(
        unusable,
        file,
        reason,
        column=column,
        value=pl.col("_raw"),
        skips=report.SKIPS_FOOD if per_serving else report.SKIPS_NOTHING,
        severity=report.ERROR if per_serving else report.WARNING,
    )
    return servings.filter(pl.col("_status") == numbers.STATUS_NUMBER), problems


def _groups(foods: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    names = (
        foods.get_column("group_name").drop_nulls().str.strip_chars().unique(maintain_order=True)
    )
    keys = {name: f"g{i + 1}" for i, name in enumerate(names.to_list())}
    foods = foods.with_columns(
        pl.col("group_name")
        .str.strip_chars()
        .replace_strict(keys, default=prepared.OTHER_GROUP)
        .alias("group_key")
    )
    rows = [(key, name[: schemas.MAX_TEXT_CHARS], None) for name, key in keys.items()]
    if foods.filter(pl.col("group_key") == prepared.OTHER_GROUP).height:
        rows.append((prepared.OTHER_GROUP, "Other foods", None))
    groups = pl.DataFrame(rows, schema=prepared.GROUP_SCHEMA, orient="row")
    return groups, foods


def _ragged(raw: RawTable, file: str) -> pl.DataFrame:
    if not raw.ragged_lines:
        return report.empty()
    rows = pl.DataFrame({"_line": raw.ragged_lines})
    return report.from_rows(
        rows,
        file,
        f"has more fields than the header ({len(raw.columns)}); the extra fields are ignored",
        severity=report.WARNING,
        skips=report.SKIPS_NOTHING,
    )


def _formula_warnings(foods: pl.DataFrame, mapping: TableMapping, file: str) -> pl.DataFrame:
    formulas = foods.filter(pl.col("name").str.starts_with("="))
    if not formulas.height:
        return report.empty()
    return report.from_rows(
        formulas,
        file,
        "starts with “=” like a spreadsheet formula; it is kept as plain text and never calculated",
        column=mapping.name_column,
        value=pl.col("name"),
        severity=report.WARNING,
        skips=report.SKIPS_NOTHING,
    )
