"""Speed figures of the exports for `menuplanner bench`.

Both run on a 7-day menu of 35 items (the demo week's first five items of each day: recipes and
single foods) in a copy of the bench database, from the database to the finished file, as a
user waits for it: median of 5 after one warm-up."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import replace

from menuplanner.bench.core import Bench, Figure
from menuplanner.demo import DEMO_MENU_NAME
from menuplanner.domain.menus import Menu
from menuplanner.ports import LOCAL_WORKSPACE, UnitOfWork

ITEMS_PER_DAY = 5
RUNS = 5


def measure_menu_pdf(bench: Bench) -> Figure:
    bench.progress("Writing the PDF of a 7-day menu of 35 items…")
    from menuplanner.services import export

    seconds = _timed(bench, lambda uow, menu_id: export.menu_pdf(uow, menu_id))
    return Figure("Client PDF of a 7-day menu (35 items), median", seconds, "s", 2.0)


def measure_shopping_list(bench: Bench) -> Figure:
    bench.progress("Making the shopping list of a 7-day menu of 35 items…")
    from menuplanner.services import export

    seconds = _timed(bench, lambda uow, menu_id: export.shopping_csv(uow, menu_id))
    return Figure(
        "Shopping list (CSV) of a 7-day menu (35 items), median", seconds * 1000, "ms", 200.0
    )


def _timed(bench: Bench, make: Callable) -> float:
    with bench.scratch_store("export").session() as session:
        uow = lambda: session.unit_of_work(LOCAL_WORKSPACE)  # noqa: E731
        menu_id = _bench_menu(uow())
        make(uow(), menu_id)  # warm-up: imports, first font parse
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            make(uow(), menu_id)
            timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _bench_menu(uow: UnitOfWork) -> int:
    """The 35-item menu, added once next to the demo week."""
    name = f"Bench: {7 * ITEMS_PER_DAY} items"
    with uow:
        demo = next(m for m in uow.menus.list() if m.name == DEMO_MENU_NAME)
        existing = [m for m in uow.menus.list(demo.client_id) if m.name == name]
        if existing:
            return existing[0].menu_id
        items = [
            replace(item, item_id=None)
            for day in range(demo.days)
            for item in [i for i in demo.items if i.day == day][:ITEMS_PER_DAY]
        ]
        menu_id = uow.menus.add(
            Menu(demo.client_id, name, demo.start_date, demo.days, demo.slots, items)
        )
        uow.commit()
    return menu_id


MEASURES = [measure_menu_pdf, measure_shopping_list]
