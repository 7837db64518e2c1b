"""Run a Pandera model over a frame and turn its failure cases into report rows: the line in the
user's file, the user's column name, the value as written and the reason in plain words."""

from __future__ import annotations

import re

import pandera.errors
import pandera.polars as pa
import polars as pl

from menuplanner.imports import report

_PLAIN = {
    "greater_than_or_equal_to(0)": "must not be negative",
    "greater_than(0)": "must be more than 0",
    "not_nullable": "is missing",
    "field_uniqueness": "appears on more than one line",
    "multiple_fields_uniqueness": "is given more than once for this food",
}


def check(
    model: type[pa.DataFrameModel],
    frame: pl.DataFrame,
    file: str,
    *,
    columns: dict[str, str] | None = None,
    skips: str = report.SKIPS_FOOD,
    reasons: dict[str, str] | None = None,
) -> pl.DataFrame:
    """Problems found in `frame` (empty frame when none). `frame` has `_line`, and may have
    `_file`, `_column` (the user's column, for long frames) and `_raw` (the text as written).
    `columns` names the user's column for each of the model's columns."""
    try:
        model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        return _problems(errors.failure_cases, frame, file, columns or {}, skips, reasons or {})
    return report.empty()


def _problems(
    failures: pl.DataFrame,
    frame: pl.DataFrame,
    file: str,
    columns: dict[str, str],
    skips: str,
    reasons: dict[str, str],
) -> pl.DataFrame:
    failures = failures.with_columns(
        pl.col("index").cast(pl.Int64), pl.col("column").cast(pl.String)
    )
    whole = failures.filter(pl.col("index").is_null())
    keep = [c for c in ("_line", "_file", "_column", "_raw", "source_id") if c in frame.columns]
    indexed = (
        frame.select(keep).with_row_index("_index").with_columns(pl.col("_index").cast(pl.Int64))
    )
    rows = failures.filter(pl.col("index").is_not_null()).join(
        indexed, left_on="index", right_on="_index", how="left"
    )
    checks = rows.get_column("check").unique().to_list()
    reason = pl.col("check").replace_strict(
        {c: reasons.get(c) or _plain(c) for c in checks}, default=pl.col("check")
    )
    length = pl.col("failure_case").str.len_chars()
    is_length_check = pl.col("check").str.starts_with("str_length")
    reason = (
        pl.when(is_length_check & (length == 0))
        .then(pl.lit("is empty"))
        .when(is_length_check)
        .then(
            pl.lit("is ")
            + length.map_elements(lambda n: f"{n:,}", return_dtype=pl.String)
            + pl.lit(" characters long; at most ")
            + pl.col("check").str.extract(r", (\d+)\)$")
            + pl.lit(" are accepted")
        )
        .otherwise(reason)
    )
    user_column = pl.col("column").replace_strict(columns, default=pl.col("column"))
    if "_column" in rows.columns:
        user_column = pl.coalesce(pl.col("_column"), user_column)
    value = pl.col("failure_case")
    if "_raw" in rows.columns:
        value = (
            pl.when(pl.col("schema_context") == "DataFrameSchema")
            .then(pl.col("_raw"))
            .otherwise(pl.coalesce(pl.col("_raw"), pl.col("failure_case")))
        )
    found = rows.select(
        pl.lit(report.ERROR).alias("severity"),
        (pl.col("_file") if "_file" in rows.columns else pl.lit(file))
        .cast(pl.String)
        .alias("file"),
        pl.col("_line").cast(pl.Int64).alias("line"),
        user_column.cast(pl.String).alias("column"),
        value.cast(pl.String).alias("value"),
        reason.cast(pl.String).alias("reason"),
        (pl.col("source_id") if "source_id" in rows.columns else pl.lit(None))
        .cast(pl.String)
        .alias("source_id"),
        pl.lit(skips).alias("skips"),
    )
    if whole.height:  # a column of the wrong type: our reader's fault, said once per column
        found = pl.concat(
            [
                found,
                *(
                    report.problems(
                        file,
                        f"cannot be checked ({row['check']})",
                        column=row["column"],
                        skips=skips,
                    )
                    for row in whole.unique(["column", "check"]).iter_rows(named=True)
                ),
            ]
        )
    return found.unique(maintain_order=True)


def _plain(check: str) -> str:
    if check in _PLAIN:
        return _PLAIN[check]
    bound = re.match(r"less_than_or_equal_to\(([\d.]+)\)", check)
    if bound:
        return f"is more than {float(bound.group(1)):,g}"
    if check.startswith("isin("):
        return "is not one of the accepted values"
    return check.replace("_", " ")
