"""Foods as the planner sees them: a food, its group, its household measures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Food groups whose foods are less likely to be what a user means by a plain word.
UNUSUAL_GROUPS = frozenset({"0300", "2100", "3500", "3600"})  # baby, fast, native, restaurant


_BRAND_PREFIX = re.compile(r"^[A-Z0-9'&.\- ]{3,}(,|$)")


def looks_branded(name: str, manufacturer: str = "") -> bool:
    """SR26 writes brand names in capitals ("LOUIS RICH, Chicken Breast ...")."""
    return bool(manufacturer) or bool(_BRAND_PREFIX.match(name))


@dataclass(frozen=True, slots=True)
class FoodGroup:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Portion:
    """A household measure: `amount` × `description` weighs `gram_weight` grams."""

    seq: int
    amount: float
    description: str
    gram_weight: float

    @property
    def label(self) -> str:
        return f"{self.amount:g} {self.description}"

    @property
    def grams_per_unit(self) -> float:
        return self.gram_weight / self.amount


@dataclass(frozen=True, slots=True)
class Food:
    food_id: int
    name: str
    group_code: str
    dataset: str = "USDA SR26"
    source_id: str = ""
    manufacturer: str = ""
    refuse_pct: float = 0.0
    portions: tuple[Portion, ...] = field(default=())
    branded: bool = False  # flagged branded by its dataset
    ingredients: str = ""  # the label's ingredient list, when the dataset has one

    @property
    def is_branded(self) -> bool:
        return self.branded or looks_branded(self.name, self.manufacturer)
