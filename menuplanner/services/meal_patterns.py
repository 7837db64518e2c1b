"""A practice's meal patterns as the Generate page shows and edits them: one row a pattern,
its roles in the words `Pattern.describe()` uses; saved for the workspace only when every row
reads (each refusal a sentence naming the row), else nothing changes."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from menuplanner.domain.errors import ValidationFailed
from menuplanner.planning.categories import load_categories
from menuplanner.planning.meals import MealKind
from menuplanner.planning.patterns import (
    MealPlan,
    PracticePattern,
    bundled_patterns,
    check_in_use,
    load_patterns,
    made_of,
    parse_pattern,
    plan_with,
)
from menuplanner.planning.store import PlanningStore

MEAL, NAME, MADE_OF, SECOND_MAIN, FROM_PROTEIN, IN_USE = (
    "Meal",
    "Pattern",
    "Made of",
    "Second main from",
    "From protein %",
    "In use",
)
COLUMNS = (MEAL, NAME, MADE_OF, SECOND_MAIN, FROM_PROTEIN, IN_USE)
MEALS = {kind.label: kind for kind in MealKind}
MOST_NAME = 120


def meal_plan(store: PlanningStore) -> MealPlan:
    """What the generator and the meal check follow for the store's workspace."""
    return plan_with(store.meal_patterns())


def has_own_patterns(store: PlanningStore) -> bool:
    return store.meal_patterns() is not None


def pattern_rows(store: PlanningStore) -> list[dict]:
    """The workspace's patterns (the bundled ones until it saves its own), one row each."""
    patterns = store.meal_patterns() or bundled_patterns()
    labels = {c.key: c.label.lower() for c in load_categories().values()}
    return [
        {
            MEAL: p.pattern.meal.label,
            NAME: p.pattern.name,
            MADE_OF: made_of(p.pattern),
            SECOND_MAIN: ", ".join(sorted(labels.get(k, k) for k in p.pattern.second_main)),
            FROM_PROTEIN: f"{p.pattern.from_protein_pct:g}" if p.pattern.from_protein_pct else "",
            IN_USE: p.in_use,
        }
        for p in patterns
    ]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _text(value: object) -> str:
    return "" if _blank(value) else str(value).strip()


def patterns_of_rows(rows: Sequence[Mapping]) -> tuple[PracticePattern, ...]:
    """The patterns of edited rows (empty rows skipped); ValidationFailed with a sentence
    naming the first row that does not read."""
    found: list[PracticePattern] = []
    seen: dict[tuple[MealKind, str], int] = {}
    for row, cells in enumerate(rows, start=1):
        if all(_blank(cells.get(c)) or c == IN_USE for c in COLUMNS):
            continue  # a row added and left empty
        meal = MEALS.get(_text(cells.get(MEAL)))
        if meal is None:
            raise ValidationFailed(f"Row {row}: choose its meal ({', '.join(MEALS)}).")
        name = _text(cells.get(NAME))
        if not name:
            raise ValidationFailed(f"Row {row} has no name; give the pattern one.")
        if len(name) > MOST_NAME:
            raise ValidationFailed(f"Row {row}: a name of at most {MOST_NAME} characters.")
        if (meal, name.lower()) in seen:
            raise ValidationFailed(
                f"Row {row}: row {seen[(meal, name.lower())]} is a {meal.label.lower()} "
                f"pattern of that name already."
            )
        seen[(meal, name.lower())] = row
        protein = cells.get(FROM_PROTEIN)
        try:
            protein_pct = 0.0 if _blank(protein) else float(str(protein).strip().rstrip("%"))
        except (TypeError, ValueError):
            raise ValidationFailed(
                f"Row {row}: 'From protein %' is a number, not '{protein}'."
            ) from None
        pattern = parse_pattern(
            meal,
            name,
            _text(cells.get(MADE_OF)),
            row,
            _text(cells.get(SECOND_MAIN)),
            protein_pct,
        )
        in_use = cells.get(IN_USE)
        found.append(PracticePattern(pattern, True if _blank(in_use) else bool(in_use)))
    check_in_use(found)
    return tuple(found)


def save_patterns(store: PlanningStore, rows: Sequence[Mapping]) -> int:
    """Store the edited rows as the workspace's patterns; how many are in use."""
    patterns = patterns_of_rows(rows)
    store.set_meal_patterns(patterns)
    return sum(p.in_use for p in patterns)


def standard_patterns(store: PlanningStore) -> None:
    """Back to the bundled file's patterns."""
    store.set_meal_patterns(None)


def meal_sizes() -> str:
    """'600 g of food at breakfast, 700 g at lunch or dinner, 350 g at a snack'."""
    most = load_patterns().most_grams
    return (
        f"{most[MealKind.BREAKFAST]:,.0f} g of food at breakfast, "
        f"{most[MealKind.MAIN]:,.0f} g at lunch or dinner, {most[MealKind.SNACK]:,.0f} g at a "
        "snack"
    )
