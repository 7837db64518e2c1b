"""Why a generated day misses a micronutrient minimum, in a sentence: an LP bound on the most of
the nutrient the allowed foods can give with the day's energy inside its tolerance (as
diagnosis.py does for the macros)."""

from __future__ import annotations

import highspy
import numpy as np

from menuplanner.domain.nutrients import BY_KEY
from menuplanner.domain.targets import Targets
from menuplanner.planning.candidates import Pool
from menuplanner.planning.micronutrients import MicroGap, MicroPlan
from menuplanner.planning.model import DayProblem, DaySolution, new_highs

_SLACK = 1e-6


def _n(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def reach(
    pool: Pool,
    values: np.ndarray,
    candidates: list[int],
    kept_energy: float,
    kept_amount: float,
    targets: Targets,
    tolerance: float,
) -> float | None:
    """The most of a nutrient (per-step `values`) a day can hold with its energy inside the
    tolerance, amounts free between 0 and each candidate's largest portion (an LP bound, as in
    diagnosis.reach); None when even the energy cannot be reached."""
    if not candidates:
        return None
    h = new_highs()
    n = len(candidates)
    upper = np.array([pool.candidates[c].grid.n_max for c in candidates], dtype=float)
    h.addVars(n, np.zeros(n), upper)
    h.changeColsCost(n, np.arange(n, dtype=np.int32), -values[candidates])
    energy = pool.per_step[candidates, 0]
    nonzero = np.nonzero(energy)[0].astype(np.int32)
    h.addRow(
        targets.energy_kcal * (1 - tolerance) - kept_energy,
        targets.energy_kcal * (1 + tolerance) - kept_energy,
        len(nonzero),
        nonzero,
        energy[nonzero],
    )
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return kept_amount - float(h.getInfo().objective_function_value)


def out_of_reach(gap: MicroGap, best: float | None, allowed: int) -> str | None:
    """A sentence when the LP bound shows a minimum cannot be met with the allowed foods."""
    if not gap.is_minimum or best is None or best >= gap.limit * (1 - _SLACK):
        return None
    nutrient = BY_KEY[gap.nutrient]
    return (
        f"With the day's energy within its tolerance, the {allowed} foods and recipes allowed "
        f"for this client give at most {_n(best, nutrient.decimals)} {nutrient.unit} of "
        f"{nutrient.name.lower()}, so {_n(gap.limit, nutrient.decimals)} {nutrient.unit} cannot "
        "be reached: add a fortified food or a recipe that brings it, or a supplement."
    )


def micro_verdict(
    micros: MicroPlan,
    pool: Pool,
    day: int,
    problem: DayProblem,
    solution: DaySolution,
    targets: Targets,
    kept_energy: float,
    kept_micros: dict[str, float],
    tolerance: float,
) -> tuple[list[MicroGap], list[str]]:
    """Record the planned day's micronutrients (for the week's average); the goals it misses,
    and sentences saying by how much and whether the allowed foods could reach them at all."""
    rows = problem.micros
    amounts = micros.amounts([(p.candidate, p.steps) for p in solution.picks], kept_micros)
    minimums = dict(zip(rows.minimum_keys, rows.minimum, strict=True))
    gaps = micros.gaps(day, amounts, minimums)
    micros.record(day, amounts)
    kinds = {m.kind for m in problem.meals if m.max_new}
    allowed = [i for i, c in enumerate(pool.candidates) if c.meals & kinds]
    reasons = []
    for gap in gaps:
        reasons.append(gap.sentence())
        if gap.is_minimum:
            best = reach(
                pool,
                micros.per_step[gap.nutrient],
                allowed,
                kept_energy,
                kept_micros.get(gap.nutrient, 0.0),
                targets,
                tolerance,
            )
            if sentence := out_of_reach(gap, best, len(allowed)):
                reasons.append(sentence)
    return gaps, reasons
