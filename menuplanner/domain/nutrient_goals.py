"""A client's micronutrient goals: the Dietary Reference Intakes of their life stage, changed
where the dietitian says so (a higher iron goal after a blood test) or added to (a vitamin K
limit with warfarin), each with the working that says where its numbers come from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from menuplanner.domain.dri import (
    RETINOL,
    LifeStage,
    ReferenceTable,
    UpperKind,
    UpperScope,
    life_stage,
)
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.nutrients import BY_KEY, ENERGY, MACROS
from menuplanner.domain.profile import age_in

if TYPE_CHECKING:
    from menuplanner.domain.clients import Client

OWN = "own"  # the kind of a goal or limit the dietitian set
# Energy and the macros have targets of their own (domain/targets.py).
NOT_A_GOAL = frozenset({ENERGY, *MACROS})
MAX_REASON = 200


@dataclass(frozen=True, slots=True)
class NutrientGoal:
    """The dietitian's own goal (a minimum) and/or limit (a maximum) for one nutrient, in the
    nutrient's unit; each replaces the reference value, or adds one where there is none."""

    nutrient: str
    minimum: float | None = None
    maximum: float | None = None
    reason: str = ""  # "ferritin 12 µg/L in March"


@dataclass(frozen=True, slots=True)
class ResolvedGoal:
    """What one nutrient is judged by, for one client."""

    nutrient: str
    goal: float | None  # a minimum to reach; None: no goal, only a limit
    kind: str  # "RDA", "AI" or OWN
    upper: float | None  # a maximum, shown on the chart
    upper_kind: str | None  # "UL", "CDRR" or OWN
    upper_checked: bool  # whether food totals are judged against the upper mark
    upper_measure: str  # the nutrient compared with it (retinol for vitamin A's UL)
    working: str  # "RDA 18 mg (Females 31–50 y); UL 45 mg"
    measure_note: str = ""
    upper_note: str = ""


def check_goals(goals: tuple[NutrientGoal, ...]) -> tuple[NutrientGoal, ...]:
    """The goals, or one ValidationFailed naming every problem."""
    problems, seen = [], set()
    for goal in goals:
        nutrient = BY_KEY.get(goal.nutrient)
        if nutrient is None or goal.nutrient in NOT_A_GOAL:
            problems.append(f"{goal.nutrient!r} cannot have a goal here.")
            continue
        name, unit = nutrient.name, nutrient.unit
        if goal.nutrient in seen:
            problems.append(f"{name} is listed twice; keep one line.")
        seen.add(goal.nutrient)
        low, high = goal.minimum, goal.maximum
        if low is None and high is None:
            problems.append(f"{name}: give a goal, a limit or both.")
        for label, value in (("goal", low), ("limit", high)):
            if value is not None and not 0 < value < 1e6:  # not NaN either
                problems.append(f"{name}: the {label} must be more than 0 {unit}.")
        if low is not None and high is not None and low > high:
            problems.append(
                f"{name}: the goal ({_n(low)} {unit}) is above the limit ({_n(high)} {unit})."
            )
        if len(goal.reason) > MAX_REASON:
            problems.append(f"{name}: the reason is longer than {MAX_REASON} characters.")
    if problems:
        raise ValidationFailed(" ".join(problems))
    return goals


def client_stage(client: Client, today: dt.date) -> LifeStage | None:
    """The client's DRI group, or None without a birth year."""
    if client.birth_year is None:
        return None
    age = age_in(today.year, client.birth_year)
    return life_stage(client.sex, age, client.condition)


def resolve(client: Client, table: ReferenceTable, today: dt.date) -> list[ResolvedGoal]:
    """Every nutrient the client is judged by: the life stage's reference values in the table's
    order, the client's own goals applied, then their goals for other nutrients. Without a
    birth year only the client's own goals."""
    stage = client_stage(client, today)
    own = {g.nutrient: g for g in client.nutrient_goals}
    resolved = []
    if stage is not None:
        for nutrient, value in table.for_stage(stage).items():
            notes = table.notes.get(nutrient)
            scope = notes.upper_applies_to if notes else None
            resolved.append(
                _with_own(
                    ResolvedGoal(
                        nutrient,
                        value.goal,
                        value.kind.value,
                        value.upper,
                        value.upper_kind.value if value.upper_kind else None,
                        value.upper is not None and scope != UpperScope.SUPPLEMENTS,
                        RETINOL if scope == UpperScope.RETINOL else nutrient,
                        _reference_working(value, stage, scope),
                        notes.measure_note if notes else "",
                        notes.upper_note if notes else "",
                    ),
                    own.pop(nutrient, None),
                )
            )
    for goal in own.values():
        resolved.append(
            _with_own(
                ResolvedGoal(goal.nutrient, None, OWN, None, None, False, goal.nutrient, ""), goal
            )
        )
    return resolved


def _reference_working(value, stage: LifeStage, scope: UpperScope | None) -> str:
    unit = BY_KEY[value.nutrient].unit
    text = f"{value.kind.value} {_n(value.goal)} {unit} ({stage.label})"
    if value.upper is None:
        return text
    upper = f"{value.upper_kind.value} {_n(value.upper)} {unit}"
    if scope == UpperScope.SUPPLEMENTS:
        upper += " (supplements and fortified foods only: not checked)"
    elif scope == UpperScope.RETINOL:
        upper += " (preformed vitamin A: checked against retinol)"
    elif value.upper_kind == UpperKind.CDRR:
        upper += " (chronic disease risk reduction)"
    return f"{text}; {upper}"


def _with_own(resolved: ResolvedGoal, own: NutrientGoal | None) -> ResolvedGoal:
    """The reference values with the dietitian's own goal and limit in their place."""
    if own is None:
        return resolved
    unit = BY_KEY[resolved.nutrient].unit
    why = f": {own.reason}" if own.reason else ""
    goal, kind, upper, upper_kind = (
        resolved.goal,
        resolved.kind,
        resolved.upper,
        resolved.upper_kind,
    )
    checked, measure = resolved.upper_checked, resolved.upper_measure
    parts = []
    if own.minimum is not None:
        parts.append(f"your goal {_n(own.minimum)} {unit}")
        goal, kind = own.minimum, OWN
    if own.maximum is not None:
        parts.append(f"your limit {_n(own.maximum)} {unit}")
        upper, upper_kind, checked, measure = own.maximum, OWN, True, resolved.nutrient
    working = "; ".join(parts) + why
    if resolved.working:
        working += f" (instead of the reference: {resolved.working})"
    return ResolvedGoal(
        resolved.nutrient,
        goal,
        kind,
        upper,
        upper_kind,
        checked,
        measure,
        working[0].upper() + working[1:],
        resolved.measure_note,
        resolved.upper_note if upper_kind != OWN else "",
    )


def _n(value: float) -> str:
    """A reference value as the tables print it: 1,000 · 0.9 · 2.4."""
    return f"{value:,g}"


def stage_sentence(client: Client, today: dt.date) -> str:
    """'Females 31–50 y (Dietary Reference Intakes)' or why there is no life stage."""
    stage = client_stage(client, today)
    if stage is None:
        return (
            "Add the birth year or age to compare micronutrients with the Dietary Reference "
            "Intakes of the client's life stage."
        )
    return f"Life stage: {stage.label} (US/Canadian Dietary Reference Intakes)."
