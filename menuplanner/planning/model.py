"""One day as a mixed-integer programme, solved by HiGHS.

Variables, for every meal j to fill and every candidate c drawn for it: y[j,c] ∈ {0,1} (c is
served at j) and n[j,c] ∈ ℤ (its amount in portion steps), n_min·y ≤ n ≤ n_max·y.

Each of energy, protein, carbohydrate and fat m: kept_m + Σ a[c,m]·n[j,c] − T_m = d⁺ − d⁻ + e⁺ − e⁻
with 0 ≤ d± ≤ tolerance·T_m (inside the band) and e± ≥ 0 (outside it). Fibre: total + s_f ≥ min;
sodium: total − s_na ≤ max. Each meal's energy within its share of the day (meals.py), with
slacks u_j, o_j ≥ 0.

Hard rules: 1–4 items per meal (fewer for snacks); a candidate once a day; one food per family a
day (no chicken twice); one item per category in a meal; one starch a meal (bread, rice, pasta,
potatoes, cereal, or a recipe or prepared dish: composed); a lunch or dinner has a centre (meat,
fish, pulses, tofu, eggs, a dish, a soup, a main recipe), one at most (two on days whose protein
target is 25 % of energy or more), and (when it gets two items or more) a vegetable; a breakfast a
base (cereal, bread, eggs, yogurt…); butter and jam only with bread (or another starch base),
hummus and nut butter (and, at breakfast or as a snack, cheese and avocado) only with something to
eat them on or with, breakfast cereal only with milk or yogurt; no day identical to one listed as
"not again". With the meal patterns (patterns.toml): a drink (milk, juice) never alone in a
meal; every breakfast with something with protein (milk, yogurt, cheese, egg, nut butter; not
almond or rice milk); weekly limits across categories (nuts in at most four snacks a week).

Objective (minimise): 1,000 per % outside the tolerance of any target (3,000 for energy: the
closest day keeps the energy and misses a macro rather than the other way round), fibre below its
minimum or sodium above its maximum; 20 per % of day energy a meal strays outside its share; 1 per
% of deviation inside the tolerance (centres the day); a random preference per candidate (0–3)
drawn from the seed, so another seed gives another menu; −1.5 for a lunch or dinner with a
vegetable; when asked, the cost of the day (a day at the median price per kcal = 60).

So a day within tolerance is always preferred, and when none exists the solver returns the
closest day it can find (smallest weighted excess), which the caller reports as outside
tolerance with the excess per target. In the hard mode the search stops at the first day found,
and in the soft mode once a day within tolerance is found and little is left to gain; except for
the cheapest menu, where the cost is what is optimised (to a 2 % gap or the time limit).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from menuplanner.domain.targets import Targets
from menuplanner.planning.candidates import (
    CENTRE,
    DIP,
    DIPPER,
    FIBRE,
    MILKY,
    NA,
    NEEDS_MILK,
    RECIPE,
    SAVOURY_DIPPER,
    SPREAD_ON,
    STARCH,
    TOPPING,
    VEGETABLE,
    WITH_SOMETHING,
    Pool,
    is_base,
    is_centre,
    is_pasta,
    not_with_pasta,
)
from menuplanner.planning.categories import DRINK_ROLES
from menuplanner.planning.meals import MealKind
from menuplanner.planning.micronutrients import MICRO_WEIGHT, MicroRows
from menuplanner.planning.pairings import load_pairings
from menuplanner.planning.patterns import MealPlan, Pattern, WeeklyLimit

MACROS = ("energy_kcal", "protein_g", "carbohydrate_g", "fat_g")
W_ENERGY = 3.0  # missing energy weighs three times a macro: the closest day keeps the energy
W_OUTSIDE, W_BAND, W_INSIDE, W_VEG, W_COST = 1000.0, 20.0, 1.0, 1.5, 60.0
MARGIN = 0.999  # aim just inside the tolerance: totals are recomputed and compared exactly
INF = highspy.kHighsInf


@dataclass
class MealSpec:
    slot: str
    kind: MealKind
    min_new: int
    max_new: int
    energy_band: tuple[float, float]  # kcal, for this meal's whole energy
    kept: np.ndarray  # PLANNED nutrients of the items kept in this meal
    kept_categories: frozenset[str] = frozenset()
    needs_centre: bool = False
    needs_base: bool = False
    has_base: bool = False
    candidates: list[int] = field(default_factory=list)  # pool indices
    kept_roles: dict[str, int] = field(default_factory=dict)  # roles the kept items fill
    kept_grams: float = 0.0  # food of the kept items (drinks not counted)
    kept_items: tuple[tuple[str, str], ...] = ()  # (category, label) of the kept items
    # grams of the kept items that are a main (not a dish) and a starch (main_per_starch)
    kept_main_grams: float = 0.0
    kept_starch_grams: float = 0.0


@dataclass
class DayProblem:
    targets: Targets
    tolerance: float  # fraction, e.g. 0.05
    meals: list[MealSpec]
    banned_families: set[str]  # families already on the day (kept items)
    preference: np.ndarray  # per pool candidate, added once per use
    cost: np.ndarray | None = None  # per step, per pool candidate (cheapest mode)
    not_again: list[list[tuple[int, int]]] = field(default_factory=list)  # [(meal, cand)]
    time_limit_s: float = 3.0
    hard: bool = False  # every tolerance and meal share a hard limit; stop at the first day found
    portion_scale: float = 1.0  # a main's largest portion × this (categories.main_portion_scale)
    size_scale: float = 1.0  # the most one eats at a meal × this (patterns.meal_size_scale)
    max_centres: int = 1  # centres a lunch or dinner may have (two on high-protein days)
    micros: MicroRows | None = None  # micronutrient minimums and maximums (micronutrients.py)
    patterns: MealPlan | None = None  # meal patterns each meal follows (patterns.py)
    # category → uses left this week (categories.csv per_week less the week's uses so far)
    category_room: dict[str, int] = field(default_factory=dict)
    # weekly limits across categories (patterns.toml [[weekly]]) with the uses left this week
    weekly_room: list[tuple[WeeklyLimit, int]] = field(default_factory=list)


@dataclass
class Pick:
    meal: int  # index in DayProblem.meals
    candidate: int  # pool index
    steps: int


@dataclass
class DaySolution:
    picks: list[Pick]
    totals: np.ndarray  # PLANNED nutrients of the whole day (kept + picks)
    solved: bool  # HiGHS found a feasible assignment
    status: str  # HiGHS's model status
    seconds: float


def largest(grid, scale: float) -> int:
    return max(grid.n_min, int(grid.n_max * scale + 1e-9))


def _targets(t: Targets) -> np.ndarray:
    return np.array([t.energy_kcal, t.protein_g, t.carbohydrate_g, t.fat_g], dtype=float)


class _Builder:
    """Columns and rows in COO form, turned into HiGHS's column-wise arrays at the end."""

    def __init__(self) -> None:
        self.cost: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.integer: list[int] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.outside: list[int] = []  # columns measuring a miss outside the tolerance
        self.meal_slack: list[int] = []  # columns measuring a meal outside its energy share
        self.micro_slack: list[int] = []  # a micronutrient short of its minimum or over its max
        self.integral = True  # False: an LP relaxation

    def col(self, cost: float, low: float, high: float, integer: bool = False) -> int:
        self.cost.append(cost)
        self.lower.append(low)
        self.upper.append(high)
        self.integer.append(1 if integer else 0)
        return len(self.cost) - 1

    def row(self, entries: list[tuple[int, float]], low: float, high: float) -> None:
        index = len(self.row_lower)
        self.row_lower.append(low)
        self.row_upper.append(high)
        for col, val in entries:
            if val != 0.0:
                self.rows.append(index)
                self.cols.append(col)
                self.vals.append(val)

    def lp(self) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        n, m = len(self.cost), len(self.row_lower)
        lp.num_col_, lp.num_row_ = n, m
        lp.col_cost_ = np.array(self.cost)
        lp.col_lower_ = np.array(self.lower)
        lp.col_upper_ = np.array(self.upper)
        lp.row_lower_ = np.array(self.row_lower)
        lp.row_upper_ = np.array(self.row_upper)
        order = np.lexsort((np.array(self.rows), np.array(self.cols)))
        cols = np.array(self.cols, dtype=np.int32)[order]
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.searchsorted(cols, np.arange(n + 1)).astype(np.int32)
        lp.a_matrix_.index_ = np.array(self.rows, dtype=np.int32)[order]
        lp.a_matrix_.value_ = np.array(self.vals, dtype=float)[order]
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
            for i in self.integer
        ]
        return lp


