"""Exports of the demo week on a real database file: the PDF says what the menu builder says,
the shopping list adds up to grams worked out by hand from the demo data, the exchange file
rebuilds the week in another database with the same totals, and hostile names stay text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl
import pytest

from menuplanner import demo
from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.display_names import display_name
from menuplanner.domain.formatting import format_number
from menuplanner.domain.menus import ItemKind
from menuplanner.domain.nutrients import BY_KEY
from menuplanner.domain.targets import Targets
from menuplanner.export.pdftext import pdf_pages, pdf_text
from menuplanner.services import export
from menuplanner.services import menus as menu_service
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.menu_exchange import DuckDBExchangeUnitOfWork
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

BANANA, ORANGE_JUICE, EGG, APPLE, BREAD = 9040, 9206, 1123, 9003, 18075


@pytest.fixture
def conn(database_copy: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(database_copy)
    try:
        yield connection
    finally:
        connection.close()


@pytest.fixture
def menu_id(conn) -> int:
    with DuckDBUnitOfWork(conn) as uow:
        return next(m.menu_id for m in uow.menus.list() if m.name == demo.DEMO_MENU_NAME)


@pytest.fixture
def other(built_database: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A second database with the same USDA foods and no demo data."""
    path = tmp_path / "other.duckdb"
    shutil.copy(built_database, path)
    connection = database.connect(path)
    demo.remove_demo(DuckDBUnitOfWork(connection))
    try:
        yield connection
    finally:
        connection.close()


def test_the_pdf_names_the_client_every_monday_item_and_the_day_totals(conn, menu_id) -> None:
    report = menu_service.report(DuckDBUnitOfWork(conn), menu_id)
    pages = pdf_pages(export.menu_pdf(DuckDBUnitOfWork(conn), menu_id))
    assert "Meal plan for Maya Jensen (demo)" in pages[0]
    monday = pages[1]
    assert monday.splitlines()[1].startswith(f"{report.menu.date_of(0):%A} ")
    items = report.items.filter(pl.col("day") == 0)
    assert items.height == 9
    for item in items.iter_rows(named=True):
        name = item["label"] if item["kind"] == "recipe" else display_name(item["label"])
        assert name in monday, name  # the client reads display names ("Orange juice")
        line = next(  # "Orange 1 medium", not "Orange juice 1 cup"
            line
            for line in monday.splitlines()
            if line.startswith(name + " ") and line[len(name) + 1] in "0123456789½¼¾⅓"
        )
        assert (
            f"{format_number(item['grams'], 0)} g {format_number(item['energy_kcal'], 0)} kcal"
            in line
        )
    for row in report.adherence.filter(pl.col("day") == 0).iter_rows(named=True):
        nutrient = BY_KEY[row["measure"]]
        actual = f"{format_number(row['actual'], 0)} {nutrient.unit}"
        target = f"{format_number(row['target'], 0)} {nutrient.unit}"
        share = f"{row['actual'] / row['target'] * 100:.0f} %"
        line = next(line for line in monday.splitlines() if line.startswith(nutrient.name + " "))
        assert actual in line and target in line and line.endswith(f"{share} on target"), line


def test_the_shopping_list_of_the_demo_week_adds_up_to_the_hand_counted_grams(conn, menu_id):
    grams = export.shopping_list(DuckDBUnitOfWork(conn), menu_id).grams()
    # Bananas (118 g each): single ones Mon, Thu, Fri and Sun, the smoothie's on Tue, and the
    # fruit salad (1 banana for 2 servings) served 4 times: 5 + 2 = 7 bananas.
    assert grams[BANANA] == pytest.approx(7 * 118)
    # Orange juice, a cup (248 g) at breakfast Mon, Wed, Fri, Sat, Sun.
    assert grams[ORANGE_JUICE] == pytest.approx(5 * 248)
    # Eggs: 2 large (50 g) in the scrambled eggs (Sun) and 2 in the omelette (Fri).
    assert grams[EGG] == pytest.approx(4 * 50)
    # Apples (182 g): single ones Mon, Tue, Thu, Fri, Sat and in "Apple with cheddar" Wed, Sun.
    assert grams[APPLE] == pytest.approx(7 * 182)
    # Bread, 2 slices (32 g each): Mon lunch, the toast Tue, Thu, Fri, Sat, the turkey
    # sandwich Tue, the scrambled eggs Sun.
    assert grams[BREAD] == pytest.approx(7 * 2 * 32)


def test_bananas_are_bought_with_their_peel(conn, menu_id) -> None:
    listed = export.shopping_list(DuckDBUnitOfWork(conn), menu_id)
    bananas = next(line for line in listed.lines if line.food_id == BANANA)
    assert bananas.refuse_pct == 36  # USDA: peel is 36 % of a banana as bought
    assert bananas.as_purchased_g == pytest.approx(826 / 0.64)  # 1,290.6 g
    assert (bananas.amount, bananas.eaten_text, bananas.to_buy_text) == (
        '7 medium (7" to 7-7/8" long)',
        "826 g",
        "1.3 kg",
    )
    monday = export.shopping_list(DuckDBUnitOfWork(conn), menu_id, 0, 0).grams()
    assert monday[BANANA] == pytest.approx(118)


