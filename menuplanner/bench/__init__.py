"""`menuplanner bench`: speed figures next to their targets.

Each figure is one small function taking a `Bench` (a scratch directory with a database built
on demand) and returning a `Figure`; each module lists its own in MEASURES. To add a figure,
write one function, list it in its module's MEASURES, and the module here if it is new.

core.py      Figure, Bench, running and printing
data.py      building the database, food search, the totals engine
app.py       the dashboard: cold start above a bare Streamlit app's, the menu builder's
             add-one-item round trip, every page's rerun
imports.py   FoodData Central and national-table imports (generated inputs)
planning.py  menu generation: a day, a week, substitutes, the 56 client-day accuracy set
testset.py   that accuracy set (8 clients × 7 days) and how it is judged
micronutrients.py  that set with eight micronutrient goals over the week
export.py    the client PDF and the shopping list
api.py       the HTTP API with the server warm: search, a menu with day totals, adding an item
processes.py starting `streamlit run` for the figures (and the tests) that need the real app
"""

from __future__ import annotations

from collections.abc import Callable

from menuplanner.bench import api, app, data, export, imports, micronutrients, planning
from menuplanner.bench.core import Bench, Figure, percentile, run, table
from menuplanner.bench.processes import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_DIR,
    free_port,
    start_streamlit,
    stop,
    wait_for_health,
)

MEASURES: list[Callable[[Bench], Figure]] = [
    data.measure_build,
    data.measure_search,
    app.measure_app_start,
    data.measure_totals,
    app.measure_builder_rerun,
    *app.PAGE_RERUNS,
    *imports.MEASURES,
    *planning.MEASURES,
    *micronutrients.MEASURES,
    *export.MEASURES,
    *api.MEASURES,
]


def all_measures() -> list[Callable[[Bench], Figure]]:
    return list(MEASURES)


__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "MEASURES",
    "PROJECT_DIR",
    "Bench",
    "Figure",
    "all_measures",
    "free_port",
    "percentile",
    "run",
    "start_streamlit",
    "stop",
    "table",
    "wait_for_health",
]