def solve_day(pool: Pool, problem: DayProblem, relax: bool = False) -> DaySolution:
    """Solve one day; `relax` drops integrality (an LP bound for diagnosis)."""
    b = _Builder()
    b.integral = not relax
    targets = _targets(problem.targets)
    kept = sum((meal.kept for meal in problem.meals), np.zeros(6))
    pairs: list[tuple[int, int, int, int]] = []  # (meal, candidate, y column, n column)
    for j, meal in enumerate(problem.meals):
        for c in meal.candidates:
            cand = pool.candidates[c]
            y = b.col(float(problem.preference[c]), 0.0, 1.0, not relax)
            step_cost = 0.0 if problem.cost is None else float(problem.cost[c])
            roles = cand.roles_at(problem.meals[j].kind)
            bigger = "main" in roles and cand.category != RECIPE  # a recipe: ½–1½ servings
            most = largest(cand.grid, problem.portion_scale if bigger else 1.0)
            n = b.col(step_cost, 0.0, float(most), not relax)
            pairs.append((j, c, y, n))
            b.row([(n, 1.0), (y, -float(cand.grid.n_min))], 0.0, INF)
            b.row([(n, 1.0), (y, -float(most))], -INF, 0.0)
    _meal_rules(b, pool, problem, pairs)
    _day_rules(b, pool, problem, pairs)
    _nutrient_rows(b, pool, problem, pairs, targets, kept)
    if problem.micros is not None:
        _micro_rows(b, problem.micros, pairs)
    return _run(b, pool, problem, pairs, kept)


