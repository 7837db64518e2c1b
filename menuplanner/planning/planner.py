"""Day-by-day decomposition: a week is planned one day at a time (one joint 7-day model takes
~15 s, seven day models well under a second each), carrying over what has been used.

Across days: a food or recipe appears at most `repeat_limit` times in a week (the menu's days
0–6, 7–13, …), counting the items already on the menu, and so does a name a client reads
(three USDA entries of white rice are "Rice, white" three times); no two days of the menu are
identical (a day equal to another is cut off and solved again).

Each day: candidates are drawn at random per category and meal (seeded by the settings' seed and
the day, so "regenerate" with another seed gives another valid day) and the day is solved with
every tolerance and meal share as hard limits, stopping at the first day found (~0.1–1 s);
its amounts are then chosen again with the items fixed, to centre the day on its targets rather
than leave it on the edge of the tolerance (milliseconds). When there is no such day (or none
within 40 % of the time limit), the same search runs over five times as many candidates, and
then the soft model (model.py) over those finds the day within tolerance, or the closest day,
which is kept and reported with its gaps and their reasons (diagnosis.py), after one more solve
without the repetition limit to tell whether that limit is the cause.
"""

from __future__ import annotations

import copy
import functools
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from menuplanner.domain.clients import Client
from menuplanner.domain.display_names import display_name
from menuplanner.domain.menus import ItemKind, MenuItem
from menuplanner.domain.targets import Targets
from menuplanner.planning import diagnosis
from menuplanner.planning.candidates import (
    BASE,
    CENTRE,
    RECIPE,
    Pool,
    draw,
    is_base,
    is_centre,
    richest_in_protein,
)
from menuplanner.planning.categories import HIGH_PROTEIN_PCT, main_portion_scale
from menuplanner.planning.diagnosis import Gap
from menuplanner.planning.meal_check import variety_main
from menuplanner.planning.meals import MealKind, energy_bands, meal_kind
from menuplanner.planning.micro_diagnosis import micro_verdict
from menuplanner.planning.micronutrients import MicroGap, MicroPlan
from menuplanner.planning.model import (
    W_COST,
    DayProblem,
    DaySolution,
    MealSpec,
    solve_day,
)
from menuplanner.planning.patterns import MealPlan, load_patterns, meal_size_scale
from menuplanner.planning.settings import GenerateSettings
from menuplanner.planning.suitability import CATEGORIES

WEEK = 7
MAIN_ROLES = frozenset({"main", "soup"})  # the protein centre of a lunch or dinner
WIDER = 5  # the second attempt draws this many times more candidates
PROTEIN_RICH = 12  # on such days, the richest in protein drawn for every meal as well
# Shares of the day's time limit: the first (hard) attempt, the soft one, the amounts-only solve
# that centres a day found, and the re-solve without the repetition limit of the diagnosis.
HARD_SHARE, SOFT_SHARE, POLISH_SHARE, EXPLAIN_SHARE = 0.4, 0.5, 0.05, 0.3


@dataclass(frozen=True, slots=True)
class Kept:
    """An item staying on the day: where it is and what it brings."""

    slot: str
    kind: ItemKind
    ref_id: int
    nutrients: np.ndarray  # PLANNED values of the item as served
    category: str = ""  # its pool category, when the pool has it
    family: str = ""
    roles: tuple[str, ...] = ()  # the roles it fills in its meal (categories.py)
    grams: float = 0.0  # food it adds to its meal (drinks not counted)
    label: str = ""  # its name (for the pairing rules)


@dataclass
class DayPlan:
    day: int
    items: list[MenuItem]  # the new items (no ids yet), meal by meal
    totals: np.ndarray  # PLANNED nutrients of the whole day
    gaps: list[Gap]  # targets missed; empty when within tolerance
    reasons: list[str] = field(default_factory=list)  # why, when gaps
    seconds: float = 0.0
    filled: list[str] = field(default_factory=list)  # meals that could take items
    micro_gaps: list[MicroGap] = field(default_factory=list)  # micronutrient goals missed

    @property
    def within(self) -> bool:
        return not self.gaps


