"""National-table files: encodings, separators, number styles, per-serving values, and the
report a person reads for every bad row."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from menuplanner.imports import table
from menuplanner.imports.errors import ImportRefused
from menuplanner.imports.mapping import NutrientColumn, TableMapping
from menuplanner.services import imports

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def prepared(path: Path, mapping: TableMapping | None = None, **changes):
    source = imports.open_file(path)
    raw = imports.read_table(source)
    chosen = mapping or imports.suggest_mapping(raw)
    if changes:
        chosen = chosen.model_copy(update=changes)
    return imports.prepare(source, raw=raw, mapping=chosen)


def per_100g(result, source_id: str) -> dict[str, float]:
    rows = result.nutrients.filter(pl.col("source_id") == source_id)
    return dict(zip(rows["nutrient"], rows["amount"], strict=True))


def problems(result) -> list[tuple]:
    return [
        (r["line"], r["column"], r["value"], r["reason"])
        for r in result.problems.filter(pl.col("severity") == "error")
        .sort("line", "column")
        .iter_rows(named=True)
    ]


def test_a_german_table_with_bom_title_line_and_decimal_commas():
    result = prepared(FIXTURES / "table_german_bom.csv")
    assert "semicolon-separated, UTF-8 with BOM, header on line 2" in result.described
    assert result.report.errors == 0
    assert per_100g(result, "B100") == {
        "energy_kcal": 295.0,
        "protein_g": 7.5,
        "fat_g": 1.2,
        "carbohydrate_g": 49.6,
        "sodium_mg": 430.0,
    }
    assert per_100g(result, "B102")["sodium_mg"] == 0.0  # "Spuren"
    assert "sodium_mg" not in per_100g(result, "B104")  # "-" is missing, not 0
    assert per_100g(result, "B104")["energy_kcal"] == pytest.approx(50 / 4.184)  # from kJ


def test_a_french_cp1252_table_keeps_its_accents():
    result = prepared(FIXTURES / "table_french_cp1252.csv")
    assert "Windows-1252" in result.described
    assert (
        result.foods.filter(pl.col("source_id") == "13001")["name"].item()
        == "Bœuf, steak haché 5% MG, cru"
    )
    assert per_100g(result, "13003")["energy_kcal"] == 148.5
    notes = result.notes.filter(pl.col("source_id") == "13001").sort("nutrient")
    assert notes["note"].to_list()[0] == "below the detection limit (written “<LOQ”); stored as 0"


def test_a_latin1_tab_separated_table():
    result = prepared(FIXTURES / "table_spanish_latin1.tsv")
    assert result.described.startswith("tab-separated, Latin-1")
    assert result.foods["name"].to_list()[2] == "Piña, cruda"
    assert per_100g(result, "S2")["fat_g"] == 99.9


def test_values_per_serving_become_per_100g_and_the_serving_a_household_measure():
    result = prepared(FIXTURES / "table_dutch_per_serving.csv", basis="per_serving")
    assert per_100g(result, "NL1")["energy_kcal"] == pytest.approx(340.0)  # 85 kcal in 25 g
    assert problems(result) == [
        (
            5,
            "Portie (g)",
            None,
            "needs a serving size in grams (more than 0): the values of this row are per serving",
        )
    ]
    valid = result.valid_only()
    assert valid.portions.filter(pl.col("source_id") == "NL2").select(
        "amount", "description", "gram_weight"
    ).row(0) == (1.0, "serving", 15.0)


def test_every_bad_value_is_reported_with_line_column_value_and_reason():
    result = prepared(FIXTURES / "table_bad_values.csv")
    assert problems(result) == [
        (3, "protein (g)", "-5", "must not be negative"),
        (4, "fat (g)", "lots", "is not a number"),
        (5, "energy (kcal)", "2250", "is more than 902 kcal per 100 g (pure fat)"),
        (5, "fat (g)", "250", "is more than 100 g per 100 g"),
        (6, "id", "B5", "appears on more than one line (the same food id twice)"),
        (7, "id", "B5", "appears on more than one line (the same food id twice)"),
        (8, "name", None, "is missing"),
    ]
    report = result.report
    assert (report.foods_in_file, report.foods_valid, report.foods_skipped) == (8, 2, 6)
    assert result.valid_only().foods["source_id"].to_list() == ["B1", "B7"]


def test_the_report_downloads_as_csv_with_formulas_defused():
    result = prepared(FIXTURES / "table_english.csv")
    csv_text = result.report.csv().decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "Severity,File,Line,Column,Value,Problem,What happens"
    assert "'=HYPERLINK" in csv_text  # a spreadsheet shows it as text


def test_a_formula_in_a_name_is_kept_as_plain_text():
    result = prepared(FIXTURES / "table_english.csv")
    name = result.foods.filter(pl.col("source_id") == "E005")["name"].item()
    assert name == '=HYPERLINK("http://example.invalid/x","Click me")'
    warning = result.problems.filter(pl.col("severity") == "warning").row(0, named=True)
    assert warning["line"] == 6 and "kept as plain text and never calculated" in warning["reason"]


def test_a_20000_character_name_is_refused_for_its_row_and_an_unused_long_cell_is_ignored(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(
        "name,energy (kcal),notes\n" + "x" * 20_000 + ",100,ok\nApple,52," + "y" * 20_000 + "\n"
    )
    result = prepared(path)
    assert problems(result) == [
        (2, "name", "x" * 20_000, "is 20,000 characters long; at most 500 are accepted")
    ]
    assert result.report.table()["Value"][0] == "x" * 60 + "… (20000 characters)"
    assert result.valid_only().foods["name"].to_list() == ["Apple"]


def test_an_xlsx_sheet_with_empty_rows_and_a_title_reports_excel_row_numbers(tmp_path):
    path = tmp_path / "livsmedel.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Livsmedel")
    sheet.write(1, 0, "Livsmedelsverkets livsmedelsdatabas")
    sheet.write_row(
        3,
        0,
        [
            "Livsmedelsnummer",
            "Livsmedelsnamn",
            "Energi (kcal)",
            "Protein (g)",
            "Fett totalt (g)",
            "Kolhydrater, tillgängliga (g)",
            "Natrium (mg)",
        ],
    )
    sheet.write_row(4, 0, [1, "Knäckebröd", 350, 10.5, 1.7, 66.0, 400])
    sheet.write_row(5, 0, [2, "Lingonsylt", 150, 0.2, 0.3, "38,5", "tr"])
    sheet.write_row(6, 0, [3, "Ost, hårdost", 390, 26.0, 31.0, 0, -5])
    sheet.write_string(7, 1, '=HYPERLINK("http://x")')
    workbook.close()
    result = prepared(path)
    assert result.described.startswith("sheet “Livsmedel”, header on line 4")
    assert per_100g(result, "2")["carbohydrate_g"] == 38.5
    assert per_100g(result, "1")["energy_kcal"] == 350.0
    assert [(line, column, reason) for line, column, _, reason in problems(result)] == [
        (7, "Natrium (mg)", "must not be negative"),
        (8, "Livsmedelsnummer", "is empty: every food needs its food id"),
    ]


def test_a_mapping_that_cannot_be_used_refuses_the_import():
    mapping = TableMapping(
        name_column="Food name",
        nutrients=[NutrientColumn(column="Sodium (mg)", nutrient="sodium_mg", unit="mg")],
    )
    with pytest.raises(ImportRefused, match="no energy column and no protein, fat or carbohydrate"):
        prepared(FIXTURES / "table_english.csv", mapping)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "empty.csv is empty: there is nothing to import."),
        ("header_only.csv", "header_only.csv has a header line but no rows of foods."),
        ("garbage.csv", "garbage.csv is not a text table: it contains binary data."),
    ],
)
def test_unusable_files_are_refused_with_a_sentence(name, message):
    with pytest.raises(ImportRefused) as refused:
        prepared(FIXTURES / name)
    assert str(refused.value).startswith(message)


def test_files_over_the_size_limit_are_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_bytes(b"name,kcal\n" + b"apple,52\n" * 200_000)
    with pytest.raises(ImportRefused, match=r"big.csv is 1.7 MB; files over 1 MB are refused"):
        imports.open_file(path, max_mb=1)
    monkeypatch.setenv("MENUPLANNER_IMPORT_MAX_MB", "1")
    with pytest.raises(ImportRefused, match="over 1 MB"):
        imports.open_file(path)


def test_an_old_xls_and_a_damaged_xlsx_are_refused(tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (tmp_path / "cut.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportRefused, match="old Excel"):
        imports.open_file(tmp_path / "old.xls")
    with pytest.raises(ImportRefused, match="damaged or incomplete"):
        imports.open_file(tmp_path / "cut.xlsx")


@pytest.mark.parametrize(
    "name",
    [
        "table_german_bom.csv",
        "table_french_cp1252.csv",
        "table_spanish_latin1.tsv",
        "table_bad_values.csv",
    ],
)
def test_big_tables_read_by_polars_give_the_same_rows_and_lines(name, monkeypatch):
    small = prepared(FIXTURES / name)
    monkeypatch.setattr(table, "BIG_TABLE_BYTES", 0)
    big = prepared(FIXTURES / name)
    assert big.described == small.described
    assert big.nutrients.sort("source_id", "nutrient").equals(
        small.nutrients.sort("source_id", "nutrient")
    )
    assert big.foods.sort("source_id").equals(small.foods.sort("source_id"))
    assert (
        big.report.table()
        .sort("Line", "Column")
        .equals(small.report.table().sort("Line", "Column"))
    )
