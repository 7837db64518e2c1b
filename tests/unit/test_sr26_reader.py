"""Parsing SR26 text: `^` separates fields, `~` quotes text that may hold `"` and `,`."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from menuplanner.sr26.errors import DataFileError, Problem
from menuplanner.sr26.files import ABBREV_COLUMNS, WEIGHT_COLUMNS
from menuplanner.sr26.reader import LINE, parse_sr_text, read_sr_file, to_numbers

BUTTER_WEIGHTS = (
    '~01001~^1^1^~pat (1" sq, 1/3" high)~^5.0^^\r\n'
    "~01001~^2^1^~tbsp~^14.2^^\r\n"
    "~01001~^3^1^~cup~^227^^\r\n"
)


def test_keeps_double_quotes_and_commas_inside_tilde_quoted_text():
    frame = parse_sr_text(BUTTER_WEIGHTS, WEIGHT_COLUMNS, "WEIGHT.txt")
    assert frame["description"].to_list() == ['pat (1" sq, 1/3" high)', "tbsp", "cup"]
    assert frame.row(0, named=True) == {
        LINE: 1,
        "ndb_no": "01001",
        "seq": "1",
        "amount": "1",
        "description": 'pat (1" sq, 1/3" high)',
        "gram_weight": "5.0",
        "data_points": None,
        "std_dev": None,
    }


def test_keeps_leading_zeros_of_ids_as_text():
    frame = parse_sr_text(BUTTER_WEIGHTS, WEIGHT_COLUMNS, "WEIGHT.txt")
    assert frame["ndb_no"].dtype == pl.String
    assert frame["ndb_no"][0] == "01001"


def test_numbers_lines_from_one_in_file_order():
    frame = parse_sr_text(BUTTER_WEIGHTS, WEIGHT_COLUMNS, "WEIGHT.txt")
    assert frame[LINE].to_list() == [1, 2, 3]


def test_reads_an_abbrev_row_with_a_quoted_household_measure():
    fields = ["~01001~", "~BUTTER,WITH SALT~", "15.87", "717", "0.85", "81.11"]
    fields += [""] * 43 + ['~1 pat,  (1" sq, 1/3" high)~', "14.2", "~1 tbsp~", "0"]
    frame = parse_sr_text("^".join(fields) + "\r\n", ABBREV_COLUMNS, "ABBREV.txt")
    row = frame.row(0, named=True)
    assert (row["ndb_no"], row["energy_kcal"], row["fat_g"]) == ("01001", "717", "81.11")
    assert row["_unused_49"] == '1 pat,  (1" sq, 1/3" high)'
    assert row["ash_g"] is None


def test_an_empty_numeric_field_becomes_null_not_zero():
    frame = parse_sr_text("~01001~^2^1^~tbsp~^^^\r\n", WEIGHT_COLUMNS, "WEIGHT.txt")
    numbers, problems = to_numbers(frame, ["gram_weight", "std_dev"], "WEIGHT.txt")
    assert problems == []
    assert numbers["gram_weight"].to_list() == [None]
    assert numbers["gram_weight"].dtype == pl.Float64


def test_to_numbers_casts_and_flags_each_non_number_with_its_line():
    text = BUTTER_WEIGHTS + "~01001~^4^1^~stick~^about 113^^\r\n" + "~01002~^1^x^~cup~^227^^\r\n"
    frame = parse_sr_text(text, WEIGHT_COLUMNS, "WEIGHT.txt")
    numbers, problems = to_numbers(frame, ["amount", "gram_weight"], "WEIGHT.txt")
    assert numbers["gram_weight"].to_list() == [5.0, 14.2, 227.0, None, 227.0]
    assert problems == [
        Problem("WEIGHT.txt", 5, "amount", "x", "is not a number"),
        Problem("WEIGHT.txt", 4, "gram_weight", "about 113", "is not a number"),
    ]


def test_a_problem_reads_as_file_line_column_reason_and_value():
    problem = Problem("WEIGHT.txt", 4, "gram_weight", "about 113", "is not a number")
    assert str(problem) == (
        "WEIGHT.txt, line 4, column gram_weight: is not a number (value 'about 113')"
    )


@pytest.mark.parametrize(
    ("line", "fields"), [("~01001~^1^1^~pat~^5.0", 5), ("~01001~^1^1^~pat~^5.0^^^^", 9)]
)
def test_refuses_a_line_with_the_wrong_number_of_fields_naming_the_line(line, fields):
    good = "~01001~^2^1^~tbsp~^14.2^^\r\n"
    with pytest.raises(DataFileError) as raised:
        parse_sr_text(good + line + "\r\n", WEIGHT_COLUMNS, "WEIGHT.txt")
    assert str(raised.value) == (
        f"WEIGHT.txt is damaged: WEIGHT.txt, line 2: has {fields} fields, expected 7"
    )


def test_refuses_an_empty_file():
    with pytest.raises(DataFileError, match="WEIGHT.txt is empty"):
        parse_sr_text("\r\n", WEIGHT_COLUMNS, "WEIGHT.txt")


def test_names_a_missing_file(tmp_path: Path):
    with pytest.raises(DataFileError, match=r"missing: WEIGHT.txt: cannot be opened") as raised:
        read_sr_file(tmp_path / "WEIGHT.txt", WEIGHT_COLUMNS)
    assert raised.value.problems[0].file == "WEIGHT.txt"


def test_refuses_binary_data(tmp_path: Path):
    path = tmp_path / "WEIGHT.txt"
    path.write_bytes(b"~01001~^1^\x00\x01\x02")
    with pytest.raises(DataFileError, match="contains binary data"):
        read_sr_file(path, WEIGHT_COLUMNS)


def test_reads_latin_1_text(tmp_path: Path):
    path = tmp_path / "WEIGHT.txt"
    path.write_bytes("~01001~^1^1^~pat \xb5~^5.0^^\r\n".encode("latin-1"))
    assert read_sr_file(path, WEIGHT_COLUMNS)["description"][0] == "pat µ"
