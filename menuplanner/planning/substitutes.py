"""Substitutes for one item: what else could take its place and keep the day closest to its
targets.

Alternatives come from the client's candidate pool (so they break no allergy, diet or dislike),
suit the item's meal, fill the same role in it and no role it does not (data/meals/: a starch
for a starch, a main or a complete dish for a complete dish; for an item outside the pool, a
centre or a recipe for a centre, a base for a breakfast base, a vegetable for a vegetable),
are not already on the day, not another food of a family already on the day, and not used up by
the weekly repetition limit. For each, every amount on its portion grid is tried and the one
leaving the day closest to its targets is kept (so amounts adjust: less of a denser food). They
are ranked by that closeness: the day's
mean deviation from its energy, protein, carbohydrate and fat targets (%), plus a quarter of any
shortfall of fibre or excess of sodium (%), plus a tenth of the profile distance as a tie-break,
one per food family (no five cheddars).

"Why this one": the profile distance (how far the alternative's energy split between protein,
carbohydrate and fat is from the item's, in percentage points) and the day's deviation before
and after the swap.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from menuplanner.domain.menus import ItemKind
from menuplanner.domain.targets import Targets
from menuplanner.planning.candidates import BASE, CENTRE, RECIPE, STARCH, VEGETABLE, Pool
from menuplanner.planning.meals import MealKind
from menuplanner.planning.store import PLANNED

KCAL_PER_G = np.array([4.0, 4.0, 9.0])  # protein, carbohydrate, fat
W_PROFILE = 0.1


@dataclass(frozen=True)
class Substitute:
    kind: ItemKind
    ref_id: int
    label: str
    quantity: float
    unit: str
    grams: float | None  # foods only
    nutrients: dict[str, float]  # of the alternative, as served (PLANNED keys)
    effect: dict[str, float]  # change of the day's totals (PLANNED keys)
    deviation_before: float  # the day's mean deviation from its four targets, %
    deviation_after: float
    profile_distance: float  # percentage points of the energy split
    same_kind: bool  # same food category as the item

    @property
    def why(self) -> str:
        closer = self.deviation_before - self.deviation_after
        trend = (
            f"{closer:.1f} points closer to"
            if closer > 0.05
            else f"{-closer:.1f} points further from"
            if closer < -0.05
            else "as close to"
        )
        return (
            f"Energy split {self.profile_distance:.0f} points from the item's"
            f"{' (same kind of food)' if self.same_kind else ''}; the day moves from "
            f"{self.deviation_before:.1f} % to {self.deviation_after:.1f} % mean deviation, "
            f"{trend} its targets."
        )


def role(category: str, meal: MealKind) -> str:
    """The part a food plays in a meal, for like-for-like swaps."""
    if meal == MealKind.BREAKFAST and (category in BASE or category == RECIPE):
        return "base"
    if category == RECIPE:
        return "dish"
    if category in CENTRE:
        return "centre"
    if category in STARCH:
        return "starch"
    return "vegetable" if category in VEGETABLE else "other"


_SWAPS = {"centre": {"centre", "dish"}, "dish": {"centre", "dish"}}


def _fills_same_role(roles: tuple[str, ...], item_roles: tuple[str, ...]) -> bool:
    """It fills the item's first role and no role the item does not (so the meal keeps its
    pattern): a starch for a starch; a main, or a dish of a main and a starch, for a dish of a
    main, a starch and a vegetable, not the other way round."""
    return bool(roles) and item_roles[0] in roles and set(roles) <= set(item_roles)


def targets_vector(t: Targets) -> np.ndarray:
    return np.array(
        [t.energy_kcal, t.protein_g, t.carbohydrate_g, t.fat_g, t.fibre_min_g, t.sodium_max_mg]
    )


def deviation(totals: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Mean |deviation| % of the four targets plus a quarter of fibre shortfall and sodium
    excess %, for totals of shape (..., 6)."""
    four = np.abs(totals[..., :4] - targets[:4]) / np.maximum(targets[:4], 1e-9) * 100
    fibre = np.maximum(0.0, targets[4] - totals[..., 4]) / max(targets[4], 1e-9) * 100
    sodium = np.maximum(0.0, totals[..., 5] - targets[5]) / max(targets[5], 1e-9) * 100
    return four.mean(axis=-1) + (fibre + sodium) / 4


def split(nutrients: np.ndarray) -> np.ndarray:
    """Energy shares (percentage points) of protein, carbohydrate and fat, shape (..., 3)."""
    kcal = nutrients[..., 1:4] * KCAL_PER_G
    total = kcal.sum(axis=-1, keepdims=True)
    return np.where(total > 0, 100 * kcal / np.maximum(total, 1e-9), 0.0)


def rank(
    pool: Pool,
    item_nutrients: np.ndarray,
    item_category: str,
    meal: MealKind,
    day_totals: np.ndarray,
    targets: Targets,
    excluded: Collection[int],
    banned_families: Collection[str],
    limit: int = 8,
    item_roles: tuple[str, ...] = (),
) -> list[Substitute]:
    """The best `limit` substitutes (see the module docstring). `item_roles`: the roles the
    item fills in its meal (categories.py); when known, an alternative fills the same roles."""
    target = targets_vector(targets)
    mine = role(item_category, meal)
    roles = _SWAPS.get(mine, {mine}) if item_category and not item_roles else None
    rest = day_totals - item_nutrients
    before = float(deviation(day_totals, target))
    item_split = split(item_nutrients)
    best: dict[str, tuple[float, Substitute]] = {}
    for i, c in enumerate(pool.candidates):
        if meal not in c.meals or i in excluded or c.family in banned_families:
            continue
        if roles is not None and role(c.category, meal) not in roles:
            continue
        if item_roles and not _fills_same_role(c.roles_at(meal), item_roles):
            continue
        steps = np.arange(c.grid.n_min, c.grid.n_max + 1)
        after = rest + np.outer(steps, pool.per_step[i])
        scores = deviation(after, target)
        k = int(np.argmin(scores))
        served = pool.per_step[i] * steps[k]
        distance = float(np.linalg.norm(split(served) - item_split))
        score = float(scores[k]) + W_PROFILE * distance
        if c.family in best and best[c.family][0] <= score:
            continue
        best[c.family] = (
            score,
            Substitute(
                c.kind,
                c.ref_id,
                c.label,
                c.grid.quantity(int(steps[k])),
                c.grid.unit,
                c.grid.grams(int(steps[k])) if c.kind == ItemKind.FOOD else None,
                dict(zip(PLANNED, served.tolist(), strict=True)),
                dict(zip(PLANNED, (served - item_nutrients).tolist(), strict=True)),
                before,
                float(scores[k]),
                distance,
                c.category == item_category,
            ),
        )
    ranked = sorted(best.values(), key=lambda pair: pair[0])
    return [substitute for _, substitute in ranked[:limit]]
