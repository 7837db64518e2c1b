"""The day model on tiny hand-made food sets whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from menuplanner.domain.menus import ItemKind
from menuplanner.domain.targets import Targets
from menuplanner.planning import diagnosis
from menuplanner.planning.candidates import Candidate, Pool
from menuplanner.planning.meals import MealKind
from menuplanner.planning.model import DayProblem, MealSpec, solve_day
from menuplanner.planning.portions import Grid

M = MealKind.MAIN


def _food(ref_id: int, category: str, per_100g: tuple, meals=frozenset({M}), n_max: int = 40):
    """A candidate in 10 g steps; per_100g: (kcal, protein, carbohydrate, fat, fibre, sodium)."""
    grid = Grid(10.0, 1, n_max, "g", 10.0)
    candidate = Candidate(
        ItemKind.FOOD, ref_id, f"Food {ref_id}", category, f"family {ref_id}", meals, grid
    )
    return candidate, np.array(per_100g, dtype=float)


def _pool(*foods) -> Pool:
    values = np.array([v for _, v in foods])
    return Pool([c for c, _ in foods], values / 10.0, values, np.full(len(foods), np.nan))


def _macros(p: float, c: float, f: float, fibre: float = 0.0, sodium: float = 0.0) -> tuple:
    return (4 * p + 4 * c + 9 * f, p, c, f, fibre, sodium)


LEAN = _food(1, "meat", _macros(30, 0, 4))
STARCH = _food(2, "grains", _macros(3, 28, 0.5))
FRUIT = _food(3, "fruit", _macros(2, 7, 0.5))
# 120 g lean + 200 g starch + 150 g fruit, exactly:
EXACT = Targets(
    energy_kcal=504.95,
    protein_g=45.0,
    carbohydrate_g=66.5,
    fat_g=6.55,
    fibre_min_g=0.0,
    sodium_max_mg=10_000.0,
)


def _problem(pool: Pool, targets: Targets, tolerance: float, hard: bool, **meal) -> DayProblem:
    spec = MealSpec(
        "Lunch",
        M,
        meal.get("min_new", 1),
        meal.get("max_new", 4),
        (0.0, 1e9),
        np.zeros(6),
        candidates=list(range(len(pool))),
    )
    return DayProblem(
        targets, tolerance, [spec], set(), np.zeros(len(pool)), hard=hard, time_limit_s=20.0
    )


def _amounts(pool: Pool, solution) -> dict[int, float]:
    return {
        pool.candidates[p.candidate].ref_id: pool.candidates[p.candidate].grid.grams(p.steps)
        for p in solution.picks
    }


@pytest.mark.parametrize("hard", [True, False])
def test_the_only_combination_within_a_tight_tolerance_is_found(hard: bool) -> None:
    pool = _pool(LEAN, STARCH, FRUIT)
    solution = solve_day(pool, _problem(pool, EXACT, 0.001, hard))
    assert _amounts(pool, solution) == {1: 120.0, 2: 200.0, 3: 150.0}
    assert solution.totals[:4] == pytest.approx([504.95, 45.0, 66.5, 6.55])


def test_a_food_that_does_not_help_is_left_out() -> None:
    candy = _food(4, "snacks", _macros(0, 90, 5))
    pool = _pool(LEAN, STARCH, FRUIT, candy)
    solution = solve_day(pool, _problem(pool, EXACT, 0.001, hard=True))
    assert _amounts(pool, solution) == {1: 120.0, 2: 200.0, 3: 150.0}


def test_portions_stay_on_their_grid_and_inside_their_limits() -> None:
    small = _food(5, "meat", _macros(30, 0, 4), n_max=5)  # at most 50 g
    pool = _pool(small, STARCH, FRUIT)
    solution = solve_day(pool, _problem(pool, EXACT, 0.05, hard=False))
    assert _amounts(pool, solution)[5] == 50.0
    assert diagnosis.gaps(solution.totals, EXACT, 0.05)  # protein cannot be reached


def test_items_per_meal_are_bounded() -> None:
    pool = _pool(LEAN, STARCH, FRUIT)
    solution = solve_day(pool, _problem(pool, EXACT, 0.05, hard=False, max_new=2))
    assert len(solution.picks) == 2


def test_an_impossible_target_is_missed_by_the_least_and_named() -> None:
    pool = _pool(LEAN, STARCH, FRUIT)
    targets = Targets(500, 200, 60, 6, 0, 10_000)  # 200 g protein in 500 kcal
    solution = solve_day(pool, _problem(pool, targets, 0.05, hard=False))
    assert solution.solved
    missed = {g.measure: g for g in diagnosis.gaps(solution.totals, targets, 0.05)}
    assert "protein_g" in missed and missed["protein_g"].actual < 190
    best = diagnosis.reach(pool, [0, 1, 2], np.zeros(6), targets, 0.05, 1, maximise=True)
    assert best == pytest.approx(30 * 525 / 156, rel=1e-6)  # all lean meat, energy at +5 %
    sentence = diagnosis.out_of_reach(missed["protein_g"], best, None, _client(), 3)
    assert sentence.startswith("With the day's energy within its tolerance, the 3 foods")
    assert "at most 101 g of protein, so 190 g is out of reach" in sentence


def test_a_hard_problem_without_a_solution_reports_none() -> None:
    pool = _pool(LEAN, STARCH, FRUIT)
    targets = Targets(500, 200, 60, 6, 0, 10_000)
    solution = solve_day(pool, _problem(pool, targets, 0.05, hard=True))
    assert not solution.solved and not solution.picks


def test_a_day_listed_as_not_again_is_not_returned() -> None:
    pool = _pool(LEAN, STARCH, FRUIT, _food(6, "meat", _macros(30, 0, 4)))
    problem = _problem(pool, EXACT, 0.001, hard=True)
    problem.not_again = [[(0, 0), (0, 1), (0, 2)]]
    solution = solve_day(pool, problem)
    assert _amounts(pool, solution) == {6: 120.0, 2: 200.0, 3: 150.0}


def _client():
    from menuplanner.domain.clients import Client, Sex

    return Client("Test", Sex.FEMALE)


def test_the_cheapest_menu_picks_the_cheaper_of_two_equal_foods() -> None:
    dear = _food(7, "meat", _macros(30, 0, 4))
    cheap = _food(8, "meat", _macros(30, 0, 4))
    pool = _pool(dear, cheap, STARCH, FRUIT)
    problem = _problem(pool, EXACT, 0.02, hard=True)
    problem.cost = np.array([5.0, 1.0, 1.0, 1.0])  # per step
    assert 8 in _amounts(pool, solve_day(pool, problem))
    problem.cost = np.array([1.0, 5.0, 1.0, 1.0])
    assert 7 in _amounts(pool, solve_day(pool, problem))
