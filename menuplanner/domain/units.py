"""Amounts of food: grams, other mass units and household measures, always resolved to grams."""

from __future__ import annotations

import math
from collections.abc import Iterable

from menuplanner.domain.errors import InvalidAmount
from menuplanner.domain.foods import Portion

GRAMS_PER_MASS_UNIT: dict[str, float] = {
    "g": 1.0,
    "kg": 1000.0,
    "mg": 0.001,
    "oz": 28.349523125,
    "lb": 453.59237,
}

# No single portion of one food weighs more than this; larger amounts are typing mistakes.
MAX_GRAMS = 5000.0


def to_grams(quantity: float, unit: str, portions: Iterable[Portion] = ()) -> float:
    """Grams in `quantity` of `unit`: a mass unit ("g", "oz", ...) or a household measure's
    description ("tbsp", "cup, chopped"), as given in the food's portions."""
    if quantity != quantity or quantity <= 0:  # NaN or not positive
        raise InvalidAmount(f"Amount must be more than 0, got {quantity:g}.")
    if unit in GRAMS_PER_MASS_UNIT:
        grams = quantity * GRAMS_PER_MASS_UNIT[unit]
    else:
        portion = find_portion(unit, portions)
        grams = quantity * portion.grams_per_unit
    if grams > MAX_GRAMS:
        raise InvalidAmount(
            f"{quantity:g} {unit} is {grams / 1000:,.1f} kg; one item can be at most "
            f"{MAX_GRAMS / 1000:g} kg."
        )
    return grams


def find_portion(unit: str, portions: Iterable[Portion]) -> Portion:
    portions = tuple(portions)
    for portion in portions:
        if portion.description == unit:
            return portion
    known = ", ".join(p.description for p in portions) or "none"
    raise InvalidAmount(
        f"This food has no household measure {unit!r}; its measures are: {known}, or grams."
    )


def unit_choices(portions: Iterable[Portion]) -> list[str]:
    """Units a user can pick for a food: grams first, then its household measures (a measure
    USDA lists twice, e.g. two "slice" weights, once: the first, which `to_grams` uses)."""
    return list(dict.fromkeys(["g", *(p.description for p in portions), "oz"]))


def quantity_in(grams: float, unit: str, portions: Iterable[Portion] = ()) -> float:
    """How many `unit` make `grams`, rounded as a person measures: quarter measures, whole
    grams, other mass units to two decimals (used when a user switches an item from grams to
    cups and back). Never 0, and never rounded up past MAX_GRAMS: the switch must not make the
    item an amount `to_grams` refuses."""
    if unit in GRAMS_PER_MASS_UNIT:
        per_unit, step = GRAMS_PER_MASS_UNIT[unit], (1.0 if unit == "g" else 0.01)
    else:
        per_unit, step = find_portion(unit, portions).grams_per_unit, 0.25
    steps = max(1, round(grams / per_unit / step))
    if steps > 1 and round(steps * step, 2) * per_unit > MAX_GRAMS:
        steps = max(1, math.floor(MAX_GRAMS / (step * per_unit)))
        while steps > 1 and round(steps * step, 2) * per_unit > MAX_GRAMS:  # float rounding
            steps -= 1
    return round(steps * step, 2)


def closest_measure(grams: float, portions: Iterable[Portion] = ()) -> tuple[float, str]:
    """`grams` of a food as an amount a person measures: in the food's household measure that
    keeps the grams closest (at most 10 % off, half a measure or more), else in whole grams.
    Used when a food takes another's place and the old unit means nothing for it."""
    to_grams(grams, "g")  # refuses nothing, NaN or too much, with its sentence
    best: tuple[float, float, str] | None = None
    for portion in portions:
        if portion.grams_per_unit <= 0:
            continue
        quantity = quantity_in(grams, portion.description, (portion,))
        error = abs(quantity * portion.grams_per_unit - grams) / grams
        if quantity >= 0.5 and error <= 0.1 and (best is None or error < best[0]):
            best = (error, quantity, portion.description)
    if best is not None:
        return best[1], best[2]
    return quantity_in(grams, "g"), "g"
