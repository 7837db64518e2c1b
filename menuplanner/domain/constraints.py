"""What a client must not be served: allergens, foods their diets exclude, and dislikes.

A food is judged by its tags (see `tagging`); a recipe by the union of its ingredients' tags and
the names of all its ingredients, so "Chicken curry" with cream is caught by the cream.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from menuplanner.domain.search import words
from menuplanner.domain.tags import FORBIDDEN_BY_ALLERGEN, FORBIDDEN_BY_DIET, Allergen, Diet, Tag

if TYPE_CHECKING:
    from menuplanner.domain.clients import Client

ViolationKind = Literal["allergy", "diet", "dislike"]


@dataclass(frozen=True, slots=True)
class Violation:
    kind: ViolationKind
    reason: str  # a sentence for the dietitian, e.g. "Not vegan: contains egg"


def violations(tags: frozenset[Tag], food_names: Iterable[str], client: Client) -> list[Violation]:
    """Every rule of `client` that a food (or recipe) with `tags` and `food_names` breaks:
    allergies first (the dangerous ones), then diets, then dislikes."""
    found = [
        Violation("allergy", f"Contains {_and(hit)} — client is allergic to {_lower(allergen)}")
        for allergen in Allergen
        if allergen in client.allergies and (hit := tags & FORBIDDEN_BY_ALLERGEN[allergen])
    ]
    found += [
        Violation("diet", f"Not {diet.label.lower()}: contains {_and(hit)}")
        for diet in Diet
        if diet in client.diets and (hit := tags & FORBIDDEN_BY_DIET[diet])
    ]
    names = [words(name) for name in food_names]  # folded, stemmed words of each name
    found += [
        Violation("dislike", f"Client dislikes '{dislike.strip()}'")
        for dislike in client.dislikes
        if _dislike_in(words(dislike), names)
    ]
    return found


def _lower(allergen: Allergen) -> str:
    return allergen.label.lower()  # "Crustacean shellfish" reads "crustacean shellfish"


def _and(tags: frozenset[Tag]) -> str:
    """ "milk", "milk and egg", "milk, egg and fish": in the tags' declared order."""
    labels = [tag.value.replace("_", " ") for tag in Tag if tag in tags]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _dislike_in(dislike: list[str], names: list[list[str]]) -> bool:
    """True when every word of the dislike is a word of one of the names.

    Words are compared folded and lightly stemmed, so "mushroom" matches "Mushrooms, white"
    while "egg" does not match "Eggplant" nor "pea" "Peanuts". Word order is free because USDA
    names are inverted: "blue cheese" must match "Cheese, blue".
    """
    return bool(dislike) and any(set(dislike) <= set(name) for name in names)
