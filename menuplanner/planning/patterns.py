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

import dataclasses
import functools
import json
import re
import tomllib
from collections.abc import Sequence
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


# The practice's own patterns, per workspace (planning/store.py keeps them; the Generate page
# edits them): each as the bundled file has it, in use or not. Shown and edited as text, in
# the words `Pattern.describe()` uses, so what a dietitian reads is what they change.

MOST_OF_A_ROLE = 4  # items of one role in one meal: more is no meal a person eats
_ITEM = re.compile(r"^(?:(\d+)\s*(?:[-–]\s*(\d+))?\s+)?([^\d\s].*)$")
_OPTIONAL = re.compile(r"^(.*?)\(\s*\+(.*?)\)?\s*$", re.DOTALL)
_SECOND_MAIN = "; a second main only from "
_FROM_PROTEIN = re.compile(r"; on days of ([\d.]+) % protein or more$")


@dataclass(frozen=True, slots=True)
class PracticePattern:
    """One of a practice's patterns; only those in use are followed."""

    pattern: Pattern
    in_use: bool = True


def bundled_patterns() -> tuple[PracticePattern, ...]:
    """The bundled file's patterns, every one in use: what a workspace has until it saves its
    own."""
    return tuple(PracticePattern(p) for p in load_patterns().patterns)


def plan_with(patterns: Sequence[PracticePattern] | None) -> MealPlan:
    """The bundled file's meal plan (its most grams and main per starch) following the
    practice's patterns in use; None: the file's own patterns."""
    plan = load_patterns()
    if patterns is None:
        return plan
    return dataclasses.replace(plan, patterns=tuple(p.pattern for p in patterns if p.in_use))


def made_of(pattern: Pattern) -> str:
    """The roles part of `describe()`: 'main, starch, 1–2 vegetable (+ fat, fruit)'."""
    return pattern.describe().split(";")[0]


def _role(word: str, row: int | None) -> str:
    role = word.strip().lower()
    if role not in ROLES and role.endswith("s") and role[:-1] in ROLES:
        role = role[:-1]  # "2 vegetables"
    if role not in ROLES:
        where = f"Row {row}: " if row is not None else ""
        raise ValidationFailed(
            f"{where}'{word.strip()}' is not a role; the roles are: {', '.join(ROLES)}."
        )
    return role


def _item(text: str, row: int, optional: bool) -> tuple[str, int, int]:
    match = _ITEM.match(text.strip())
    if not match:
        raise ValidationFailed(
            f"Row {row}: cannot read '{text.strip()}'; write a role with its count before it, "
            "as in '1–2 vegetable'."
        )
    first, second, word = match.groups()
    role = _role(word, row)
    if optional:
        low, high = 0, int(second or first or 1)
        if second is not None and int(first) != 0:
            raise ValidationFailed(
                f"Row {row}: '{text.strip()}' after '+' is optional; a role the meal must have "
                "goes before the '(+ …)'."
            )
    else:
        low = int(first) if first is not None else 1
        high = int(second) if second is not None else low
    shown = text.strip()
    if low > high:
        raise ValidationFailed(
            f"Row {row}: '{shown}' has the larger count first; write the fewest first, "
            "as in '1–2 vegetable'."
        )
    if high == 0:
        raise ValidationFailed(
            f"Row {row}: '{shown}' puts no {role} in the meal; leave the role out instead."
        )
    if high > MOST_OF_A_ROLE:
        raise ValidationFailed(
            f"Row {row}: '{shown}' is more than one meal holds; at most {MOST_OF_A_ROLE} "
            "of one role."
        )
    return role, low, high


def parse_made_of(text: str, row: int) -> tuple[tuple[str, int, int], ...]:
    """The roles of 'main, starch, 1–2 vegetable (+ fat, 2 snack)' (as `made_of` writes them;
    'any' when none is needed); ValidationFailed names the row and the word."""
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(
            f"Row {row}: 'Made of' is empty; name the roles, as in "
            "'main, starch, 1–2 vegetable (+ fat)'."
        )
    needed, optional = text, ""
    if match := _OPTIONAL.match(text):
        needed, optional = match.group(1), match.group(2)
    items = [(w, False) for w in needed.split(",") if w.strip()]
    if len(items) == 1 and items[0][0].strip().lower() == "any":
        items = []
    items += [(w, True) for w in optional.split(",") if w.strip()]
    roles: list[tuple[str, int, int]] = []
    for word, is_optional in items:
        role = _item(word, row, is_optional)
        if any(role[0] == r for r, _, _ in roles):
            raise ValidationFailed(f"Row {row}: '{role[0]}' is named twice.")
        roles.append(role)
    if not roles:
        raise ValidationFailed(f"Row {row}: a pattern needs at least one role.")
    return tuple(sorted(roles, key=lambda r: r[1] == 0))  # needed first, as describe() shows