def _micro_rows(b: _Builder, micros: MicroRows, pairs) -> None:
    """Each micronutrient minimum (and maximum) of the day, with a penalised slack outside it.
    Soft in the hard mode too: there the search goes on past the first day inside every other
    limit until the micronutrients are met too, or a grace time later (see _first_then_micros)."""
    for k, minimum in enumerate(micros.minimum):
        if minimum <= 0:
            continue
        short = b.col(MICRO_WEIGHT * 100.0 / minimum, 0.0, INF)
        b.micro_slack.append(short)
        entries = [(n, micros.per_step_min[c, k]) for (_, c, _, n) in pairs] + [(short, 1.0)]
        b.row(entries, minimum - micros.kept_min[k], INF)
    for u, maximum in enumerate(micros.maximum):
        over = b.col(MICRO_WEIGHT * 100.0 / max(maximum, 1e-9), 0.0, INF)
        b.micro_slack.append(over)
        entries = [(n, micros.per_step_max[c, u]) for (_, c, _, n) in pairs] + [(over, -1.0)]
        b.row(entries, -INF, maximum - micros.kept_max[u])


def _meal_rules(b: _Builder, pool: Pool, problem: DayProblem, pairs) -> None:
    for j, meal in enumerate(problem.meals):
        mine = [(c, y) for (jj, c, y, _) in pairs if jj == j]
        amounts = [(c, n) for (jj, c, _, n) in pairs if jj == j]
        b.row([(y, 1.0) for _, y in mine], float(meal.min_new), float(meal.max_new))
        if meal.max_new == 0:
            continue
        by_category: dict[str, list[int]] = {}
        for c, y in mine:
            category = pool.candidates[c].category
            if category != RECIPE:
                by_category.setdefault(category, []).append(y)
        for category, ys in by_category.items():
            room = 0.0 if category in meal.kept_categories else 1.0
            if len(ys) > 1 or room == 0.0:
                b.row([(y, 1.0) for y in ys], 0.0, room)
        if problem.patterns is not None:
            _drink_rows(b, pool, meal, mine)
            _breakfast_protein_rows(b, pool, problem.patterns, meal, mine)
        if problem.patterns is not None and _pattern_rows(b, pool, problem, meal, mine, amounts):
            _coherence_rows(b, pool, meal, mine)
            continue
        if meal.needs_centre:
            b.row([(y, 1.0) for c, y in mine if is_centre(pool.candidates[c])], 1.0, INF)
        if meal.needs_base:
            b.row([(y, 1.0) for c, y in mine if is_base(pool.candidates[c])], 1.0, INF)
        if meal.kind == MealKind.MAIN:  # one centre in a lunch or dinner (two: high protein)
            centres = [y for c, y in mine if is_centre(pool.candidates[c])]
            room = float(problem.max_centres - bool(meal.kept_categories & (CENTRE | {RECIPE})))
            if len(centres) > room:
                b.row([(y, 1.0) for y in centres], 0.0, max(0.0, room))
            vegetables = [
                y
                for c, y in mine
                if pool.candidates[c].category in VEGETABLE or pool.candidates[c].category == RECIPE
            ]
            if vegetables and not meal.kept_categories & (VEGETABLE | {RECIPE}):
                has_vegetable = b.col(-W_VEG, 0.0, 1.0, b.integral)  # rewarded once a meal
                b.row([(has_vegetable, 1.0)] + [(y, -1.0) for y in vegetables], -INF, 0.0)
                if problem.hard and meal.max_new >= 2:  # vegetables (or a recipe) required
                    b.row([(y, 1.0) for y in vegetables], 1.0, INF)
        starches = [y for c, y in mine if pool.candidates[c].category in STARCH]
        if len(starches) > 1 or (starches and meal.kept_categories & STARCH):
            b.row([(y, 1.0) for y in starches], 0.0, 0.0 if meal.kept_categories & STARCH else 1.0)
        _coherence_rows(b, pool, meal, mine)


