"""The meal check: does a generated (or hand-made) week read like a dietitian's plan? Pure: it
judges meals described as `Served` items against the meal patterns (patterns.py), the portion
ranges and weekly limits of the categories (categories.py), and the variety rules, and says
what is wrong in a sentence per finding.

Foods are named in the sentences by the name a client reads (`Served.shown`), when given.

Rule          | A meal fails when
------------- | -----------------------------------------------------------------------------
pattern       | no pattern of its kind (of the day's protein share) fits the roles of its items
              | (two mains, no starch…; a second main on a high-protein day not a side)
meal          | an item does not suit that meal (a lunch meat at breakfast; raw celery or
              | cucumber, crudités, at lunch or dinner; fruit on a lunch or dinner plate)
drink alone   | a drink (milk, juice) with nothing to eat (a glass of milk as the snack)
protein       | a breakfast with nothing with protein (milk, yogurt, cheese, egg, nut butter…:
              | patterns.toml [meal.breakfast]; not almond or rice milk)
portion       | a food outside its category's range, a recipe not in ½, 1 or 1½ servings
token main    | a lunch's or dinner's main weighs less than main_per_starch of its starch
pairing       | two foods pairings.csv keeps apart (a hard-boiled egg with popcorn)
size          | the meal's food (drinks not counted) weighs more than one person eats at it
per week      | a category more often in the week than it may be (popcorn a third time), or
              | a weekly limit across categories (patterns.toml [[weekly]]: nut snacks)
consecutive   | the same protein main (by family: chicken, beef…) at lunch or dinner two days
              | running (beans, tofu or eggs on the side of another main do not count)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from menuplanner.planning.categories import DRINK_ROLES, Category
from menuplanner.planning.meals import MealKind
from menuplanner.planning.pairings import Pairing, load_pairings, mismatched
from menuplanner.planning.patterns import MealPlan, Pattern

RECIPE_SERVINGS = (0.5, 1.0, 1.5)
MAIN_ROLES = frozenset({"main", "soup"})
SLACK = 1.01  # rounding of household measures to grams


@dataclass(frozen=True, slots=True)
class Served:
    """One item of a meal as the check sees it."""

    label: str
    category: str  # a category key, or "recipe"
    roles: tuple[str, ...]  # the roles it fills in this meal
    meals: frozenset[MealKind]  # the meals it suits
    grams: float = 0.0  # food eaten (0 for a drink)
    servings: float | None = None  # recipes only
    family: str = ""
    portion_grams: float | None = None  # foods: its amount in grams (drinks included)
    protein_per_100g: float | None = None  # foods: protein per 100 g, when known
    shown: str = ""  # the name a client reads (display_names.py), for the sentences

    @property
    def name(self) -> str:
        return self.shown or self.label

    @property
    def is_drink(self) -> bool:
        return bool(self.roles) and set(self.roles) <= DRINK_ROLES


@dataclass(frozen=True, slots=True)
class Meal:
    day: int
    slot: str
    kind: MealKind
    items: tuple[Served, ...]
    energy_kcal: float = 0.0  # the day's energy target (bigger eaters eat bigger meals)
    protein_pct: float = 0.0  # the day's protein target, % of energy (high-protein patterns)


@dataclass(frozen=True, slots=True)
class Finding:
    day: int
    slot: str
    rule: str
    sentence: str


def variety_main(mains: Sequence[tuple[str, str, float]], sides: frozenset[str]) -> str:
    """The family that counts as a lunch's or dinner's main for the consecutive-day rule, from
    its mains as (category, family, grams): with beans, tofu or eggs on the side of another
    main (a high-protein pattern's `second_main`), the other one; else the largest portion."""
    ordered = sorted(mains, key=lambda m: (m[0] not in sides, m[2]), reverse=True)
    return ordered[0][1] if ordered else ""


def role_counts(items: Sequence[Served]) -> Counter:
    return Counter(role for item in items for role in item.roles)


def _misfit(pattern: Pattern, counts: Counter, items: Sequence[Served] = ()) -> list[str]:
    """How `counts` (of `items`) miss `pattern`: ['2 main (at most 1)', 'no starch'], [] when
    it fits."""
    misses = []
    if pattern.second_main:
        others = [i for i in items if "main" in i.roles and i.category not in pattern.second_main]
        if len(others) > 1:
            misses.append(
                f"{len(others)} main not on the side ({' and '.join(i.name for i in others)})"
            )
    for role in sorted(set(counts) | {r for r, _, _ in pattern.roles}):
        low, high = pattern.bounds(role)
        n = counts.get(role, 0)
        if n < low:
            misses.append(f"no {role}" if n == 0 else f"{n} {role} (at least {low})")
        elif n > high:
            misses.append(f"{n} {role}" + (f" (at most {high})" if high else " (none in it)"))
    return misses


def check_meal(
    meal: Meal,
    plan: MealPlan,
    categories: Mapping[str, Category],
    pairings: Sequence[Pairing] | None = None,
) -> list[Finding]:
    """What is wrong with one meal (an empty meal is not judged); `pairings`: those of
    pairings.csv unless given."""
    pairings = load_pairings() if pairings is None else pairings
    if not meal.items:
        return []
    found: list[Finding] = []

    def say(rule: str, sentence: str) -> None:
        found.append(Finding(meal.day, meal.slot, rule, sentence))

    counts = role_counts(meal.items)
    patterns = plan.of(meal.kind, meal.protein_pct)
    misses = [(_misfit(p, counts, meal.items), p.name) for p in patterns]
    fewest, name = min(misses, key=lambda m: len(m[0]), default=([], ""))
    if fewest:
        say(
            "pattern",
            f"{meal.slot} follows no {meal.kind.label.lower()} pattern; closest "
            f"“{name}”: {', '.join(fewest)}.",
        )
    for item in meal.items:
        category = categories.get(item.category)
        if meal.kind not in item.meals:
            where = f" ({category.label.lower()}: {served_at(item.meals)})" if category else ""
            say(
                "meal",
                f"{meal.slot}: {item.name} is not a {meal.kind.label.lower()} food{where}.",
            )
        if item.servings is not None:
            if not any(abs(item.servings - s) < 1e-6 for s in RECIPE_SERVINGS):
                say(
                    "portion",
                    f"{meal.slot}: {item.name} in {item.servings:g} servings "
                    "(½, 1 or 1½ servings).",
                )
        elif category is not None and item.portion_grams is not None:
            grams = item.portion_grams
            most = category.most_grams(item.roles, meal.protein_pct)
            if not category.min_g / SLACK <= grams <= most * SLACK:
                say(
                    "portion",
                    f"{meal.slot}: {item.name} {grams:.0f} g, outside "
                    f"{category.min_g:g}–{most:g} g for {category.label.lower()}.",
                )
    drinks = [i for i in meal.items if i.is_drink]
    if drinks and len(drinks) == len(meal.items):
        say(
            "drink alone",
            f"{meal.slot}: {' and '.join(i.name for i in drinks)} with nothing to eat "
            "(a meal with a drink has food too).",
        )
    rule = plan.breakfast_protein
    if (
        meal.kind == MealKind.BREAKFAST
        and rule is not None
        and not any(rule.counts(i.roles, i.category, i.protein_per_100g) for i in meal.items)
    ):
        say(
            "protein",
            f"{meal.slot}: nothing with protein (milk, yogurt, cheese, egg, nut butter…) "
            f"with {' and '.join(i.name for i in meal.items)}.",
        )
    if meal.kind == MealKind.MAIN and plan.main_per_starch:
        _token_main(meal, plan.main_per_starch, say)
    pairs = [(i.category, i.label) for i in meal.items]
    shown = {i.label: i.name for i in meal.items}
    for first, second, why in mismatched(pairs, meal.kind, pairings):
        say("pairing", f"{meal.slot}: {shown[first]} with {shown[second]}: {why}.")
    weight = sum(item.grams for item in meal.items)
    most = plan.most(meal.kind, meal.energy_kcal)
    if weight > most * SLACK:
        say("size", f"{meal.slot}: {weight:.0f} g of food, more than {most:.0f} g at one meal.")
    return found


_MEAL_WORDS = {
    MealKind.BREAKFAST: "breakfast",
    MealKind.MAIN: "lunch and dinner",
    MealKind.SNACK: "snacks",
}


def served_at(meals: frozenset[MealKind]) -> str:
    """'breakfast and snacks only'."""
    names = [_MEAL_WORDS[m] for m in MealKind if m in meals]
    if not names:
        return "at no meal"
    return (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]) + " only"


