"""Tables over the row or column limit are refused early with one sentence naming the file's
figure and the limit; FoodData Central downloads are not bound by the table limits."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from menuplanner.imports import table
from menuplanner.imports.errors import ImportRefused
from menuplanner.services import imports


def wide_csv(path: Path, columns: int, rows: int = 2) -> Path:
    header = ["name", *(f"extra {i}" for i in range(columns - 1))]
    lines = [",".join(header)] + [
        ",".join([f"food {r}"] + ["1"] * (columns - 1)) for r in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def long_csv(path: Path, rows: int, blank_every: int = 0) -> Path:
    lines = ["name,energy (kcal)"]
    for r in range(rows):
        lines.append(f"food {r},{r % 900}")
        if blank_every and r % blank_every == 0:
            lines.append(",")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(ImportRefused) as error:
        imports.read_table(imports.open_file(path))
    return str(error.value)


def test_the_defaults_allow_half_a_million_rows_and_500_columns(monkeypatch):
    monkeypatch.delenv(table.MAX_ROWS_ENV_VAR, raising=False)
    monkeypatch.delenv(table.MAX_COLUMNS_ENV_VAR, raising=False)
    assert (table.max_rows(), table.max_columns()) == (500_000, 500)


def test_a_table_with_612_columns_is_refused_naming_both_figures(tmp_path):
    assert refusal(wide_csv(tmp_path / "wide.csv", 612)) == (
        "wide.csv has 612 columns; at most 500 can be imported (set "
        "MENUPLANNER_IMPORT_MAX_COLUMNS to allow more)."
    )


def test_a_table_with_500_columns_is_read(tmp_path):
    assert (
        len(imports.read_table(imports.open_file(wide_csv(tmp_path / "w.csv", 500))).columns) == 500
    )


@pytest.mark.parametrize("big", [False, True], ids=["csv module", "polars"])
def test_rows_over_the_limit_are_refused_with_the_files_count(tmp_path, monkeypatch, big):
    monkeypatch.setenv(table.MAX_ROWS_ENV_VAR, "1000")
    if big:
        monkeypatch.setattr(table, "BIG_TABLE_BYTES", 0)
    assert refusal(long_csv(tmp_path / "long.csv", 1234)) == (
        "long.csv has 1,234 rows of foods; at most 1,000 can be imported (set "
        "MENUPLANNER_IMPORT_MAX_ROWS to allow more, or split the file)."
    )


@pytest.mark.parametrize("big", [False, True], ids=["csv module", "polars"])
def test_a_table_at_the_row_limit_is_read_whole(tmp_path, monkeypatch, big):
    monkeypatch.setenv(table.MAX_ROWS_ENV_VAR, "1000")
    if big:
        monkeypatch.setattr(table, "BIG_TABLE_BYTES", 0)
    raw = imports.read_table(imports.open_file(long_csv(tmp_path / "long.csv", 1000)))
    assert raw.frame.height == 1000


def test_blank_lines_do_not_count_as_rows_for_the_limit(tmp_path, monkeypatch):
    """Polars reads one row past the limit; blank rows among them must not refuse the file
    nor cut it short."""
    monkeypatch.setenv(table.MAX_ROWS_ENV_VAR, "1000")
    monkeypatch.setattr(table, "BIG_TABLE_BYTES", 0)
    raw = imports.read_table(imports.open_file(long_csv(tmp_path / "gaps.csv", 1000, 10)))
    assert raw.frame.height == 1000
    assert raw.frame["name"][-1] == "food 999"


def test_an_excel_sheet_over_the_column_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv(table.MAX_COLUMNS_ENV_VAR, "3")
    path = tmp_path / "foods.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet("Foods")
        sheet.write_row(0, 0, ["name", "energy (kcal)", "protein (g)", "fat (g)"])
        sheet.write_row(1, 0, ["Oats", 375, 11, 8])
    assert refusal(path) == (
        "foods.xlsx has 4 columns; at most 3 can be imported (set "
        "MENUPLANNER_IMPORT_MAX_COLUMNS to allow more)."
    )


def test_a_food_data_central_download_is_not_bound_by_the_table_row_limit(monkeypatch):
    monkeypatch.setenv(table.MAX_ROWS_ENV_VAR, "1")
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "fdc_sr_legacy"
    prepared = imports.prepare(imports.open_file(folder))
    assert prepared.report.foods_valid > 1
