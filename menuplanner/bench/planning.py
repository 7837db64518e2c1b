"""Menu generation figures for `menuplanner bench`.

Every timing is wall clock through the service, as a user waits for it: loading the client's
candidate pool included. The demo client (bundled database) on a new, empty 7-day menu.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager

from menuplanner.bench import testset
from menuplanner.bench.core import Bench, Figure, percentile
from menuplanner.domain.menus import Menu
from menuplanner.planning.settings import GenerateSettings
from menuplanner.ports import LOCAL_WORKSPACE

DAY_RUNS = 21  # one-day generations (3 seeds × 7 days)
WEEK_RUNS = 3
_cache: dict[str, object] = {}


@contextmanager
def _scratch(bench: Bench, name: str):
    """A writable copy of the bench database and its planning store."""
    with bench.scratch_store(name).session() as session:
        yield (
            lambda: session.unit_of_work(LOCAL_WORKSPACE),
            session.planning(LOCAL_WORKSPACE),
        )


def _new_demo_menu(uow_factory: Callable, name: str) -> int:
    with (uow := uow_factory()):
        client = next(c for c in uow.clients.list() if c.is_demo)
        menu_id = uow.menus.add(Menu(client.client_id, name, dt.date(2026, 1, 5), 7))
        uow.commit()
    return menu_id


def _day_timings(bench: Bench) -> list[float]:
    if "days" not in _cache:
        from menuplanner.services import generate as generate_service

        bench.progress(f"Generating {DAY_RUNS} single days for the demo client…")
        timings = []
        with _scratch(bench, "generate-days") as (uow_factory, store):
            for seed in range(DAY_RUNS // 7):
                menu_id = _new_demo_menu(uow_factory, f"Bench days {seed}")
                for day in range(7):
                    started = time.perf_counter()
                    list(
                        generate_service.generate(
                            uow_factory(), store, menu_id, [day], GenerateSettings(seed=seed)
                        )
                    )
                    timings.append(time.perf_counter() - started)
        _cache["days"] = timings
    return _cache["days"]


def measure_day_median(bench: Bench) -> Figure:
    timings = _day_timings(bench)
    return Figure(
        f"Generate one day, demo client, median of {len(timings)}",
        percentile(timings, 50),
        "s",
        1.0,
    )


def measure_day_p95(bench: Bench) -> Figure:
    timings = _day_timings(bench)
    return Figure(
        f"Generate one day, demo client, p95 of {len(timings)}", percentile(timings, 95), "s", 2.0
    )


def measure_week(bench: Bench) -> Figure:
    from menuplanner.services import generate as generate_service

    bench.progress(f"Generating {WEEK_RUNS} full weeks for the demo client…")
    timings = []
    with _scratch(bench, "generate-week") as (uow_factory, store):
        for seed in range(WEEK_RUNS):
            menu_id = _new_demo_menu(uow_factory, f"Bench week {seed}")
            started = time.perf_counter()
            list(
                generate_service.generate(
                    uow_factory(), store, menu_id, settings=GenerateSettings(seed=seed)
                )
            )
            timings.append(time.perf_counter() - started)
    return Figure(
        f"Generate a 7-day week, demo client, median of {WEEK_RUNS}",
        percentile(timings, 50),
        "s",
        5.0,
        "slowest " + f"{max(timings):.2f} s",
    )


def measure_substitutes(bench: Bench) -> Figure:
    from menuplanner.services import substitutes as substitute_service

    bench.progress("Ranking substitutes for every item of the demo week…")
    with _scratch(bench, "substitutes") as (uow_factory, store):
        with (uow := uow_factory()):
            menu = next(m for m in uow.menus.list() if m.is_demo)
        substitute_service.substitutes(uow_factory(), store, menu.menu_id, menu.items[0].item_id)
        timings = []
        for item in menu.items:
            started = time.perf_counter()
            substitute_service.substitutes(uow_factory(), store, menu.menu_id, item.item_id)
            timings.append((time.perf_counter() - started) * 1000)
    return Figure(
        f"Substitution list for one item, median of {len(timings)} (demo week)",
        percentile(timings, 50),
        "ms",
        300.0,
        f"p95 {percentile(timings, 95):.0f} ms",
    )


def _accuracy(bench: Bench) -> testset.Accuracy:
    if "accuracy" not in _cache:
        bench.progress(f"Generating the accuracy set: {len(testset.CLIENTS)} clients × 7 days…")
        with _scratch(bench, "accuracy") as (uow_factory, store):
            _cache["accuracy"] = testset.evaluate(uow_factory, store)
    return _cache["accuracy"]


def measure_accuracy_within(bench: Bench) -> Figure:
    """Feasible days outside ±5 % on any of energy, protein, carbohydrate, fat: below 5 %."""
    result = _accuracy(bench)
    feasible = result.feasible
    missed = [d for d in feasible if not d.within]
    share = 100.0 * len(missed) / len(feasible) if feasible else 0.0
    infeasible = len(result.days) - len(feasible)
    note = (
        f"{len(feasible) - len(missed)} of {len(feasible)} feasible days within ±5 % on all "
        f"four ({100 - share:.1f} %); {infeasible} days proven out of reach"
    )
    return Figure(
        f"Accuracy set ({len(result.days)} client-days): feasible days outside ±5 %",
        share,
        "%",
        5.01,
        note,
    )


def measure_accuracy_violations(bench: Bench) -> Figure:
    result = _accuracy(bench)
    broken = sum(1 for d in result.days if d.violations)
    timings = [d.seconds for d in result.days]
    return Figure(
        f"Accuracy set: days breaking an allergy, diet or dislike (of {len(result.days)})",
        float(broken),
        "days",
        0.5,
        f"day median {percentile(timings, 50):.2f} s, p95 {percentile(timings, 95):.2f} s; "
        f"fibre and sodium also kept on {sum(d.all_within for d in result.days)} days",
    )


def measure_meal_check(bench: Bench) -> Figure:
    """Generated meals of the accuracy set the meal check fails (planning/meal_check.py)."""
    result = _accuracy(bench)
    failing = result.failing_meals
    rules = Counter(f.rule for _, f in result.findings)
    common = ", ".join(f"{rule} {n}" for rule, n in rules.most_common(4))
    return Figure(
        f"Accuracy set: generated meals failing the meal check (of {result.meals})",
        float(len(failing)),
        "meals",
        0.5,
        f"{result.meals - len(failing)} of {result.meals} pass" + (f"; {common}" if common else ""),
    )


MEASURES: list[Callable[[Bench], Figure]] = [
    measure_day_median,
    measure_day_p95,
    measure_week,
    measure_substitutes,
    measure_accuracy_within,
    measure_accuracy_violations,
    measure_meal_check,
]
