"""Exports of the vegan demo week with its micronutrients: the optional page of the PDF and the
printable page, and the % of goal columns of the CSV and XLSX."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest

from menuplanner.services import export
from menuplanner.store.duckdb.sharing import Database

NORA, VEGAN_WEEK = "Nora Lind (demo)", "Vegan week"


@pytest.fixture
def vegan(database_copy: Path) -> tuple[Database, int]:
    db = Database(database_copy)
    return db, export.find_menu(db.unit_of_work(), NORA, VEGAN_WEEK)


def test_the_micronutrient_page_lists_the_week_against_her_goals(vegan):
    db, menu_id = vegan
    document = export.menu_document(db.unit_of_work(), menu_id, export.options(micronutrients=True))
    page = document.micronutrients
    assert page.title == "Vitamins and minerals"
    assert page.intro.startswith("Average of the 7 planned days. Females 31–50 y")
    lines = {line.nutrient: line for line in page.lines}
    assert len(lines) == 23
    b12 = lines["Vitamin B12"]
    assert (b12.goal, b12.status_word) == ("2.4 µg (RDA)", "low")
    assert b12.planned.startswith("at least ")  # edamame has no B12 value
    assert lines["Iron"].goal == "18 mg (RDA)"
    assert any(note.startswith("Vitamin D unknown for") for note in page.notes)
    html = export.menu_html(db.unit_of_work(), menu_id, export.options(micronutrients=True))
    assert "<h2>Vitamins and minerals</h2>" in html
    assert "<th>Vitamin B12</th>" in html


def test_without_the_option_or_without_numbers_there_is_no_page(vegan):
    db, menu_id = vegan
    plain = export.menu_document(db.unit_of_work(), menu_id, export.options())
    assert plain.micronutrients is None
    no_numbers = export.options(with_numbers=False, micronutrients=True)
    assert export.menu_document(db.unit_of_work(), menu_id, no_numbers).micronutrients is None
    pdf = export.menu_pdf(db.unit_of_work(), menu_id, export.options(micronutrients=True))
    assert pdf.startswith(b"%PDF")


def test_csv_and_xlsx_give_each_micronutrient_as_percent_of_her_goal(vegan):
    db, menu_id = vegan
    items = pl.read_csv(io.BytesIO(export.items_csv(db.unit_of_work(), menu_id)))
    assert "iron_mg_pct_of_goal" in items.columns and "vitamin_b12_ug_pct_of_goal" in items.columns
    assert "energy_kcal_pct_of_goal" not in items.columns
    first = items.row(0, named=True)
    assert first["iron_mg_pct_of_goal"] == pytest.approx(100 * first["iron_mg"] / 18, abs=1e-3)
    days = pl.read_excel(
        io.BytesIO(export.items_xlsx(db.unit_of_work(), menu_id)), sheet_name="Days"
    )
    assert days["calcium_mg_pct_of_goal"].to_list() == pytest.approx(
        (days["calcium_mg"] / 10).to_list(), abs=0.01
    )


def test_in_a_kj_workspace_the_exports_give_energy_in_kj(database_copy: Path):
    from menuplanner.services import settings

    db = Database(database_copy)
    settings.set_energy_unit(db.unit_of_work(), "kJ")
    menu_id = export.find_menu(db.unit_of_work(), "Maya Jensen (demo)", "Demo week")
    items = pl.read_csv(io.BytesIO(export.items_csv(db.unit_of_work(), menu_id)))
    assert "energy_kj" in items.columns and "energy_kcal" not in items.columns
    days = pl.read_excel(
        io.BytesIO(export.items_xlsx(db.unit_of_work(), menu_id)), sheet_name="Days"
    )
    assert days["energy_kj_target"][0] == pytest.approx(2075 * 4.184)
    document = export.menu_document(db.unit_of_work(), menu_id)
    assert document.targets.startswith("Daily targets: 8,682 kJ · protein 77 g")
    assert document.days[0].energy.endswith(" kJ")
    assert document.chart.unit == "kJ"
    assert [line.actual.split()[-1] for line in document.days[0].totals][:2] == ["kJ", "g"]


def test_a_menu_file_carries_the_clients_pregnancy_and_own_goals(database_copy: Path, tmp_path):
    import dataclasses
    import json
    import shutil

    from menuplanner.domain.clients import Condition, NutrientGoal
    from menuplanner.services import clients as client_service
    from menuplanner.store.duckdb.menu_exchange import DuckDBExchangeUnitOfWork

    db = Database(database_copy)
    with db.unit_of_work() as uow:
        nora = next(c for c in uow.clients.list() if c.name == NORA)
    goals = (NutrientGoal("vitamin_b12_ug", minimum=5.0, reason="<b>low B12</b>"),)
    pregnant = dataclasses.replace(nora, condition=Condition.PREGNANT)
    client_service.save_client(db.unit_of_work(), pregnant)
    client_service.save_nutrient_goals(db.unit_of_work(), nora.client_id, goals)
    menu_id = export.find_menu(db.unit_of_work(), NORA, VEGAN_WEEK)
    data = export.menu_json(db.unit_of_work(), menu_id)
    client = json.loads(data)["client"]
    assert client["condition"] == "pregnant"
    assert client["nutrient_goals"] == [
        {"nutrient": "vitamin_b12_ug", "minimum": 5.0, "maximum": None, "reason": "<b>low B12</b>"}
    ]
    other = tmp_path / "other.duckdb"  # a database without Nora: she comes with the file
    shutil.copy(database_copy, other)
    with Database(other).unit_of_work() as uow:
        uow.clients.delete(next(c for c in uow.clients.list() if c.name == NORA).client_id)
        uow.commit()
    conn = database_connect(other)
    try:
        export.import_menu(DuckDBExchangeUnitOfWork(conn), data)
        with DuckDBExchangeUnitOfWork(conn) as uow:
            imported = next(c for c in uow.clients.list() if c.name == NORA)
    finally:
        conn.close()
    assert (imported.condition, imported.nutrient_goals) == (Condition.PREGNANT, goals)


def database_connect(path: Path):
    from menuplanner.store.duckdb import database

    return database.connect(path)
