"""Deterministic made-up menus and nutrient tables for benchmarks and notebooks' examples.

Not demo data for users: the foods are whatever ids are passed in, the numbers are plausible
but invented. Seeded, so a benchmark measures the same work on every run.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

import polars as pl

from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS

# USDA SR26 ids: salted butter, whole raw egg, raw banana, cooked long-grain white rice.
DEFAULT_FOOD_IDS: tuple[int, ...] = (1001, 1123, 9040, 20045)


def synthetic_menu(
    days: int = 7,
    meals: int = 5,
    items_per_meal: int = 6,
    food_ids: Sequence[int] = DEFAULT_FOOD_IDS,
    seed: int = 0,
    start_date: dt.date = dt.date(2025, 1, 6),
) -> Menu:
    """A menu of `days` × `meals` × `items_per_meal` food items, 10–250 g each."""
    rng = random.Random(seed)
    slots = _slots(meals)
    items = [
        MenuItem(
            day=day,
            slot=slot,
            kind=ItemKind.FOOD,
            ref_id=rng.choice(food_ids),
            quantity=(grams := float(rng.randrange(10, 251))),
            unit="g",
            grams=grams,
            position=position,
        )
        for day in range(days)
        for slot in slots
        for position in range(items_per_meal)
    ]
    return Menu(
        client_id=0, name="Synthetic", start_date=start_date, days=days, slots=slots, items=items
    )


def synthetic_nutrients(food_ids: Sequence[int] = DEFAULT_FOOD_IDS, seed: int = 0) -> pl.DataFrame:
    """A per-100 g frame in the FoodCatalog.nutrients_per_100g shape, about 1 value in 10
    unknown (null) as in real tables."""
    rng = random.Random(seed)
    columns = {
        key: [None if rng.random() < 0.1 else round(rng.uniform(0, 100), 2) for _ in food_ids]
        for key in KEYS
    }
    schema = {"food_id": pl.Int64, **{key: pl.Float64 for key in KEYS}}
    return pl.DataFrame({"food_id": list(food_ids), **columns}, schema=schema)


def _slots(meals: int) -> tuple[str, ...]:
    extra = tuple(f"Meal {n}" for n in range(len(DEFAULT_SLOTS) + 1, meals + 1))
    return (DEFAULT_SLOTS + extra)[:meals]
