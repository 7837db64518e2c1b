"""The hostile corpus (tests/hostile_text.py), stored as a client, a recipe, a menu and an
imported dataset, leaves every export as typed: the PDF prints it (emoji as a marked
replacement), the printable HTML escapes it, spreadsheets neutralise formulas and keep the
rest, and the JSON exchange file brings every text back exactly."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import fastexcel
import pytest

from menuplanner.export.pdfbase import MISSING_GLYPH_NOTE
from menuplanner.export.pdftext import pdf_pages, pdf_text
from menuplanner.services import export
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.menu_exchange import DuckDBExchangeUnitOfWork
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from tests.hostile_data import (
    CLIENT_NAME,
    DISLIKES,
    FOOD_NAMES,
    MENU_NAME,
    RECIPE_NAME,
    SLOTS,
    HostileRows,
    seed,
)
from tests.hostile_text import CORPUS, EMOJI, FORMULA, IMG, LONG, SCRIPT, notes

EMOJI_FOOD = FOOD_NAMES[CORPUS.index(EMOJI)]


@pytest.fixture
def hostile(database_copy: Path, tmp_path: Path) -> tuple[HostileRows, object]:
    rows = seed(database_copy, tmp_path)
    conn = database.connect(database_copy)
    yield rows, lambda: DuckDBUnitOfWork(conn)
    conn.close()


def test_the_pdf_prints_every_text_as_typed_and_marks_emoji(hostile):
    rows, uow = hostile
    pages = pdf_pages(export.menu_pdf(uow(), rows.menu_id))
    text = " ".join("\n".join(pages).split())  # names wrapped in table cells read whole
    assert pages[0].startswith(f"Meal plan for {CLIENT_NAME}\n{MENU_NAME} · 5 – 6 January 2026")
    for name in FOOD_NAMES:
        if name != EMOJI_FOOD:
            assert name in text, name
    # 👩🏽‍⚕️🍌: the woman, her skin tone and the joiner are one mark; ⚕ (in DejaVu) stays.
    assert "□⚕\ufe0f□ food 10" in text
    marked = [page for page in pages if "□⚕\ufe0f□" in page]
    assert marked and all(MISSING_GLYPH_NOTE in page for page in marked)
    assert all(
        MISSING_GLYPH_NOTE not in page
        for page in pages
        if "□" not in page.replace(MISSING_GLYPH_NOTE, "")
    )
    # The 100 KB method is printed whole (wrapped over pages), after the corpus lines.
    assert text.count("abcdefghi") == LONG.count("abcdefghi")


def test_the_shopping_list_pdf_prints_food_names_as_typed(hostile):
    rows, uow = hostile
    text = " ".join(pdf_text(export.shopping_pdf(uow(), rows.menu_id)).split())
    # A long name wraps in its cell, and the amounts beside it are read between its lines.
    assert all(text_ in text for text_ in CORPUS if text_ != EMOJI)
    assert MISSING_GLYPH_NOTE in text


def test_the_printable_html_escapes_every_text_and_forbids_scripts(hostile):
    rows, uow = hostile
    page = export.menu_html(uow(), rows.menu_id)
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
    ) in page
    for raw in (SCRIPT, IMG, "<img", "<script>"):
        assert raw not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; food 0" in page
    assert "[click](javascript:alert(1))" in page  # plain text in HTML: no link is made
    assert not re.search(r"href=[\"']?javascript:", page, re.IGNORECASE)
    assert EMOJI + " food 10" in page  # the browser has the fonts


def test_the_csv_keeps_every_name_and_neutralises_the_formula(hostile):
    rows, uow = hostile
    table = list(
        csv.DictReader(io.StringIO(export.items_csv(uow(), rows.menu_id).decode("utf-8-sig")))
    )
    items = {row["item"] for row in table}
    expected = {("'" + n if n.startswith("=") else n) for n in FOOD_NAMES} | {RECIPE_NAME}
    assert items == expected
    assert {row["client"] for row in table} == {CLIENT_NAME}
    assert {row["menu"] for row in table} == {MENU_NAME}
    assert {row["meal"] for row in table} == set(SLOTS)
    assert "'" + FORMULA + " food 13" in items


def test_the_xlsx_keeps_every_name_and_neutralises_the_formula(hostile):
    rows, uow = hostile
    workbook = fastexcel.read_excel(export.items_xlsx(uow(), rows.menu_id))
    frame = workbook.load_sheet(0, dtypes="string").to_polars()
    items = set(frame["item"].to_list())
    assert {("'" + n if n.startswith("=") else n) for n in FOOD_NAMES} <= items


def test_the_shopping_csv_neutralises_the_formula(hostile):
    rows, uow = hostile
    text = export.shopping_csv(uow(), rows.menu_id).decode("utf-8-sig")
    assert "'" + FORMULA + " food 13" in text
    assert "\n" + FORMULA not in text and "," + FORMULA not in text


def test_the_json_exchange_brings_every_text_back_exactly(hostile, built_database, tmp_path):
    rows, uow = hostile
    data = export.menu_json(uow(), rows.menu_id)
    other = tmp_path / "other.duckdb"
    other.write_bytes(built_database.read_bytes())
    conn = database.connect(other)
    try:
        result = export.import_menu(DuckDBExchangeUnitOfWork(conn), data)
        with DuckDBUnitOfWork(conn) as target:
            client = target.clients.get(result.client_id)
            menu = target.menus.get(result.menu_id)
            recipe = next(r for r in target.recipes.list() if r.name == RECIPE_NAME)
            names = {target.foods.get(i.ref_id).name for i in menu.items if i.kind == "food"}
    finally:
        conn.close()
    assert (client.name, client.notes, client.dislikes) == (CLIENT_NAME, notes(), DISLIKES)
    assert (menu.name, menu.slots) == (MENU_NAME, SLOTS)
    assert recipe.method == notes()
    assert names == set(FOOD_NAMES)
    assert {i.label for i in menu.items} == set(FOOD_NAMES) | {RECIPE_NAME}


def test_export_file_names_keep_only_safe_characters(hostile):
    rows, uow = hostile
    name = export.menu_file_name(uow(), rows.menu_id, "pdf")
    assert name == "img srcx onerroralert(1) - click(javascriptalert(1)).pdf"
    assert all(export.file_name(text, suffix="csv").count("/") == 0 for text in CORPUS)