def is_drink(roles: tuple[str, ...]) -> bool:
    return bool(roles) and set(roles) <= DRINK_ROLES


def _drink_rows(b: _Builder, pool: Pool, meal: MealSpec, mine) -> None:
    """A drink never makes a meal by itself: with a drink (milk, juice) the meal has something
    to eat too (Σ drinks ≤ |drinks| · Σ foods; a kept food meets it)."""
    if meal.kept_grams > 0:
        return
    drinks, foods = [], []
    for c, y in mine:
        (drinks if is_drink(pool.candidates[c].roles_at(meal.kind)) else foods).append(y)
    if meal.kept_roles.keys() & DRINK_ROLES:  # a kept drink: some food must come
        b.row([(y, 1.0) for y in foods], 1.0, INF)
    elif drinks:
        k = float(len(drinks))
        b.row([(y, 1.0) for y in drinks] + [(y, -k) for y in foods], -INF, 0.0)


def has_protein(pool: Pool, index: int, kind: MealKind, rule) -> bool:
    """Something with protein at breakfast (patterns.BreakfastProtein); a recipe by its roles."""
    c = pool.candidates[index]
    per_100 = float(pool.per_100[index, 1]) if c.category != RECIPE else None
    return rule.counts(c.roles_at(kind), c.category, per_100)


def _breakfast_protein_rows(b: _Builder, pool: Pool, plan: MealPlan, meal: MealSpec, mine):
    """Every breakfast has something with protein (milk, yogurt, cheese, egg, nut butter…),
    unless a kept item is one."""
    rule = plan.breakfast_protein
    if rule is None or meal.kind != MealKind.BREAKFAST or meal.max_new == 0:
        return
    if meal.kept_roles.keys() & rule.roles or meal.kept_categories & rule.categories:
        return
    b.row([(y, 1.0) for c, y in mine if has_protein(pool, c, meal.kind, rule)], 1.0, INF)


