"""Micronutrient goals in the generator: chosen RDA/AI as minimums, over each day or over the
week's average (the dietitian's choice), and the upper limits that apply to food (ULs covering
all intake, vitamin A's against retinol, the dietitian's own limits) as daily maximums.

Each day is still one model (planner.py): its rows get a minimum per chosen nutrient and a
maximum per upper limit (model.py, `MicroRows`). A minimum missed costs MICRO_WEIGHT per % short,
a five-hundredth of what a % outside the energy or macro tolerance costs, so when both cannot
be had the day keeps its energy and macros (still far more than the centring of a day inside its
tolerance, or the seed's preferences, so inside it the goals decide). Over the week's average,
each day aims at what the week still needs divided by the days left to plan (10 % more while
other days follow, a margin for them): the week's days planned earlier and those not being
planned count with what they hold, so a short day is made up by the next ones.

Values a food table lacks count as 0, so a minimum is never met with unknown amounts (and a
maximum is judged on the known ones only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.menus import ItemKind
from menuplanner.domain.nutrient_goals import ResolvedGoal
from menuplanner.domain.nutrients import BY_KEY, SODIUM
from menuplanner.planning.candidates import Pool

DAY, WEEK = "day", "week"
WEEK_DAYS = 7
RICHEST = 3  # candidates per nutrient and meal added for their density (see `richest`)
MICRO_WEIGHT = 2.0  # per % short of a minimum or over a maximum (energy and macros: 1,000)
# Search time for the goals after the first good day: short while later days can make up a
# shortfall, longer on the week's last day to plan, longest when every day must meet them.
GRACE_S, LAST_GRACE_S, DAY_GRACE_S = 0.25, 1.0, 1.0
AHEAD = 1.1  # over the week, days before the last aim this much above the even share
_SLACK = 1e-6


@dataclass
class MicroRows:
    """One day's micronutrient rows for the model (pool-aligned per-step matrices)."""

    minimum_keys: list[str]
    per_step_min: np.ndarray  # (len(pool), k)
    minimum: np.ndarray  # (k,) for the whole day
    kept_min: np.ndarray  # (k,) brought by the items kept on the day
    maximum_keys: list[str]
    per_step_max: np.ndarray  # (len(pool), u)
    maximum: np.ndarray  # (u,)
    kept_max: np.ndarray  # (u,)
    grace_s: float = 0.2  # how long the search goes on for them after the first good day


@dataclass(frozen=True, slots=True)
class MicroGap:
    """A micronutrient minimum or maximum the planned day misses."""

    nutrient: str
    actual: float
    limit: float
    is_minimum: bool

    def sentence(self) -> str:
        """'Vitamin B12: 0.4 µg, 83 % under the minimum of 2.4 µg for this day.'"""
        nutrient = BY_KEY[self.nutrient]
        off = 100.0 * (self.actual - self.limit) / self.limit if self.limit else 0.0
        side, bound = ("under", "minimum") if self.is_minimum else ("over", "maximum")
        return (
            f"{nutrient.name}: {_n(self.actual, nutrient.decimals)} {nutrient.unit}, "
            f"{abs(off):.0f} % {side} the {bound} of {_n(self.limit, nutrient.decimals)} "
            f"{nutrient.unit} for this day."
        )


