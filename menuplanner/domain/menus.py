"""Menus: one client, a start date, N days of meal slots, each slot holding items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum

from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.targets import Targets

DEFAULT_SLOTS = ("Breakfast", "Morning snack", "Lunch", "Afternoon snack", "Dinner")


class ItemKind(StrEnum):
    FOOD = "food"
    RECIPE = "recipe"


@dataclass(frozen=True, slots=True)
class MenuItem:
    """A food in `quantity` × `unit` (= `grams`), or a recipe in `quantity` servings."""

    day: int  # 0-based index from the menu's start date
    slot: str
    kind: ItemKind
    ref_id: int  # food_id or recipe_id
    quantity: float
    unit: str  # for foods: "g" or a household measure; for recipes: "serving"
    grams: float | None = None  # foods only
    label: str = ""
    position: int = 0
    locked: bool = False
    item_id: int | None = None


@dataclass(slots=True)
class Menu:
    client_id: int
    name: str
    start_date: dt.date
    days: int = 7
    slots: tuple[str, ...] = DEFAULT_SLOTS
    items: list[MenuItem] = field(default_factory=list)
    day_targets: dict[int, Targets] = field(default_factory=dict)  # days with other targets
    is_demo: bool = False
    menu_id: int | None = None
    version: int = 0

    def date_of(self, day: int) -> dt.date:
        return self.start_date + dt.timedelta(days=day)


def day_label(menu: Menu, day: int) -> str:
    """A day as the menu builder names it: "Tue 04 Mar"."""
    return f"{menu.date_of(day):%a %d %b}"


def day_labels(menu: Menu) -> list[str]:
    """Every day of the menu as `day_label` names it, in order."""
    return [day_label(menu, day) for day in range(menu.days)]


def slot_items(menu: Menu, day: int, slot: str) -> list[MenuItem]:
    """Items of one meal, in their order."""
    return sorted(
        (i for i in menu.items if i.day == day and i.slot == slot), key=lambda i: i.position
    )


def check_place(menu: Menu, day: int, slot: str) -> None:
    if not 0 <= day < menu.days:
        raise ValidationFailed(f"Day {day + 1} is outside this {menu.days}-day menu.")
    if slot not in menu.slots:
        raise ValidationFailed(f"This menu has no meal called {slot!r}.")


def add_item(menu: Menu, item: MenuItem) -> MenuItem:
    """Append `item` at the end of its meal; returns the item as placed."""
    check_place(menu, item.day, item.slot)
    placed = replace(item, position=len(slot_items(menu, item.day, item.slot)), item_id=None)
    menu.items.append(placed)
    return placed


def _index(menu: Menu, item_id: int) -> int:
    for index, item in enumerate(menu.items):
        if item.item_id == item_id:
            return index
    raise NotFound(f"This menu has no item with id {item_id}; it may have been removed.")


def find_item(menu: Menu, item_id: int) -> MenuItem:
    return menu.items[_index(menu, item_id)]


def update_item(menu: Menu, item_id: int, **changes: object) -> MenuItem:
    index = _index(menu, item_id)
    menu.items[index] = replace(menu.items[index], **changes)
    return menu.items[index]


def remove_item(menu: Menu, item_id: int) -> MenuItem:
    removed = menu.items.pop(_index(menu, item_id))
    _renumber(menu, removed.day, removed.slot)
    return removed


def move_item(menu: Menu, item_id: int, day: int, slot: str) -> MenuItem:
    """Move an item to the end of another meal (or another day)."""
    check_place(menu, day, slot)
    index = _index(menu, item_id)
    old = menu.items[index]
    moved = replace(old, day=day, slot=slot, position=len(slot_items(menu, day, slot)))
    menu.items[index] = moved
    _renumber(menu, old.day, old.slot)
    return moved


def copy_day(menu: Menu, source: int, target: int) -> int:
    """Replace day `target`'s items with copies of day `source`'s; returns how many were copied."""
    check_place(menu, source, menu.slots[0])
    check_place(menu, target, menu.slots[0])
    if source == target:
        raise ValidationFailed("Pick a different day to copy to.")
    copies = [replace(i, day=target, item_id=None) for i in menu.items if i.day == source]
    menu.items = [i for i in menu.items if i.day != target] + copies
    return len(copies)


def _renumber(menu: Menu, day: int, slot: str) -> None:
    """Close the gap a removed or moved item left in its meal."""
    in_slot = [i for i, item in enumerate(menu.items) if item.day == day and item.slot == slot]
    in_slot.sort(key=lambda i: menu.items[i].position)
    for position, index in enumerate(in_slot):
        menu.items[index] = replace(menu.items[index], position=position)
