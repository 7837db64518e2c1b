"""Drinks measured the way people pour them: in millilitres and by the glass.

USDA gives milk, juices and other drinks in cups and fluid ounces. A food that USDA measures in
fluid ounces is poured, so it also gets "ml" (its density from that measure: milk's 30.5 g per
fl oz is 1.03 g per ml); milks, juices and other drinks get "glass (240 ml)" too, an 8 fl oz
glass. Nothing is stored: the measures are added when a food is read, so every food table,
imported ones included, gets them.
"""

from __future__ import annotations

import re

from menuplanner.domain.foods import Portion

ML_PER_FL_OZ = 29.5735
GLASS_ML = 240.0
ML, GLASS = "ml", f"glass ({GLASS_ML:g} ml)"
_FL_OZ = re.compile(r"^fl oz\b")
_DRINK = re.compile(
    r"\b(milk|soymilk|buttermilk|kefir|juice|nectar|drink|beverage|smoothie|lemonade|"
    r"soda|cola|water)\b",
    re.IGNORECASE,
)
_FIRST_SEQ = 9000  # after the food table's own measures


def is_poured_measure(portion: Portion) -> bool:
    """One of the measures added here, not the food table's own."""
    return portion.seq >= _FIRST_SEQ


def poured_measures(name: str, portions: tuple[Portion, ...]) -> tuple[Portion, ...]:
    """`portions` with "ml" (and for a drink a glass) added when USDA measures it in fl oz and
    the table has no such measure yet."""
    fl_oz = next((p for p in portions if _FL_OZ.match(p.description)), None)
    if fl_oz is None or fl_oz.gram_weight <= 0 or fl_oz.amount <= 0:
        return portions
    grams_per_ml = fl_oz.gram_weight / fl_oz.amount / ML_PER_FL_OZ
    have = {p.description for p in portions}
    added = [] if ML in have else [Portion(_FIRST_SEQ, 1.0, ML, grams_per_ml)]
    if _DRINK.search(name) and GLASS not in have:
        added.append(Portion(_FIRST_SEQ + 1, 1.0, GLASS, round(GLASS_ML * grams_per_ml, 1)))
    return portions + tuple(added)
