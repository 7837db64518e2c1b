"""Dietary Reference Intakes: the life-stage groups, which one a person belongs to, and the
reference values of each group (data/dri/, read by menuplanner/dri).

For each nutrient a group has a goal, the RDA (Recommended Dietary Allowance) or, where none
could be set, the AI (Adequate Intake); and an upper mark, the UL (Tolerable Upper Intake Level),
or for sodium the CDRR (Chronic Disease Risk Reduction intake). Some ULs cover only supplements,
fortified foods or a synthetic form (magnesium, niacin, folic acid, vitamin E): food totals are
never flagged against those. Vitamin A's UL covers preformed vitamin A, so it is compared with
the foods' retinol, not their RAE.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.profile import Sex


class Condition(StrEnum):
    """Pregnancy and lactation have reference values of their own."""

    NONE = "none"
    PREGNANT = "pregnant"
    LACTATING = "lactating"

    @property
    def label(self) -> str:
        return {"none": "Neither", "pregnant": "Pregnant", "lactating": "Breastfeeding"}[self]


class GoalKind(StrEnum):
    RDA = "RDA"  # meets the needs of nearly all (97–98 %) healthy people of the group
    AI = "AI"  # set where no RDA could be: intake at it is assumed adequate


class UpperKind(StrEnum):
    UL = "UL"
    CDRR = "CDRR"  # sodium: eating less than it lowers chronic disease risk


class UpperScope(StrEnum):
    """What intake an upper mark covers."""

    ALL = "all"  # food and supplements: food totals are checked against it
    SUPPLEMENTS = "supplements"  # supplements, fortified foods or synthetic forms only
    RETINOL = "retinol"  # vitamin A: preformed vitamin A only


RETINOL = "retinol_ug"  # the measure vitamin A's UL is compared with


@dataclass(frozen=True, slots=True)
class LifeStage:
    key: str
    label: str  # "Females 31–50 y"
    sex: Sex | None  # None: children of both sexes
    low_age: int
    high_age: int | None  # None: no upper end (> 70)
    condition: Condition = Condition.NONE

    def holds(self, sex: Sex, age: int, condition: Condition) -> bool:
        if condition != self.condition or (self.sex is not None and sex != self.sex):
            return False
        return self.low_age <= age and (self.high_age is None or age <= self.high_age)


def _sexed(sex: Sex, word: str) -> tuple[LifeStage, ...]:
    bands = ((9, 13), (14, 18), (19, 30), (31, 50), (51, 70), (71, None))
    return tuple(
        LifeStage(
            f"{sex.value}_{low}_{high}" if high else f"{sex.value}_over_70",
            f"{word} {low}–{high} y" if high else f"{word} over 70 y",
            sex,
            low,
            high,
        )
        for low, high in bands
    )


def _carrying(condition: Condition, word: str) -> tuple[LifeStage, ...]:
    # The tables' "≤ 18 y" group covers every pregnancy or lactation before 19.
    bands = ((0, 18, "14_18", "≤ 18 y"), (19, 30, "19_30", "19–30 y"), (31, 50, "31_50", "31–50 y"))
    name = "pregnancy" if condition == Condition.PREGNANT else "lactation"
    return tuple(
        LifeStage(f"{name}_{key}", f"{word} {label}", Sex.FEMALE, low, high, condition)
        for low, high, key, label in bands
    )


LIFE_STAGES: tuple[LifeStage, ...] = (
    LifeStage("child_1_3", "Children 1–3 y", None, 1, 3),
    LifeStage("child_4_8", "Children 4–8 y", None, 4, 8),
    *_sexed(Sex.MALE, "Males"),
    *_sexed(Sex.FEMALE, "Females"),
    *_carrying(Condition.PREGNANT, "Pregnancy"),
    *_carrying(Condition.LACTATING, "Lactation"),
)
STAGE_BY_KEY = {stage.key: stage for stage in LIFE_STAGES}


def life_stage(sex: Sex | str, age: int, condition: Condition | str = Condition.NONE) -> LifeStage:
    """The DRI group of a person of `sex` and `age` (years), pregnant or breastfeeding or not;
    ValidationFailed with the reason when there is none."""
    sex, condition = Sex(sex), Condition(condition)
    if age < 1:
        raise ValidationFailed(
            f"The Dietary Reference Intakes here start at 1 year; the age given is {age}."
        )
    if condition != Condition.NONE:
        if sex != Sex.FEMALE:
            raise ValidationFailed(f"{condition.label} applies to women only.")
        if age > 50:
            raise ValidationFailed(
                f"Reference values for pregnancy and lactation go up to 50 years; the age given "
                f"is {age}. Choose “{Condition.NONE.label}” or check the birth year."
            )
    if condition == Condition.NONE and age <= 8:
        return LIFE_STAGES[0] if age <= 3 else LIFE_STAGES[1]
    return next(s for s in LIFE_STAGES if s.holds(sex, age, condition))


@dataclass(frozen=True, slots=True)
class ReferenceIntake:
    """One nutrient's reference values for one life stage, in the nutrient's catalogue unit."""

    nutrient: str
    kind: GoalKind
    goal: float
    upper_kind: UpperKind | None = None
    upper: float | None = None


@dataclass(frozen=True, slots=True)
class NutrientNotes:
    """How a nutrient's reference values are read: what its upper mark covers, and what to say
    beside its number where the database's measure differs from the DRI's."""

    nutrient: str
    upper_applies_to: UpperScope | None = None
    upper_note: str = ""
    measure_note: str = ""


@dataclass(frozen=True)
class ReferenceTable:
    """Every life stage's reference values, the notes per nutrient, and where they come from."""

    values: dict[tuple[str, str], ReferenceIntake]  # (life stage key, nutrient) → values
    notes: dict[str, NutrientNotes]
    source: str = ""
    date: str = ""

    def for_stage(self, stage: LifeStage) -> dict[str, ReferenceIntake]:
        """nutrient → reference values of the life stage, in the nutrient catalogue's order."""
        found = {n: v for (key, n), v in self.values.items() if key == stage.key}
        return {n: found[n] for n in sorted(found, key=KEYS.index)}

    @property
    def nutrients(self) -> tuple[str, ...]:
        return tuple(sorted({n for _, n in self.values}, key=KEYS.index))
