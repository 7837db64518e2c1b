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
# Things counted, besides PLURALS: their plural follows the rules ("crackers", "patties").
# A first word not known is left as it is: sizes ("medium", "super colossal"), abbreviations.
_COUNTED_NOUNS = frozenset(
    "apricot bagel biscuit bowl bun burger cake chip chop cookie cracker cube date dash drumstick "
    "ear egg fig glass hotdog link muffin nugget olive pancake patty pinch prune pretzel ring "
    "roll sandwich scoop shell strip taco tablet thigh wafer waffle wedge wing".split()
)


def plural(word: str) -> str:
    """ "cracker" → "crackers", "patty" → "patties", "dash" → "dashes"; a word not known as
    something counted ("tbsp", "medium", "super") as it is."""
    lower = word.lower()
    if lower in PLURALS:
        return PLURALS[lower]
    if lower not in _COUNTED_NOUNS:
        return word
    if lower.endswith("y") and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith(("ch", "sh", "s", "x")):
        return word + "es"
    return word + "s"


def singular(word: str) -> str:
    """ "waffles" → "waffle", "patties" → "patty", "dishes" → "dish"."""
    lower = word.lower()
    if lower.endswith("ies"):
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return word[:-1]
    return word


def measure_phrase(quantity: float, unit: str) -> str:
    """ "2 slices", "½ cup", "1 medium (3\" dia)": a quantity and its measure, as said."""
    match = _FIRST_WORD.fullmatch(unit)
    if quantity > 1 and match:
        unit = plural(match.group(1)) + match.group(2)
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
    """A weight in grams as the food's first household measure, when that is within 15 %:
    cups and spoons to the nearest quarter ("about ¾ cup"), things counted to the nearest
    half ("about 3 waffles", not "about 2¾"); "" otherwise."""
    portion = household_portion(portions)
    if portion is None or grams <= 0:
        return ""
    steps = 4 if _first_word(portion.description) in _MEASURED else 2
    count = round(grams / portion.grams_per_unit * steps) / steps
    if count < 1 / steps or abs(count * portion.grams_per_unit - grams) > 0.15 * grams:
        return ""
    return f"about {measure_phrase(count, portion.description)}"


# Measures poured or spooned, said in quarters; everything else is counted in halves.
_MEASURED = frozenset("cup cups tbsp tsp tablespoon teaspoon fl glass ml".split())


def _first_word(description: str) -> str:
    match = _FIRST_WORD.match(description.strip())
    return match.group(1).lower() if match else ""


def household_portion(portions: Iterable[Portion], preferred: Iterable[str] = ()) -> Portion | None:
    """The measure to say an amount in: the first of `preferred` the food has, else its first
    household measure a client can measure with, as the client reads it (see
    `readable_portion`)."""
    portions = tuple(portions)
    by_description = {p.description: p for p in reversed(portions)}  # the first one wins
    candidates = [by_description[u] for u in preferred if u in by_description] + list(portions)
    return next(filter(None, map(readable_portion, candidates)), None)


# Measures a client cannot measure with (issue 16): what a pound of raw meat or a packet
# "yields", a label's or a recipe's serving, a package, can, jar or box of a size the client
# does not know, a poultry "unit". An amount that has only such measures is said in grams.
_UNREADABLE = re.compile(
    r"\b(yields?|refuse|servings?|recipe|package|packet|can|jar|box|unit|NLEA)\b", re.IGNORECASE
)
# A label's serving noted after a plain measure: "cup (1 NLEA serving)" reads "cup".
_SERVING_NOTE = re.compile(r"\s*\([^()]*\b(NLEA|serving)\b[^()]*\)", re.IGNORECASE)
# A label's serving that says what it holds: "serving 2 waffles", "serving 1/2 cup".
_SERVING_OF = re.compile(
    r"serving\s+(\d+(?:\.\d+)?|\d+/\d+)\s+([A-Za-z][A-Za-z ,-]*)", re.IGNORECASE
)


def readable_portion(portion: Portion) -> Portion | None:
    """The measure as a client reads it, or None for a weight ("oz": the amount is then said in
    grams) and for a measure nobody measures with. "cup (1 NLEA serving)" → "cup"; "serving 2
    waffles" of 70 g → "waffle" of 35 g; "unit (yield from 1 lb ready-to-cook chicken)",
    "package (10 oz) yields", "serving (3 oz)" → None."""
    description = portion.description.strip()
    held = _SERVING_OF.fullmatch(description)
    if held:
        number, what = held.groups()
        top, _, bottom = number.partition("/")
        count = float(top) / float(bottom) if bottom else float(number)
        what = what.strip()
        if count <= 0 or what in GRAMS_PER_MASS_UNIT or what.split()[0] in ("fl", "oz"):
            return None
        if count > 1:
            first, _, rest = what.partition(" ")
            what = " ".join(filter(None, (singular(first), rest)))
        return readable_portion(
            dataclasses.replace(portion, amount=portion.amount * count, description=what)
        )
    if description in GRAMS_PER_MASS_UNIT:
        return None
    cleaned = _SERVING_NOTE.sub("", description).strip()
    if not cleaned or _UNREADABLE.search(cleaned):
        return None
    return dataclasses.replace(portion, description=cleaned)


def readable_measure(description: str) -> str | None:
    """`readable_portion` of a measure's description alone."""
    found = readable_portion(Portion(0, 1.0, description, 1.0))
    return found.description if found else None
