"""A handout name given to a food on a real database file: the demo week's PDF and shopping list
print it, and the name stays in the workspace that gave it (issue 16)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from menuplanner import demo
from menuplanner.export.pdftext import pdf_pages, pdf_text
from menuplanner.services import export
from menuplanner.services import handout_names as name_service
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

BREAD = 18075  # Bread, whole-wheat, commercially prepared: 2 slices on the demo Monday


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


def test_the_demo_weeks_pdf_and_shopping_list_print_the_name_given(conn, menu_id) -> None:
    before = pdf_pages(export.menu_pdf(DuckDBUnitOfWork(conn), menu_id))[1].splitlines()
    assert "Whole-wheat bread, commercially prepared 2 slices 64 g 161 kcal" in before

    given = name_service.set_handout_name(DuckDBUnitOfWork(conn), BREAD, "Wholemeal bread")
    assert (given.name, given.automatic, given.own) == (
        "Wholemeal bread",
        "Whole-wheat bread, commercially prepared",
        True,
    )
    monday = pdf_pages(export.menu_pdf(DuckDBUnitOfWork(conn), menu_id))[1].splitlines()
    assert "Wholemeal bread 2 slices 64 g 161 kcal" in monday
    shopping = pdf_text(export.shopping_pdf(DuckDBUnitOfWork(conn), menu_id)).splitlines()
    assert "☐ Wholemeal bread 14 slices 448 g 450 g" in shopping
    data = export.shopping_csv(DuckDBUnitOfWork(conn), menu_id).decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(data)) if r["food_id"] == str(BREAD))
    assert (row["food"], row["amount"], row["unit"]) == ("Wholemeal bread", "14", "slice")

    other = name_service.handout_name(DuckDBUnitOfWork(conn, "shared:Other practice"), BREAD)
    assert (other.name, other.own) == ("Whole-wheat bread, commercially prepared", False)

    name_service.set_handout_name(DuckDBUnitOfWork(conn), BREAD, None)
    after = pdf_pages(export.menu_pdf(DuckDBUnitOfWork(conn), menu_id))[1].splitlines()
    assert after == before
