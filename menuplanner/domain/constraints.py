"""What a client must not be served: allergens, foods their diets exclude, and dislikes.

A food is judged by its tags (see `tagging`); a recipe by the union of its ingredients' tags and
the names of all its ingredients, so "Chicken curry" with cream is caught by the cream. A food
that may contain what the client must avoid, where only its label can tell (see
`hidden_sources`), is as unsafe: "allergens unverified", until a person confirms its tags.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from menuplanner.domain.composition import Composition
from menuplanner.domain.search import words
from menuplanner.domain.tags import FORBIDDEN_BY_ALLERGEN, FORBIDDEN_BY_DIET, Allergen, Diet, Tag

if TYPE_CHECKING:
    from menuplanner.domain.clients import Client

ViolationKind = Literal["allergy", "diet", "unverified", "dislike"]


@dataclass(frozen=True, slots=True)
class Violation:
    kind: ViolationKind
    reason: str  # a sentence for the dietitian, e.g. "Not vegan: contains egg"


def violations(
    tags: frozenset[Tag],
    food_names: Iterable[str],
    client: Client,
    composition: Composition | None = None,
) -> list[Violation]:
    """Every rule of `client` that a food (or recipe) with `tags` and `food_names` breaks:
    allergies first (the dangerous ones), then diets, then what its `composition` leaves
    unverified for them, then dislikes."""
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
    if composition is not None and composition.unverified:
        found += _unverified(composition, client)
    if not client.dislikes:  # the names' words are only read for dislikes
        return found
    names = [words(name) for name in food_names]  # folded, stemmed words of each name
    found += [
        Violation("dislike", f"Client dislikes '{dislike.strip()}'")
        for dislike in client.dislikes
        if _dislike_in(words(dislike), names)
    ]
    return found


def problems(
    composition: Composition, food_names: Iterable[str], client: Client
) -> list[Violation]:
    """`violations` of a food or recipe whose composition is known."""
    return violations(composition.contains, food_names, client, composition)


def _unverified(composition: Composition, client: Client) -> list[Violation]:
    """'Allergens unverified: may contain soy and wheat (meat or fish analogue); check the
    label', and the same for each diet the food may break."""
    found = []
    avoided = frozenset().union(*(FORBIDDEN_BY_ALLERGEN[a] for a in client.allergies))
    if hit := composition.unverified & avoided:
        found.append(
            Violation("unverified", _may_contain("Allergens unverified", hit, composition))
        )
    for diet in Diet:
        if diet in client.diets and (hit := composition.unverified & FORBIDDEN_BY_DIET[diet]):
            lead = f"Not verified {diet.label.lower()}"
            found.append(Violation("unverified", _may_contain(lead, hit, composition)))
    return found


def unverified_note(composition: Composition) -> str:
    """What a food may contain that nobody has checked, for anyone (no client): "" when
    nothing is unverified."""
    if not composition.unverified:
        return ""
    return _may_contain("Allergens unverified", composition.unverified, composition)


def _may_contain(lead: str, hit: frozenset[Tag], composition: Composition) -> str:
    why = "; ".join(composition.reasons(hit))
    return f"{lead}: may contain {_and(hit)} ({why}); check the label"


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
