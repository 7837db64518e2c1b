"""Realistic portions: an amount is a whole number of steps between a smallest and a largest
portion. A step is half a cup, one slice, one medium fruit, one large egg… (the first household
measure of the food's category that fits its portion range, as USDA spells it, so the amount
reads as a person measures it), or else 10 g (5 g for foods eaten by the spoonful: at most 60 g).
A whole-piece measure is served in at most four pieces (two snack bars). A recipe is served in
½, 1 or 1½ servings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from menuplanner.domain.foods import Portion

# Measures served whole (1 egg, 2 slices); others (cups) in halves.
_COUNTED = frozenset(
    "large medium small fruit slice roll pita tortilla piece bar link pancake waffle muffin bagel "
    "container pat egg tbsp tablespoon tsp olive jumbo oz".split()
)
# At most this many pieces of a counted measure, whatever the grams allow: four slices of a
# light bread (not five), two snack bars (not three small ones); a spoonful is not a piece.
MOST_PIECES = 4
MOST_OF = {"bar": 2, "olive": 12, "jumbo": 12}  # olives are counted one by one
_SPOONS = frozenset("tbsp tablespoon tsp pat oz".split())
RECIPE_STEP = 0.5  # servings
RECIPE_MIN, RECIPE_MAX = 0.5, 1.5  # ½, 1 or 1½ servings
_FIRST_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Grid:
    """Amounts `n × step_grams` for n in [n_min, n_max]; shown as `n × step_quantity` of `unit`."""

    step_grams: float  # grams per step (servings per step for a recipe)
    n_min: int
    n_max: int
    unit: str = "g"  # "g", "serving" or a household measure's description
    step_quantity: float = 10.0  # quantity of `unit` per step

    def quantity(self, steps: int) -> float:
        return round(steps * self.step_quantity, 4)

    def grams(self, steps: int) -> float:
        return steps * self.step_grams

    def fits(self) -> bool:
        return 1 <= self.n_min <= self.n_max


def measure_word(portion: Portion) -> str:
    """'medium (7" to 7-7/8" long)' → 'medium'; 'cup, chopped' → 'cup'."""
    found = _FIRST_WORD.search(portion.description.lower())
    return found.group(0) if found else ""


def food_grid(
    portions: tuple[Portion, ...], min_g: float, max_g: float, measures: tuple[str, ...]
) -> Grid:
    """The first of `measures` (in the food's portions) giving at least one amount between
    `min_g` and `max_g`; else grams in 10 g (or 5 g) steps."""
    for word in measures:
        for portion in portions:
            if measure_word(portion) != word or portion.grams_per_unit <= 0:
                continue
            per_step = 1.0 if word in _COUNTED else 0.5
            grid = _grid(
                portion.grams_per_unit * per_step, min_g, max_g, portion.description, per_step
            )
            if word in _COUNTED and word not in _SPOONS:
                most = MOST_OF.get(word, MOST_PIECES)
                grid = Grid(grid.step_grams, grid.n_min, min(grid.n_max, most), grid.unit, 1.0)
            if grid.fits():
                return grid
    step = 5.0 if max_g <= 60 else 10.0
    return _grid(step, min_g, max_g, "g", step)


def recipe_grid(serving_grams: float = 0.0, most_grams: float = 0.0) -> Grid:
    """½, 1 or 1½ servings; with `most_grams`, no more servings than weigh that much (a
    recipe of 490 g a serving is served once, not 1½ times)."""
    n_max = int(RECIPE_MAX / RECIPE_STEP)
    if serving_grams > 0 and most_grams > 0:
        n_max = min(n_max, math.floor(most_grams / (serving_grams * RECIPE_STEP) + 1e-9))
    return Grid(RECIPE_STEP, int(RECIPE_MIN / RECIPE_STEP), n_max, "serving", RECIPE_STEP)


def _grid(step_g: float, min_g: float, max_g: float, unit: str, per_step: float) -> Grid:
    n_min = max(1, math.ceil(min_g / step_g - 1e-9))
    n_max = math.floor(max_g / step_g + 1e-9)
    return Grid(step_g, n_min, n_max, unit, per_step)