def test_the_menu_file_rebuilds_the_week_in_another_database(conn, menu_id, other) -> None:
    data = export.menu_json(DuckDBUnitOfWork(conn), menu_id)
    result = export.import_menu(DuckDBExchangeUnitOfWork(other), data)
    assert result.totals_match and result.client_created and result.foods_added == []
    assert len(result.recipes_added) == 22
    before = menu_service.report(DuckDBUnitOfWork(conn), menu_id)
    after = menu_service.report(DuckDBUnitOfWork(other), result.menu_id)
    assert after.days.drop("date").equals(before.days.drop("date"))
    assert after.menu.start_date == before.menu.start_date
    assert [
        (i.day, i.slot, i.kind, i.quantity, i.unit, i.grams, i.label) for i in after.menu.items
    ] == [(i.day, i.slot, i.kind, i.quantity, i.unit, i.grams, i.label) for i in before.menu.items]
    assert after.targets == before.targets


def test_a_food_missing_in_the_other_database_keeps_the_files_values(conn, menu_id, other):
    # The other database as another build of the bundled data would be, without bananas: its
    # bundled dataset has another build stamp (what the process keeps is per build).
    for table in ("food_nutrients", "portions", "foods"):
        other.execute(f"DELETE FROM {table} WHERE food_id = ?", [BANANA])
    other.execute(
        "UPDATE datasets SET imported_at = imported_at + INTERVAL 1 DAY, "
        "food_count = food_count - 1 WHERE dataset_id = 1"
    )
    data = export.menu_json(DuckDBUnitOfWork(conn), menu_id)
    result = export.import_menu(DuckDBExchangeUnitOfWork(other), data)
    assert result.foods_added == ["Bananas, raw"]
    assert result.dataset == "Imported with menu Demo week"
    assert result.totals_match
    assert (
        "added with the file's nutrient values to the dataset 'Imported with menu Demo week'"
        in (" ".join(result.messages))
    )
    before = menu_service.report(DuckDBUnitOfWork(conn), menu_id)
    after = menu_service.report(DuckDBUnitOfWork(other), result.menu_id)
    assert after.days.drop("date").equals(before.days.drop("date"))
    with DuckDBUnitOfWork(other) as uow:
        hit = uow.foods.search("bananas raw").hits[0]
        food = uow.foods.get(hit.food_id)
    assert (hit.name, hit.dataset, food.refuse_pct) == ("Bananas, raw", result.dataset, 36)
    assert food.portions[-1].description.startswith("NLEA") and food.food_id != BANANA
    bananas = [i for i in after.menu.items if i.label == "Bananas, raw"]
    assert bananas and all(i.ref_id == food.food_id for i in bananas)


SCRIPT, FORMULA = "<script>alert(1)</script>", "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("name", [SCRIPT, FORMULA])
def test_hostile_client_names_print_literally_and_stay_text_in_spreadsheets(conn, name) -> None:
    with DuckDBUnitOfWork(conn) as uow:
        client_id = uow.clients.add(
            Client(name, Sex.FEMALE, manual_targets=Targets(2000, 90, 250, 65))
        )
        uow.commit()
    menu_id = menu_service.create_menu(
        DuckDBUnitOfWork(conn), client_id, name, dt.date(2026, 11, 23), 2
    )
    menu_service.add_food(
        DuckDBUnitOfWork(conn), menu_id, 0, "Breakfast", BANANA, 1, 'medium (7" to 7-7/8" long)'
    )
    text = pdf_text(export.menu_pdf(DuckDBUnitOfWork(conn), menu_id))
    assert f"Meal plan for {name}" in text and f"{name} · {name}" in text
    assert f"Shopping list for {name}" in pdf_text(
        export.shopping_pdf(DuckDBUnitOfWork(conn), menu_id)
    )
    html = export.menu_html(DuckDBUnitOfWork(conn), menu_id)
    assert "<script>alert" not in html
    expected = "'" + name if name == FORMULA else name
    rows = list(
        csv.DictReader(
            io.StringIO(export.items_csv(DuckDBUnitOfWork(conn), menu_id).decode("utf-8-sig"))
        )
    )
    assert (rows[0]["client"], rows[0]["menu"]) == (expected, expected)
    sheet = pl.read_excel(io.BytesIO(export.items_xlsx(DuckDBUnitOfWork(conn), menu_id)))
    assert sheet["client"].to_list() == [expected]


def test_a_recipe_item_is_exported_with_its_ingredients(conn, menu_id) -> None:
    data = export.menu_json(DuckDBUnitOfWork(conn), menu_id)
    with DuckDBUnitOfWork(conn) as uow:
        menu = uow.menus.get(menu_id)
    recipe_ids = {i.ref_id for i in menu.items if i.kind == ItemKind.RECIPE}
    assert data.count(b'"recipe_id"') == len(recipe_ids) == 22