def _pattern_rows(
    b: _Builder, pool: Pool, problem: DayProblem, meal: MealSpec, mine, amounts
) -> bool:
    """The meal follows one of its kind's patterns (those of the day's protein share that its
    kept items fit): z[p] = 1 for the one chosen, and for every role the items filling it (kept
    ones included) are between that pattern's fewest and most; a pattern allowing a second main
    takes it only from its side categories (beans, not a second meat); its food weighs at most
    what one person eats at that meal. False when no pattern fits the kept items (the general
    meal rules apply instead)."""
    plan, scale = problem.patterns, problem.size_scale
    day_patterns = plan.of(meal.kind, problem.targets.protein_pct)
    patterns = [p for p in day_patterns if _fits(p, meal.kept_roles)]
    if not patterns:
        return False
    zs = [b.col(0.0, 0.0, 1.0, b.integral) for _ in patterns]
    b.row([(z, 1.0) for z in zs], 1.0, 1.0)
    roles = {r for p in patterns for r, _, _ in p.roles}
    for c, _ in mine:
        roles.update(pool.candidates[c].roles_at(meal.kind))
    for role in sorted(roles):
        filling = [(y, 1.0) for c, y in mine if role in pool.candidates[c].roles_at(meal.kind)]
        kept = float(meal.kept_roles.get(role, 0))
        fewest = [(z, -float(p.bounds(role)[0])) for z, p in zip(zs, patterns, strict=True)]
        most = [(z, -float(p.bounds(role)[1])) for z, p in zip(zs, patterns, strict=True)]
        b.row(filling + fewest, -kept, INF)
        b.row(filling + most, -INF, -kept)
    for z, p in zip(zs, patterns, strict=True):
        if p.second_main:  # at most one main outside the side categories (+ K·(1 − z))
            others = [
                y
                for c, y in mine
                if "main" in pool.candidates[c].roles_at(meal.kind)
                and pool.candidates[c].category not in p.second_main
            ]
            kept = sum(1 for c in meal.kept_categories - p.second_main if c in CENTRE | {RECIPE})
            if len(others) + kept > 1:
                k = float(len(others))
                b.row([(y, 1.0) for y in others] + [(z, k)], -INF, 1.0 - kept + k)
    if meal.kind == MealKind.MAIN and plan.main_per_starch:
        _main_per_starch_row(b, pool, meal, amounts, plan.main_per_starch)
    weights = [(n, float(pool.grams_per_step[c])) for c, n in amounts]
    if any(w for _, w in weights):
        most = plan.most_grams[meal.kind] * scale
        b.row(weights, -INF, max(0.0, most - meal.kept_grams))

    return True


def _main_per_starch_row(b: _Builder, pool: Pool, meal: MealSpec, amounts, share: float):
    """Grams of the mains ≥ share × grams of the starches, kept items counted (a dish filling
    both counts on both sides, which it always meets)."""
    entries = []
    for c, n in amounts:
        roles = pool.candidates[c].roles_at(meal.kind)
        grams = float(pool.grams_per_step[c])
        weight = grams * (("main" in roles) - share * ("starch" in roles))
        if weight:
            entries.append((n, weight))
    kept = meal.kept_main_grams - share * meal.kept_starch_grams
    if entries:
        b.row(entries, -kept, INF)


def _fits(pattern: Pattern, kept_roles: dict[str, int]) -> bool:
    return all(n <= pattern.bounds(role)[1] for role, n in kept_roles.items() if n)


