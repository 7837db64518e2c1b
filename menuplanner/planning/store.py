"""What the generator keeps besides menus: a user's per-food rules (meals a food or recipe suits,
its smallest and largest portion) and food prices; plus one fast read of every food with the
nutrients the generator needs. A port: DuckDB adapter in `store/duckdb/planning.py`, in-memory
fake in `store/memory/planning.py`, one contract for both (tests/unit/test_planning_store.py).
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.menus import ItemKind
from menuplanner.planning.meals import MealKind
from menuplanner.planning.patterns import PracticePattern

# The nutrients the generator plans with, per 100 g: columns of `food_rows`, in this order.
PLANNED = ("energy_kcal", "protein_g", "carbohydrate_g", "fat_g", "fibre_g", "sodium_mg")
FOOD_ROW_SCHEMA = pl.Schema(
    {
        "food_id": pl.Int64,
        "name": pl.String,
        "group_code": pl.String,
        "dataset": pl.String,
        "is_common": pl.Boolean,
        "is_branded": pl.Boolean,
        "ingredients": pl.String,  # the label's list, "" when unknown
        **{key: pl.Float64 for key in PLANNED},
    }
)
MAX_PRICE_PER_KG = 1000.0


@dataclass(frozen=True, slots=True)
class FoodRule:
    """A user's override of the suitability rules for one food or recipe."""

    kind: ItemKind
    ref_id: int
    meals: frozenset[MealKind] | None = None  # None: the rules decide; empty: never suggested
    min_grams: float | None = None  # foods only
    max_grams: float | None = None

    def __post_init__(self) -> None:
        low, high = self.min_grams, self.max_grams
        if low is not None and not 0 < low <= 2000:
            raise ValidationFailed("The smallest portion must be between 0 and 2,000 g.")
        if high is not None and not 0 < high <= 2000:
            raise ValidationFailed("The largest portion must be between 0 and 2,000 g.")
        if low is not None and high is not None and low > high:
            raise ValidationFailed(
                f"The smallest portion ({low:g} g) is larger than the largest ({high:g} g)."
            )


def check_price(price_per_kg: float) -> float:
    if not 0 <= price_per_kg <= MAX_PRICE_PER_KG:
        raise ValidationFailed(
            f"A price must be between 0 and {MAX_PRICE_PER_KG:,.0f} per kg, not {price_per_kg:g}."
        )
    return float(price_per_kg)


class PlanningStore(abc.ABC):
    """One workspace's planning rules and prices, over the foods it sees (the shared foods and
    its own imports). Each write is durable when it returns."""

    @abc.abstractmethod
    def food_rows(self) -> pl.DataFrame:
        """Every food the workspace sees: FOOD_ROW_SCHEMA (PLANNED nutrients per 100 g, null
        when unknown); never another workspace's imported foods."""

    @abc.abstractmethod
    def rules(self) -> dict[tuple[ItemKind, int], FoodRule]: ...

    @abc.abstractmethod
    def set_rule(self, rule: FoodRule) -> None:
        """Store (or replace) the rule for its food or recipe; NotFound for a food the
        workspace does not see (the DuckDB store: or a recipe not its own)."""

    @abc.abstractmethod
    def remove_rule(self, kind: ItemKind, ref_id: int) -> None:
        """Return the food or recipe to the documented rules (no error when it has none)."""

    @abc.abstractmethod
    def prices(self) -> dict[int, float]:
        """Price per kg, by food id."""

    @abc.abstractmethod
    def set_price(self, food_id: int, price_per_kg: float | None) -> None:
        """Store a price (None removes it); NotFound for a food the workspace does not see."""

    @abc.abstractmethod
    def meal_patterns(self) -> tuple[PracticePattern, ...] | None:
        """The workspace's own meal patterns, in its order; None when it has none (the bundled
        file's apply)."""

    @abc.abstractmethod
    def set_meal_patterns(self, patterns: Sequence[PracticePattern] | None) -> None:
        """Store the workspace's patterns (checked: patterns.check_in_use), replacing its
        earlier ones; None: back to the bundled file's."""