class Planner:
    """Plans days for one client from one pool; remembers uses for the repetition limit."""

    def __init__(
        self,
        pool: Pool,
        settings: GenerateSettings,
        slots: tuple[str, ...],
        client: Client,
        unrestricted: Callable[[], Pool] | None = None,
        micros: MicroPlan | None = None,
        patterns: MealPlan | None = None,
    ) -> None:
        self.pool = pool
        self.micros = micros  # micronutrient goals of this run (micronutrients.py), if any
        self.settings = settings
        self.slots = slots
        self.client = client
        self._unrestricted = unrestricted  # every suitable food, for the diagnosis (lazy)
        self._unrestricted_pool: Pool | None = None
        self.uses: dict[int, Counter] = {}  # week → Counter of (kind, ref_id)
        self.category_uses: dict[int, Counter] = {}  # week → Counter of categories
        self.weekly_uses: dict[int, Counter] = {}  # week → Counter of weekly limits' names
        self.shown_uses: dict[int, Counter] = {}  # week → Counter of names a client reads
        self._shown: list[str] | None = None
        # day → slot → (category, family, grams) of its lunch's or dinner's mains
        self.mains: dict[int, dict[str, list[tuple[str, str, float]]]] = {}
        self.patterns = patterns or load_patterns()  # the workspace's, else the file's
        self.cost = _cost_per_step(pool) if settings.cheapest else None

    def count(
        self, day: int, kind: ItemKind, ref_id: int, slot: str = "", grams: float = 0.0
    ) -> None:
        self.uses.setdefault(day // WEEK, Counter())[(ItemKind(kind), ref_id)] += 1
        index = self.pool.index.get((ItemKind(kind), ref_id))
        if index is None:
            return
        candidate = self.pool.candidates[index]
        self.category_uses.setdefault(day // WEEK, Counter())[candidate.category] += 1
        self.shown_uses.setdefault(day // WEEK, Counter())[self.shown[index]] += 1
        for limit in self.patterns.weekly:
            if slot and limit.matches(meal_kind(slot), candidate.category, candidate.label):
                self.weekly_uses.setdefault(day // WEEK, Counter())[limit.name] += 1
        if slot and meal_kind(slot) == MealKind.MAIN:
            if MAIN_ROLES & set(candidate.roles_at(MealKind.MAIN)):
                main = (candidate.category, candidate.family, grams)
                self.mains.setdefault(day, {}).setdefault(slot, []).append(main)

    def _main_families(self, day: int) -> set[str]:
        """Families of the day's lunch and dinner mains, for the consecutive-day rule (beans or
        tofu on the side of another main do not count: meal_check.variety_main)."""
        slots = self.mains.get(day, {}).values()
        return {variety_main(mains, self.patterns.sides) for mains in slots}

    def _variety(self, day: int) -> set[int]:
        """Candidates the week's variety rules leave out of this day: categories used as many
        times this week as categories.csv allows (popcorn twice), and the previous day's (and
        next day's, when planned) protein mains."""
        used = self.category_uses.get(day // WEEK, Counter())
        full = {key for key, n in used.items() if (c := CATEGORIES.get(key)) and c.per_week}
        full = {key for key in full if used[key] >= CATEGORIES[key].per_week}
        recent = self._main_families(day - 1) | self._main_families(day + 1)
        return {
            i
            for i, c in enumerate(self.pool.candidates)
            if c.category in full
            or (c.family in recent and MAIN_ROLES & set(c.roles_at(MealKind.MAIN)))
        }

    def used_up(self, day: int) -> set[int]:
        """Candidates the repetition limit leaves out of `day`: used `repeat_limit` times this
        week, by themselves or by the name a client reads."""
        limit = self.settings.repeat_limit
        used = self.uses.get(day // WEEK, Counter())
        shown = self.shown_uses.get(day // WEEK, Counter())
        spent = {
            i
            for key, n in used.items()
            if n >= limit and (i := self.pool.index.get(key)) is not None
        }
        return spent | {i for i, name in enumerate(self.shown) if shown.get(name, 0) >= limit}

    @property
    def shown(self) -> list[str]:
        """Each candidate's name as a client reads it (display_names.py): the repetition limit
        counts these, so three USDA entries of white rice are white rice three times."""
        if self._shown is None:
            self._shown = [
                _shown_name(c.label) if c.kind == ItemKind.FOOD else f"recipe {c.ref_id}"
                for c in self.pool.candidates
            ]
        return self._shown

    def _category_room(self, day: int) -> dict[str, int]:
        """Uses left this week of each category with a weekly limit (categories.csv)."""
        used = self.category_uses.get(day // WEEK, Counter())
        return {key: c.per_week - used.get(key, 0) for key, c in CATEGORIES.items() if c.per_week}

    def _weekly_room(self, day: int) -> list:
        """Each weekly limit across categories (patterns.toml) with its uses left this week."""
        used = self.weekly_uses.get(day // WEEK, Counter())
        return [(limit, limit.per_week - used.get(limit.name, 0)) for limit in self.patterns.weekly]

    def plan_day(
        self,
        day: int,
        targets: Targets,
        kept: list[Kept],
        other_days: list[frozenset] = (),
        kept_micros: dict[str, float] | None = None,
    ) -> DayPlan:
        """Fill the day's meals around `kept`. `other_days`: signatures (see `signature`) of
        the menu's other days, which this day must not equal; `kept_micros`: what the kept
        items bring of each micronutrient the run plans with."""
        started = time.perf_counter()
        rng = np.random.default_rng([self.settings.seed, day])
        preference = rng.uniform(0.0, 3.0, len(self.pool))
        spent = self.used_up(day)
        repeated = set(spent)
        variety = self._variety(day)
        spent |= variety
        problem = self._problem(targets, kept, preference)
        problem.category_room = self._category_room(day)
        problem.weekly_room = self._weekly_room(day)
        kept_micros = kept_micros or {}
        if self.micros is not None:
            problem.micros = self.micros.rows(day, kept_micros)
        best = None
        tol = self.settings.tolerance
        # Hard first from few candidates, then hard from five times as many (when the first
        # draw cannot make a day: two of the accuracy set's vegan days at 23 % protein), then
        # soft.
        for per_category, hard in (
            (self.settings.per_category, True),
            (self.settings.per_category * WIDER, True),
            (self.settings.per_category * WIDER, False),
        ):
            problem.hard = hard
            problem.time_limit_s = self.settings.time_limit_s * (HARD_SHARE if hard else SOFT_SHARE)
            found = self._solve(problem, rng, spent, per_category, other_days, kept)
            if found.solved:  # the polished day, unless it misses more than before
                found = _closer(self._polish(problem, found), found, targets, tol)
            best = found if best is None else _closer(best, found, targets, tol)
            if best.solved and not diagnosis.gaps(best.totals, targets, tol):
                break
        # No day at all: the meal patterns cannot be filled from what the week leaves (every
        # wheat-free breakfast starch used up). Then without the week's variety rules, then
        # without the repetition limit (keeping the variety rules), then without either, and as
        # a last resort without the patterns: a day the meal check flags beats an empty day.
        for leave_out in (repeated, variety, set()):
            if best.solved:
                break
            problem.hard = False
            best = self._solve(
                problem, rng, leave_out, self.settings.per_category * WIDER, other_days, kept
            )
        if not best.solved:
            problem.patterns = None
            best = self._solve(
                problem, rng, repeated, self.settings.per_category * WIDER, other_days, kept
            )
        self._last_solved = best.solved
        plan = self._plan(day, problem, best, targets)
        if plan.gaps:
            plan.reasons = self._explain(problem, plan, targets, kept, rng, spent, other_days)
        if self.micros is not None:
            kept_energy = float(sum(k.nutrients[0] for k in kept))
            plan.micro_gaps, reasons = micro_verdict(
                self.micros,
                self.pool,
                day,
                problem,
                best,
                targets,
                kept_energy,
                kept_micros,
                self.settings.tolerance,
            )
            plan.reasons += reasons
        for item in plan.items:
            self.count(day, item.kind, item.ref_id, item.slot, item.grams or 0.0)
        plan.seconds = time.perf_counter() - started
        return plan

    def _problem(self, targets: Targets, kept: list[Kept], preference) -> DayProblem:
        s = self.settings
        bands = energy_bands(self.slots)
        meals = []
        for slot in self.slots:
            kind = meal_kind(slot)
            here = [k for k in kept if k.slot == slot]
            most = s.max_items_for(kind == MealKind.SNACK)
            if s.replace:
                low, high = max(0, s.min_items - len(here)), max(0, most - len(here))
            else:
                low, high = (0, 0) if here else (s.min_items, most)
            categories = frozenset(k.category for k in here if k.category)
            centre = any(k.category in CENTRE or k.category == RECIPE for k in here)
            base = any(k.category in BASE or k.category == RECIPE for k in here)
            lo, hi = bands[slot]
            meals.append(
                MealSpec(
                    slot,
                    kind,
                    low,
                    high,
                    (lo * targets.energy_kcal, hi * targets.energy_kcal),
                    sum((k.nutrients for k in here), np.zeros(6)),
                    categories,
                    needs_centre=kind == MealKind.MAIN and high > 0 and not centre,
                    needs_base=kind == MealKind.BREAKFAST and high > 0 and not base,
                    has_base=base,
                    kept_roles=dict(Counter(r for k in here for r in k.roles)),
                    kept_grams=sum(k.grams for k in here),
                    kept_items=tuple((k.category, k.label) for k in here if k.category),
                    kept_main_grams=sum(k.grams for k in here if _main_not_starch(k.roles)),
                    kept_starch_grams=sum(
                        k.grams for k in here if "starch" in k.roles and "main" not in k.roles
                    ),
                )
            )
        families = {k.family for k in kept if k.family}
        cost = None if self.cost is None else self.cost * W_COST / max(targets.energy_kcal, 1.0)
        return DayProblem(
            targets,
            s.tolerance,
            meals,
            families,
            preference,
            cost,
            time_limit_s=s.time_limit_s,
            max_centres=2 if targets.protein_pct >= HIGH_PROTEIN_PCT else 1,
            portion_scale=main_portion_scale(targets.protein_pct),
            patterns=self.patterns,
            size_scale=meal_size_scale(targets.energy_kcal),
        )

    def _solve(
        self,
        problem: DayProblem,
        rng,
        spent: set[int],
        per_category: int,
        other_days,
        kept: list[Kept],
    ) -> DaySolution:
        on_day = {i for k in kept if (i := self.pool.index.get((k.kind, k.ref_id))) is not None}
        for meal in problem.meals:
            meal.candidates = (
                draw(self.pool, meal.kind, per_category, rng, spent | on_day)
                if meal.max_new
                else []
            )
            if problem.targets.protein_pct >= HIGH_PROTEIN_PCT and meal.max_new:
                rich = richest_in_protein(self.pool, meal.kind, PROTEIN_RICH, spent | on_day)
                meal.candidates += [c for c in rich if c not in set(meal.candidates)]
            if self.micros is not None and meal.max_new:  # and the richest in each goal
                rich = self.micros.richest(self.pool, meal.kind, spent | on_day)
                meal.candidates += [c for c in rich if c not in set(meal.candidates)]
        problem.not_again = []
        solution = solve_day(self.pool, problem)
        for _ in range(3):  # a day equal to another day of the menu is cut off
            if not solution.solved:  # nothing to compare: no day at all
                break
            if signature(kept, self._picked(problem, solution)) not in set(other_days):
                break
            problem.not_again.append([(p.meal, p.candidate) for p in solution.picks])
            solution = solve_day(self.pool, problem)
        return solution

    def _polish(self, problem: DayProblem, solution: DaySolution) -> DaySolution:
        """The same items, amounts re-chosen to centre the day on its targets and its meals in
        their shares (a handful of integer variables: a few milliseconds)."""
        fixed = copy.deepcopy(problem)
        fixed.hard, fixed.not_again = False, []
        fixed.time_limit_s = self.settings.time_limit_s * POLISH_SHARE
        for j, meal in enumerate(fixed.meals):
            meal.candidates = [p.candidate for p in solution.picks if p.meal == j]
            meal.min_new = meal.max_new = len(meal.candidates)
            meal.needs_centre = meal.needs_base = False
        polished = solve_day(self.pool, fixed)
        chosen = {(p.meal, p.candidate) for p in solution.picks}
        kept_all = {(p.meal, p.candidate) for p in polished.picks} == chosen
        return polished if polished.solved and kept_all else solution

    def _picked(self, problem: DayProblem, solution: DaySolution) -> list[tuple[str, tuple]]:
        return [
            (problem.meals[p.meal].slot, self.pool.candidates[p.candidate].key)
            for p in solution.picks
        ]

    def _plan(self, day: int, problem: DayProblem, solution: DaySolution, targets) -> DayPlan:
        items = []
        for pick in sorted(solution.picks, key=lambda p: (p.meal, _order(self.pool, p.candidate))):
            c = self.pool.candidates[pick.candidate]
            grams = c.grid.grams(pick.steps) if c.kind == ItemKind.FOOD else None
            items.append(
                MenuItem(
                    day,
                    problem.meals[pick.meal].slot,
                    c.kind,
                    c.ref_id,
                    c.grid.quantity(pick.steps),
                    c.grid.unit,
                    grams,
                    c.label,
                )
            )
        return DayPlan(
            day,
            items,
            solution.totals,
            diagnosis.gaps(solution.totals, targets, self.settings.tolerance),
            filled=[m.slot for m in problem.meals if m.max_new],
        )

    def _explain(
        self,
        problem: DayProblem,
        plan: DayPlan,
        targets: Targets,
        kept: list[Kept],
        rng,
        spent: set[int],
        other_days,
    ) -> list[str]:
        tol = self.settings.tolerance
        kept_total = sum((k.nutrients for k in kept), np.zeros(6))
        reasons = [g.sentence() for g in plan.gaps]
        reasons += diagnosis.kept_overshoot(kept_total, targets, tol)
        if not plan.items and plan.filled and not self._last_solved:
            reasons.append(
                "The solver found no day at all within the time limit "
                f"({self.settings.time_limit_s:g} s a day): nothing was added. "
                "Try again (the computer may be busy) or raise the "
                "time limit in the settings."
            )
            return reasons
        if not plan.filled:
            reasons.append(
                "Every meal of this day already has items: nothing was added. "
                "Choose “replace unlocked items” to plan it again."
            )
            return reasons
        kinds = {m.kind for m in problem.meals if m.max_new}
        allowed = [i for i, c in enumerate(self.pool.candidates) if c.meals & kinds]
        others = self.unrestricted()
        free = [i for i, c in enumerate(others.candidates) if c.meals & kinds] if others else []
        blocked = False
        for gap in plan.gaps:
            m = list(diagnosis.LABELS).index(gap.measure)
            if m == 0:  # energy alone is always reachable, unless kept items overshoot it
                continue
            short = gap.actual < gap.low
            best = diagnosis.reach(self.pool, allowed, kept_total, targets, tol, m, short)
            unrestricted = (
                diagnosis.reach(others, free, kept_total, targets, tol, m, short)
                if others
                else None
            )
            sentence = diagnosis.out_of_reach(gap, best, unrestricted, self.client, len(allowed))
            if sentence:
                reasons.append(sentence)
                blocked = True
        if not blocked and spent:
            problem.time_limit_s = self.settings.time_limit_s * EXPLAIN_SHARE
            free_day = self._solve(
                problem, rng, set(), self.settings.per_category * WIDER, other_days, kept
            )
            if not diagnosis.gaps(free_day.totals, targets, tol):
                needed = self._needed_names(free_day, spent)
                among = f", among them {needed} that such a day takes" if needed else ""
                reasons.append(
                    f"Each target is reachable, but not while no food appears more than "
                    f"{self.settings.repeat_limit} times a week: {len(spent)} foods are used "
                    f"up{among}. Raise the repetition limit or plan this day first."
                )
                blocked = True
        if not blocked:
            reasons.append(
                "Each target is reachable with these foods, but not all at once within the "
                f"limits: {self.settings.min_items}–{self.settings.max_items} items per meal, "
                "realistic portions and the meal rules. Allow more items per meal, a wider "
                "tolerance, or add a recipe that fits."
            )
        return reasons

    def _needed_names(self, day: DaySolution, spent: set[int], most: int = 4) -> str:
        """'corn tortillas, tofu and soybeans': the used-up foods (and recipes) a day within its
        targets takes, by the name a client reads (display_names.py) up to its first comma."""
        names = []
        for pick in day.picks:
            c = self.pool.candidates[pick.candidate]
            if pick.candidate in spent:
                shown = self.shown[pick.candidate] if c.kind == ItemKind.FOOD else c.label
                names.append(shown.split(",")[0])  # 'tofu', not 'tofu, fried', in a list
        names = list(dict.fromkeys(names))[:most]
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)

    def unrestricted(self) -> Pool | None:
        if self._unrestricted_pool is None and self._unrestricted is not None:
            self._unrestricted_pool = self._unrestricted()
        return self._unrestricted_pool


def hardest_first(days: list[int], targets: dict[int, Targets]) -> list[int]:
    """Days of a high protein share first (≥ 25 % of energy, highest first), then the others in
    order: those days can be met by few foods (tofu, tempeh, lean fish), and planned last they
    find them used up by the week's repetition and variety rules. Not with micronutrient goals
    over the week, whose days make up in order what the earlier ones missed."""
    high = sorted(
        (d for d in days if targets[d].protein_pct >= HIGH_PROTEIN_PCT),
        key=lambda d: (-targets[d].protein_pct, d),
    )
    return high + [d for d in days if d not in set(high)]


def _main_not_starch(roles: tuple[str, ...]) -> bool:
    return "main" in roles and "starch" not in roles


@functools.cache
def _shown_name(label: str) -> str:
    return display_name(label).lower()


def signature(kept: list[Kept], picked: list[tuple[str, tuple]]) -> frozenset:
    """What makes two days identical: the same foods and recipes in the same meals."""
    return frozenset([(k.slot, (ItemKind(k.kind), k.ref_id)) for k in kept] + picked)


def _order(pool: Pool, index: int) -> int:
    """Within a meal: the main thing first, then sides, then toppings."""
    c = pool.candidates[index]
    return 0 if is_centre(c) or is_base(c) else (2 if c.category in ("spread", "jam") else 1)


def _closer(a: DaySolution, b: DaySolution, targets: Targets, tolerance: float) -> DaySolution:
    def miss(s: DaySolution) -> float:
        return sum(abs(g.pct) for g in diagnosis.gaps(s.totals, targets, tolerance))

    if not b.solved:
        return a
    return b if not a.solved or miss(b) < miss(a) else a  # a when as close


def _cost_per_step(pool: Pool) -> np.ndarray | None:
    """Cost per step, normalised so a day at the median price per kcal costs 1 per kcal of
    target (scaled by the caller); unpriced candidates cost the highest price per kcal, so the
    cheapest menu prefers priced foods. None when nothing has a price."""
    price = pool.price_per_step
    energy = pool.per_step[:, 0]
    known = ~np.isnan(price) & (energy > 0)
    if not known.any():
        return None
    per_kcal = price[known] / energy[known]
    median = float(np.median(per_kcal)) or 1e-9
    filled = np.where(np.isnan(price), float(per_kcal.max()) * energy, price)
    return filled / median
