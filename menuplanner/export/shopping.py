"""The shopping list of a range of days: every item and every recipe ingredient summed per food
(the same food lines the totals use), said in a unit one buys in, with the weight to buy.

Eaten weight is what the menu counts (USDA's edible portion). The weight to buy adds what is not
eaten, by USDA's refuse percentage of the food as purchased (peel, bones, shells, cores):
as purchased = eaten ÷ (1 − refuse / 100). Household counts come from the edible weight, since
USDA's household measures are edible weights too (a medium banana is 118 g without its peel).
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import polars as pl

from menuplanner.domain.display_names import USDA, bought_as
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.foods import Food, Portion
from menuplanner.domain.formatting import format_number
from menuplanner.domain.handout_names import handout_name
from menuplanner.domain.menus import ItemKind, Menu
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.units import GRAMS_PER_MASS_UNIT
from menuplanner.export.tables import neutralise
from menuplanner.export.wording import measure_phrase, period
from menuplanner.nutrition.lines import menu_lines

# Aisles in the order one walks a shop, each with the USDA food groups found there.
AISLES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Fruit and vegetables", frozenset({"0900", "1100"})),
    ("Bakery", frozenset({"1800"})),
    ("Meat, poultry and fish", frozenset({"0500", "0700", "1000", "1300", "1500", "1700"})),
    ("Dairy and eggs", frozenset({"0100"})),
    ("Grains, pasta and cereals", frozenset({"0800", "2000"})),
    ("Beans, nuts and seeds", frozenset({"1200", "1600"})),
    ("Oils, sauces, soups and spices", frozenset({"0200", "0400", "0600"})),
    ("Sweets and snacks", frozenset({"1900", "2500"})),
    ("Drinks", frozenset({"1400"})),
    ("Ready meals and baby food", frozenset({"0300", "2100", "2200", "3500", "3600"})),
)
_AISLE_OF = {code: name for name, codes in AISLES for code in codes}
_AISLE_ORDER = {name: index for index, (name, _) in enumerate(AISLES)}

# Household measures that measure (bought to the next quarter) rather than count (whole ones).
MEASURE_WORDS = frozenset(
    {
        "cup",
        "cups",
        "tbsp",
        "tablespoon",
        "tablespoons",
        "tsp",
        "teaspoon",
        "teaspoons",
        "fl",
        "oz",
        "lb",
        "pint",
        "pints",
        "quart",
        "quarts",
        "dash",
        "pinch",
        "ml",
        "liter",
        "litre",
    }
)

# First words of household measures that are a whole item one buys.
WHOLE_WORDS = frozenset(
    {
        "small",
        "medium",
        "large",
        "extra",
        "jumbo",
        "whole",
        "fruit",
        "head",
        "bunch",
        "can",
        "container",
        "package",
        "packet",
        "loaf",
        "fillet",
        "bottle",
        "jar",
        "ear",
        "stalk",
        "clove",
        "bulb",
        "pita",
        "tortilla",
        "bagel",
        "muffin",
        "roll",
        "bar",
        "breast",
        "steak",
    }
)

EXPLANATION = (
    "Everything on the menu on these days, recipes included, added up per food. Eaten: the "
    "weight the menu counts. To buy: with the parts that are not eaten (peel, bones, shells, "
    "cores), by USDA's refuse percentage: eaten ÷ (1 − refuse %), rounded up. Foods eaten "
    "cooked are bought as their raw food, one line each: eggs however cooked are eggs, and "
    "cooked rice, pasta and oatmeal are bought dry (a third of rice's cooked weight)."
)


@dataclass(frozen=True, slots=True)
class ShoppingLine:
    food_id: int
    food: str
    aisle: str
    eaten_g: float  # edible weight, summed exactly
    refuse_pct: float
    count: float | None  # how many `unit` to buy (rounded up), None when bought by weight
    unit: str  # a household measure of the food, "" when bought by weight
    unit_grams: float = 0.0  # grams of one `unit`

    @property
    def as_purchased_g(self) -> float:
        return as_purchased(self.eaten_g, self.refuse_pct)

    @property
    def to_buy_g(self) -> float:
        return round_up_weight(self.as_purchased_g)

    @property
    def amount(self) -> str:
        return measure_phrase(self.count, self.unit) if self.count is not None else ""

    @property
    def eaten_text(self) -> str:
        return f"{format_number(self.eaten_g, 0)} g"

    @property
    def to_buy_text(self) -> str:
        return weight_text(self.to_buy_g)


@dataclass(frozen=True)
class ShoppingList:
    client: str
    menu: str
    period: str  # "11 – 17 May 2026 (7 days)"
    first_day: int
    last_day: int
    lines: tuple[ShoppingLine, ...]  # by aisle (walking order), then food name
    explanation: str = EXPLANATION

    def by_aisle(self) -> Iterator[tuple[str, list[ShoppingLine]]]:
        aisle, group = None, []
        for line in self.lines:
            if line.aisle != aisle and group:
                yield aisle, group
                group = []
            aisle = line.aisle
            group.append(line)
        if group:
            yield aisle, group

    def grams(self) -> dict[int, float]:
        """Eaten grams per food id."""
        return {line.food_id: line.eaten_g for line in self.lines}


def shopping_list(
    menu: Menu,
    recipes: dict[int, Recipe],
    foods: dict[int, Food],
    groups: dict[str, str],
    client: str,
    first_day: int = 0,
    last_day: int | None = None,
    names: Mapping[int, str] | None = None,
) -> ShoppingList:
    """The list for days `first_day`..`last_day` (0-based, both included; default all);
    `names`: the handout names the workspace gave foods (domain/handout_names.py)."""
    last_day = menu.days - 1 if last_day is None else last_day
    if not 0 <= first_day <= last_day < menu.days:
        raise ValidationFailed(
            f"Choose days from 1 to {menu.days}, the first no later than the last "
            f"(got {first_day + 1} to {last_day + 1})."
        )
    lines = menu_lines(menu, recipes).filter(pl.col("day").is_between(first_day, last_day))
    summed = lines.group_by("food_id").agg(pl.col("grams").sum())
    units_used = _units_used(menu, recipes, first_day, last_day)
    shopping = _one_line_per_food(
        [
            _line(
                foods.get(food_id),
                food_id,
                grams,
                groups,
                units_used.get(food_id, Counter()),
                names or {},
            )
            for food_id, grams in summed.iter_rows()
            if grams > 0
        ]
    )
    shopping.sort(
        key=lambda s: (
            _AISLE_ORDER.get(s.aisle, len(AISLES)),
            s.aisle,
            s.food.casefold(),
            s.food_id,
        )
    )
    days = last_day - first_day + 1
    when = period(menu.date_of(first_day), menu.date_of(last_day))
    return ShoppingList(
        client,
        menu.name,
        f"{when} ({days} day{'s' if days != 1 else ''})",
        first_day,
        last_day,
        tuple(shopping),
    )


def as_purchased(eaten_g: float, refuse_pct: float) -> float:
    """Weight to buy for `eaten_g` of edible food, `refuse_pct` % of the purchase not eaten."""
    if not 0 <= refuse_pct < 100:
        return eaten_g  # an impossible refuse (100 % or more) says nothing useful
    return eaten_g / (1 - refuse_pct / 100)


def round_up_weight(grams: float) -> float:
    """Up to 5 g under 100 g, 10 g under 1 kg, 50 g from 1 kg: what a shop weighs out."""
    step = 5.0 if grams < 100 else 10.0 if grams < 1000 else 50.0
    return math.ceil(grams / step - 1e-9) * step


def weight_text(grams: float) -> str:
    if grams >= 1000:
        kilos = f"{grams / 1000:.2f}".rstrip("0").rstrip(".")
        return f"{kilos} kg"
    return f"{format_number(grams, 0)} g"


def purchase_count(grams: float, portion: Portion) -> float:
    """How many of a household measure to buy: whole ones of a counted measure (an egg, a
    slice), quarters of a measuring one (a cup), always rounded up."""
    count = grams / portion.grams_per_unit
    step = 0.25 if _measures(portion.description) else 1.0
    return max(step, math.ceil(count / step - 1e-6) * step)


def to_csv(shopping: ShoppingList) -> bytes:
    """UTF-8 with BOM (spreadsheets then read accents right); one row per food."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "aisle",
            "food",
            "food_id",
            "amount",
            "unit",
            "eaten_g",
            "refuse_pct",
            "to_buy_g",
            "got_it",
        ]
    )
    for line in shopping.lines:
        writer.writerow(
            [
                neutralise(line.aisle),
                neutralise(line.food),
                line.food_id,
                "" if line.count is None else f"{line.count:g}",
                neutralise(line.unit),
                f"{line.eaten_g:.1f}",
                f"{line.refuse_pct:g}",
                f"{line.to_buy_g:g}",
                "",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _line(
    food: Food | None,
    food_id: int,
    grams: float,
    groups: dict[str, str],
    used: Counter,
    names: Mapping[int, str],
) -> ShoppingLine:
    if food is None:  # a food gone from the database: still on the list, by weight
        return ShoppingLine(food_id, f"Food #{food_id}", "Other", grams, 0.0, None, "")
    aisle = _AISLE_OF.get(food.group_code) or groups.get(food.group_code) or "Other"
    raw = bought_as(food.name) if food.dataset == USDA else None
    if raw and food.food_id in names and "cooked" not in food.name.lower():
        raw = None  # raw eggs the workspace named: bought by that name
    name = raw[0] if raw else handout_name(food, names)
    if raw and raw[1] != 1.0:  # bought dry, by weight
        return ShoppingLine(food_id, name, aisle, grams * raw[1], 0.0, None, "")
    portion = _purchase_portion(food, used, grams)
    count = purchase_count(grams, portion) if portion else None
    return ShoppingLine(
        food_id,
        name,
        aisle,
        grams,
        food.refuse_pct or 0.0,
        count,
        portion.description if portion else "",
        portion.grams_per_unit if portion else 0.0,
    )


def _one_line_per_food(lines: list[ShoppingLine]) -> list[ShoppingLine]:
    """Lines bought as the same food (fried, poached and hard-boiled eggs; 2 % milk with and
    without added vitamins) become one: weights summed, counted in the first line's measure."""
    merged: dict[tuple[str, str], ShoppingLine] = {}
    for line in sorted(lines, key=lambda x: x.food_id):
        key = (line.aisle, line.food)
        first = merged.get(key)
        if first is None:
            merged[key] = line
            continue
        grams = first.eaten_g + line.eaten_g
        count = None
        if first.count is not None and first.unit_grams > 0:
            step = 0.25 if _measures(first.unit) else 1.0
            count = max(step, math.ceil(grams / first.unit_grams / step - 1e-6) * step)
        merged[key] = ShoppingLine(
            first.food_id,
            first.food,
            first.aisle,
            grams,
            first.refuse_pct,
            count,
            first.unit if count is not None else "",
            first.unit_grams,
        )
    return list(merged.values())


def _purchase_portion(food: Food, used: Counter, grams: float) -> Portion | None:
    """The measure to buy in: a whole item the menu counts in (a medium onion, a large egg);
    else a measure the menu uses (cups of berries, slices of bread); else a whole item of the
    food when at least half of one is eaten (a fillet); else none: bought by weight."""
    portions = {p.description: p for p in reversed(food.portions)}  # the first one wins
    ranked = [unit for unit, _ in used.most_common() if unit in portions]
    for wanted in (_is_whole, _is_measure):
        for unit in ranked:
            if wanted(unit):
                return portions[unit]
    wholes = [p for p in food.portions if _is_whole(p.description)]
    wholes.sort(key=lambda p: not p.description.startswith("medium"))  # stable: first medium
    if wholes and grams >= 0.5 * wholes[0].grams_per_unit:
        return wholes[0]
    return None


def _is_whole(description: str) -> bool:
    """A measure one buys whole: sizes of a fruit or vegetable, an egg, a fillet, a can."""
    first = _first_word(description)
    return first in WHOLE_WORDS and "yield" not in description


def _is_measure(description: str) -> bool:
    return _first_word(description) in MEASURE_WORDS | {"slice"} and "yield" not in description


def _first_word(description: str) -> str:
    """The measure's first word, lower-case; "" for a plain weight ("oz"), bought by weight."""
    if description in GRAMS_PER_MASS_UNIT:
        return ""
    words = description.replace(",", " ").replace("(", " ").split()
    return words[0].lower() if words else ""


def _measures(description: str) -> bool:
    return _first_word(description) in MEASURE_WORDS


def _units_used(
    menu: Menu, recipes: dict[int, Recipe], first: int, last: int
) -> dict[int, Counter]:
    used: dict[int, Counter] = {}
    for item in menu.items:
        if not first <= item.day <= last:
            continue
        if item.kind == ItemKind.FOOD:
            used.setdefault(item.ref_id, Counter())[item.unit] += 1
        elif item.ref_id in recipes:
            for ingredient in recipes[item.ref_id].ingredients:
                used.setdefault(ingredient.food_id, Counter())[ingredient.unit] += 1
    return used