def _coherence_rows(b: _Builder, pool: Pool, meal: MealSpec, mine) -> None:
    """Toppings need a base, dips a dipper, breakfast cereal a milk; beans or eggs come with
    rice, bread or potatoes rather than pasta; no pair pairings.csv keeps apart (for each second
    item: Σ firsts + |firsts|·y_second ≤ |firsts|; a kept item of one side keeps the other
    side's new items out)."""
    for pairing in load_pairings():
        if meal.kind not in pairing.meals:
            continue
        firsts = [y for c, y in mine if _side_matches(pairing.first, pool.candidates[c])]
        seconds = [y for c, y in mine if _side_matches(pairing.second, pool.candidates[c])]
        # a kept item of one side keeps every new item of the other out
        kept_first = any(pairing.first.matches(c, label) for c, label in meal.kept_items)
        kept_second = any(pairing.second.matches(c, label) for c, label in meal.kept_items)
        if kept_first and seconds:
            b.row([(y, 1.0) for y in seconds], 0.0, 0.0)
        if kept_second and firsts:
            b.row([(y, 1.0) for y in firsts], 0.0, 0.0)
        k = float(len(firsts))
        for y_second in seconds if firsts else []:
            b.row([(y, 1.0) for y in firsts if y != y_second] + [(y_second, k)], -INF, k)
    pasta = [y for c, y in mine if is_pasta(pool.candidates[c])]
    for y_main in [y for c, y in mine if not_with_pasta(pool.candidates[c])]:
        for y_pasta in pasta:
            b.row([(y_main, 1.0), (y_pasta, 1.0)], -INF, 1.0)
    toppings = [y for c, y in mine if pool.candidates[c].category in TOPPING]
    if toppings and not meal.kept_categories & SPREAD_ON:
        bases = [y for c, y in mine if pool.candidates[c].category in SPREAD_ON]
        b.row([(y, 1.0) for y in toppings] + [(y, -1.0) for y in bases], -INF, 0.0)
    dipped = DIP | (WITH_SOMETHING if meal.kind != MealKind.MAIN else frozenset())
    for dip in sorted(dipped):  # hummus with vegetables, crackers or bread, not with fruit
        on = SAVOURY_DIPPER if dip == "hummus" else DIPPER
        dips = [y for c, y in mine if pool.candidates[c].category == dip]
        if dips and not meal.kept_categories & on:
            dippers = [y for c, y in mine if pool.candidates[c].category in on]
            b.row([(y, 1.0) for y in dips] + [(y, -1.0) for y in dippers], -INF, 0.0)
    cereals = [y for c, y in mine if pool.candidates[c].category in NEEDS_MILK]
    if cereals and not meal.kept_categories & MILKY:
        milks = [y for c, y in mine if pool.candidates[c].category in MILKY]
        b.row([(y, 1.0) for y in cereals] + [(y, -1.0) for y in milks], -INF, 0.0)


def _side_matches(side, candidate) -> bool:
    return side.matches(candidate.category, candidate.label)


def _day_rules(b: _Builder, pool: Pool, problem: DayProblem, pairs) -> None:
    by_candidate: dict[int, list[int]] = {}
    by_family: dict[str, list[int]] = {}
    for _, c, y, _ in pairs:
        by_candidate.setdefault(c, []).append(y)
        by_family.setdefault(pool.candidates[c].family, []).append(y)
    for ys in by_candidate.values():
        if len(ys) > 1:
            b.row([(y, 1.0) for y in ys], 0.0, 1.0)
    for name, ys in by_family.items():
        room = 0.0 if name in problem.banned_families else 1.0
        if len(ys) > 1 or room == 0.0:
            b.row([(y, 1.0) for y in ys], 0.0, room)
    by_category: dict[str, list[int]] = {}
    for _, c, y, _ in pairs:
        by_category.setdefault(pool.candidates[c].category, []).append(y)
    for category, room in problem.category_room.items():
        ys = by_category.get(category, [])
        if len(ys) > room:  # two snacks of one day cannot both take the week's last bar
            b.row([(y, 1.0) for y in ys], 0.0, float(max(room, 0)))
    for limit, room in problem.weekly_room:  # nuts in at most four snacks a week
        ys = [
            y
            for (j, c, y, _) in pairs
            if limit.matches(
                problem.meals[j].kind, pool.candidates[c].category, pool.candidates[c].label
            )
        ]
        if len(ys) > room:
            b.row([(y, 1.0) for y in ys], 0.0, float(max(room, 0)))
    for day in problem.not_again:
        chosen = set(day)
        ys = [y for (j, c, y, _) in pairs if (j, c) in chosen]
        if len(ys) == len(chosen):
            b.row([(y, 1.0) for y in ys], 0.0, float(len(ys) - 1))


