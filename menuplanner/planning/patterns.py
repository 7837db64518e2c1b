"""Meal patterns as data (data/meals/patterns.toml, a practice can edit it): each breakfast,
lunch or dinner and snack the generator fills follows one pattern of its kind, e.g. lunch =
one main + one starch + one or two vegetables (+ at most one dairy, fat, fruit). A pattern says,
for each role (categories.py), the fewest and most items of that role; roles it does not name
are left out of the meal. Each kind of meal also has a most grams of food one person eats;
every breakfast has something with protein (`BreakfastProtein`); weekly limits hold across
categories (`WeeklyLimit`: nuts in at most four snacks a week). Category keys named here are
checked against categories.csv when the file is read.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.search import words
from menuplanner.planning.categories import MEALS_DIR, ROLES, load_categories
from menuplanner.planning.meals import MealKind

_COUNT = re.compile(r"^\s*(\d)\s*(?:-\s*(\d)\s*)?$")


@dataclass(frozen=True, slots=True)
class Pattern:
    meal: MealKind
    name: str
    roles: tuple[tuple[str, int, int], ...]  # (role, fewest, most), in the file's order
    # Only on days whose protein target is at least this share of energy (high-protein days).
    from_protein_pct: float = 0.0
    # Categories a second main must come from (beans or tofu on the side, not two meats);
    # empty: no restriction beyond the role counts.
    second_main: frozenset[str] = frozenset()

    def bounds(self, role: str) -> tuple[int, int]:
        for name, low, high in self.roles:
            if name == role:
                return low, high
        return 0, 0

    def describe(self) -> str:
        """'main, starch, 1–2 vegetable (+ dairy, fat, fruit)'."""
        needed = [r if (lo, hi) == (1, 1) else f"{lo}–{hi} {r}" for r, lo, hi in self.roles if lo]
        optional = [r if hi == 1 else f"{hi} {r}" for r, lo, hi in self.roles if not lo]
        text = ", ".join(needed) or "any"
        text += f" (+ {', '.join(optional)})" if optional else ""
        if self.second_main:
            known = load_categories()
            labels = sorted(known[k].label.lower() if k in known else k for k in self.second_main)
            text += f"; a second main only from {', '.join(labels)}"
        if self.from_protein_pct:
            text += f"; on days of {self.from_protein_pct:g} % protein or more"
        return text


@dataclass(frozen=True, slots=True)
class BreakfastProtein:
    """What counts as something with protein at breakfast: an item filling one of `roles` or of
    one of `categories`, with at least `least_per_100g` grams of protein per 100 g (when known:
    cow's or soy milk, not almond or rice milk)."""

    roles: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    least_per_100g: float = 0.0

    def counts(self, roles: tuple[str, ...], category: str, protein_per_100g: float | None) -> bool:
        if not (self.roles & set(roles) or category in self.categories):
            return False
        return protein_per_100g is None or protein_per_100g >= self.least_per_100g


@dataclass(frozen=True, slots=True)
class WeeklyLimit:
    """Items of `categories` (or whose name has one of `names`) at `meals`: at most `per_week`
    in a week (nut snacks)."""

    name: str
    meals: frozenset[MealKind]
    categories: frozenset[str]
    names: tuple[tuple[str, ...], ...]  # phrases, as stemmed words
    per_week: int
    why: str = ""

    def matches(self, meal: MealKind, category: str, label: str) -> bool:
        if meal not in self.meals:
            return False
        if category in self.categories:
            return True
        text = f" {' '.join(words(label))} "
        return any(f" {' '.join(phrase)} " in text for phrase in self.names)


def meal_size_scale(energy_kcal: float) -> float:
    """Bigger eaters eat bigger meals: most_grams holds to 2,000 kcal a day and grows with the
    day's energy above it, up to 1.5× at 3,000 kcal (portions of each food keep their range)."""
    return min(1.5, max(1.0, energy_kcal / 2000.0))


@dataclass(frozen=True, slots=True)
class MealPlan:
    """The patterns of every kind of meal and the most grams one person eats at each."""

    patterns: tuple[Pattern, ...]
    most_grams: dict[MealKind, float]
    # A lunch's or dinner's main weighs at least this share of its starch (no token 60 g of
    # tofu on two cups of macaroni); 0: no such rule.
    main_per_starch: float = 0.0
    breakfast_protein: BreakfastProtein | None = None  # None: no such rule
    weekly: tuple[WeeklyLimit, ...] = ()

    def most(self, meal: MealKind, energy_kcal: float) -> float:
        """The most food one person eats at `meal` on a day of `energy_kcal`."""
        return self.most_grams[meal] * meal_size_scale(energy_kcal)

    @property
    def sides(self) -> frozenset[str]:
        """Categories a second main may come from in any pattern (beans, tofu, eggs)."""
        return frozenset(c for p in self.patterns for c in p.second_main)

    def of(self, meal: MealKind, protein_pct: float | None = None) -> tuple[Pattern, ...]:
        """The patterns of `meal`; with `protein_pct` (the day's protein share of energy), only
        those that apply on such a day."""
        return tuple(
            p
            for p in self.patterns
            if p.meal == meal and (protein_pct is None or protein_pct >= p.from_protein_pct)
        )


def parse_patterns(data: dict, where: str, categories=None) -> MealPlan:
    """The meal plan of a patterns.toml's `data`; `categories`: the category keys it may name
    (those of categories.csv unless given)."""
    patterns = []
    for n, entry in enumerate(data.get("pattern", []), start=1):
        try:
            meal = MealKind(entry["meal"])
            name = str(entry["name"])
            roles = []
            for role, count in entry["roles"].items():
                match = _COUNT.match(str(count))
                if role not in ROLES or not match:
                    raise ValueError(f"role {role} = {count!r}")
                low = int(match.group(1))
                high = int(match.group(2) or low)
                if low > high or high == 0:
                    raise ValueError(f"role {role} = {count!r}")
                roles.append((role, low, high))
            from_protein_pct = float(entry.get("from_protein_pct", 0.0))
            second_main = frozenset(str(c) for c in entry.get("second_main", []))
        except (KeyError, ValueError, AttributeError, TypeError) as e:
            raise ValidationFailed(
                f"{where}, pattern {n}: cannot read {e} (meal: breakfast, main or snack; "
                f'roles: {", ".join(ROLES)}, each "1", "0-1" or "1-2").'
            ) from None
        patterns.append(Pattern(meal, name, tuple(roles), from_protein_pct, second_main))
    most = {}
    for kind in MealKind:
        try:
            most[kind] = float(data["meal"][kind.value]["most_grams"])
        except (KeyError, TypeError, ValueError):
            raise ValidationFailed(f"{where}: [meal.{kind.value}] needs most_grams.") from None
        if not any(p.meal == kind for p in patterns):
            raise ValidationFailed(f"{where}: no pattern for {kind.value}.")
    try:
        main_per_starch = float(data["meal"]["main"].get("main_per_starch", 0.0))
    except (TypeError, ValueError):
        main_per_starch = -1.0
    if not 0.0 <= main_per_starch <= 2.0:
        raise ValidationFailed(f"{where}: [meal.main] main_per_starch must be 0–2.")
    known = set(load_categories()) if categories is None else set(categories)
    for n, p in enumerate(patterns, start=1):
        _known(p.second_main, known, f"{where}, pattern {n} ({p.name}), second_main")
    protein = _breakfast_protein(data["meal"]["breakfast"], where, known)
    weekly = tuple(
        _weekly(entry, f"{where}, weekly limit {n}", known)
        for n, entry in enumerate(data.get("weekly", []), start=1)
    )
    return MealPlan(tuple(patterns), most, main_per_starch, protein, weekly)


def _known(keys: frozenset[str], known: set[str], where: str) -> None:
    """A clear error naming category keys categories.csv does not have."""
    unknown = sorted(keys - known)
    if unknown:
        raise ValidationFailed(
            f"{where}: unknown categor{'y' if len(unknown) == 1 else 'ies'} "
            f"{', '.join(unknown)} (categories.csv has no such key)."
        )


def _breakfast_protein(table: dict, where: str, known: set[str]) -> BreakfastProtein | None:
    if "protein_roles" not in table and "protein_categories" not in table:
        return None
    try:
        roles = frozenset(str(r) for r in table.get("protein_roles", []))
        categories = frozenset(str(c) for c in table.get("protein_categories", []))
        least = float(table.get("least_protein_per_100g", 0.0))
    except (TypeError, ValueError):
        roles, categories, least = frozenset(), frozenset(), -1.0
    if roles - set(ROLES) or not 0.0 <= least <= 100.0:
        raise ValidationFailed(
            f"{where}: [meal.breakfast] protein_roles are roles ({', '.join(ROLES)}) and "
            "least_protein_per_100g is 0–100 g."
        )
    _known(categories, known, f"{where}, [meal.breakfast] protein_categories")
    return BreakfastProtein(roles, categories, least)


def _weekly(entry: dict, where: str, known: set[str]) -> WeeklyLimit:
    try:
        meals = frozenset(MealKind(m) for m in entry["meals"])
        categories = frozenset(str(c) for c in entry.get("categories", []))
        names = tuple(tuple(words(str(n))) for n in entry.get("names", []))
        limit = WeeklyLimit(
            str(entry["name"]),
            meals,
            categories,
            tuple(n for n in names if n),
            int(entry["per_week"]),
            str(entry.get("why", "")),
        )
    except (KeyError, ValueError, TypeError) as e:
        raise ValidationFailed(
            f"{where}: cannot read {e} (needs name, meals, categories or names, per_week)."
        ) from None
    if not limit.meals or not (limit.categories or limit.names) or limit.per_week < 0:
        raise ValidationFailed(
            f"{where} ({limit.name}): needs meals, categories or names, and per_week ≥ 0."
        )
    _known(categories, known, f"{where} ({limit.name})")
    return limit


@functools.cache
def load_patterns(path: Path = MEALS_DIR / "patterns.toml") -> MealPlan:
    with path.open("rb") as f:
        try:
            data = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            raise ValidationFailed(f"{path.name} is not valid TOML: {e}.") from None
    return parse_patterns(data, path.name)
