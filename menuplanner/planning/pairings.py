"""Foods that make no pair in one meal, as data (data/meals/pairings.csv, a practice can edit
it): a hard-boiled egg with popcorn, grapefruit with cashew butter. Each row names the meals it
holds in (B M S), two sides and why. A side is category keys (categories.csv) separated by `|`,
then `:` and words of the food's name (fruit:grapefruit|orange), or `word:` and words for any
category. The generator never puts the two sides in one meal of those kinds, and the meal check
says why when a meal does.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.search import words
from menuplanner.planning.categories import MEALS_DIR
from menuplanner.planning.meals import MealKind

_MEAL_LETTERS = {"B": MealKind.BREAKFAST, "M": MealKind.MAIN, "S": MealKind.SNACK}


@dataclass(frozen=True, slots=True)
class Side:
    categories: frozenset[str] = frozenset()
    name_words: frozenset[str] = frozenset()  # stemmed words of a food's name

    def matches(self, category: str, label: str) -> bool:
        if self.categories and category not in self.categories:
            return False
        return not self.name_words or bool(self.name_words & label_words(label))


@functools.lru_cache(maxsize=20_000)
def label_words(label: str) -> frozenset[str]:
    """The stemmed words of a food's name, kept: the model asks for them for every pairing and
    candidate of every meal it builds (stemming each time cost ~0.1 s a day)."""
    return frozenset(words(label))


@dataclass(frozen=True, slots=True)
class Pairing:
    meals: frozenset[MealKind]
    first: Side
    second: Side
    why: str


def _side(text: str) -> Side:
    """'fruit:grapefruit|orange' (fruit whose name has one of the words), 'snacks|bars' (any of
    the categories), 'word:orange' (any food whose name has the word)."""
    head, _, tail = text.strip().partition(":")
    categories = frozenset(p.strip() for p in head.split("|") if p.strip() and p.strip() != "word")
    found = frozenset(w for part in tail.split("|") for w in words(part))
    return Side(categories, found)


def parse_pairings(rows: list[dict[str, str]], where: str) -> tuple[Pairing, ...]:
    found = []
    for line, row in enumerate(rows, start=2):
        try:
            meals = frozenset(_MEAL_LETTERS[m] for m in row["meals"].split())
            first, second, why = _side(row["first"]), _side(row["second"]), row["why"].strip()
        except (KeyError, AttributeError) as e:
            raise ValidationFailed(f"{where}, line {line}: cannot read {e}.") from None
        if not meals or first == Side() or second == Side() or not why:
            raise ValidationFailed(
                f"{where}, line {line}: needs meals (B M S), two sides (a category or "
                "word:…) and why."
            )
        found.append(Pairing(meals, first, second, why))
    return tuple(found)


@functools.cache
def load_pairings(path: Path = MEALS_DIR / "pairings.csv") -> tuple[Pairing, ...]:
    with path.open(encoding="utf-8", newline="") as f:
        return parse_pairings(list(csv.DictReader(f)), path.name)


def mismatched(
    items: Sequence[tuple[str, str]], meal: MealKind, pairings: Sequence[Pairing]
) -> list[tuple[str, str, str]]:
    """(first label, second label, why) of every pair of `items` ((category, label) each)
    that one of `pairings` keeps apart in `meal`."""
    found = []
    for p in pairings:
        if meal not in p.meals:
            continue
        for category, label in items:
            if not p.first.matches(category, label):
                continue
            for other_category, other in items:
                if other != label and p.second.matches(other_category, other):
                    found.append((label, other, p.why))
    return found
