"""A client's body and lifestyle profile: the words for it and the ranges we accept.

These live apart from `clients` because `targets` needs them and `clients` needs `targets`;
`clients` re-exports the enums, so `from menuplanner.domain.clients import Sex` keeps working.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from menuplanner.domain.errors import ValidationFailed

if TYPE_CHECKING:
    from menuplanner.domain.clients import Client


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"


class ActivityLevel(StrEnum):
    SEDENTARY = "sedentary"
    LIGHT = "light"
    MODERATE = "moderate"
    ACTIVE = "active"
    VERY_ACTIVE = "very_active"


class Goal(StrEnum):
    LOSE = "lose"
    MAINTAIN = "maintain"
    GAIN = "gain"


@dataclass(frozen=True, slots=True)
class Limit:
    """An inclusive range a typed value must fall in; values outside are typing mistakes."""

    field: str
    low: float
    high: float
    unit: str

    def problem(self, value: float) -> str | None:
        """The sentence to show when `value` is out of range, else None."""
        if self.low <= value <= self.high:  # False for NaN too, which a form can send
            return None
        return (
            f"{self.field} must be between {self.low:,g} and {self.high:,g} {self.unit}; "
            f"got {value:,g} {self.unit}."
        )

    def check(self, value: float) -> float:
        if message := self.problem(value):
            raise ValidationFailed(message)
        return value


def fail_if_any(problems: list[str | None]) -> None:
    """Raise one error listing every problem, so a form can show them all at once."""
    sentences = [p for p in problems if p]
    if sentences:
        raise ValidationFailed(" ".join(sentences))


HEIGHT = Limit("Height", 100, 250, "cm")
WEIGHT = Limit("Weight", 25, 350, "kg")
AGE = Limit("Age", 14, 110, "years")  # Mifflin-St Jeor is for adults; children grow
PROTEIN_PER_KG = Limit("Protein", 0.5, 3.5, "g/kg")
FAT_SHARE = Limit("Fat", 15, 50, "% of energy")


def age_in(year: int, birth_year: int) -> int:
    """Age reached during `year`: good enough for energy needs, and needs no birthday."""
    return year - birth_year


def birth_year_problem(birth_year: int, today: dt.date) -> str | None:
    age = age_in(today.year, birth_year)
    if AGE.low <= age <= AGE.high:
        return None
    return (
        f"Age must be between {AGE.low:g} and {AGE.high:g} years; birth year {birth_year} "
        f"gives {age} years."
    )


def check_birth_year(birth_year: int, today: dt.date) -> int:
    """The age `birth_year` reaches in `today`'s year, refused outside `AGE`."""
    if message := birth_year_problem(birth_year, today):
        raise ValidationFailed(message)
    return age_in(today.year, birth_year)


def profile_words(client: Client) -> tuple[Sex, ActivityLevel, Goal]:
    """The client's sex, activity and goal as enums (a form or a file may give plain text)."""
    return (
        _one_of(Sex, client.sex, "Sex"),
        _one_of(ActivityLevel, client.activity, "Activity level"),
        _one_of(Goal, client.goal, "Goal"),
    )


def _one_of[E: StrEnum](enum: type[E], value: object, label: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValidationFailed(f"{label} must be one of {allowed}; got {value!r}.") from None


def measurements(client: Client, today: dt.date) -> tuple[int, float, float]:
    """Age, height and weight, all present and in range, or the reason they are not."""
    for label, value in (
        ("Birth year", client.birth_year),
        ("Height", client.height_cm),
        ("Weight", client.weight_kg),
    ):
        if value is None:
            raise ValidationFailed(
                f"{label} is needed to compute targets from the profile; "
                "enter it or type the targets by hand."
            )
    age = check_birth_year(client.birth_year, today)
    return age, HEIGHT.check(client.height_cm), WEIGHT.check(client.weight_kg)
