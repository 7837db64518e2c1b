"""Exports of one menu, each read in one unit of work: the client's PDF and printable page, the
shopping list (PDF, CSV), the items as CSV/XLSX, and the exchange file (export and import).

The menu's numbers come from `menus.report_in`, the report the menu builder shows, so an export
says what the app says."""

from __future__ import annotations

import datetime as dt
import re

from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.menus import ItemKind, Menu
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.validation import clean_name, clean_notes
from menuplanner.export import document, exchange, html, pdf, shopping, tables
from menuplanner.export.document import ExportOptions, MenuSource, Paper
from menuplanner.export.exchange import ImportResult
from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.export.shopping import ShoppingList
from menuplanner.ports import UnitOfWork
from menuplanner.services import menus as menu_service
from menuplanner.services.adequacy import adequacy_in

MAX_NOTES = 2000
DEFAULTS = ExportOptions()  # A4, with nutrient numbers, no practice name or notes


def options(
    practice: str = "",
    notes: str = "",
    with_numbers: bool = True,
    paper: str = "A4",
    micronutrients: bool = False,
) -> ExportOptions:
    """Options as typed, checked: practice name at most 120 characters, notes 2,000;
    `micronutrients` adds a page of the week's vitamins and minerals (with numbers only)."""
    try:
        paper_size = Paper(paper if paper != "letter" else "Letter")
    except ValueError:
        raise ValidationFailed(f"Paper is A4 or Letter, not {paper!r}.") from None
    practice = clean_name(practice, "Practice name") if practice.strip() else ""
    return ExportOptions(
        with_numbers, paper_size, practice, clean_notes(notes, MAX_NOTES), micronutrients
    )


def load(uow: UnitOfWork, menu_id: int, today: dt.date | None = None) -> MenuSource:
    with uow:
        return load_in(uow, menu_id, today)


def load_in(uow: UnitOfWork, menu_id: int, today: dt.date | None = None) -> MenuSource:
    """What every export of the menu reads, through an open unit of work."""
    report = menu_service.report_in(uow, menu_id, today)
    recipes = _recipes(uow, report.menu)
    food_ids = _food_ids(report.menu, recipes)
    return MenuSource(
        report=report,
        recipes=recipes,
        foods=uow.foods.get_many(food_ids),
        groups={g.code: g.name for g in uow.foods.groups()},
        per_100g=uow.foods.nutrients_per_100g(food_ids),
        adequacy=_adequacy(uow, report, today),
        energy_unit=uow.settings.energy_unit(),
    )


def _adequacy(uow: UnitOfWork, report, today: dt.date | None):
    """The menu's micronutrients, or None when the client's life stage cannot be had."""
    try:
        return adequacy_in(uow, report, today)
    except ValidationFailed:
        return None


def menu_document(
    uow: UnitOfWork,
    menu_id: int,
    choice: ExportOptions = DEFAULTS,
    today: dt.date | None = None,
) -> document.MenuDocument:
    return document.build(load(uow, menu_id, today), choice, today)


def menu_pdf(
    uow: UnitOfWork, menu_id: int, choice: ExportOptions = DEFAULTS, today: dt.date | None = None
) -> bytes:
    return pdf.menu_pdf(menu_document(uow, menu_id, choice, today))


def menu_html(
    uow: UnitOfWork, menu_id: int, choice: ExportOptions = DEFAULTS, today: dt.date | None = None
) -> str:
    return html.menu_html(menu_document(uow, menu_id, choice, today))


def items_csv(uow: UnitOfWork, menu_id: int, today: dt.date | None = None) -> bytes:
    """The items with their nutrients, and each micronutrient as % of the client's goal."""
    return tables.items_csv(*_report_and_goals(uow, menu_id, today))


def items_xlsx(uow: UnitOfWork, menu_id: int, today: dt.date | None = None) -> bytes:
    return tables.items_xlsx(*_report_and_goals(uow, menu_id, today))


def _report_and_goals(uow: UnitOfWork, menu_id: int, today: dt.date | None):
    """The menu report and the client's daily micronutrient goals (none without a life
    stage or goals of their own)."""
    with uow:
        report = menu_service.report_in(uow, menu_id, today)
        found = _adequacy(uow, report, today)
        unit = uow.settings.energy_unit()
    goals = {g.nutrient: g.goal for g in found.goals if g.goal} if found else {}
    return report, goals, unit