def main_sides() -> dict[str, str]:
    """Categories a second main may come from (those that are a main at lunch and dinner), by
    their label as `describe()` writes it."""
    return {
        c.label.lower(): c.key
        for c in load_categories().values()
        if "main" in c.roles_at(MealKind.MAIN)
    }


def parse_second_main(text: str, row: int) -> frozenset[str]:
    """Category keys from 'beans and lentils, tofu' (labels or keys, any case)."""
    sides = main_sides()
    found = set()
    for word in (text or "").split(","):
        name = word.strip().lower()
        if not name:
            continue
        if name not in sides and name not in sides.values():
            raise ValidationFailed(
                f"Row {row}: '{word.strip()}' is not a category a main comes from; a second "
                f"main comes from: {', '.join(sorted(sides))}."
            )
        found.add(sides.get(name, name))
    return frozenset(found)


def parse_pattern(
    meal: MealKind,
    name: str,
    text: str,
    row: int,
    second_main: str = "",
    from_protein_pct: float = 0.0,
) -> Pattern:
    """One pattern from its 'Made of' text. The whole of `describe()` reads too: its '; a second
    main only from …' and '; on days of 25 % protein or more' give the second main and the
    protein share when `second_main` and `from_protein_pct` are not given."""
    text = (text or "").strip()
    if match := _FROM_PROTEIN.search(text):
        text = text[: match.start()]
        from_protein_pct = from_protein_pct or float(match.group(1))
    if _SECOND_MAIN in text:
        text, sides = text.split(_SECOND_MAIN, 1)
        second_main = second_main or sides
    roles = parse_made_of(text, row)
    sides = parse_second_main(second_main, row)
    if sides and dict((r, hi) for r, _, hi in roles).get("main", 0) < 2:
        raise ValidationFailed(
            f"Row {row}: a second main needs room for two mains in 'Made of', as in '1–2 main'."
        )
    if not 0 <= from_protein_pct <= 100:
        raise ValidationFailed(
            f"Row {row}: 'From protein %' is a share of the day's energy, from 0 to 100, "
            f"not {from_protein_pct:g}."
        )
    return Pattern(meal, name, roles, float(from_protein_pct), sides)


def check_in_use(patterns: Sequence[PracticePattern]) -> None:
    """Every kind of meal has a pattern in use, and one that applies on every day (not only
    on high-protein days)."""
    used = [p.pattern for p in patterns if p.in_use]
    none = [k.label.lower() for k in MealKind if not any(p.meal == k for p in used)]
    if none:
        verb = "has" if len(none) == 1 else "have"
        raise ValidationFailed(
            "Every kind of meal needs at least one pattern in use: "
            f"{' and '.join(none)} {verb} none."
        )
    for kind in MealKind:
        if all(p.from_protein_pct for p in used if p.meal == kind):
            raise ValidationFailed(
                f"{kind.label} needs a pattern in use on every day: each of its patterns in "
                "use applies only from a share of protein."
            )


def patterns_to_json(patterns: Sequence[PracticePattern]) -> str:
    return json.dumps(
        [
            {
                "meal": p.pattern.meal.value,
                "name": p.pattern.name,
                "roles": [list(r) for r in p.pattern.roles],
                "second_main": sorted(p.pattern.second_main),
                "from_protein_pct": p.pattern.from_protein_pct,
                "in_use": p.in_use,
            }
            for p in patterns
        ],
        ensure_ascii=False,
    )


def patterns_from_json(text: str) -> tuple[PracticePattern, ...]:
    """What `patterns_to_json` wrote; ValidationFailed when it cannot be read (or names a role
    there is no longer)."""
    try:
        found = []
        for entry in json.loads(text):
            roles = tuple((_role(r, None), int(lo), int(hi)) for r, lo, hi in entry["roles"])
            pattern = Pattern(
                MealKind(entry["meal"]),
                str(entry["name"]),
                roles,
                float(entry.get("from_protein_pct", 0.0)),
                frozenset(str(c) for c in entry.get("second_main", [])),
            )
            found.append(PracticePattern(pattern, bool(entry.get("in_use", True))))
    except (ValueError, KeyError, TypeError, ValidationFailed) as e:
        raise ValidationFailed(
            f"The practice's meal patterns cannot be read ({e}); go back to the standard "
            "patterns and edit them again."
        ) from None
    return tuple(found)
