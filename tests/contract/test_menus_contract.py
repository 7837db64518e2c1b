"""MenuRepository contract: menus with items, day targets and slots; versions; usage."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import ConcurrentUpdate, NotFound, ValidationFailed, VersionConflict
from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.targets import Targets
from menuplanner.ports import MenuTitle, Usage

BUTTER, EGG, BANANA = 1001, 1123, 9040
MONDAY = dt.date(2025, 3, 3)
SLOTS = ("Breakfast", "Lunch", "Dinner", "Late snack")


def food(day: int, slot: str, food_id: int, grams: float, position: int = 0, **more) -> MenuItem:
    return MenuItem(day, slot, ItemKind.FOOD, food_id, grams, "g", grams, position=position, **more)


def week(client_id: int, **changes) -> Menu:
    """Items listed in the order they come back: day, slot order, position."""
    menu = Menu(
        client_id=client_id,
        name="Week 1",
        start_date=MONDAY,
        days=7,
        slots=SLOTS,
        items=[
            food(0, "Breakfast", EGG, 100.0, label="2 large eggs"),
            food(0, "Breakfast", BANANA, 118.0, position=1, locked=True),
            MenuItem(0, "Dinner", ItemKind.FOOD, BUTTER, 1.0, "tbsp", 14.2, "1 tbsp butter"),
            food(3, "Lunch", BANANA, 80.5),
        ],
        day_targets={
            5: Targets(2400.0, 120.0, 300.0, 80.0),
            6: Targets(1500.5, 90.0, 150.0, 55.5, fibre_min_g=20.0, sodium_max_mg=1500.0),
        },
    )
    return dataclasses.replace(menu, **changes)


def stored(menu: Menu, menu_id: int, version: int, item_ids: list[int]) -> Menu:
    """`menu` as the store hands it back."""
    items = [dataclasses.replace(i, item_id=n) for i, n in zip(menu.items, item_ids, strict=True)]
    return dataclasses.replace(menu, menu_id=menu_id, version=version, items=items)


@pytest.fixture
def ana_id(uow) -> int:
    return uow.clients.add(Client("Ana", Sex.FEMALE))


def test_an_added_menu_comes_back_with_items_slots_and_day_targets(uow, ana_id):
    menu_id = uow.menus.add(week(ana_id))
    got = uow.menus.get(menu_id)
    item_ids = [item.item_id for item in got.items]
    assert all(isinstance(i, int) for i in item_ids) and len(set(item_ids)) == 4
    assert got == stored(week(ana_id), menu_id, version=0, item_ids=item_ids)


def test_a_menu_with_the_defaults_round_trips(uow, ana_id):
    menu_id = uow.menus.add(Menu(ana_id, "Empty", MONDAY))
    assert uow.menus.get(menu_id) == Menu(
        ana_id, "Empty", MONDAY, 7, DEFAULT_SLOTS, [], {}, menu_id=menu_id
    )


def test_a_recipe_item_keeps_its_servings_and_no_grams(uow, ana_id):
    recipe_id = uow.recipes.add(Recipe("Toast", 1.0, [Ingredient(BUTTER, 5, "g", 5)]))
    item = MenuItem(2, "Lunch", ItemKind.RECIPE, recipe_id, 1.5, "serving", label="Toast")
    got = uow.menus.get(uow.menus.add(week(ana_id, items=[item])))
    assert got.items == [dataclasses.replace(item, item_id=got.items[0].item_id)]
    assert got.items[0].kind is ItemKind.RECIPE
    assert got.items[0].grams is None


def test_items_come_back_by_day_then_slot_order_then_position(uow, ana_id):
    shuffled = [
        food(1, "Breakfast", EGG, 50.0),
        food(0, "Late snack", BANANA, 10.0),
        food(0, "Breakfast", BANANA, 20.0, position=2),
        food(0, "Somewhere else", BANANA, 30.0),  # a slot the menu does not list goes last
        food(0, "Breakfast", BUTTER, 5.0, position=1),
        food(0, "Dinner", EGG, 40.0),
    ]
    got = uow.menus.get(uow.menus.add(week(ana_id, items=shuffled)))
    assert [(i.day, i.slot, i.position) for i in got.items] == [
        (0, "Breakfast", 1),
        (0, "Breakfast", 2),
        (0, "Dinner", 0),
        (0, "Late snack", 0),
        (0, "Somewhere else", 0),
        (1, "Breakfast", 0),
    ]


def test_a_new_menu_is_at_version_0_and_each_update_adds_one(uow, ana_id):
    menu_id = uow.menus.add(week(ana_id, version=41))
    assert uow.menus.get(menu_id).version == 0
    for expected in (1, 2):
        uow.menus.update(uow.menus.get(menu_id))
        assert uow.menus.get(menu_id).version == expected


def test_an_update_gives_the_saved_menu_its_new_version(uow, ana_id):
    menu_id = uow.menus.add(week(ana_id))
    menu = uow.menus.get(menu_id)
    uow.menus.update(menu)
    assert menu.version == 1
    uow.menus.update(menu)  # saving the same object again is not stale: it knows version 1
    assert (menu.version, uow.menus.get(menu_id).version) == (2, 2)


def test_saving_a_menu_read_before_the_last_save_is_refused_and_changes_nothing(uow, ana_id):
    menu_id = uow.menus.add(week(ana_id))
    stale = uow.menus.get(menu_id)
    fresh = uow.menus.get(menu_id)
    uow.menus.update(dataclasses.replace(fresh, name="Week 1, fresh"))
    saved = uow.menus.get(menu_id)
    with pytest.raises(VersionConflict) as refused:
        uow.menus.update(dataclasses.replace(stale, name="Week 1, stale", items=[]))
    assert (refused.value.expected, refused.value.stored) == (0, 1)
    assert str(refused.value) == (
        f"Menu {menu_id} changed while this change was being saved (it is now at version 1, "
        "not 0), so nothing was saved; try again."
    )
    assert uow.menus.get(menu_id) == saved


CONFLICT = "^Someone else was saving a change to the same data at the same moment"


def _saved_menu(make_uow, menu: Menu | None = None) -> tuple[int, int]:
    with make_uow() as unit:
        client_id = unit.clients.add(Client("Ana", Sex.FEMALE))
        menu_id = unit.menus.add(menu or week(client_id))
        unit.commit()
    return client_id, menu_id


def test_a_save_meeting_another_units_committed_save_is_refused_not_merged(make_uow):
    """Both read version 0; the first commits version 1; the second's save of version 0 is
    refused (DuckDB when writing the row, the fake when committing) and changes nothing."""
    _, menu_id = _saved_menu(make_uow)
    with pytest.raises(ConcurrentUpdate, match=CONFLICT):
        with make_uow() as second:
            theirs = second.menus.get(menu_id)
            with make_uow() as first:
                mine = first.menus.get(menu_id)
                mine.items.append(food(1, "Lunch", BANANA, 118.0))
                first.menus.update(mine)
                first.commit()
            theirs.items[0] = dataclasses.replace(theirs.items[0], quantity=2.0)
            second.menus.update(theirs)
            second.commit()
    with make_uow() as check:
        stored = check.menus.get(menu_id)
    assert stored.version == 1
    assert [(i.day, i.ref_id, i.quantity) for i in stored.items] == [
        (0, EGG, 100.0),
        (0, BANANA, 118.0),
        (0, BUTTER, 1.0),
        (1, BANANA, 118.0),
        (3, BANANA, 80.5),
    ]


def test_two_units_adding_items_to_one_menu_cannot_both_commit(make_uow):
    """New items get new ids, so only the menus row makes the two saves meet."""
    _, menu_id = _saved_menu(make_uow)
    with pytest.raises(ConcurrentUpdate, match=CONFLICT):
        with make_uow() as second:
            theirs = second.menus.get(menu_id)
            with make_uow() as first:
                mine = first.menus.get(menu_id)
                mine.items.append(food(2, "Lunch", EGG, 50.0))
                first.menus.update(mine)
                first.commit()
            theirs.items.append(food(4, "Dinner", BUTTER, 5.0))
            second.menus.update(theirs)
            second.commit()
    with make_uow() as check:
        stored = check.menus.get(menu_id)
    assert [(i.day, i.ref_id) for i in stored.items if i.day in (2, 4)] == [(2, EGG)]


def test_saving_a_menu_another_unit_deleted_meanwhile_is_refused(make_uow):
    _, menu_id = _saved_menu(make_uow)
    with pytest.raises(ConcurrentUpdate, match=CONFLICT):
        with make_uow() as second:
            theirs = second.menus.get(menu_id)
            with make_uow() as first:
                first.menus.delete(menu_id)
                first.commit()
            second.menus.update(dataclasses.replace(theirs, name="Week 1, kept"))
            second.commit()
    with make_uow() as check:
        assert check.menus.list() == []


def test_an_update_replaces_the_menu_and_all_its_items(uow, ana_id):
    menu_id = uow.menus.add(week(ana_id))
    before = uow.menus.get(menu_id)
    kept, dropped = before.items[0], before.items[1:]
    changed = dataclasses.replace(
        before,
        name="Week 1, revised",
        start_date=MONDAY + dt.timedelta(days=7),
        days=3,
        slots=("Breakfast", "Dinner"),
        items=[
            dataclasses.replace(kept, quantity=150.0, grams=150.0),
            food(2, "Dinner", BUTTER, 7.0),
        ],
        day_targets={0: Targets(2000.0, 100.0, 250.0, 66.0)},
    )
    uow.menus.update(changed)
    after = uow.menus.get(menu_id)
    assert after.items[0].item_id == kept.item_id  # an item that stays keeps its id
    assert after.items[1].item_id not in {None, *(i.item_id for i in dropped)}
    expected_ids = [kept.item_id, after.items[1].item_id]
    assert after == stored(changed, menu_id, version=1, item_ids=expected_ids)


def test_an_update_that_changes_one_item_keeps_every_item_and_id_and_the_change(uow, ana_id):
    menu_id = uow.menus.add(week(ana_id))
    before = uow.menus.get(menu_id)
    items = list(before.items)
    items[2] = dataclasses.replace(items[2], quantity=2.0, grams=28.4)  # 2 tbsp butter
    items.append(food(3, "Lunch", EGG, 50.0, position=1))
    uow.menus.update(dataclasses.replace(before, items=items))
    after = uow.menus.get(menu_id)
    assert [i.item_id for i in after.items[:4]] == [i.item_id for i in before.items]
    assert after.items[2].grams == 28.4 and after.items[2].quantity == 2.0
    assert after.items[:2] + after.items[3:4] == before.items[:2] + before.items[3:]
    assert (after.items[4].ref_id, after.items[4].grams) == (EGG, 50.0)
    assert after.items[4].item_id not in {i.item_id for i in before.items}


def test_an_item_listed_twice_in_an_update_is_stored_twice_under_two_ids(uow, ana_id):
    menu_id = uow.menus.add(week(ana_id))
    before = uow.menus.get(menu_id)
    egg = before.items[0]
    uow.menus.update(dataclasses.replace(before, items=[egg, egg]))
    after = uow.menus.get(menu_id).items
    assert [(i.ref_id, i.grams) for i in after] == [(EGG, 100.0), (EGG, 100.0)]
    assert egg.item_id in {i.item_id for i in after}
    assert len({i.item_id for i in after}) == 2


def test_titles_are_the_menus_without_their_items_newest_first(uow, ana_id):
    other = uow.clients.add(Client("Ben", Sex.MALE))
    first = uow.menus.add(week(ana_id))
    second = uow.menus.add(week(ana_id, name="Week 2", days=3, start_date=MONDAY + dt.timedelta(7)))
    uow.menus.add(week(other, name="Ben's week"))
    assert uow.menus.titles(ana_id) == [
        MenuTitle(second, "Week 2", MONDAY + dt.timedelta(7), 3),
        MenuTitle(first, "Week 1", MONDAY, 7),
    ]
    assert [t.name for t in uow.menus.titles()] == ["Ben's week", "Week 2", "Week 1"]
    assert uow.menus.titles(other + 1000) == []


def test_an_update_can_empty_a_menu(uow, ana_id):
    menu_id = uow.menus.add(week(ana_id))
    uow.menus.update(week(ana_id, menu_id=menu_id, items=[], day_targets={}))
    assert uow.menus.get(menu_id).items == []
    assert uow.menus.get(menu_id).day_targets == {}


def test_an_item_id_from_another_menu_is_not_taken_over(uow, ana_id):
    first = uow.menus.get(uow.menus.add(week(ana_id)))
    second_id = uow.menus.add(week(ana_id, name="Week 2", items=[]))
    uow.menus.update(week(ana_id, name="Week 2", menu_id=second_id, items=first.items[:1]))
    assert uow.menus.get(second_id).items[0].item_id != first.items[0].item_id
    assert uow.menus.get(first.menu_id) == first


def test_menus_are_listed_newest_first_and_can_be_listed_for_one_client(uow, ana_id):
    bo_id = uow.clients.add(Client("Bo", Sex.MALE))
    first = uow.menus.add(week(ana_id, name="Week 1"))
    second = uow.menus.add(week(bo_id, name="Week 1"))
    third = uow.menus.add(week(ana_id, name="Week 2"))
    assert [m.menu_id for m in uow.menus.list()] == [third, second, first]
    assert [m.menu_id for m in uow.menus.list(ana_id)] == [third, first]
    assert uow.menus.list(987_654) == []
    assert all(len(m.items) == 4 for m in uow.menus.list())


def test_a_second_menu_of_the_same_name_for_one_client_is_refused_with_a_sentence(uow, ana_id):
    uow.menus.add(week(ana_id))
    with pytest.raises(ValidationFailed, match=r"^A menu named 'Week 1' already exists for Ana\.$"):
        uow.menus.add(week(ana_id, items=[]))
    second = uow.menus.add(week(ana_id, name="Week 2"))
    with pytest.raises(ValidationFailed, match="A menu named 'Week 1' already exists for Ana."):
        uow.menus.update(week(ana_id, menu_id=second))
    assert len(uow.menus.list()) == 2


def test_two_clients_may_each_have_a_menu_of_the_same_name(uow, ana_id):
    bo_id = uow.clients.add(Client("Bo", Sex.MALE))
    uow.menus.add(week(ana_id))
    uow.menus.add(week(bo_id))
    assert [m.name for m in uow.menus.list()] == ["Week 1", "Week 1"]


def test_a_menu_for_a_missing_client_is_refused(uow):
    with pytest.raises(NotFound, match=r"^There is no client with id 12\.$"):
        uow.menus.add(week(12))


def test_getting_a_missing_menu_says_there_is_none(uow, ana_id):
    with pytest.raises(NotFound, match=r"^There is no menu with id 12\.$"):
        uow.menus.get(12)
    with pytest.raises(NotFound, match="There is no menu with id 12."):
        uow.menus.update(week(ana_id, menu_id=12))
    with pytest.raises(NotFound, match="There is no menu with id 12."):
        uow.menus.delete(12)


def test_a_deleted_menu_is_gone_with_its_items(uow, ana_id):
    menu_id = uow.menus.add(week(ana_id))
    uow.menus.delete(menu_id)
    assert uow.menus.list() == []
    assert uow.menus.using_food(BANANA) == []


def test_deleting_a_client_deletes_its_menus(uow, ana_id):
    menu_id = uow.menus.add(week(ana_id))
    uow.clients.delete(ana_id)
    assert uow.menus.list() == []
    with pytest.raises(NotFound, match=f"There is no menu with id {menu_id}."):
        uow.menus.get(menu_id)


def test_using_food_names_each_menu_once_with_its_client(uow, ana_id):
    bo_id = uow.clients.add(Client("Bo", Sex.MALE))
    uow.menus.add(week(ana_id))  # banana twice
    uow.menus.add(week(bo_id, name="Holiday", items=[food(0, "Lunch", BANANA, 50.0)]))
    uow.menus.add(week(bo_id, name="Eggs only", items=[food(0, "Lunch", EGG, 50.0)]))
    assert uow.menus.using_food(BANANA) == [
        Usage("menu", "Holiday (Bo)"),
        Usage("menu", "Week 1 (Ana)"),
    ]
    assert uow.menus.using_food(5064) == []


def test_using_recipe_names_the_menus_that_serve_it(uow, ana_id):
    recipe_id = uow.recipes.add(Recipe("Toast", 1.0, [Ingredient(BUTTER, 5, "g", 5)]))
    serving = MenuItem(0, "Breakfast", ItemKind.RECIPE, recipe_id, 1.0, "serving")
    uow.menus.add(week(ana_id, items=[serving, food(0, "Lunch", BANANA, 10.0)]))
    uow.menus.add(week(ana_id, name="Week 2"))
    assert uow.menus.using_recipe(recipe_id) == [Usage("menu", "Week 1 (Ana)")]
    assert uow.menus.using_recipe(BANANA) == []  # a food id is not a recipe id
    with pytest.raises(NotFound, match=f"^There is no food with id {recipe_id}.$"):
        uow.menus.add(week(ana_id, name="Week 3", items=[food(0, "Lunch", recipe_id, 10.0)]))


def test_a_workspace_cannot_see_change_or_delete_another_workspaces_menus(make_uow):
    with make_uow("north") as north:
        ana_id = north.clients.add(Client("Ana", Sex.FEMALE))
        menu_id = north.menus.add(week(ana_id))
        original = north.menus.get(menu_id)
        north.commit()
    with make_uow("south") as south:
        assert south.menus.list() == [] and south.menus.list(ana_id) == []
        assert south.menus.using_food(BANANA) == []
        missing = f"There is no menu with id {menu_id}."
        for attempt in (
            lambda: south.menus.get(menu_id),
            lambda: south.menus.update(week(ana_id, menu_id=menu_id, items=[])),
            lambda: south.menus.delete(menu_id),
        ):
            with pytest.raises(NotFound, match=missing):
                attempt()
        with pytest.raises(NotFound, match=f"There is no client with id {ana_id}."):
            south.menus.add(week(ana_id))  # another workspace's client
        south.commit()
    with make_uow("north") as north:
        assert north.menus.get(menu_id) == original


def test_hostile_text_round_trips_unchanged(uow, hostile_text):
    client_id = uow.clients.add(Client(hostile_text, Sex.FEMALE))
    menu = week(
        client_id,
        name=hostile_text,
        slots=(hostile_text, "Lunch"),
        items=[food(0, hostile_text, BANANA, 50.0, label=hostile_text)],
    )
    menu_id = uow.menus.add(menu)
    got = uow.menus.get(menu_id)
    assert got == stored(menu, menu_id, version=0, item_ids=[got.items[0].item_id])
    assert uow.menus.using_food(BANANA) == [Usage("menu", f"{hostile_text} ({hostile_text})")]
