"""Parse SR26 text files: `^` separates fields, `~` quotes text (which may hold `"` and `,`)."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl

from menuplanner.sr26.errors import DataFileError, Problem

LINE = "_line"  # 1-based line number in the source file, kept for error reports


def parse_sr_text(text: str, columns: tuple[str, ...], file_name: str) -> pl.DataFrame:
    """All fields as strings (empty → null), plus the line number of each row."""
    if not text.strip():
        raise DataFileError(
            f"{file_name} is empty.", [Problem(file_name, None, None, None, "no rows")]
        )
    _check_field_counts(text, len(columns), file_name)
    try:
        frame = pl.read_csv(
            io.StringIO(text),
            separator="^",
            quote_char="~",
            has_header=False,
            infer_schema=False,
            new_columns=list(columns),
        )
    except (pl.exceptions.PolarsError, ValueError) as error:
        reason = f"cannot be read as an SR26 file ({str(error).splitlines()[0]})"
        raise DataFileError(
            f"{file_name} is damaged:", [Problem(file_name, None, None, None, reason)]
        ) from error
    if frame.width != len(columns):
        reason = f"has {frame.width} fields per line, expected {len(columns)}"
        raise DataFileError(
            f"{file_name} is damaged:", [Problem(file_name, None, None, None, reason)]
        )
    frame = frame.with_columns(pl.col(pl.String).str.strip_chars().replace("", None))
    return frame.with_row_index(LINE, offset=1)


def _check_field_counts(text: str, expected: int, file_name: str) -> None:
    """Every line must have `expected` fields: Polars would pad a short line with nulls (a
    truncated line would silently lose values) or fail without saying where."""
    problems = [
        Problem(
            file_name, number, None, None, f"has {line.count('^') + 1} fields, expected {expected}"
        )
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and line.count("^") != expected - 1
    ]
    if problems:
        raise DataFileError(f"{file_name} is damaged:", problems)


def read_sr_file(path: Path, columns: tuple[str, ...]) -> pl.DataFrame:
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = f"cannot be opened ({error.strerror or error})"
        raise DataFileError(
            "A bundled data file is missing:", [Problem(path.name, None, None, None, reason)]
        ) from error
    if b"\x00" in raw:
        reason = "contains binary data, not text"
        raise DataFileError(
            f"{path.name} is damaged:", [Problem(path.name, None, None, None, reason)]
        )
    # SR26 is ASCII except NUTR_DEF's µ in Latin-1; Latin-1 decodes any byte, so decode as that.
    return parse_sr_text(raw.decode("latin-1"), columns, path.name)


def to_numbers(
    frame: pl.DataFrame, columns: list[str], file_name: str
) -> tuple[pl.DataFrame, list[Problem]]:
    """Cast text columns to Float64; a non-empty field that is not a number is a problem."""
    problems: list[Problem] = []
    cast = frame.with_columns(pl.col(c).cast(pl.Float64, strict=False) for c in columns)
    for column in columns:
        bad = frame.filter(pl.col(column).is_not_null() & cast[column].is_null())
        for line, value in bad.select(LINE, column).iter_rows():
            problems.append(Problem(file_name, line, column, value, "is not a number"))
    return cast, problems