def shopping_list(
    uow: UnitOfWork, menu_id: int, first_day: int = 0, last_day: int | None = None
) -> ShoppingList:
    """Days are 0-based and both included; all days by default."""
    with uow:
        menu = uow.menus.get(menu_id)
        client = uow.clients.get(menu.client_id)
        recipes = _recipes(uow, menu)
        food_ids = _food_ids(menu, recipes)
        foods = uow.foods.get_many(food_ids)
        groups = {g.code: g.name for g in uow.foods.groups()}
        names = uow.settings.display_names(food_ids)
    return shopping.shopping_list(
        menu, recipes, foods, groups, client.name, first_day, last_day, names
    )


def shopping_pdf(
    uow: UnitOfWork,
    menu_id: int,
    first_day: int = 0,
    last_day: int | None = None,
    choice: ExportOptions = DEFAULTS,
) -> bytes:
    listed = shopping_list(uow, menu_id, first_day, last_day)
    return pdf.shopping_pdf(listed, choice.paper, choice.practice)


def shopping_csv(
    uow: UnitOfWork, menu_id: int, first_day: int = 0, last_day: int | None = None
) -> bytes:
    return shopping.to_csv(shopping_list(uow, menu_id, first_day, last_day))


def menu_json(uow: UnitOfWork, menu_id: int, today: dt.date | None = None) -> bytes:
    return exchange.dump(exchange.to_file(load(uow, menu_id, today)))


def import_menu(
    uow: ExchangeUnitOfWork,
    data: bytes | str,
    client_id: int | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Add the menu of an exchange file to this database, all or nothing (see exchange)."""
    menu_file = exchange.parse(data)
    with uow:
        result = exchange.import_into(uow, menu_file, client_id, today)
        uow.commit()
    return result


def find_menu(uow: UnitOfWork, client_name: str, menu_name: str) -> int:
    """The id of the client's menu with these names (exact, else ignoring case)."""
    with uow:
        clients = uow.clients.list()
        client = _named(clients, client_name, "client", lambda c: c.name)
        menus = uow.menus.list(client.client_id)
        if not menus:
            raise NotFound(f"{client.name} has no menu yet.")
        return _named(menus, menu_name, f"menu of {client.name}", lambda m: m.name).menu_id


def find_client(uow: UnitOfWork, client_name: str) -> int:
    """The id of the client with this name (exact, else ignoring case)."""
    with uow:
        return _named(uow.clients.list(), client_name, "client", lambda c: c.name).client_id


def menu_file_name(uow: UnitOfWork, menu_id: int, suffix: str) -> str:
    """ "<client> - <menu>.<suffix>" for this menu."""
    with uow:
        menu = uow.menus.get(menu_id)
        return file_name(uow.clients.get(menu.client_id).name, menu.name, suffix=suffix)


def file_name(*parts: str, suffix: str) -> str:
    """ "Maya Jensen - Week 1.pdf": letters, digits, spaces and - _ ( ) . kept, others dropped."""
    text = " - ".join(p for p in parts if p)
    safe = re.sub(r"[^\w\s().-]", "", text, flags=re.UNICODE)
    safe = " ".join(safe.split())[:100].strip(" .-") or "menu"
    return f"{safe}.{suffix}"


def _named(rows: list, wanted: str, noun: str, name_of):
    exact = [r for r in rows if name_of(r) == wanted]
    folded = [r for r in rows if name_of(r).casefold() == wanted.strip().casefold()]
    found = exact or folded
    if len(found) == 1:
        return found[0]
    names = ", ".join(repr(name_of(r)) for r in rows[:20]) or "none"
    if not found:
        raise NotFound(f"There is no {noun} named {wanted!r}; there are: {names}.")
    raise ValidationFailed(f"Several {noun}s are named {wanted!r}; give the name exactly.")


def _recipes(uow: UnitOfWork, menu: Menu) -> dict[int, Recipe]:
    return uow.recipes.get_many([i.ref_id for i in menu.items if i.kind == ItemKind.RECIPE])


def _food_ids(menu: Menu, recipes: dict[int, Recipe]) -> list[int]:
    ids = [i.ref_id for i in menu.items if i.kind == ItemKind.FOOD]
    ids += [ing.food_id for r in recipes.values() for ing in r.ingredients]
    return list(dict.fromkeys(ids))
