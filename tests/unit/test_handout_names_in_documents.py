"""Handout names a workspace gave foods, on what the client receives: the PDF, the printable page
and the shopping list print them instead of the rule-made names; a label the dietitian typed
still wins, and another workspace keeps the rule-made names (issue 16)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.foods import Food, Portion
from menuplanner.domain.handout_names import handout_name, item_handout_name
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.export import html, pdf
from menuplanner.export.document import ExportOptions
from menuplanner.export.pdftext import pdf_pages, pdf_text
from menuplanner.export.shopping import shopping_list
from menuplanner.services import export
from menuplanner.services import handout_names as service
from menuplanner.store.memory import MemoryUnitOfWork
from menuplanner.store.memory.exchange import MemoryExchangeUnitOfWork
from tests.unit.test_export_menu_document import BANANA, BUTTER, EGG, MONDAY, sample

HOSTILE = "Ripe <b>banana</b> **x** =1+1"


def _named(names: dict[int, str], workspace: str = "local"):
    """The sample menu (local workspace), with `names` given in `workspace`."""
    database, menu_id = sample()
    with MemoryUnitOfWork(database, workspace) as uow:
        for food_id, name in names.items():
            uow.settings.set_display_name(food_id, name)
        uow.commit()
    return database, menu_id


def _pdf_pages(database, menu_id) -> list[str]:
    doc = export.menu_document(MemoryUnitOfWork(database), menu_id, ExportOptions(), MONDAY)
    return pdf_pages(pdf.menu_pdf(doc, compress=False))


def test_the_workspaces_name_wins_over_the_rule_and_a_typed_label_over_both() -> None:
    banana = Food(BANANA, "Bananas, raw", "0900")
    assert handout_name(banana, {}) == "Banana"
    assert handout_name(banana, {BANANA: "Ripe banana"}) == "Ripe banana"
    assert item_handout_name("Bananas, raw", banana, {BANANA: "Ripe banana"}) == "Ripe banana"
    assert item_handout_name("", banana, {BANANA: "Ripe banana"}) == "Ripe banana"
    assert item_handout_name("Grandma's banana", banana, {BANANA: "Ripe banana"}) == (
        "Grandma's banana"
    )
    imported = Food(7, "Banaani, kuorittu", "0900", dataset="Fineli 2024")
    assert item_handout_name("", imported, {7: "Peeled banana"}) == "Peeled banana"


def test_the_pdf_prints_the_workspaces_names_in_the_days_and_in_the_recipes() -> None:
    pages = _pdf_pages(*_named({BANANA: "Ripe banana", EGG: "Free-range eggs"}))
    monday = pages[1].splitlines()
    assert monday[3:7] == [
        "Banana porridge 1 serving 100 g 206 kcal",
        'Ripe banana 1 medium (7" to 7-7/8" long) 118 g 105 kcal',
        "Lunch 245 kcal",
        "Free-range eggs 2 large 100 g 143 kcal",
    ]
    assert "Ripe banana about 1 cup, sliced 150 g 134 kcal" in pages[2].splitlines()
    recipes = pages[4].splitlines()
    assert "1 cup Oats 81 g" in recipes  # no name given: the rule-made one
    assert '1 medium (7" to 7-7/8" Ripe banana 118 g' in recipes


def test_without_names_and_in_another_workspace_the_rule_made_names_are_printed() -> None:
    monday = _pdf_pages(*_named({BANANA: "North's banana"}, workspace="north"))[1]
    assert 'Banana 1 medium (7" to 7-7/8" long) 118 g 105 kcal' in monday.splitlines()
    assert "Eggs 2 large 100 g 143 kcal" in monday.splitlines()
    assert "North" not in monday


def test_a_hostile_name_prints_as_typed_and_the_printable_page_escapes_it() -> None:
    database, menu_id = _named({BANANA: HOSTILE})
    monday = _pdf_pages(database, menu_id)[1].splitlines()
    assert f'{HOSTILE} 1 medium (7" to 7-7/8" long) 118 g 105 kcal' in monday
    page = html.menu_html(
        export.menu_document(MemoryUnitOfWork(database), menu_id, ExportOptions(), MONDAY)
    )
    assert "<b>banana</b>" not in page
    assert (
        "<tr><td>Ripe &lt;b&gt;banana&lt;/b&gt; **x** =1+1</td>"
        '<td>1 medium (7&quot; to 7-7/8&quot; long)</td><td class="num">118 g</td>'
        '<td class="num kcal">105 kcal</td></tr>'
    ) in page


def test_the_shopping_list_buys_by_the_workspaces_names() -> None:
    database, menu_id = _named({BANANA: "Ripe banana", EGG: "Free-range eggs", BUTTER: HOSTILE})
    text = pdf_text(export.shopping_pdf(MemoryUnitOfWork(database), menu_id)).splitlines()
    assert '☐ Ripe banana 4 medium (7" to 7-7/8" long) 416 g 650 g' in text
    assert "☐ Free-range eggs 2 large 100 g 120 g" in text
    assert f"☐ {HOSTILE} 1 tbsp 14 g 15 g" in text
    data = export.shopping_csv(MemoryUnitOfWork(database), menu_id).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [row["food"] for row in rows] == ["Ripe banana", "Free-range eggs", HOSTILE, "Oats"]


def test_cooked_eggs_and_rice_are_still_bought_as_their_raw_food() -> None:
    """A name given to a fried egg names the egg on the plate; one still buys eggs."""
    fried = Food(1, "Egg, whole, cooked, fried", "0100", portions=(Portion(1, 1, "large", 46.0),))
    raw = Food(2, "Egg, whole, raw, fresh", "0100", portions=(Portion(1, 1, "large", 50.0),))
    items = [
        MenuItem(0, "Breakfast", ItemKind.FOOD, 1, 2, "large", 92.0, fried.name),
        MenuItem(0, "Lunch", ItemKind.FOOD, 2, 1, "large", 50.0, raw.name),
    ]
    menu = Menu(1, "Week", dt.date(2026, 1, 5), 1, items=items)
    foods = {1: fried, 2: raw}
    names = {1: "Sunny-side-up egg", 2: "Free-range eggs"}
    listed = shopping_list(menu, {}, foods, {}, "Ana", names=names)
    assert [(line.food, round(line.eaten_g)) for line in listed.lines] == [
        ("Eggs", 92),
        ("Free-range eggs", 50),
    ]
    assert [line.food for line in shopping_list(menu, {}, foods, {}, "Ana").lines] == ["Eggs"]


def test_the_service_says_which_name_is_in_use_and_refuses_what_cannot_be_kept() -> None:
    database, _ = sample()
    uow = lambda: MemoryUnitOfWork(database)  # noqa: E731
    assert service.handout_name(uow(), BANANA) == service.HandoutName("Banana", "Banana", False)
    given = service.set_handout_name(uow(), BANANA, "  Ripe   banana ")
    assert given == service.HandoutName("Ripe banana", "Banana", True)
    with pytest.raises(ValidationFailed, match="^Handout name is empty.$"):
        service.set_handout_name(uow(), BANANA, " ")
    assert service.handout_name(uow(), BANANA).name == "Ripe banana"
    with pytest.raises(NotFound):
        service.set_handout_name(uow(), 99_999_999, "Nothing")
    back = service.set_handout_name(uow(), BANANA, None)
    assert back == service.HandoutName("Banana", "Banana", False)


def test_an_imported_foods_automatic_name_is_its_name_in_its_dataset() -> None:
    database, _ = sample()
    jam = Food(0, "Hjortronsylt, cloudberry jam", "N100")
    with MemoryExchangeUnitOfWork(database) as uow:
        dataset = uow.imported_foods.new_dataset("Our foods", "Our own measurements.")
        jam_id = uow.imported_foods.add_food(dataset, jam, "Preserves", {"energy_kcal": 250.0})
        uow.commit()
    shown = service.handout_name(MemoryUnitOfWork(database), jam_id)
    assert shown == service.HandoutName(
        "Hjortronsylt, cloudberry jam", "Hjortronsylt, cloudberry jam", False, by_rules=False
    )
    assert service.handout_name(MemoryUnitOfWork(database), BANANA).by_rules
