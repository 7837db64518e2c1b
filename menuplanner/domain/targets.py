"""Daily targets: energy, macros, fibre minimum and sodium maximum.

Targets are typed by hand or computed from a client's profile: resting energy by Mifflin-St Jeor,
times an activity factor, plus a goal adjustment; protein per kg of body weight, fat as a share
of energy, carbohydrate the rest. The computation keeps its working so a dietitian can check it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.profile import (
    FAT_SHARE,
    PROTEIN_PER_KG,
    ActivityLevel,
    Goal,
    Limit,
    Sex,
    fail_if_any,
    measurements,
    profile_words,
)

if TYPE_CHECKING:
    from menuplanner.domain.clients import Client


@dataclass(frozen=True, slots=True)
class Targets:
    energy_kcal: float
    protein_g: float
    carbohydrate_g: float
    fat_g: float
    fibre_min_g: float = 25.0
    sodium_max_mg: float = 2300.0

    @property
    def protein_pct(self) -> float:
        return _pct(self.protein_g * 4, self.energy_kcal)

    @property
    def carbohydrate_pct(self) -> float:
        return _pct(self.carbohydrate_g * 4, self.energy_kcal)

    @property
    def fat_pct(self) -> float:
        return _pct(self.fat_g * 9, self.energy_kcal)


def _pct(part_kcal: float, total_kcal: float) -> float:
    return 100.0 * part_kcal / total_kcal if total_kcal else 0.0


ACTIVITY_FACTORS: dict[ActivityLevel, float] = {
    ActivityLevel.SEDENTARY: 1.2,
    ActivityLevel.LIGHT: 1.375,
    ActivityLevel.MODERATE: 1.55,
    ActivityLevel.ACTIVE: 1.725,
    ActivityLevel.VERY_ACTIVE: 1.9,
}
GOAL_ADJUSTMENT_KCAL: dict[Goal, float] = {Goal.LOSE: -500.0, Goal.MAINTAIN: 0.0, Goal.GAIN: 300.0}
MIN_ENERGY_KCAL = 1200.0  # below this, a menu cannot cover micronutrients without supervision
FIBRE_G_PER_1000_KCAL = 14.0  # Dietary Guidelines for Americans
SODIUM_MAX_MG = 2300.0

# Typed targets outside these are typing mistakes (an extra zero, kJ typed as kcal).
TYPED_LIMITS = {
    "energy_kcal": Limit("Energy", 800, 6000, "kcal"),
    "protein_g": Limit("Protein", 0, 500, "g"),
    "carbohydrate_g": Limit("Carbohydrate", 0, 1000, "g"),
    "fat_g": Limit("Fat", 0, 400, "g"),
    "fibre_min_g": Limit("Fibre minimum", 0, 100, "g"),
    "sodium_max_mg": Limit("Sodium maximum", 0, 10000, "mg"),
}


def resting_energy_mifflin_st_jeor(
    sex: Sex, weight_kg: float, height_cm: float, age_years: float
) -> float:
    """Resting energy expenditure in kcal/day (Mifflin et al., 1990)."""
    return 10 * weight_kg + 6.25 * height_cm - 5 * age_years + _sex_constant(sex)


def _sex_constant(sex: Sex) -> float:
    return 5.0 if sex == Sex.MALE else -161.0


@dataclass(frozen=True, slots=True)
class TargetWorking:
    """Every step from profile to targets, as numbers and as lines a dietitian can read."""

    resting_kcal: float
    activity_factor: float
    active_kcal: float
    goal_adjustment_kcal: float
    floor_applied: bool
    lines: list[str]
    # The resulting targets, field for field.
    energy_kcal: float
    protein_g: float
    carbohydrate_g: float
    fat_g: float
    fibre_min_g: float
    sodium_max_mg: float


def targets_from_profile(client: Client, today: dt.date) -> tuple[Targets, TargetWorking]:
    sex, activity, goal = profile_words(client)
    age, height, weight = measurements(client, today)
    protein_per_kg = PROTEIN_PER_KG.check(client.protein_g_per_kg)
    fat_pct = FAT_SHARE.check(client.fat_pct)

    resting = resting_energy_mifflin_st_jeor(sex, weight, height, age)
    factor = ACTIVITY_FACTORS[activity]
    adjustment = GOAL_ADJUSTMENT_KCAL[goal]
    wanted = resting * factor + adjustment
    energy = float(_whole(max(wanted, MIN_ENERGY_KCAL)))
    protein, fat, carbohydrate = _macros(energy, protein_per_kg * weight, fat_pct)
    fibre = round(energy * FIBRE_G_PER_1000_KCAL / 1000, 1)
    targets = Targets(energy, protein, carbohydrate, fat, fibre, SODIUM_MAX_MG)

    lines = [
        f"Resting energy (Mifflin-St Jeor, {sex.value}): 10 × {weight:g} kg"
        f" + 6.25 × {height:g} cm − 5 × {age} y {_signed(_sex_constant(sex), ' ')}"
        f" = {_whole(resting):,} kcal",
        f"× activity factor {factor:g} ({activity.value.replace('_', ' ')})"
        f" = {_whole(resting * factor):,} kcal",
        f"Goal {goal.value}: {_signed(adjustment)} kcal = {_whole(wanted):,} kcal",
    ]
    if wanted < MIN_ENERGY_KCAL:
        lines.append(f"Raised to the minimum of {MIN_ENERGY_KCAL:,g} kcal a day")
    lines += [
        f"Protein {protein_per_kg:g} g/kg × {weight:g} kg = {_whole(protein):,} g"
        f" ({_whole(targets.protein_pct)} % of energy)",
        f"Fat {fat_pct:g} % of energy = {_whole(fat):,} g",
        f"Carbohydrate: the rest = {_whole(carbohydrate):,} g"
        f" ({_whole(targets.carbohydrate_pct)} % of energy)",
        f"Fibre at least {FIBRE_G_PER_1000_KCAL:g} g per 1,000 kcal = {_whole(fibre):,} g",
        f"Sodium at most {SODIUM_MAX_MG:,g} mg",
    ]
    working = TargetWorking(
        resting_kcal=resting,
        activity_factor=factor,
        active_kcal=resting * factor,
        goal_adjustment_kcal=adjustment,
        floor_applied=wanted < MIN_ENERGY_KCAL,
        lines=lines,
        **asdict(targets),
    )
    return targets, working


def _macros(energy: float, protein_g: float, fat_pct: float) -> tuple[float, float, float]:
    """Protein and fat as asked, carbohydrate the energy left; grams to one decimal."""
    protein = round(protein_g, 1)
    fat = round(energy * fat_pct / 100 / 9, 1)
    rest_kcal = energy - protein * 4 - fat * 9
    if rest_kcal < 0:
        raise ValidationFailed(
            f"Protein ({_whole(protein * 4):,} kcal) and fat ({_whole(fat * 9):,} kcal) already"
            f" exceed the energy target of {_whole(energy):,} kcal; lower the protein per kg or"
            " the fat share."
        )
    return protein, fat, round(rest_kcal / 4, 1)


def _whole(x: float) -> int:
    """Rounded half up, as people round (Python's round() sends 726.5 to 726)."""
    return math.floor(x + 0.5)


def _signed(kcal: float, gap: str = "") -> str:
    """ "+ 5" / "− 161" with a typographic minus, as a dietitian would write it."""
    return f"+{gap}{kcal:,g}" if kcal >= 0 else f"−{gap}{-kcal:,g}"


def targets_from_percentages(
    energy_kcal: float,
    protein_pct: float,
    carbohydrate_pct: float,
    fat_pct: float,
    fibre_min_g: float = 25.0,
    sodium_max_mg: float = SODIUM_MAX_MG,
) -> Targets:
    """Targets typed as energy and a macro split; the split must add up to 100 %."""
    shares = {"Protein": protein_pct, "Carbohydrate": carbohydrate_pct, "Fat": fat_pct}
    fail_if_any([Limit(name, 0, 100, "%").problem(pct) for name, pct in shares.items()])
    total = protein_pct + carbohydrate_pct + fat_pct
    if abs(total - 100) > 1:
        raise ValidationFailed(
            f"Protein, carbohydrate and fat add up to {total:g} % of energy; "
            "they must add up to 100 % (give or take 1)."
        )
    targets = Targets(
        energy_kcal=energy_kcal,
        protein_g=round(energy_kcal * protein_pct / 100 / 4, 1),
        carbohydrate_g=round(energy_kcal * carbohydrate_pct / 100 / 4, 1),
        fat_g=round(energy_kcal * fat_pct / 100 / 9, 1),
        fibre_min_g=fibre_min_g,
        sodium_max_mg=sodium_max_mg,
    )
    return validate_targets(targets)


def validate_targets(targets: Targets) -> Targets:
    """Refuse typed targets outside plausible ranges, naming every field that is."""
    fail_if_any([limit.problem(getattr(targets, key)) for key, limit in TYPED_LIMITS.items()])
    return targets


def client_targets(client: Client, today: dt.date) -> tuple[Targets, TargetWorking | None]:
    """The targets a client's menus are judged by: typed ones win over the profile."""
    if client.manual_targets is not None:
        return client.manual_targets, None
    return targets_from_profile(client, today)
