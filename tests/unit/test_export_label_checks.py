"""The client's "Check the label" page: foods on the menu that may hold what the client must
avoid, where only the label can tell, in the PDF and on the printable page (issue 12)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.foods import Food, FoodGroup
from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.tags import Allergen
from menuplanner.domain.targets import Targets
from menuplanner.export import html, pdf
from menuplanner.export.document import ExportOptions
from menuplanner.export.label_checks import INTRO, LabelCheck
from menuplanner.export.pdftext import pdf_text
from menuplanner.services import export
from menuplanner.store.memory import MemoryDatabase, MemoryFoodCatalog, MemoryUnitOfWork

BREAD, APPLE = 18069, 9003
MONDAY = dt.date(2026, 11, 23)


def _document(allergies: frozenset[Allergen]):
    foods = {
        BREAD: Food(BREAD, "Bread, white, commercially prepared", "1800"),
        APPLE: Food(APPLE, "Apples, raw, with skin", "0900"),
    }
    nutrients = pl.DataFrame({"food_id": [BREAD, APPLE], "energy_kcal": [266.0, 52.0]})
    nutrients = nutrients.with_columns(
        pl.lit(None, pl.Float64).alias(k) for k in KEYS if k != "energy_kcal"
    ).select("food_id", *KEYS)
    groups = [FoodGroup("1800", "Baked Products"), FoodGroup("0900", "Fruits")]
    database = MemoryDatabase(MemoryFoodCatalog(foods, nutrients, groups))
    targets = Targets(2000, 100, 250, 67, 25, 2300)
    with MemoryUnitOfWork(database) as uow:
        client = Client("Ana", Sex.FEMALE, allergies=allergies, manual_targets=targets)
        client_id = uow.clients.add(client)
        bread = "Bread, white, commercially prepared"
        items = [
            MenuItem(0, "Breakfast", ItemKind.FOOD, BREAD, 50, "g", 50.0, bread),
            MenuItem(0, "Breakfast", ItemKind.FOOD, APPLE, 150, "g", 150.0, "Apples, raw"),
            MenuItem(2, "Lunch", ItemKind.FOOD, BREAD, 60, "g", 60.0, bread),
        ]
        menu_id = uow.menus.add(Menu(client_id, "Week", MONDAY, 3, DEFAULT_SLOTS, items))
        uow.commit()
    return export.menu_document(MemoryUnitOfWork(database), menu_id, ExportOptions(), MONDAY)


def test_bread_for_a_milk_allergy_is_listed_once_with_when_it_is_eaten():
    document = _document(frozenset({Allergen.MILK}))
    assert document.label_checks == (
        LabelCheck(
            "Bread, white, commercially prepared",
            "Allergens unverified: may contain milk (baked goods); check the label",
            "Monday Breakfast, Wednesday Lunch",
        ),
    )
    text = pdf_text(pdf.menu_pdf(document, compress=False))
    assert "Check the label" in text
    assert "may contain milk (baked goods)" in text
    page = html.menu_html(document)
    assert "<h2>Check the label</h2>" in page and INTRO in page


def test_no_page_when_nothing_is_unverified_for_the_client():
    document = _document(frozenset({Allergen.PEANUTS}))
    assert document.label_checks == ()
    assert "Check the label" not in pdf_text(pdf.menu_pdf(document, compress=False))
    assert "Check the label" not in html.menu_html(document)