def _nutrient_rows(b: _Builder, pool: Pool, problem: DayProblem, pairs, targets, kept) -> None:
    per_step = pool.per_step
    band = problem.tolerance * MARGIN
    for m, target in enumerate(targets):
        scale = 100.0 / max(target, 1e-6)  # objective per % of the target
        over_in = b.col(W_INSIDE * scale, 0.0, band * target)
        under_in = b.col(W_INSIDE * scale, 0.0, band * target)
        weight = W_OUTSIDE * (W_ENERGY if m == 0 else 1.0)
        over_out = b.col(weight * scale, 0.0, INF)
        under_out = b.col(weight * scale, 0.0, INF)
        b.outside += [over_out, under_out]
        entries = [(n, per_step[c, m]) for (_, c, _, n) in pairs]
        entries += [(over_in, -1.0), (under_in, 1.0), (over_out, -1.0), (under_out, 1.0)]
        rhs = target - kept[m]
        b.row(entries, rhs, rhs)
    t = problem.targets
    short = b.col(W_OUTSIDE * 100.0 / max(t.fibre_min_g, 1e-6), 0.0, INF)
    b.row(
        [(n, per_step[c, FIBRE]) for (_, c, _, n) in pairs] + [(short, 1.0)],
        t.fibre_min_g - kept[FIBRE],
        INF,
    )
    salt = b.col(W_OUTSIDE * 100.0 / max(t.sodium_max_mg, 1e-6), 0.0, INF)
    b.outside += [short, salt]
    b.row(
        [(n, per_step[c, NA]) for (_, c, _, n) in pairs] + [(salt, -1.0)],
        -INF,
        t.sodium_max_mg - kept[NA],
    )
    energy_scale = W_BAND * 100.0 / max(t.energy_kcal, 1e-6)
    for j, meal in enumerate(problem.meals):
        if meal.max_new == 0:
            continue
        low, high = meal.energy_band
        under, over = b.col(energy_scale, 0.0, INF), b.col(energy_scale, 0.0, INF)
        b.meal_slack += [under, over]
        entries = [(n, per_step[c, 0]) for (jj, c, _, n) in pairs if jj == j]
        b.row(entries + [(under, 1.0)], low - meal.kept[0], INF)
        b.row(entries + [(over, -1.0)], -INF, high - meal.kept[0])


_first = threading.Lock()
_banner_shown = False
# HiGHS makes its thread pool once per calling thread, with the thread count of the first
# solver that runs there; every solver asks for the same. Two on Linux: the root's cut rounds of
# a day run in parallel (the 21 hard days of three demo weeks: 11.4 s on one thread, 9.6 s on
# two, same iterations; the week stays the same run to run); more would only compete with the
# app's other sessions. One elsewhere: HiGHS's parallel MIP has open crash reports on Windows
# (ERGO-Code/HiGHS#2885) and macOS (#1670).
SOLVER_THREADS = min(2, os.cpu_count() or 1) if sys.platform == "linux" else 1


def new_highs() -> highspy.Highs:
    """A silent solver. HiGHS prints a banner to the process's stdout when the first instance
    is made, before any option can be set; that one is made with stdout pointed at /dev/null, so
    the CLI's output (and --json) stays clean."""
    global _banner_shown
    with _first:
        if _banner_shown:
            h = highspy.Highs()
        else:
            sys.stdout.flush()
            saved, devnull = os.dup(1), os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, 1)
                h = highspy.Highs()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
                os.close(devnull)
            _banner_shown = True
    h.silent()
    h.setOptionValue("threads", SOLVER_THREADS)
    return h


