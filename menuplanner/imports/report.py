"""The validation report: every problem with the file, line, column, value and reason a person
can act on, and what happens to the row. Kept as a Polars frame (a 2-million-row import can have
many) and downloadable as CSV."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

ERROR, WARNING = "error", "warning"
# What an error takes out when the valid rows are imported.
SKIPS_FOOD, SKIPS_ROW, SKIPS_NOTHING = "food", "row", "nothing"
SCHEMA = {
    "severity": pl.String,
    "file": pl.String,
    "line": pl.Int64,
    "column": pl.String,
    "value": pl.String,
    "reason": pl.String,
    "source_id": pl.String,
    "skips": pl.String,
}
SHOWN_VALUE_CHARS = 80
OUTCOME = {
    SKIPS_FOOD: "food not imported",
    SKIPS_ROW: "row not imported",
    SKIPS_NOTHING: "imported",
}


def empty() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


def problems(
    file: str,
    reason: str,
    *,
    line: int | None = None,
    column: str | None = None,
    value: str | None = None,
    source_id: str | None = None,
    severity: str = ERROR,
    skips: str = SKIPS_FOOD,
) -> pl.DataFrame:
    """One problem as a frame."""
    return pl.DataFrame(
        [[severity, file, line, column, value, reason, source_id, skips]],
        schema=SCHEMA,
        orient="row",
    )


def from_rows(
    frame: pl.DataFrame,
    file: str | pl.Expr,
    reason: str | pl.Expr,
    *,
    column: str | pl.Expr | None = None,
    value: pl.Expr | None = None,
    severity: str = ERROR,
    skips: str = SKIPS_FOOD,
) -> pl.DataFrame:
    """Problems for every row of `frame` (which has `_line` and maybe `source_id`)."""

    def lit(x):
        return x if isinstance(x, pl.Expr) else pl.lit(x, pl.String)

    return frame.select(
        pl.lit(severity).alias("severity"),
        lit(file).alias("file"),
        pl.col("_line").cast(pl.Int64).alias("line"),
        lit(column).alias("column"),
        (value if value is not None else pl.lit(None, pl.String)).cast(pl.String).alias("value"),
        lit(reason).alias("reason"),
        (pl.col("source_id") if "source_id" in frame.columns else pl.lit(None))
        .cast(pl.String)
        .alias("source_id"),
        pl.lit(skips).alias("skips"),
    )


def shown_value(expr: pl.Expr) -> pl.Expr:
    """Long cells shortened for reading: the start, then how long the cell is."""
    return (
        pl.when(expr.str.len_chars() > SHOWN_VALUE_CHARS)
        .then(
            expr.str.slice(0, SHOWN_VALUE_CHARS - 20)
            + pl.lit("… (")
            + expr.str.len_chars().cast(pl.String)
            + pl.lit(" characters)")
        )
        .otherwise(expr)
    )


@dataclass(frozen=True)
class Report:
    problems: pl.DataFrame  # SCHEMA
    foods_in_file: int
    foods_valid: int

    @property
    def errors(self) -> int:
        return self.problems.filter(pl.col("severity") == ERROR).height

    @property
    def warnings(self) -> int:
        return self.problems.filter(pl.col("severity") == WARNING).height

    @property
    def foods_skipped(self) -> int:
        return self.foods_in_file - self.foods_valid

    @property
    def rows_skipped(self) -> int:
        """Lines of the user's files that are left out (errors), counted once each."""
        bad = self.problems.filter(pl.col("severity") == ERROR)
        return bad.select(pl.struct("file", "line").n_unique()).item() if bad.height else 0

    def table(self, limit: int | None = None) -> pl.DataFrame:
        """What a person reads: one row per problem, errors first, in file order."""
        shown = self.problems.sort(
            [pl.col("severity") != ERROR, "file", "line", "column"], nulls_last=False
        ).select(
            pl.col("severity").str.to_titlecase().alias("Severity"),
            pl.col("file").alias("File"),
            pl.col("line").alias("Line"),
            pl.col("column").alias("Column"),
            shown_value(pl.col("value")).fill_null("(empty)").alias("Value"),
            pl.col("reason").alias("Problem"),
            pl.col("skips").replace_strict(OUTCOME, default="").alias("What happens"),
        )
        return shown if limit is None else shown.head(limit)

    def csv(self) -> bytes:
        """The whole report as UTF-8 CSV (with BOM, so spreadsheet programs read accents), every
        text cell that a spreadsheet could take for a formula prefixed with an apostrophe."""
        table = self.table().with_columns(
            pl.col(pl.String).map_elements(_safe_for_spreadsheets, return_dtype=pl.String)
        )
        return "\ufeff".encode() + table.write_csv().encode()

    def summary(self) -> str:
        if not self.errors and not self.warnings:
            return f"All {_count(self.foods_in_file, 'food')} passed every check."
        text = f"{self.foods_valid:,} of {_count(self.foods_in_file, 'food')} passed every check."
        if self.errors:
            affected = self.foods_skipped
            text += (
                f" {_count(self.errors, 'problem')} {'affects' if self.errors == 1 else 'affect'} "
                f"{_count(affected, 'food')}, which {'is' if affected == 1 else 'are'} left out "
                "if you import the valid rows."
            )
        if self.warnings:
            text += (
                f" {_count(self.warnings, 'note')} for your information "
                "(nothing is left out for them)."
            )
        return text


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _safe_for_spreadsheets(text: str | None) -> str | None:
    if text and text[0] in "=+-@\t\r" and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
