"""Items with their nutrients as CSV and XLSX: the numbers of the app's report, and every text
cell a spreadsheet would run as a formula shown as text instead."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import polars as pl
import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.foods import Food, FoodGroup, Portion
from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.targets import Targets
from menuplanner.export.tables import items_csv, items_table, items_xlsx, neutralise
from menuplanner.services import menus
from menuplanner.store.memory import MemoryDatabase, MemoryFoodCatalog, MemoryUnitOfWork

BANANA = 9040
ATTACK = "=cmd|' /C calc'!A0"


def _report(client_name: str = ATTACK, label: str = "@SUM(1+1)*cmd|' /C calc'!A0"):
    nutrients = pl.DataFrame({"food_id": [BANANA], "energy_kcal": [89.0], "protein_g": [1.09]})
    nutrients = nutrients.with_columns(
        pl.lit(None, pl.Float64).alias(k) for k in KEYS if k not in nutrients.columns
    )
    catalog = MemoryFoodCatalog(
        {BANANA: Food(BANANA, "Bananas, raw", "0900", portions=(Portion(1, 1, "medium", 118.0),))},
        nutrients,
        [FoodGroup("0900", "Fruits")],
    )
    database = MemoryDatabase(catalog)
    with MemoryUnitOfWork(database) as uow:
        client_id = uow.clients.add(
            Client(client_name, Sex.FEMALE, manual_targets=Targets(2000, 100, 250, 67))
        )
        slots = (*DEFAULT_SLOTS, "\tLunch")
        menu_id = uow.menus.add(
            Menu(
                client_id,
                "-Week +1",
                dt.date(2026, 11, 23),
                2,
                slots,
                [
                    MenuItem(0, "Breakfast", ItemKind.FOOD, BANANA, 1, "medium", 118.0, label),
                    MenuItem(1, "\tLunch", ItemKind.FOOD, BANANA, 150, "g", 150.0, "Bananas, raw"),
                ],
            )
        )
        uow.commit()
    return menus.report(MemoryUnitOfWork(database), menu_id)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", ATTACK])
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Ana", "1=1", " =1", "'quoted", ""])
def test_other_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_the_items_table_has_the_report_numbers_and_safe_text() -> None:
    report = _report()
    table = items_table(report)
    assert table["client"].to_list() == ["'" + ATTACK] * 2
    assert table["menu"][0] == "'-Week +1"
    assert table["item"][0] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert table["meal"].to_list() == ["Breakfast", "'\tLunch"]
    assert table["day"].to_list() == [1, 2]
    assert table["energy_kcal"].to_list() == pytest.approx([118 * 0.89, 150 * 0.89])
    assert table["energy_kcal"].to_list() == report.items["energy_kcal"].to_list()


def test_the_csv_keeps_the_neutralised_text() -> None:
    rows = list(csv.DictReader(io.StringIO(items_csv(_report()).decode("utf-8-sig"))))
    assert rows[0]["client"] == "'" + ATTACK
    assert rows[0]["date"] == "2026-11-23"
    assert float(rows[0]["grams"]) == 118.0


def test_the_xlsx_holds_text_not_formulas() -> None:
    data = items_xlsx(_report())
    items = pl.read_excel(io.BytesIO(data), sheet_name="Items")
    assert items["client"].to_list() == ["'" + ATTACK] * 2
    assert items["item"][0] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    days = pl.read_excel(io.BytesIO(data), sheet_name="Days")
    assert days["energy_kcal_target"].to_list() == [2000.0, 2000.0]
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        sheets = [workbook.read(n) for n in workbook.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in sheet for sheet in sheets)  # no formula cells at all
