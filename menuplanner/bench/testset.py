"""The accuracy test set: 8 clients × 7 days = 56 client-days, each day with its own targets.

Energy 1,400–3,500 kcal, protein 15–35 % and fat 20–40 % of energy (carbohydrate the rest),
fibre at least 14 g per 1,000 kcal, sodium at most 2,300 mg; diets none / vegetarian / vegan /
gluten-free / dairy-free and allergies to milk, peanuts, fish and wheat, alone and together.
Targets are spread over the ranges by fixed low-discrepancy sequences, so the set is the same on
every machine. `evaluate` generates every week through the service and judges every day with
the totals engine and the constraint checks, as a dietitian's screen would.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

import polars as pl

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.nutrients import CARBOHYDRATE, ENERGY, FAT, PROTEIN
from menuplanner.domain.tags import Allergen, Diet
from menuplanner.domain.targets import Targets
from menuplanner.planning.settings import GenerateSettings
from menuplanner.planning.store import PlanningStore

A, D = Allergen, Diet
# (name, diets, allergies)
CLIENTS: tuple[tuple[str, frozenset, frozenset], ...] = (
    ("Set: omnivore", frozenset(), frozenset()),
    ("Set: vegetarian", frozenset({D.VEGETARIAN}), frozenset()),
    ("Set: vegan", frozenset({D.VEGAN}), frozenset()),
    ("Set: gluten-free", frozenset({D.GLUTEN_FREE}), frozenset({A.PEANUTS})),
    ("Set: dairy-free", frozenset({D.DAIRY_FREE}), frozenset({A.FISH})),
    ("Set: milk allergy", frozenset(), frozenset({A.MILK, A.PEANUTS})),
    ("Set: wheat and fish allergy", frozenset(), frozenset({A.WHEAT, A.FISH})),
    ("Set: vegetarian, wheat allergy", frozenset({D.VEGETARIAN}), frozenset({A.WHEAT, A.MILK})),
)
DAYS = 7
START = dt.date(2026, 1, 5)  # a Monday


def _halton(index: int, base: int) -> float:
    f, r = 1.0, 0.0
    while index > 0:
        f /= base
        r += f * (index % base)
        index //= base
    return r


def day_targets(index: int) -> Targets:
    """Targets of client-day `index` (0-based) of the set."""
    energy = round(1400 + 2100 * _halton(index + 1, 2), -1)
    protein_pct = round(15 + 20 * _halton(index + 1, 3))
    fat_pct = round(20 + 20 * _halton(index + 1, 5))
    carbohydrate_pct = 100 - protein_pct - fat_pct
    return Targets(
        energy_kcal=energy,
        protein_g=round(energy * protein_pct / 400, 1),
        carbohydrate_g=round(energy * carbohydrate_pct / 400, 1),
        fat_g=round(energy * fat_pct / 900, 1),
        fibre_min_g=round(energy * 14 / 1000, 1),
        sodium_max_mg=2300.0,
    )


def clients(count: int = len(CLIENTS)) -> list[tuple[Client, dict[int, Targets]]]:
    """The set's clients (first `count`), each with its seven days' targets."""
    found = []
    for c, (name, diets, allergies) in enumerate(CLIENTS[:count]):
        days = {d: day_targets(c * DAYS + d) for d in range(DAYS)}
        client = Client(name, Sex.FEMALE, diets=diets, allergies=allergies, manual_targets=days[0])
        found.append((client, days))
    return found


@dataclass
class DayVerdict:
    client: str
    day: int
    targets: Targets
    within: bool  # all four of energy, protein, carbohydrate, fat within tolerance
    all_within: bool  # fibre and sodium too
    violations: int  # items breaking an allergy, diet or dislike
    out_of_reach: bool  # the diagnosis proved a target cannot be met
    reasons: list[str]
    seconds: float
    deviations: dict[str, float]  # measure → % off target (totals engine)


@dataclass
class Accuracy:
    days: list[DayVerdict] = field(default_factory=list)
    week_seconds: list[float] = field(default_factory=list)
    meals: int = 0  # generated meals the meal check judged
    findings: list = field(default_factory=list)  # (client, Finding) of the meal check

    @property
    def failing_meals(self) -> set[tuple[str, int, str]]:
        return {(client, f.day, f.slot) for client, f in self.findings}

    @property
    def feasible(self) -> list[DayVerdict]:
        return [d for d in self.days if not d.out_of_reach]

    @property
    def within_share(self) -> float:
        """Share of feasible days within tolerance on all four of energy and macros."""
        feasible = self.feasible
        return sum(d.within for d in feasible) / len(feasible) if feasible else 1.0

    @property
    def violation_free_share(self) -> float:
        return sum(d.violations == 0 for d in self.days) / len(self.days) if self.days else 1.0


def evaluate(
    uow_factory,
    store: PlanningStore,
    settings: GenerateSettings | None = None,
    count: int = len(CLIENTS),
) -> Accuracy:
    """Add the set's clients and weeks through `uow_factory()` (a scratch database: this writes),
    generate every week and judge every day."""
    from menuplanner.domain.menus import Menu
    from menuplanner.services import generate as generate_service
    from menuplanner.services import meal_check
    from menuplanner.services import menus as menu_service

    settings = settings or GenerateSettings()
    tolerance = settings.tolerance * 100 + 1e-6
    result = Accuracy()
    for client, days in clients(count):
        with (uow := uow_factory()):
            client_id = uow.clients.add(client)
            menu = Menu(client_id, "Accuracy week", START, DAYS, day_targets=dict(days))
            menu_id = uow.menus.add(menu)
            uow.commit()
        started = time.perf_counter()
        plans = {
            r.day: r
            for r in generate_service.generate(uow_factory(), store, menu_id, settings=settings)
        }
        result.week_seconds.append(time.perf_counter() - started)
        report = menu_service.report(uow_factory(), menu_id)
        meals, findings = meal_check.check_menu(uow_factory(), store, menu_id, settings)
        result.meals += sum(1 for meal in meals if meal.items)
        result.findings += [(client.name, f) for f in findings]
        for day in range(DAYS):
            rows = report.adherence.filter(pl.col("day") == day)
            pct = {r["measure"]: r["diff_pct"] or 0.0 for r in rows.iter_rows(named=True)}
            four = all(abs(pct[m]) <= tolerance for m in (ENERGY, PROTEIN, CARBOHYDRATE, FAT))
            extras = pct["fibre_g"] >= -1e-6 and pct["sodium_mg"] <= 1e-6
            item_ids = {i.item_id for i in report.menu.items if i.day == day}
            broken = sum(1 for item_id in item_ids if report.violations.get(item_id))
            plan = plans[day]
            proven = any(
                "out of reach" in reason or "No amounts" in reason for reason in plan.reasons
            )
            result.days.append(
                DayVerdict(
                    client.name,
                    day,
                    days[day],
                    four,
                    four and extras,
                    broken,
                    proven and not four,
                    plan.reasons,
                    plan.seconds,
                    pct,
                )
            )
    return result