def _token_main(meal: Meal, share: float, say) -> None:
    """A main lighter than `share` of the starch it comes with (a dish is both: it passes)."""
    mains = [i for i in meal.items if "main" in i.roles and "starch" not in i.roles]
    starches = [i for i in meal.items if "starch" in i.roles and "main" not in i.roles]
    main_g = sum(i.portion_grams or i.grams for i in mains)
    starch_g = sum(i.portion_grams or i.grams for i in starches)
    if mains and starches and main_g < share * starch_g / SLACK:
        say(
            "token main",
            f"{meal.slot}: {main_g:.0f} g of {' and '.join(i.name for i in mains)} with "
            f"{starch_g:.0f} g of {' and '.join(i.name for i in starches)}; the main should "
            f"weigh at least {share * starch_g:.0f} g.",
        )


def check_week(
    meals: Sequence[Meal], plan: MealPlan, categories: Mapping[str, Category], week: int = 7
) -> list[Finding]:
    """Every meal checked, then the variety rules over each week (days 0–6, 7–13, …)."""
    found = [f for meal in meals for f in check_meal(meal, plan, categories)]
    used: dict[tuple[int, str], list[Meal]] = {}
    mains: dict[int, dict[str, str]] = {}  # day → family → slot
    sides = plan.sides
    for meal in sorted(meals, key=lambda m: m.day):
        for item in meal.items:
            used.setdefault((meal.day // week, item.category), []).append(meal)
        main_items = [
            (item.category, item.family, item.grams)
            for item in meal.items
            if meal.kind == MealKind.MAIN and MAIN_ROLES & set(item.roles) and item.family
        ]
        if main_items:
            mains.setdefault(meal.day, {}).setdefault(variety_main(main_items, sides), meal.slot)
    for (_, key), where in used.items():
        category = categories.get(key)
        if category is not None and category.per_week and len(where) > category.per_week:
            extra = where[category.per_week]
            found.append(
                Finding(
                    extra.day,
                    extra.slot,
                    "per week",
                    f"{category.label} {len(where)} times in the week "
                    f"(at most {category.per_week}).",
                )
            )
    for limit in plan.weekly:
        uses: dict[int, list[Meal]] = {}
        for meal in sorted(meals, key=lambda m: m.day):
            for item in meal.items:
                if limit.matches(meal.kind, item.category, item.label):
                    uses.setdefault(meal.day // week, []).append(meal)
        for where in uses.values():
            if len(where) > limit.per_week:
                extra = where[limit.per_week]
                found.append(
                    Finding(
                        extra.day,
                        extra.slot,
                        "per week",
                        f"{limit.name} {len(where)} times in the week (at most "
                        f"{limit.per_week}): {limit.why}.",
                    )
                )
    for day, families in mains.items():
        for family, slot in families.items():
            if family in mains.get(day - 1, {}):
                found.append(
                    Finding(
                        day,
                        slot,
                        "consecutive",
                        f"{slot}: {family} as the main again, the day after.",
                    )
                )
    return found
