"""Meals as the generator sees them: each slot of a menu is a breakfast, a main meal (lunch,
dinner) or a snack, read from its name, and gets a share of the day's energy.

Slot name (words, any case)                         | Meal kind | Share of the day's energy
--------------------------------------------------- | --------- | -------------------------
breakfast, brunch                                   | breakfast | 15–35 %
snack, elevenses, tea (afternoon tea), supper snack | snack     | 3–15 %
lunch, dinner, supper, main, anything else          | main      | 20–45 %

The shares are soft: the generator keeps each meal inside its band when it can, and when a menu
has so many or so few meals that the bands cannot add up to the day (seven snacks), they are
widened in proportion until they can.
"""

from __future__ import annotations

import re
from enum import StrEnum


class MealKind(StrEnum):
    BREAKFAST = "breakfast"
    MAIN = "main"  # lunch and dinner
    SNACK = "snack"

    @property
    def label(self) -> str:
        return {"breakfast": "Breakfast", "main": "Lunch or dinner", "snack": "Snack"}[self.value]


_BREAKFAST = re.compile(r"\b(breakfast|brunch)\b", re.IGNORECASE)
_SNACK = re.compile(r"\b(snacks?|elevenses|tea)\b", re.IGNORECASE)

ENERGY_SHARE: dict[MealKind, tuple[float, float]] = {
    MealKind.BREAKFAST: (0.15, 0.35),
    MealKind.MAIN: (0.20, 0.45),
    MealKind.SNACK: (0.03, 0.15),
}


def meal_kind(slot: str) -> MealKind:
    """The kind of meal a slot name describes ("Morning snack" → snack)."""
    if _BREAKFAST.search(slot):
        return MealKind.BREAKFAST
    if _SNACK.search(slot):
        return MealKind.SNACK
    return MealKind.MAIN


def energy_bands(slots: tuple[str, ...] | list[str]) -> dict[str, tuple[float, float]]:
    """Each slot's share of the day's energy as (low, high) fractions, widened so the lows add up
    to at most 90 % of the day and the highs to at least 110 %."""
    bands = {slot: ENERGY_SHARE[meal_kind(slot)] for slot in slots}
    low = sum(lo for lo, _ in bands.values())
    high = sum(hi for _, hi in bands.values())
    low_scale = min(1.0, 0.9 / low) if low else 1.0
    high_scale = max(1.0, 1.1 / high) if high else 1.0
    return {slot: (lo * low_scale, min(1.0, hi * high_scale)) for slot, (lo, hi) in bands.items()}
