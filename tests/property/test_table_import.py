"""Imports of generated tables into a real database file: a valid table in any separator,
encoding and decimal style stores exactly its values and names; a table with negative, NaN,
infinite, huge or text-in-number cells keeps exactly those rows out, each with its line in the
report, and no bad amount ever reaches food_nutrients."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import example, given, settings
from hypothesis import strategies as st

from menuplanner.store.duckdb import database
from tests.property import pipeline
from tests.property.conftest import examples

HEADER = [
    "Code",
    "Name",
    "Group",
    "Energy (kcal)",
    "Protein (g)",
    "Fat (g)",
    "Carbohydrate (g)",
    "Sodium (mg)",
]
NUTRIENTS = ["energy_kcal", "protein_g", "fat_g", "carbohydrate_g", "sodium_mg"]
ENCODINGS = {
    "UTF-8": "utf-8",
    "UTF-8 with BOM": "utf-8-sig",
    "UTF-16": "utf-16",
    "Windows-1252": "cp1252",
    "Excel": "xlsx",
}
# Cells a food table may hold that must keep their food out (and why it is bad).
BAD_CELLS = ["-5", "-0,01", "inf", "-Infinity", "1e400", "lots", "12abc", "1e308", "=1+1", "0x10"]
_counter = itertools.count()


@pytest.fixture(scope="module")
def conn(module_database: Path):
    connection = database.connect(module_database)
    yield connection
    connection.close()


def _name_alphabet(encoding: str):
    characters = st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn"),
        max_codepoint=0xFF if encoding == "cp1252" else 0x1FFFF,
    )
    if encoding == "cp1252":
        characters = characters.filter(lambda c: c not in "\x81\x8d\x8f\x90\x9d")
    return characters


def _amount(high: float):
    """A value with at most two decimals (hundredths counted as integers: no rounding)."""
    return st.one_of(st.none(), st.integers(0, round(high * 100)).map(lambda n: n / 100))


@st.composite
def foods(draw, encoding: str):
    """Rows of plausible foods: macros add up to at most 100 g, energy at most 902 kcal."""
    rows = []
    for index in range(draw(st.integers(1, 8))):
        name = draw(st.text(_name_alphabet(encoding), min_size=1, max_size=40).map(str.strip))
        name = name or f"Food {index}"
        fat = draw(_amount(100))
        protein = draw(_amount(100 - (fat or 0)))
        carbohydrate = draw(_amount(100 - (fat or 0) - (protein or 0)))
        rows.append(
            {
                "code": f"F{index:03d}",
                "name": name,
                "group": draw(st.sampled_from([None, "Fruit", "Légumes", "Milch & Käse"])),
                "energy_kcal": draw(_amount(902)),
                "protein_g": protein,
                "fat_g": fat,
                "carbohydrate_g": carbohydrate,
                "sodium_mg": draw(_amount(5000)),
            }
        )
    return rows


def _cell(value: float | None, comma: bool) -> str:
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


def _write(path: Path, rows: list[list[str]], separator: str, encoding: str) -> None:
    if encoding == "Excel":
        _write_excel(path, rows)
        return
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(ENCODINGS[encoding]))


def _write_excel(path: Path, rows: list[list[str]]) -> None:
    """Names and codes as text cells (a name like "=1+1" stays text), numbers as numbers."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Foods")
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell == "":
                continue
            if r > 0 and c >= 3:
                sheet.write_number(r, c, float(cell.replace(",", ".")))
            else:
                sheet.write_string(r, c, cell)
    book.close()


def _expected(food: dict) -> dict[str, float]:
    values = {k: food[k] for k in NUTRIENTS if food[k] is not None}
    macros = [(food[k], f) for k, f in (("protein_g", 4), ("fat_g", 9), ("carbohydrate_g", 4))]
    if "energy_kcal" not in values and any(v is not None for v, _ in macros):
        values["energy_kcal"] = sum(v * f for v, f in macros if v is not None)
    return values


@settings(max_examples=examples(40))
@given(
    data=st.data(),
    encoding=st.sampled_from(sorted(ENCODINGS)),
    separator=st.sampled_from([",", ";", "\t", "|"]),
    comma=st.booleans(),
)
def test_a_valid_table_stores_exactly_its_names_and_values(
    conn, tmp_path, data, encoding, separator, comma
):
    rows = data.draw(foods(ENCODINGS[encoding]))
    lines = [HEADER] + [
        [f["code"], f["name"], f["group"] or "", *(_cell(f[k], comma) for k in NUTRIENTS)]
        for f in rows
    ]
    suffix = ".xlsx" if encoding == "Excel" else ".csv"
    path = tmp_path / f"table{next(_counter)}{suffix}"
    _write(path, lines, separator, encoding)
    dataset = f"Generated {next(_counter)}"
    outcome = pipeline.run(conn, path, path.name, dataset)
    assert outcome.kind == "imported", outcome.message
    assert outcome.prepared.report.errors == 0
    foods_here, values = pipeline.stored(conn, dataset)
    assert foods_here == {(f["code"], f["name"]) for f in rows}
    by_food = {}
    for source_id, nutrient, amount in values:
        by_food.setdefault(source_id, {})[nutrient] = amount
    for food in rows:
        assert by_food.get(food["code"], {}) == pytest.approx(_expected(food), abs=1e-9)
    assert pipeline.bad_amounts(conn) == 0


@settings(max_examples=examples(40))
@given(
    data=st.data(),
    separator=st.sampled_from([",", ";", "\t"]),
    bad=st.lists(
        st.tuples(st.integers(0, 7), st.integers(3, 7), st.sampled_from(BAD_CELLS)),
        min_size=1,
        max_size=6,
    ),
)
@example(data=None, separator=",", bad=[(0, 4, "1e400"), (1, 7, "-5")])
def test_bad_cells_keep_exactly_their_foods_out_with_a_reason_on_their_line(
    conn, tmp_path, data, separator, bad
):
    rows = (
        data.draw(foods("utf-8"))
        if data is not None
        else [
            {
                "code": f"F{i:03d}",
                "name": f"Food {i}",
                "group": None,
                "energy_kcal": 100.0,
                "protein_g": 5.0,
                "fat_g": 2.0,
                "carbohydrate_g": 15.0,
                "sodium_mg": 12.0,
            }
            for i in range(3)
        ]
    )
    lines = [HEADER] + [
        [f["code"], f["name"], f["group"] or "", *(_cell(f[k], False) for k in NUTRIENTS)]
        for f in rows
    ]
    spoiled = set()
    for row, column, cell in bad:
        if row < len(rows):
            lines[row + 1][column] = cell
            spoiled.add(row)
    path = tmp_path / f"bad{next(_counter)}.csv"
    _write(path, lines, separator, "UTF-8")
    dataset = f"Bad cells {next(_counter)}"
    outcome = pipeline.run(conn, path, path.name, dataset)
    assert outcome.kind in ("imported", "refused at commit"), outcome.message
    prepared = outcome.prepared
    spoiled_lines = {row + 2 for row in spoiled}  # the header is line 1
    assert spoiled_lines <= pipeline.problem_lines(prepared)
    problems = prepared.problems.filter(prepared.problems["severity"] == "error")
    assert all(reason for reason in problems.get_column("reason").to_list())
    kept = {rows[i]["code"] for i in range(len(rows)) if i not in spoiled}
    foods_here, _ = pipeline.stored(conn, dataset)
    assert {code for code, _ in foods_here} == kept
    if not kept:
        assert outcome.message == "No food in the file passed the checks, so nothing was imported."
    assert pipeline.bad_amounts(conn) == 0
