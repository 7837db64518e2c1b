"""Optimistic versioning through the services, on the in-memory fakes: a change made on the menu
a user saw is saved only while that is still the stored version; otherwise it is refused with
a StaleMenu that says what the other person changed, and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import ConcurrentUpdate, StaleMenu
from menuplanner.domain.menus import ItemKind, Menu
from menuplanner.domain.targets import Targets
from menuplanner.planning.substitutes import Substitute
from menuplanner.services import generate, menus, substitutes
from menuplanner.store.memory import MemoryDatabase, MemoryUnitOfWork
from menuplanner.store.memory.planning import MemoryPlanningStore
from tests.unit.test_menu_service import BANANA, BUTTER, EGG, _catalog

TARGETS = Targets(2000, 100, 250, 67, 25, 2300)


@pytest.fixture
def database() -> MemoryDatabase:
    return MemoryDatabase(_catalog())


def uow(database: MemoryDatabase) -> MemoryUnitOfWork:
    return MemoryUnitOfWork(database)


def current(database: MemoryDatabase, menu_id: int) -> Menu:
    with uow(database) as work:
        return work.menus.get(menu_id)


@pytest.fixture
def menu_id(database: MemoryDatabase) -> int:
    """Ana's week starting Monday 23 Nov 2026, with 1 tbsp butter at Monday breakfast."""
    with uow(database) as work:
        client_id = work.clients.add(Client("Ana", Sex.FEMALE, manual_targets=TARGETS))
        work.commit()
    menu_id = menus.create_menu(uow(database), client_id, "Week 1", dt.date(2026, 11, 23))
    menus.add_food(uow(database), menu_id, 0, "Breakfast", BUTTER, 1, "tbsp")
    return menu_id


def test_a_change_on_the_current_version_is_saved_and_moves_the_version_on(database, menu_id):
    seen = current(database, menu_id)
    butter = seen.items[0].item_id
    menus.change_amount(uow(database), menu_id, butter, 2, "tbsp", seen=seen)
    after = current(database, menu_id)
    assert (after.version, after.items[0].quantity, after.items[0].grams) == (
        seen.version + 1,
        2,
        28.4,
    )


def test_a_change_on_a_stale_screen_is_refused_naming_the_other_change(database, menu_id):
    seen = current(database, menu_id)  # what B sees
    menus.add_food(uow(database), menu_id, 1, "Lunch", BANANA, 1, "medium")  # A, meanwhile
    butter = seen.items[0].item_id
    with pytest.raises(StaleMenu) as refused:
        menus.change_amount(uow(database), menu_id, butter, 2, "tbsp", seen=seen)
    assert str(refused.value) == (
        "Someone else changed this menu after you opened it, so your change was not saved. "
        "Their changes: Tue 24 Nov · Lunch: added Bananas, raw (1 medium, 118 g). "
        "The menu now shows the current version; make your change again if it still applies."
    )
    after = current(database, menu_id)
    assert [(i.ref_id, i.quantity, i.unit) for i in after.items] == [
        (BUTTER, 1, "tbsp"),
        (BANANA, 1, "medium"),
    ]
    assert after.version == seen.version + 1
    menus.change_amount(uow(database), menu_id, butter, 2, "tbsp", seen=after)  # after a rerun
    assert current(database, menu_id).items[0].quantity == 2


def test_without_a_seen_menu_the_change_applies_to_the_menu_as_it_is(database, menu_id):
    """The command line and notebooks act on the stored menu."""
    seen = current(database, menu_id)
    menus.add_food(uow(database), menu_id, 1, "Lunch", BANANA, 1, "medium")
    menus.change_amount(uow(database), menu_id, seen.items[0].item_id, 3, "tbsp")
    assert [i.quantity for i in current(database, menu_id).items] == [3, 1]


def _actions(menu: Menu):
    butter = getattr(menu.items[0], "item_id", None)
    swap_to = Substitute(ItemKind.FOOD, EGG, "Egg", 1, "large", 50.0, {}, {}, 0, 0, 0, True)
    return {
        "add food": lambda w, s: menus.add_food(
            w, menu.menu_id, 0, "Lunch", EGG, 1, "large", seen=s
        ),
        "change amount": lambda w, s: menus.change_amount(
            w, menu.menu_id, butter, 2, "tbsp", seen=s
        ),
        "change unit": lambda w, s: menus.change_unit(w, menu.menu_id, butter, "g", seen=s),
        "move": lambda w, s: menus.move(w, menu.menu_id, butter, 3, "Dinner", seen=s),
        "remove": lambda w, s: menus.remove(w, menu.menu_id, butter, seen=s),
        "copy day": lambda w, s: menus.copy_day(w, menu.menu_id, 0, 4, seen=s),
        "day targets": lambda w, s: menus.set_day_targets(w, menu.menu_id, 4, TARGETS, seen=s),
        "lock": lambda w, s: generate.set_locked(w, menu.menu_id, butter, True, seen=s),
        "swap": lambda w, s: substitutes.swap(w, menu.menu_id, butter, swap_to, seen=s),
    }


ACTIONS = [
    "add food",
    "change amount",
    "change unit",
    "move",
    "remove",
    "copy day",
    "day targets",
    "lock",
    "swap",
]


def test_every_action_is_listed():
    assert list(_actions(Menu(1, "", dt.date.today(), menu_id=1, items=[object()]))) == ACTIONS


@pytest.mark.parametrize("action", ACTIONS)
def test_every_menu_change_refuses_a_stale_screen_and_saves_on_a_current_one(
    database, menu_id, action
):
    seen = current(database, menu_id)
    menus.set_day_targets(uow(database), menu_id, 6, TARGETS)  # someone else, meanwhile
    change = _actions(seen)[action]
    with pytest.raises(StaleMenu, match="Their changes: Sun 29 Nov has its own targets now"):
        change(uow(database), seen)
    assert current(database, menu_id).version == seen.version + 1  # nothing more was saved
    change(uow(database), current(database, menu_id))
    assert current(database, menu_id).version == seen.version + 2


def test_generating_from_a_stale_screen_plans_nothing(database, menu_id):
    seen = current(database, menu_id)
    menus.remove(uow(database), menu_id, seen.items[0].item_id)
    planned = generate.generate(
        uow(database), MemoryPlanningStore(database.foods), menu_id, [2], seen=seen
    )
    with pytest.raises(
        StaleMenu,
        match=r"Mon 23 Nov · Breakfast: removed Butter, salted "
        r"\(1 tbsp, 14 g\)\. The menu",
    ):
        next(planned)
    assert current(database, menu_id).items == []


def test_a_save_committed_by_another_unit_of_work_meanwhile_is_a_concurrent_update(
    database, menu_id
):
    """Both read the same version; the one committing second is refused, not merged over."""
    with pytest.raises(ConcurrentUpdate):
        with uow(database) as slow:
            menu = slow.menus.get(menu_id)
            menus.add_food(uow(database), menu_id, 1, "Lunch", BANANA, 1, "medium")
            menu.items.clear()
            slow.menus.update(menu)
            slow.commit()
    assert [i.ref_id for i in current(database, menu_id).items] == [BUTTER, BANANA]
