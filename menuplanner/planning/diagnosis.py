"""Why a day is outside its targets, in sentences a dietitian can act on.

For each target missed by the closest day found: how far it is, and what blocks it, checked in
this order:
1. the items kept on the day already overshoot it (energy, a macro, sodium);
2. no amounts of the allowed foods can reach it at all: a linear programme maximises (or
   minimises) that nutrient with the day's energy inside its tolerance, amounts free between 0
   and each food's largest portion. If that bound misses the target, it is out of reach, and the
   same bound over every suitable food, ignoring the client's allergies, diets and dislikes,
   tells whether those are the cause;
3. otherwise the target is reachable in principle and the limits are what block it: items per
   meal, portion sizes, the meal rules or the repetition limit (checked by the caller, which
   re-solves without the repetition limit).
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

from menuplanner.domain.clients import Client
from menuplanner.domain.nutrients import BY_KEY
from menuplanner.domain.targets import Targets
from menuplanner.planning.candidates import Pool
from menuplanner.planning.model import new_highs
from menuplanner.planning.store import PLANNED

LABELS = {key: BY_KEY[key].name for key in PLANNED}
UNITS = {key: BY_KEY[key].unit for key in PLANNED}
_SLACK = 1e-6


@dataclass(frozen=True, slots=True)
class Gap:
    """One target the day misses: `actual` against the allowed band [low, high]."""

    measure: str  # a PLANNED key
    actual: float
    target: float
    low: float
    high: float

    @property
    def label(self) -> str:
        return LABELS[self.measure]

    @property
    def pct(self) -> float:
        """How far outside the band, in % of the target (negative: short)."""
        if self.actual < self.low:
            return 100.0 * (self.actual - self.low) / self.target if self.target else 0.0
        return 100.0 * (self.actual - self.high) / self.target if self.target else 0.0

    @property
    def off_target_pct(self) -> float:
        """How far from the target (or minimum, maximum), in % of it."""
        return 100.0 * (self.actual - self.target) / self.target if self.target else 0.0

    def sentence(self) -> str:
        """'Protein: 119 g, 52 % under the target of 250 g (tolerance 238–262 g).'"""
        unit = UNITS[self.measure]
        off = self.off_target_pct
        side = "under" if off < 0 else "over"
        start = f"{self.label}: {_n(self.actual)} {unit}, {abs(off):.0f} % {side}"
        if self.measure == "fibre_g":
            return f"{start} the minimum of {_n(self.low)} {unit}."
        if self.measure == "sodium_mg":
            return f"{start} the maximum of {_n(self.high)} {unit}."
        return (
            f"{start} the target of {_n(self.target)} {unit} (tolerance "
            f"{_n(self.low)}–{_n(self.high)} {unit})."
        )


def _n(x: float) -> str:
    return f"{x:,.0f}"


def bands(targets: Targets, tolerance: float) -> dict[str, tuple[float, float, float]]:
    """measure → (target, low, high) of everything a day is judged by."""
    found = {}
    for key, target in zip(
        PLANNED[:4],
        (targets.energy_kcal, targets.protein_g, targets.carbohydrate_g, targets.fat_g),
        strict=True,
    ):
        found[key] = (target, target * (1 - tolerance), target * (1 + tolerance))
    found["fibre_g"] = (targets.fibre_min_g, targets.fibre_min_g, float("inf"))
    found["sodium_mg"] = (targets.sodium_max_mg, 0.0, targets.sodium_max_mg)
    return found


def gaps(totals: np.ndarray, targets: Targets, tolerance: float) -> list[Gap]:
    """Every target the totals miss (in PLANNED order); empty when the day is within."""
    found = []
    for m, (key, (target, low, high)) in enumerate(bands(targets, tolerance).items()):
        value = float(totals[m])
        if value < low * (1 - _SLACK) or value > high * (1 + _SLACK):
            found.append(Gap(key, value, target, low, high))
    return found


def kept_overshoot(kept: np.ndarray, targets: Targets, tolerance: float) -> list[str]:
    """Sentences for targets the kept items alone already exceed."""
    found = []
    for m, (key, (_, _, high)) in enumerate(bands(targets, tolerance).items()):
        if kept[m] > high * (1 + _SLACK):
            found.append(
                f"The items kept on this day already bring {_n(kept[m])} {UNITS[key]} of "
                f"{LABELS[key].lower()}, more than the {_n(high)} {UNITS[key]} allowed: unlock or "
                "remove some of them."
            )
    return found


def reach(
    pool: Pool,
    candidates: list[int],
    kept: np.ndarray,
    targets: Targets,
    tolerance: float,
    measure: int,
    maximise: bool,
) -> float | None:
    """The most (or least) of `measure` a day can hold with the day's energy inside its
    tolerance, amounts free between 0 and each candidate's largest portion; None when even the
    energy cannot be reached."""
    if not candidates:
        return None
    steps = pool.per_step[candidates]
    h = new_highs()
    n = len(candidates)
    upper = np.array([pool.candidates[c].grid.n_max for c in candidates], dtype=float)
    sense = -1.0 if maximise else 1.0
    h.addVars(n, np.zeros(n), upper)
    h.changeColsCost(n, np.arange(n, dtype=np.int32), sense * steps[:, measure])
    low = targets.energy_kcal * (1 - tolerance) - kept[0]
    high = targets.energy_kcal * (1 + tolerance) - kept[0]
    nonzero = np.nonzero(steps[:, 0])[0].astype(np.int32)
    h.addRow(low, high, len(nonzero), nonzero, steps[nonzero, 0])
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return float(kept[measure] + sense * h.getInfo().objective_function_value)


def diet_words(client: Client) -> str:
    """'vegan diet and allergy to peanuts' — the client's restrictions, for a sentence."""
    parts = []
    if client.diets:
        parts.append(" and ".join(sorted(d.label.lower() for d in client.diets)) + " diet")
    if client.allergies:
        parts.append("allergy to " + ", ".join(sorted(a.label.lower() for a in client.allergies)))
    if client.dislikes:
        parts.append("dislikes")
    return ", ".join(parts) or "restrictions"


def out_of_reach(
    gap: Gap, best: float | None, unrestricted: float | None, client: Client, allowed: int
) -> str | None:
    """A sentence when the LP bound shows the target cannot be met; None when it can."""
    unit, what = UNITS[gap.measure], gap.label.lower()
    short = gap.actual < gap.low
    if best is None:
        return (
            f"No amounts of the {allowed} foods and recipes allowed for this client reach "
            "the energy target within its tolerance."
        )
    reachable = best >= gap.low if short else best <= gap.high
    if reachable:
        return None
    bound = "at most" if short else "at least"
    sentence = (
        f"With the day's energy within its tolerance, the {allowed} foods and recipes "
        f"allowed for this client give {bound} {_n(best)} {unit} of {what}, so "
        f"{_n(gap.low if short else gap.high)} {unit} is out of reach."
    )
    if unrestricted is not None:
        freed = unrestricted >= gap.low if short else unrestricted <= gap.high
        if freed:
            sentence += (
                f" Without the client's {diet_words(client)} it would be reachable "
                f"({_n(unrestricted)} {unit}): they are what blocks it."
            )
        else:
            sentence += " The target itself is the problem: no suitable foods reach it."
    return sentence
