"""The Export and share page driven as a dietitian would (AppTest, no browser): the demo week's
files on offer, the PDF's day totals equal to what the menu builder shows, the shopping list
following the chosen days, and a menu file imported from the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from menuplanner import demo
from menuplanner.domain.clients import Client, Sex
from menuplanner.export.pdftext import pdf_pages
from menuplanner.services import export
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork


@pytest.fixture
def page(app: AppTest) -> AppTest:
    app.switch_page("pages/export.py")
    app.run()
    assert not app.exception
    return app


def _demo_menu_id(path: Path) -> int:
    conn = database.connect(path)
    try:
        with DuckDBUnitOfWork(conn) as uow:
            return next(m.menu_id for m in uow.menus.list() if m.name == demo.DEMO_MENU_NAME)
    finally:
        conn.close()


def _with_conn(path: Path, action):
    conn = database.connect(path)
    try:
        return action(conn)
    finally:
        conn.close()


def test_every_file_of_the_demo_week_is_on_offer(page: AppTest) -> None:
    assert page.title[0].value == "Export and share"
    assert page.selectbox(key="export_menu").format_func(
        page.selectbox(key="export_menu").value
    ) == ("Demo week")
    labels = [button.label for button in page.get("download_button")]
    assert labels == [
        "Download PDF",
        "Download printable page (HTML)",
        "Download shopping list (PDF)",
        "Download shopping list (CSV)",
        "Download items (CSV)",
        "Download items (XLSX)",
        "Download menu file (JSON)",
    ]
    assert [tab.label for tab in page.tabs] == [
        "For the client",
        "Shopping list",
        "Spreadsheet",
        "Menu file",
    ]


def test_the_pdf_shows_the_day_totals_the_menu_builder_shows(app: AppTest, database_copy) -> None:
    app.switch_page("pages/menu_builder.py")
    app.session_state["builder_tab"] = "Day by day"
    app.run()
    shown = next(m.value for m in app.markdown if "Energy:" in m.value)  # Monday, day by day
    lines = [re.sub(r"^:\w+\[.\] ", "", line.strip()) for line in shown.splitlines()]
    assert lines[0].startswith("Energy: ") and len(lines) == 6
    menu_id = _demo_menu_id(database_copy)
    monday = pdf_pages(
        _with_conn(database_copy, lambda conn: export.menu_pdf(DuckDBUnitOfWork(conn), menu_id))
    )[1]
    for line in lines:  # "Energy: 2,027 of 2,075 kcal (98 %)" in the app
        name, actual, kind, target, unit, share = re.fullmatch(
            r"(\w+): ([\d,]+) of (at least |at most |)([\d,]+) (\w+) \((\d+ %)\)", line
        ).groups()
        assert f"{name} {actual} {unit} {kind}{target} {unit} {share}" in monday, line


def test_the_shopping_list_follows_the_chosen_days(page: AppTest) -> None:
    table = page.dataframe[0].value
    assert table.loc[table["Food"] == "Banana", "Amount"].item() == '7 medium (7" to 7-7/8" long)'
    assert not table["Got it"].any()
    page.select_slider(key="export_shopping_days").set_value((0, 0)).run()
    table = page.dataframe[0].value
    bananas = table.loc[table["Food"] == "Banana"]
    assert (bananas["Amount"].item(), bananas["Eaten"].item(), bananas["To buy"].item()) == (
        '1 medium (7" to 7-7/8" long)',
        "118 g",
        "190 g",
    )  # 118 g / 0.64 = 184.4 g with the peel, rounded up to 10 g


def test_a_menu_file_is_imported_from_the_page(page: AppTest, database_copy) -> None:
    menu_id = _demo_menu_id(database_copy)
    data = _with_conn(database_copy, lambda conn: export.menu_json(DuckDBUnitOfWork(conn), menu_id))
    page.file_uploader(key="export_import_file_0").set_value(
        ("week.menu.json", data, "application/json")
    )
    page.run()
    page.button(key="export_import_go").click().run()
    assert not page.exception and not page.error
    said = page.success[0].value
    assert "Imported the menu 'Demo week \\(imported\\)' for Maya Jensen \\(demo\\)\\." in said
    assert "Every day's totals are the same as in the file\\." in said
    names = page.selectbox(key="export_menu")
    assert sorted(names.options) == ["Demo week", "Demo week (imported)"]


def test_a_file_that_is_not_a_menu_is_refused_in_a_sentence(page: AppTest) -> None:
    page.file_uploader(key="export_import_file_0").set_value(
        ("x.json", b"[1, 2]", "application/json")
    )
    page.run()
    page.button(key="export_import_go").click().run()
    assert page.error[0].value.startswith("The file is not a menuplanner menu file")


def test_a_client_without_menus_can_still_import_one(app: AppTest, database_copy) -> None:
    def add_client(conn):
        with DuckDBUnitOfWork(conn) as uow:
            client_id = uow.clients.add(Client("Bea Novak", Sex.FEMALE))
            uow.commit()
        return client_id

    client_id = _with_conn(database_copy, add_client)
    app.session_state["current_client_id"] = client_id
    app.switch_page("pages/export.py")
    app.run()
    assert not app.exception
    assert app.info[0].value.startswith("Bea Novak has no menu yet")
    assert app.button(key="export_import_go").disabled


def _buttons(menu_id: int) -> None:
    """A page holding only the menu builder's download buttons."""
    from pages.ui import database as app_database
    from pages.ui.export_buttons import download_buttons

    app_database.begin_run()
    try:
        download_buttons(menu_id, "Maya Jensen (demo)", "Demo week")
    finally:
        app_database.end_run()


def test_the_download_buttons_for_the_menu_builder(database_copy, monkeypatch) -> None:
    monkeypatch.setenv("MENUPLANNER_DB", str(database_copy))
    buttons = AppTest.from_function(
        _buttons, args=(_demo_menu_id(database_copy),), default_timeout=60
    )
    buttons.run()
    assert not buttons.exception
    assert [b.label for b in buttons.get("download_button")] == [
        "Menu PDF",
        "Shopping list",
        "Items (CSV)",
    ]
