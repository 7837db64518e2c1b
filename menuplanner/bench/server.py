"""`menuplanner bench --database-url URL`: the figures that decide whether a practice can move
to a PostgreSQL server, measured on a DuckDB file and on that database with the same code, and
printed side by side against the same targets: food search (the bundled foods, and 400,000
foods as a Branded-sized import), the demo week read with its day totals, the menu builder's
add-one-item round trip, an SR Legacy-sized import and one generated day.

The bench writes into the database (imports, menus, a generated day): give it a database of its
own and the owner's URL. It is rebuilt from the bundled data before and after, so a database
holding anybody's own clients, recipes, menus or imports is refused, naming them.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from menuplanner.bench import app, data, imports, planning
from menuplanner.bench.core import Bench, Figure, aligned, percentile
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.store.errors import DatabaseError

BIG_CATALOGUE = 400_000
BIG_WORKSPACE = "bench-branded"  # the synthetic foods stay out of the local workspace's search


def measure_week_totals(bench: Bench) -> Figure:
    """The demo week read from the store with every day's totals (the builder's report)."""
    from menuplanner.services import menus

    bench.progress("Reading the demo week with its day totals…")
    store = bench.store()
    with store.unit_of_work(LOCAL_WORKSPACE) as uow:
        menu_id = next(m.menu_id for m in uow.menus.list() if m.is_demo)
    timings = []
    for _ in range(21):
        started = time.perf_counter()
        menus.report(store.unit_of_work(LOCAL_WORKSPACE), menu_id)
        timings.append((time.perf_counter() - started) * 1000)
    return Figure(
        "The demo week read with its day totals, median", percentile(timings[1:], 50), "ms", 50.0
    )


def measure_big_search(bench: Bench) -> Figure:
    """Search over 400,000 foods: the bundled ones and a synthetic Branded-sized import (the
    bundled names under brand names, so every query meets thousands of matches)."""
    from menuplanner.bench.branded import branded_import

    store = bench.scratch_store("big-search")
    with store.session() as session:
        catalog, datasets = session.catalog(BIG_WORKSPACE), session.datasets(BIG_WORKSPACE)
        extra = BIG_CATALOGUE - catalog.count()
        bench.progress(f"Importing {extra:,} synthetic Branded foods…")
        names = session.read_model(BIG_WORKSPACE).foods()["name"].to_list()
        written = datasets.write(branded_import(extra, names), rows_skipped=0, foods_skipped=0)
        try:
            timings = data.search_timings(catalog)
            foods = catalog.count()
        finally:
            datasets.remove(written.dataset_id)
    name = f"Food search p95, {len(data.SEARCH_QUERIES)} queries over {foods:,} foods"
    return Figure(name, percentile(timings, 95), "ms", 60.0)


SIDE_BY_SIDE: list[Callable[[Bench], Figure]] = [
    data.measure_search,
    measure_big_search,
    measure_week_totals,
    app.measure_builder_rerun,
    imports.measure_fdc_sr_legacy,
    planning.measure_day_median,
]


def compare(
    url: str, progress: Callable[[str], None] = lambda message: None
) -> list[tuple[Figure, Figure]]:
    """(DuckDB's figure, PostgreSQL's) for each measure of SIDE_BY_SIDE."""
    from menuplanner.store.postgres import admin, build
    from menuplanner.store.postgres.connection import shown

    with admin.direct_connection(url) as conn:
        counts = build.user_row_counts(conn)
    if any(counts.values()):
        raise DatabaseError(
            f"The bench writes into {shown(url)} and rebuilds it, but it holds "
            f"{admin.describe_rows(counts)} of your own: give the bench a database of its own."
        )
    progress(f"Building the bench's database at {shown(url)}…")
    admin.initialise(url, force=True)
    folder = Path(tempfile.mkdtemp(prefix="menuplanner-bench-"))
    server = Bench(folder / "server", progress, url=url)
    try:
        (folder / "server").mkdir()
        (folder / "file").mkdir()
        progress("Measuring on a DuckDB file…")
        embedded = [measure(Bench(folder / "file", progress)) for measure in SIDE_BY_SIDE]
        progress(f"Measuring on {shown(url)}…")
        served = [measure(server) for measure in SIDE_BY_SIDE]
    finally:
        server.close()
        shutil.rmtree(folder, ignore_errors=True)
        progress("Rebuilding the bench's database…")
        admin.initialise(url, force=True)
    return list(zip(embedded, served, strict=True))


def table(pairs: list[tuple[Figure, Figure]]) -> str:
    rows = [("measure", "DuckDB file", "PostgreSQL", "target", "ok")]
    for embedded, served in pairs:
        ok = {True: "yes", False: "NO", None: "-"}
        rows.append(
            (
                embedded.measure,
                _value(embedded),
                _value(served),
                f"< {embedded.target:g} {embedded.unit}",
                f"{ok[embedded.ok]} / {ok[served.ok]}",
            )
        )
    notes = [f"{f.measure}: {f.note}" for pair in pairs for f in pair if f.note]
    return "\n".join([aligned(rows), *notes])


def _value(figure: Figure) -> str:
    digits = 2 if figure.unit == "s" else 1
    return "-" if figure.value is None else f"{figure.value:.{digits}f} {figure.unit}"
