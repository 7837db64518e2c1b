"""A practitioner's client: the profile targets are computed from, and what they must avoid."""

from __future__ import annotations

from dataclasses import dataclass

# The profile enums live in `profile` (targets needs them); re-exported here for callers.
from menuplanner.domain.dri import Condition
from menuplanner.domain.nutrient_goals import NutrientGoal
from menuplanner.domain.profile import ActivityLevel, Goal, Sex
from menuplanner.domain.tags import Allergen, Diet
from menuplanner.domain.targets import Targets

__all__ = ["ActivityLevel", "Client", "Condition", "Goal", "NutrientGoal", "Sex"]


@dataclass(slots=True)
class Client:
    name: str
    sex: Sex
    birth_year: int | None = None
    height_cm: float | None = None
    weight_kg: float | None = None
    activity: ActivityLevel = ActivityLevel.LIGHT
    goal: Goal = Goal.MAINTAIN
    allergies: frozenset[Allergen] = frozenset()
    diets: frozenset[Diet] = frozenset()
    dislikes: tuple[str, ...] = ()  # words or phrases matched against food names
    notes: str = ""
    protein_g_per_kg: float = 1.2
    fat_pct: float = 30.0
    manual_targets: Targets | None = None  # typed by hand; wins over the profile
    is_demo: bool = False
    client_id: int | None = None
    condition: Condition = Condition.NONE  # pregnant or breastfeeding: their own DRIs
    nutrient_goals: tuple[NutrientGoal, ...] = ()  # the dietitian's micronutrient goals