def _n(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


@dataclass
class MicroPlan:
    """The micronutrient side of one generate run: the goals, the per-step values of every
    candidate, and what each day of the menu holds (for the week's average)."""

    minimums: dict[str, float]  # nutrient → daily goal (RDA/AI or the dietitian's)
    maximums: dict[str, float]  # measure → daily upper limit
    span: str  # DAY or WEEK
    per_step: dict[str, np.ndarray] = field(default_factory=dict)  # key → (len(pool),)
    day_amounts: dict[int, dict[str, float]] = field(default_factory=dict)  # known days
    to_plan: set[int] = field(default_factory=set)  # days of this run not planned yet
    menu_days: int = WEEK_DAYS

    def rows(self, day: int, kept: Mapping[str, float]) -> MicroRows:
        """The day's rows, with `kept` the amounts the items staying on it bring."""
        minimum_keys = list(self.minimums)
        maximum_keys = list(self.maximums)
        n = len(next(iter(self.per_step.values()))) if self.per_step else 0

        def matrix(keys: Sequence[str]) -> np.ndarray:
            if not keys:
                return np.zeros((n, 0))
            return np.column_stack([self.per_step[k] for k in keys])

        return MicroRows(
            minimum_keys,
            matrix(minimum_keys),
            np.array([self.day_minimum(day, k) for k in minimum_keys], dtype=float),
            np.array([kept.get(k, 0.0) for k in minimum_keys], dtype=float),
            maximum_keys,
            matrix(maximum_keys),
            np.array([self.maximums[k] for k in maximum_keys], dtype=float),
            np.array([kept.get(k, 0.0) for k in maximum_keys], dtype=float),
            self.grace(day),
        )

    def grace(self, day: int) -> float:
        if self.span == DAY:
            return DAY_GRACE_S
        return LAST_GRACE_S if self.is_last(day) else GRACE_S

    def is_last(self, day: int) -> bool:
        """No later day can make up a shortfall of this one: per day, every day; over the week,
        the last day of it to plan."""
        if self.span == DAY:
            return True
        first = day - day % WEEK_DAYS
        days = range(first, min(first + WEEK_DAYS, self.menu_days))
        return not [d for d in days if d in self.to_plan and d != day]

    def day_minimum(self, day: int, nutrient: str) -> float:
        goal = self.minimums[nutrient]
        if self.span == DAY:
            return goal
        first = day - day % WEEK_DAYS
        days = range(first, min(first + WEEK_DAYS, self.menu_days))
        open_days = [d for d in days if d in self.to_plan or d == day]
        known = sum(
            self.day_amounts.get(d, {}).get(nutrient, 0.0) for d in days if d not in open_days
        )
        share = max(0.0, (goal * len(days) - known) / max(1, len(open_days)))
        return share * (AHEAD if len(open_days) > 1 else 1.0)  # a margin for the days after

    def amounts(
        self, picks: Sequence[tuple[int, int]], kept: Mapping[str, float]
    ) -> dict[str, float]:
        """Amounts of every key on a day: kept items plus (candidate, steps) picks."""
        return {
            key: kept.get(key, 0.0) + sum(float(values[c]) * steps for c, steps in picks)
            for key, values in self.per_step.items()
        }

    def richest(self, pool: Pool, meal, exclude: set[int], n: int = RICHEST) -> list[int]:
        """Pool indices of the `n` candidates suiting `meal` with the most of each minimum's
        nutrient per kcal, added to each day's random draw so the model has them to choose."""
        if not self.minimums:
            return []
        suits = np.array([meal in c.meals for c in pool.candidates]) & (pool.per_step[:, 0] > 0)
        if exclude:
            suits[list(exclude)] = False
        energy = np.where(suits, pool.per_step[:, 0], np.inf)
        found: list[int] = []
        for key in self.minimums:
            density = np.where(suits, self.per_step[key] / energy, -1.0)
            best = [int(i) for i in np.argsort(-density)[:n] if density[i] > 0]
            found += [i for i in best if i not in found]
        return found

    def record(self, day: int, amounts: dict[str, float]) -> None:
        self.day_amounts[day] = amounts
        self.to_plan.discard(day)

    def gaps(
        self, day: int, amounts: Mapping[str, float], minimums: Mapping[str, float]
    ) -> list[MicroGap]:
        found = [
            MicroGap(k, amounts.get(k, 0.0), limit, True)
            for k, limit in minimums.items()
            if limit > 0 and amounts.get(k, 0.0) < limit * (1 - _SLACK)
        ]
        found += [
            MicroGap(k, amounts.get(k, 0.0), limit, False)
            for k, limit in self.maximums.items()
            if amounts.get(k, 0.0) > limit * (1 + _SLACK)
        ]
        return found


def plan_for(
    goals: Sequence[ResolvedGoal], chosen: Sequence[str], span: str
) -> tuple[dict[str, float], dict[str, float]]:
    """(minimums, maximums) per day from the client's goals: the chosen nutrients' goals, and
    every upper limit judged on food (sodium's is the targets' own maximum already)."""
    if span not in (DAY, WEEK):
        raise ValidationFailed(
            f"Micronutrient goals are met per day or over the week, not {span!r}."
        )
    by_nutrient = {g.nutrient: g for g in goals}
    unknown = [key for key in chosen if key not in by_nutrient or by_nutrient[key].goal is None]
    if unknown:
        names = ", ".join(BY_KEY[k].name if k in BY_KEY else repr(k) for k in unknown)
        raise ValidationFailed(
            f"The client has no goal for {names}: add the birth year (for the Dietary Reference "
            "Intakes) or a goal of your own on the Clients page."
        )
    minimums = {key: float(by_nutrient[key].goal) for key in chosen}
    maximums = {
        g.upper_measure: float(g.upper)
        for g in goals
        if g.upper is not None and g.upper_checked and g.upper_measure != SODIUM
    }
    return minimums, maximums


def pool_per_step(
    pool: Pool,
    food_values: pl.DataFrame,
    recipe_servings: Mapping[int, Mapping[str, float]],
    keys: Sequence[str],
) -> dict[str, np.ndarray]:
    """key → the amount one portion step of each pool candidate brings (unknown: 0).
    `food_values`: per 100 g (food_id + keys); `recipe_servings`: per serving by recipe id."""
    per_100 = {
        row["food_id"]: row
        for row in food_values.select(
            "food_id",
            *(pl.col(k) if k in food_values.columns else pl.lit(None).alias(k) for k in keys),
        ).iter_rows(named=True)
    }
    found = {key: np.zeros(len(pool)) for key in keys}
    for i, candidate in enumerate(pool.candidates):
        if candidate.kind == ItemKind.FOOD:
            row, scale = per_100.get(candidate.ref_id, {}), candidate.grid.step_grams / 100.0
        else:
            row, scale = recipe_servings.get(candidate.ref_id, {}), candidate.grid.step_grams
        for key in keys:
            found[key][i] = (row.get(key) or 0.0) * scale
    return found
