"""Menus: one client, a start date, N days of meal slots, each slot holding items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

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
