from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from menuplanner.domain import menus
from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.foods import Portion
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.units import quantity_in

BUTTER_PORTIONS = (Portion(2, 1.0, "tbsp", 14.2), Portion(3, 1.0, "cup", 227.0))


def _menu() -> Menu:
    return Menu(client_id=1, name="Week", start_date=dt.date(2026, 11, 23), days=7)


def _food(day: int, slot: str, item_id: int | None = None, grams: float = 50.0) -> MenuItem:
    return MenuItem(day, slot, ItemKind.FOOD, 1123, grams, "g", grams, "Egg", item_id=item_id)


def _with_ids(menu: Menu) -> Menu:
    menu.items = [replace(item, item_id=i + 1) for i, item in enumerate(menu.items)]
    return menu


def test_added_items_go_to_the_end_of_their_meal() -> None:
    menu = _menu()
    first = menus.add_item(menu, _food(0, "Breakfast"))
    second = menus.add_item(menu, _food(0, "Breakfast"))
    other_meal = menus.add_item(menu, _food(0, "Lunch"))
    assert (first.position, second.position, other_meal.position) == (0, 1, 0)


def test_an_item_cannot_be_placed_outside_the_menu_or_in_an_unknown_meal() -> None:
    menu = _menu()
    with pytest.raises(ValidationFailed, match="Day 8 is outside this 7-day menu."):
        menus.add_item(menu, _food(7, "Breakfast"))
    with pytest.raises(ValidationFailed, match="This menu has no meal called 'Brunch'."):
        menus.add_item(menu, _food(0, "Brunch"))


def test_moving_an_item_closes_the_gap_it_leaves() -> None:
    menu = _menu()
    for _ in range(3):
        menus.add_item(menu, _food(0, "Breakfast"))
    _with_ids(menu)
    moved = menus.move_item(menu, 1, 2, "Dinner")
    assert (moved.day, moved.slot, moved.position) == (2, "Dinner", 0)
    assert [i.position for i in menus.slot_items(menu, 0, "Breakfast")] == [0, 1]


def test_removing_an_unknown_item_says_it_may_have_been_removed() -> None:
    with pytest.raises(NotFound, match="no item with id 9; it may have been removed"):
        menus.remove_item(_menu(), 9)


def test_copying_a_day_replaces_the_target_days_items() -> None:
    menu = _menu()
    menus.add_item(menu, _food(0, "Breakfast", grams=60))
    menus.add_item(menu, _food(0, "Dinner", grams=120))
    menus.add_item(menu, _food(3, "Lunch", grams=999))
    _with_ids(menu)
    assert menus.copy_day(menu, 0, 3) == 2
    day_3 = sorted((i.slot, i.grams, i.item_id) for i in menu.items if i.day == 3)
    assert day_3 == [("Breakfast", 60, None), ("Dinner", 120, None)]
    assert len([i for i in menu.items if i.day == 0]) == 2


def test_a_day_cannot_be_copied_onto_itself() -> None:
    with pytest.raises(ValidationFailed, match="Pick a different day"):
        menus.copy_day(_menu(), 2, 2)


def test_switching_28_4_g_of_butter_to_tablespoons_gives_2() -> None:
    assert quantity_in(28.4, "tbsp", BUTTER_PORTIONS) == 2.0


def test_switching_to_a_household_measure_rounds_to_quarters_and_never_to_zero() -> None:
    assert quantity_in(60.0, "cup", BUTTER_PORTIONS) == 0.25
    assert quantity_in(1.0, "cup", BUTTER_PORTIONS) == 0.25


def test_switching_to_grams_gives_whole_grams() -> None:
    assert quantity_in(14.2, "g") == 14
