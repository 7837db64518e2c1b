"""What another person changed, said in sentences: the menu a user saw against the current one."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace

from menuplanner.domain.menu_changes import describe_changes, stale_menu, summary
from menuplanner.domain.menus import ItemKind, Menu, MenuItem, day_label, day_labels
from menuplanner.domain.targets import Targets

MONDAY = dt.date(2025, 3, 3)
BUTTER, BANANA, EGG, TOAST = 1001, 9040, 1123, 7


def _item(
    item_id: int,
    day: int,
    slot: str,
    label: str,
    quantity: float,
    unit: str,
    grams: float | None,
    position: int = 0,
) -> MenuItem:
    kind = ItemKind.RECIPE if unit == "serving" else ItemKind.FOOD
    ref = {"Butter, salted": BUTTER, "Bananas, raw": BANANA, "Toast": TOAST}.get(label, EGG)
    return MenuItem(day, slot, kind, ref, quantity, unit, grams, label, position, item_id=item_id)


def _seen() -> Menu:
    return Menu(
        1,
        "Week 1",
        MONDAY,
        7,
        items=[
            _item(11, 0, "Breakfast", "Butter, salted", 1, "tbsp", 14.2),
            _item(12, 0, "Breakfast", "Egg, whole, raw, fresh", 1, "large", 50.0, position=1),
            _item(13, 2, "Dinner", "Toast", 1, "serving", None),
        ],
        menu_id=5,
        version=3,
    )


def test_the_builders_day_label_names_the_weekday_and_date() -> None:
    assert [day_label(_seen(), d) for d in (0, 1, 6)] == ["Mon 03 Mar", "Tue 04 Mar", "Sun 09 Mar"]
    assert day_labels(_seen())[::3] == ["Mon 03 Mar", "Thu 06 Mar", "Sun 09 Mar"]


def test_an_added_item_is_named_with_its_household_amount_and_weight() -> None:
    current = copy.deepcopy(_seen())
    current.items.append(_item(14, 1, "Lunch", "Bananas, raw", 1, "medium", 118.0))
    assert describe_changes(_seen(), current) == [
        "Tue 04 Mar · Lunch: added Bananas, raw (1 medium, 118 g)"
    ]


def test_amounts_removals_moves_locks_and_swaps_each_get_a_sentence_in_menu_order() -> None:
    current = copy.deepcopy(_seen())
    current.items = [
        replace(current.items[0], quantity=2, grams=28.4, locked=True),
        replace(current.items[2], day=4, slot="Dinner"),
        _item(15, 5, "Lunch", "Bananas, raw", 150, "g", 150.0),
    ]
    current.items[1] = replace(current.items[1], quantity=1.5)
    assert describe_changes(_seen(), current) == [
        "Mon 03 Mar · Breakfast: Butter, salted 1 tbsp → 2 tbsp",
        "Mon 03 Mar · Breakfast: Butter, salted locked",
        "Mon 03 Mar · Breakfast: removed Egg, whole, raw, fresh (1 large, 50 g)",
        "Fri 07 Mar · Dinner: Toast 1 serving → 1.5 servings",
        "Wed 05 Mar · Dinner: Toast moved to Fri 07 Mar · Dinner",
        "Sat 08 Mar · Lunch: added Bananas, raw (150 g)",
    ]


def test_a_swap_names_the_old_and_the_new_food() -> None:
    current = copy.deepcopy(_seen())
    current.items[1] = replace(
        current.items[1],
        ref_id=BANANA,
        label="Bananas, raw",
        quantity=1,
        unit="medium",
        grams=118.0,
    )
    assert describe_changes(_seen(), current) == [
        "Mon 03 Mar · Breakfast: Egg, whole, raw, fresh swapped for Bananas, raw (1 medium, 118 g)"
    ]


def test_a_position_closed_up_after_a_removal_is_not_a_change_of_its_own() -> None:
    current = copy.deepcopy(_seen())
    current.items = [replace(current.items[1], position=0), current.items[2]]
    assert describe_changes(_seen(), current) == [
        "Mon 03 Mar · Breakfast: removed Butter, salted (1 tbsp, 14 g)"
    ]


def test_name_dates_meals_and_day_targets_are_said_too() -> None:
    seen = _seen()
    seen.day_targets = {1: Targets(2000, 100, 250, 67), 2: Targets(2200, 110, 270, 70)}
    current = copy.deepcopy(seen)
    current.name = "Week 1, training"
    current.start_date = MONDAY + dt.timedelta(days=7)
    current.slots = ("Breakfast", "Lunch", "Dinner")
    current.day_targets = {2: Targets(2500, 120, 300, 80), 4: Targets(2800, 140, 350, 90)}
    assert describe_changes(seen, current) == [
        "renamed from “Week 1” to “Week 1, training”",
        "dates changed from 3 Mar 2025 – 9 Mar 2025 to 10 Mar 2025 – 16 Mar 2025",
        "meals are now Breakfast, Lunch, Dinner",
        "Tue 11 Mar uses the client's targets again",
        "Wed 12 Mar's own targets changed (2,500 kcal)",
        "Fri 14 Mar has its own targets now (2,800 kcal)",
    ]


def test_a_long_list_is_cut_after_eight_with_how_many_more() -> None:
    changes = [f"change {n}" for n in range(1, 12)]
    assert summary(changes) == [*changes[:8], "and 3 more changes"]
    assert summary(changes[:9]) == [*changes[:8], "and 1 more change"]
    assert summary(changes[:8]) == changes[:8]


def test_the_refusal_says_nothing_was_saved_what_they_changed_and_what_to_do() -> None:
    current = copy.deepcopy(_seen())
    current.items.append(_item(14, 1, "Lunch", "Bananas, raw", 1, "medium", 118.0))
    current.items[0] = replace(current.items[0], quantity=2, grams=28.4)
    current.version = 5
    assert str(stale_menu(_seen(), current)) == (
        "Someone else changed this menu after you opened it, so your change was not saved. "
        "Their changes: Mon 03 Mar · Breakfast: Butter, salted 1 tbsp → 2 tbsp; "
        "Tue 04 Mar · Lunch: added Bananas, raw (1 medium, 118 g). "
        "The menu now shows the current version; make your change again if it still applies."
    )


def test_a_save_that_changed_nothing_visible_is_said_so() -> None:
    current = replace(_seen(), version=4)
    assert "Nothing you can see on the menu changed (it was saved again as it was)." in str(
        stale_menu(_seen(), current)
    )
