"""Search results ordered for planning (the menu builder, recipes, rules): the forms people eat
first. The Foods explorer keeps the plain ranking (domain/search.py); here the first matches
are re-ordered by three documented rules, each a tie-break of the one before, the plain rank
last:

1. Products made with the food come after the food: a match in USDA's groups of baked
   products, sweets, snacks, fast foods, meals and entrées, soups and sauces, and baby foods is
   moved down unless the search names what the product is and no plain food is named so
   ("oatmeal" lists oats before oatmeal cookies; "oatmeal cookies" lists the cookies;
   "spaghetti" lists cooked spaghetti before spaghetti with meatballs).
2. Foods eaten cooked are offered cooked: in the groups of cereals and grains, legumes, and
   meats and fish, a name saying raw, dry, uncooked or unprepared (and not cooked, boiled,
   prepared…) comes after the cooked forms ("lentils": cooked, boiled lentils before raw).
3. Otherwise the plain search rank.
"""

from __future__ import annotations

import re

from menuplanner.domain import search

PRODUCT_GROUPS = {"0300", "0600", "1800", "1900", "2100", "2200", "2500", "3600"}
EATEN_COOKED_GROUPS = {"0500", "0800", "1000", "1300", "1500", "1600", "1700", "2000"}
_RAW = re.compile(r"\b(raw|dry|uncooked|unprepared|unheated)\b", re.IGNORECASE)
_COOKED = re.compile(
    r"\b(cooked|boiled|prepared|baked|roasted|steamed|microwaved|braised|grilled|broiled|"
    r"stewed|simmered|fried|toasted|canned)\b",
    re.IGNORECASE,
)


def names_head(name: str, terms: list[str]) -> bool:
    """The search names what the food is: a term starts a word before the first comma."""
    head = search.words(name.split(",", 1)[0])
    return any(word.startswith(term) for word in head for term in terms)


def is_product(group_code: str) -> bool:
    return group_code in PRODUCT_GROUPS


def planning_key(
    name: str, group_code: str, terms: list[str], rank: int, plain_food_named: bool
) -> tuple:
    """Sort key of one match (smaller first): `rank` is its place in the plain search;
    `plain_food_named`: the search names the head of some match outside the product groups."""
    product = is_product(group_code) and (plain_food_named or not names_head(name, terms))
    raw_form = (
        group_code in EATEN_COOKED_GROUPS
        and _RAW.search(name) is not None
        and _COOKED.search(name) is None
    )
    return (product, raw_form, rank)
