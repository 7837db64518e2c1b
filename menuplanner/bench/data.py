"""Figures of the data itself: building the database, food search, and the totals engine."""

from __future__ import annotations

import time

from menuplanner import setup
from menuplanner.bench.core import Bench, Figure, percentile
from menuplanner.ports import LOCAL_WORKSPACE

SEARCH_QUERIES = (
    "roasted chicken breast",
    "butter",
    "egg",
    "whole milk",
    "apple raw",
    "brown rice cooked",
    "salmon",
    "cheddar cheese",
    "banana",
    "oats",
    "broccoli",
    "olive oil",
    "ground beef",
    "blueberries",
    "plain yogurt",
    "whole wheat bread",
    "baked potato",
    "lentils",
    "orange juice",
    "almonds",
)
SEARCH_REPEATS = 5


def measure_build(bench: Bench) -> Figure:
    bench.progress("Building the database from the bundled files…")
    started = time.perf_counter()
    setup.build_database(bench.workdir / "build.duckdb")
    return Figure("Database build from bundled files", time.perf_counter() - started, "s", 5.0)


def measure_search(bench: Bench) -> Figure:
    bench.progress(f"Searching {len(SEARCH_QUERIES)} queries × {SEARCH_REPEATS}…")
    with bench.store().session() as session:
        catalog = session.catalog(LOCAL_WORKSPACE)
        foods = catalog.count()
        timings = search_timings(catalog)
    name = f"Food search p95, {len(SEARCH_QUERIES)} queries over {foods:,} foods"
    return Figure(name, percentile(timings, 95), "ms", 20.0)


def search_timings(catalog) -> list[float]:
    """Milliseconds of each bench query, SEARCH_REPEATS times, after a warm-up."""
    catalog.search(SEARCH_QUERIES[0])
    timings = []
    for _ in range(SEARCH_REPEATS):
        for query in SEARCH_QUERIES:
            started = time.perf_counter()
            catalog.search(query, limit=25)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def measure_totals(bench: Bench) -> Figure:
    """Day totals of a 7-day menu, 5 meals of 6 items, median of 50 computations."""
    from menuplanner.nutrition import synthetic, totals

    bench.progress("Computing totals of a 7-day menu, 5 meals × 6 items…")
    menu = synthetic.synthetic_menu(days=7, meals=5, items_per_meal=6)
    per_100g = synthetic.synthetic_nutrients()
    totals.day_totals(menu, {}, per_100g)  # warm-up
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        totals.day_totals(menu, {}, per_100g)
        timings.append((time.perf_counter() - started) * 1000)
    return Figure("Totals of a 7-day menu (210 items), median", percentile(timings, 50), "ms", 10.0)
