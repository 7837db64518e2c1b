"""How a menu's amounts, measures and dates are written for the client: "1½ cups", "2 slices",
"about ¾ cup", "248 g", "112 kcal", "Monday 11 May 2026", "11 – 17 May 2026". Shared by the
PDF, the printable page and the shopping list, so they always agree."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Iterable

from menuplanner.domain.foods import Portion
from menuplanner.domain.formatting import format_number
from menuplanner.domain.menus import ItemKind
from menuplanner.domain.units import GRAMS_PER_MASS_UNIT

_FRACTIONS = (
    (0.125, "⅛"),
    (0.25, "¼"),
    (1 / 3, "⅓"),
    (0.5, "½"),
    (2 / 3, "⅔"),
    (0.75, "¾"),
)


def quantity_text(quantity: float) -> str:
    """As written in a recipe: 1 → "1", 0.5 → "½", 1.25 → "1¼", 2/3 → "⅔", 0.4 → "0.4"."""
    whole = math.floor(quantity + 0.01)
    rest = quantity - whole
    if abs(rest) < 0.01:
        return f"{whole:,}"
    for value, glyph in _FRACTIONS:
        if abs(rest - value) < 0.01:
            return glyph if whole == 0 else f"{whole:,}{glyph}"
    return f"{round(quantity, 2):,g}"


# Household measures said in the plural after more than one: "2 slices", "1½ cups, chopped".
PLURALS = {
    "bar": "bars",
    "breast": "breasts",
    "bunch": "bunches",
    "can": "cans",
    "clove": "cloves",
    "container": "containers",
    "cup": "cups",
    "fillet": "fillets",
    "fruit": "fruits",
    "head": "heads",
    "leaf": "leaves",
    "loaf": "loaves",
    "package": "packages",
    "pat": "pats",
    "piece": "pieces",
    "pita": "pitas",
    "serving": "servings",
    "slice": "slices",
    "spear": "spears",
    "sprig": "sprigs",
    "stalk": "stalks",
    "steak": "steaks",
    "stick": "sticks",
    "tablespoon": "tablespoons",
    "teaspoon": "teaspoons",
    "tortilla": "tortillas",
}


_FIRST_WORD = re.compile(r"([A-Za-z]+)(.*)", re.DOTALL)


def measure_phrase(quantity: float, unit: str) -> str:
    """ "2 slices", "½ cup", "1 medium (3\" dia)": a quantity and its measure, as said."""
    match = _FIRST_WORD.fullmatch(unit)
    if quantity > 1 and match and match.group(1) in PLURALS:
        unit = PLURALS[match.group(1)] + match.group(2)
    return f"{quantity_text(quantity)} {unit}"


def grams_text(grams: float | None) -> str:
    return f"{format_number(grams, 0)} g"


def kcal_text(kcal: float | None) -> str:
    return f"{format_number(kcal, 0)} kcal"


def long_date(day: dt.date, weekday: bool = True) -> str:
    text = f"{day.day} {day:%B %Y}"
    return f"{day:%A} {text}" if weekday else text


def period(first: dt.date, last: dt.date) -> str:
    """ "11 – 17 May 2026", "28 April – 4 May 2026", "Monday 11 May 2026" for one day."""
    if first == last:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} – {last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{long_date(first, False)} – {long_date(last, False)}"


def item_measure(
    kind: str, quantity: float, unit: str, grams: float | None, portions: Iterable[Portion]
) -> str:
    """How much of an item, in the words a client measures with."""
    if kind == ItemKind.RECIPE:
        return measure_phrase(quantity, "serving")
    if unit == "g":
        return about(grams or quantity, portions)
    return measure_phrase(quantity, unit)


def about(grams: float, portions: Iterable[Portion]) -> str:
    """A weight in grams as the food's first household measure, to the nearest quarter, when
    that is within 15 %: "about ¾ cup"; "" otherwise."""
    portion = household_portion(portions)
    if portion is None or grams <= 0:
        return ""
    count = round(grams / portion.grams_per_unit * 4) / 4
    if count < 0.25 or abs(count * portion.grams_per_unit - grams) > 0.15 * grams:
        return ""
    return f"about {measure_phrase(count, portion.description)}"


def household_portion(portions: Iterable[Portion], preferred: Iterable[str] = ()) -> Portion | None:
    """The measure to say an amount in: the first of `preferred` the food has, else its first
    household measure a client can measure with (see `readable_measure`), as the client reads
    it."""
    portions = tuple(portions)
    by_description = {p.description: p for p in reversed(portions)}  # the first one wins
    candidates = [by_description[u] for u in preferred if u in by_description] + list(portions)
    for portion in candidates:
        readable = readable_measure(portion.description)
        if readable:
            return dataclasses.replace(portion, description=readable)
    return None


# Measures a client cannot measure with (issue 16): what a pound of raw meat or a packet
# "yields", a label's or a recipe's serving, a package, can, jar or box of a size the client
# does not know, a poultry "unit". An amount that has only such measures is said in grams.
_UNREADABLE = re.compile(
    r"\b(yields?|refuse|servings?|recipe|package|packet|can|jar|box|unit|NLEA)\b", re.IGNORECASE
)
# A label's serving noted after a plain measure: "cup (1 NLEA serving)" reads "cup".
_SERVING_NOTE = re.compile(r"\s*\([^()]*\b(NLEA|serving)\b[^()]*\)", re.IGNORECASE)


def readable_measure(description: str) -> str | None:
    """The measure as a client reads it ("cup (1 NLEA serving)" → "cup"), or None for a
    weight ("oz": the amount is then said in grams) and for a measure nobody measures with
    ("unit (yield from 1 lb ready-to-cook chicken)", "package (10 oz) yields", "serving
    (3 oz)")."""
    if description in GRAMS_PER_MASS_UNIT:
        return None
    cleaned = _SERVING_NOTE.sub("", description).strip()
    if not cleaned or _UNREADABLE.search(cleaned):
        return None
    return cleaned
