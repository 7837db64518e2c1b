"""Speed figures of the exports for `menuplanner bench` (listed in menuplanner/bench.py).

Both run on a 7-day menu of 35 items (the demo week's first five items of each day: recipes and
single foods) in a copy of the bench database, from the database to the finished file, as a
user waits for it: median of 5 after one warm-up."""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from menuplanner.demo import DEMO_MENU_NAME
from menuplanner.domain.menus import Menu
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

if TYPE_CHECKING:  # menuplanner.bench imports this module while it loads: import it late
    from menuplanner.bench import Bench, Figure

ITEMS_PER_DAY = 5
RUNS = 5


def measure_menu_pdf(bench: Bench) -> Figure:
    bench.progress("Writing the PDF of a 7-day menu of 35 items…")
    from menuplanner.bench import Figure
    from menuplanner.services import export

    seconds = _timed(bench, lambda conn, menu_id: export.menu_pdf(DuckDBUnitOfWork(conn), menu_id))
    return Figure("Client PDF of a 7-day menu (35 items), median", seconds, "s", 2.0)


def measure_shopping_list(bench: Bench) -> Figure:
    bench.progress("Making the shopping list of a 7-day menu of 35 items…")
    from menuplanner.bench import Figure
    from menuplanner.services import export

    seconds = _timed(
        bench, lambda conn, menu_id: export.shopping_csv(DuckDBUnitOfWork(conn), menu_id)
    )
    return Figure(
        "Shopping list (CSV) of a 7-day menu (35 items), median", seconds * 1000, "ms", 200.0
    )


def _timed(bench: Bench, make: Callable) -> float:
    copy = bench.workdir / "export.duckdb"
    if not copy.exists():
        shutil.copy(bench.db_path, copy)
    conn = database.connect(copy)
    try:
        menu_id = _bench_menu(conn)
        make(conn, menu_id)  # warm-up: imports, first font parse
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            make(conn, menu_id)
            timings.append(time.perf_counter() - started)
    finally:
        conn.close()
    return statistics.median(timings)


def _bench_menu(conn) -> int:
    """The 35-item menu, added once next to the demo week."""
    name = f"Bench: {7 * ITEMS_PER_DAY} items"
    with DuckDBUnitOfWork(conn) as uow:
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
