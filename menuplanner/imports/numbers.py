"""Numbers as food-composition tables write them, parsed with Polars expressions.

"1,5" and "1.234,5" (decimal comma), "1,234.5" (thousands separators), "< 0.5", "<LOQ", "tr",
"traces", "Spuren" (below detection: 0, flagged), "-", "n/a", "N", empty (missing: null, never 0).
Whether "1,234" is one thousand or one point two is decided by the table as a whole: the style of
its unambiguous cells (`decimal_style`), or the separator when nothing decides (";" → comma).
"""

from __future__ import annotations

from typing import Literal

import polars as pl

DecimalStyle = Literal["comma", "dot"]

# Compared after spaces are removed and letters lower-cased.
MISSING_WORDS = (
    "-",
    "–",
    "—",
    "--",
    "n/a",
    "na",
    "n.a.",
    "n.a",
    "nan",
    "null",
    "none",
    "?",
    "nd",
    "n.d.",
    "n.d",
    "n",
    "k.a.",
    "ka",
    "ni",
    "...",
    "…",
    "nv",
    "n.v.",
    "ei",
    "e.i.",
    "s.d.",
    "sd",
)
BELOW_WORDS = (
    "tr",
    "tr.",
    "trace",
    "traces",
    "trazas",
    "traza",
    "tracce",
    "traccia",
    "spur",
    "spuren",
    "spoor",
    "sporen",
    "spor",
    "spår",
    "sp",
    "jälj",
    "loq",
    "lod",
    "<loq",
    "<lod",
    "bdl",
    "<dl",
    "<lq",
    "<ld",
    "nq",
    "<nq",
)

_SPACES = r"[\s\u00a0\u2009\u202f']"  # also the Swiss thousands apostrophe
_COMMA_DECIMAL = r"^[+-]?\d*,(\d{1,2}|\d{4,})$|^[+-]?\d{1,3}(\.\d{3})+,\d+$|^[+-]?0,\d+$"
_DOT_DECIMAL = r"^[+-]?\d*\.(\d{1,2}|\d{4,})$|^[+-]?\d{1,3}(,\d{3})+\.\d+$|^[+-]?0\.\d+$"
_THOUSANDS_COMMA = r"^[+-]?\d{1,3}(,\d{3})+$"
_THOUSANDS_DOT = r"^[+-]?\d{1,3}(\.\d{3})+$"

STATUS_NUMBER, STATUS_MISSING, STATUS_BELOW, STATUS_INVALID = (
    "number",
    "missing",
    "below",
    "invalid",
)


def _compact(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.String).str.strip_chars().str.replace_all(_SPACES, "")


def decimal_style(frame: pl.DataFrame, columns: list[str], separator: str = ",") -> DecimalStyle:
    """The decimal mark most unambiguous cells of `columns` use."""
    if not columns:
        return "comma" if separator == ";" else "dot"
    cells = frame.select(pl.concat_list([_compact(c) for c in columns]).alias("v")).explode("v")
    counts = cells.select(
        pl.col("v").str.contains(_COMMA_DECIMAL).sum().alias("comma"),
        pl.col("v").str.contains(_DOT_DECIMAL).sum().alias("dot"),
    ).row(0)
    comma, dot = (n or 0 for n in counts)
    if comma != dot:
        return "comma" if comma > dot else "dot"
    return "comma" if separator == ";" else "dot"


def parse(column: str, style: DecimalStyle) -> tuple[pl.Expr, pl.Expr]:
    """(value, status) expressions for a text column: value is Float64 (0 below detection,
    null when missing or invalid); status is one of the STATUS_* words. For many cells prefer
    `parse_frame`, which computes each step once."""
    text = _compact(column)
    return _value_and_status(text, text.str.to_lowercase(), _unwrapped(text), style)


def parse_frame(frame: pl.DataFrame, column: str, style: DecimalStyle) -> pl.DataFrame:
    """`frame` with `_value` and `_status` for the text in `column`, step by step."""
    staged = frame.with_columns(_compact(column).alias("_text")).with_columns(
        pl.col("_text").str.to_lowercase().alias("_low"),
        _unwrapped(pl.col("_text")).alias("_unwrapped"),
    )
    value, status = _value_and_status(pl.col("_text"), pl.col("_low"), pl.col("_unwrapped"), style)
    return (
        staged.with_columns(status.alias("_status"))
        .with_columns(
            pl.when(pl.col("_status") == STATUS_BELOW)
            .then(pl.lit(0.0))
            .when(pl.col("_status") == STATUS_NUMBER)
            .then(value)
            .otherwise(pl.lit(None, pl.Float64))
            .alias("_value")
        )
        .drop("_text", "_low", "_unwrapped")
    )


def _unwrapped(text: pl.Expr) -> pl.Expr:
    return text.str.replace(r"^\((.*)\)$", "$1").str.replace(r"^\[(.*)\]$", "$1")


def _value_and_status(
    text: pl.Expr, low: pl.Expr, unwrapped: pl.Expr, style: DecimalStyle
) -> tuple[pl.Expr, pl.Expr]:
    has_comma, has_dot = (
        unwrapped.str.contains(",", literal=True),
        unwrapped.str.contains(".", literal=True),
    )
    comma_last = unwrapped.str.contains(r"\.[^,]*,[^.]*$")
    dot_last = unwrapped.str.contains(r",[^.]*\.[^,]*$")
    comma_is_thousands = unwrapped.str.contains(_THOUSANDS_COMMA) & pl.lit(style == "dot")
    dot_is_thousands = unwrapped.str.contains(_THOUSANDS_DOT) & pl.lit(style == "comma")
    normal = (
        pl.when(comma_last)
        .then(unwrapped.str.replace_all(".", "", literal=True).str.replace(",", "."))
        .when(dot_last)
        .then(unwrapped.str.replace_all(",", "", literal=True))
        .when(has_comma & comma_is_thousands)
        .then(unwrapped.str.replace_all(",", "", literal=True))
        .when(has_comma)
        .then(unwrapped.str.replace(",", ".", literal=True))
        .when(has_dot & dot_is_thousands)
        .then(unwrapped.str.replace_all(".", "", literal=True))
        .otherwise(unwrapped)
    )
    number = normal.cast(pl.Float64, strict=False)
    is_missing = text.is_null() | (text == "") | low.is_in(MISSING_WORDS)
    is_below = low.is_in(BELOW_WORDS) | low.str.starts_with("<") | low.str.starts_with("≤")
    status = (
        pl.when(is_missing)
        .then(pl.lit(STATUS_MISSING))
        .when(is_below)
        .then(pl.lit(STATUS_BELOW))
        .when(number.is_not_null() & number.is_finite())
        .then(pl.lit(STATUS_NUMBER))
        .otherwise(pl.lit(STATUS_INVALID))
    )
    value = (
        pl.when(status == STATUS_NUMBER)
        .then(number)
        .when(status == STATUS_BELOW)
        .then(pl.lit(0.0))
        .otherwise(pl.lit(None, pl.Float64))
    )
    return value, status


def parse_series(
    values: list[str | None], style: DecimalStyle = "dot"
) -> list[tuple[float | None, str]]:
    """Convenience for tests and single values: [(value, status), ...]."""
    frame = parse_frame(pl.DataFrame({"v": values}, schema={"v": pl.String}), "v", style)
    return list(frame.select("_value", "_status").iter_rows())
