"""Numbers as national food tables write them."""

from __future__ import annotations

import polars as pl
import pytest

from menuplanner.imports import numbers
from menuplanner.imports.numbers import parse_series


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,5", 1.5),
        ("1.5", 1.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1 234,5", 1234.5),
        ("12", 12.0),
        ("0,05", 0.05),
        ("(2,5)", 2.5),
        ("1e-3", 0.001),
        ("1'234.5", 1234.5),
    ],
)
def test_decimal_commas_and_thousands_separators_read_as_people_mean_them(text, value):
    assert parse_series([text], "dot") == [(pytest.approx(value), numbers.STATUS_NUMBER)]


@pytest.mark.parametrize(
    "text", ["< 0.5", "<0,1", "<LOQ", "<lod", "tr", "Tr.", "traces", "Spuren", "trazas"]
)
def test_values_below_detection_are_zero_and_flagged(text):
    assert parse_series([text]) == [(0.0, numbers.STATUS_BELOW)]


@pytest.mark.parametrize("text", ["", "-", "–", "n/a", "N/A", "n.a.", "N", "nd", None, "  "])
def test_missing_values_stay_missing_not_zero(text):
    assert parse_series([text]) == [(None, numbers.STATUS_MISSING)]


@pytest.mark.parametrize("text", ["lots", "12 g", "1,2,3", "=1+1", "inf"])
def test_anything_else_is_not_a_number(text):
    assert parse_series([text]) == [(None, numbers.STATUS_INVALID)]


def test_an_ambiguous_thousands_group_follows_the_tables_style():
    assert parse_series(["1,234"], "dot")[0][0] == 1234.0
    assert parse_series(["1,234"], "comma")[0][0] == pytest.approx(1.234)
    assert parse_series(["1.234"], "comma")[0][0] == 1234.0


def test_the_style_of_a_table_comes_from_its_unambiguous_cells():
    comma = pl.DataFrame({"a": ["1,5", "2,25", "1,234"], "b": ["3", None, "0,4"]})
    dot = pl.DataFrame({"a": ["1.5", "2.25", "1,234"]})
    assert numbers.decimal_style(comma, ["a", "b"]) == "comma"
    assert numbers.decimal_style(dot, ["a"]) == "dot"


def test_with_nothing_to_decide_a_semicolon_table_uses_decimal_commas():
    undecided = pl.DataFrame({"a": ["1", "2"]})
    assert numbers.decimal_style(undecided, ["a"], ";") == "comma"
    assert numbers.decimal_style(undecided, ["a"], ",") == "dot"