def _run(b: _Builder, pool: Pool, problem: DayProblem, pairs, kept) -> DaySolution:
    h = new_highs()
    h.setOptionValue("time_limit", float(problem.time_limit_s))
    h.setOptionValue("mip_rel_gap", 0.02)
    h.setOptionValue("random_seed", 0)
    if problem.hard:
        # Searching for the first day inside every limit, presolve costs more than it saves
        # (measured: the demo week 5.3–6.3 s -> 4.5–5.4 s; the soft search keeps it).
        h.setOptionValue("presolve", "off")
        # The first day is found by RENS after the root's cuts; the reduced-cost heuristic and
        # feasibility jump run before it and (on these days) never find one: off, the 21 hard
        # solves of three demo weeks take 11.1 s instead of 15.3 s.
        h.setOptionValue("mip_heuristic_run_root_reduced_cost", False)
        h.setOptionValue("mip_heuristic_run_feasibility_jump", False)
        for col in b.outside + b.meal_slack:
            b.upper[col] = 0.0
        if problem.cost is None:  # any day inside the limits will do: stop at the first
            h.setOptionValue("mip_max_improving_sols", 1)
    lp = b.lp()
    micro = np.array(b.micro_slack, dtype=np.int64)
    if problem.hard and problem.cost is None and len(micro):
        _first_then_micros(h, lp, micro, problem.time_limit_s, problem.micros.grace_s)
    else:
        h.passModel(lp)
        if not problem.hard and problem.cost is None:
            _stop_when_good_enough(h, np.array(b.outside + b.micro_slack, dtype=np.int64))
        h.run()
    status = h.getModelStatus()
    values = np.array(h.getSolution().col_value) if h.getInfo().primal_solution_status else None
    picks: list[Pick] = []
    totals = kept.copy()
    if values is not None and len(values):
        for j, c, y, n in pairs:
            steps = int(round(values[n]))
            if values[y] > 0.5 and steps > 0:
                picks.append(Pick(j, c, steps))
                totals = totals + pool.per_step[c] * steps
    return DaySolution(
        picks,
        totals,
        values is not None and bool(len(values)),
        h.modelStatusToString(status),
        h.getRunTime(),
    )


GOOD_GAP, GOOD_GRACE_S = 0.05, 0.2


def _first_then_micros(
    h: highspy.Highs, lp: highspy.HighsLp, micro: np.ndarray, limit: float, grace: float
):
    """Hard mode with micronutrients, in two runs: the first day inside every limit, found as
    fast as without micronutrients (their slacks cost nothing in this run); then, from that
    day, the search for one meeting the micronutrients too, stopped when found or `grace`
    seconds later (the best by then is kept; over the week's average, the next days make
    up what is missing)."""
    costs = np.array(lp.col_cost_, dtype=float)
    lp.col_cost_ = np.where(np.isin(np.arange(len(costs)), micro), 0.0, costs)
    h.passModel(lp)
    started = time.perf_counter()
    h.run()
    if not h.getInfo().primal_solution_status:
        return
    start = h.getSolution()
    h.changeColsCost(len(micro), micro.astype(np.int32), costs[micro])
    h.setOptionValue("mip_max_improving_sols", 2**31 - 1)
    h.setOptionValue("mip_heuristic_run_root_reduced_cost", True)  # improving now: all of them
    h.setOptionValue("time_limit", max(grace, limit - (time.perf_counter() - started)))
    h.setSolution(start)
    second = time.perf_counter()

    def interrupt(event) -> None:
        solution = np.asarray(event.data_out.mip_solution)
        met = len(solution) and float(solution[micro].max(initial=0.0)) <= 1e-6
        if met or time.perf_counter() - second >= grace:
            event.interrupt()

    h.cbMipInterrupt.subscribe(interrupt)
    h.run()


def _stop_when_good_enough(h: highspy.Highs, outside: np.ndarray) -> None:
    """Stop the search once a day inside every tolerance is found and either it is within 5 %
    of optimal or 0.2 s have passed since: beyond that the objective only ranks equally valid
    days (centring, the seed's preferences), not worth the user's wait."""
    found: list[float] = []

    def improving(event) -> None:
        solution = np.asarray(event.data_out.mip_solution)
        if not found and len(solution) and float(solution[outside].max(initial=0.0)) <= 1e-6:
            found.append(event.data_out.running_time)

    def interrupt(event) -> None:
        out = event.data_out
        if found and (out.mip_gap <= GOOD_GAP or out.running_time - found[0] >= GOOD_GRACE_S):
            event.interrupt()

    h.cbMipImprovingSolution.subscribe(improving)
    h.cbMipInterrupt.subscribe(interrupt)
