"""Building the database file from the bundled data, and what a rebuild would lose.

A first build writes to a temporary file that replaces the target only when complete, so an
interrupted build never leaves half a database behind.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from menuplanner.sr26 import files
from menuplanner.sr26.errors import Problem
from menuplanner.store.duckdb.opening import connect, default_path
from menuplanner.store.duckdb.schema import (
    ALL_TABLES,
    SCHEMA_VERSION,
    SR26_DATASET_ID,
    USER_DATA_TABLES,
)
from menuplanner.store.duckdb.sql import DuckDBSql
from menuplanner.store.sql.reference_intakes import bundled_intakes, write_intakes

Progress = Callable[[str], None]
Seeder = Callable[[duckdb.DuckDBPyConnection], None]


@dataclass
class BuildReport:
    path: Path | str  # the file, or the server database's address
    foods: int
    groups: int
    nutrient_values: int
    portions: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)


def _say(progress: Progress | None, message: str) -> None:
    if progress:
        progress(message)


def build(
    path: Path,
    *,
    data_dir: Path = files.BUNDLED_DIR,
    seed: Seeder | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build a new database file at `path` (which must not exist) from the bundled SR26 data."""
    # Imported here: Pandera (and the pandas it brings) takes seconds to import, and an app
    # start that only opens an existing database must not pay for it.
    from menuplanner.sr26.load import load_sr26
    from menuplanner.store.duckdb import reference

    started = time.perf_counter()
    _say(progress, "Reading and checking the bundled USDA SR26 tables…")
    tables = load_sr26(data_dir)  # raises before anything is written
    intakes = bundled_intakes()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    for leftover in (partial, partial.with_name(partial.name + ".wal")):
        leftover.unlink(missing_ok=True)
    _say(progress, f"Writing {tables.foods.height:,} foods to {path.name}…")
    conn = duckdb.connect(str(partial))
    try:
        create_tables(conn)
        conn.execute("BEGIN TRANSACTION")
        reference.write_sr26(conn, tables)
        write_intakes(DuckDBSql(conn), intakes)
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        conn.execute("INSERT INTO meta VALUES ('built_at', ?)", [dt.datetime.now().isoformat()])
        conn.execute("COMMIT")
        if seed:
            _say(progress, "Adding the demo client and menu…")
            seed(conn)
        conn.execute("INSERT INTO meta VALUES ('build_complete', 'true')")
        conn.execute("CHECKPOINT")
    finally:
        conn.close()
    os.replace(partial, path)
    return BuildReport(
        path,
        tables.foods.height,
        tables.groups.height,
        tables.nutrients.height,
        tables.portions.height,
        time.perf_counter() - started,
        tables.warnings,
    )


def create_tables(conn: duckdb.DuckDBPyConnection) -> None:
    for statement in ALL_TABLES:
        conn.execute(statement)


def open_or_build(
    path: Path | None = None, *, seed: Seeder | None = None, progress: Progress | None = None
) -> duckdb.DuckDBPyConnection:
    """The app's and CLI's entry point: build on first run, then open (never an empty database)."""
    path = path or default_path()
    if not path.exists():
        build(path, seed=seed, progress=progress)
    return connect(path)


def user_row_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows a user made (demo rows excluded), per table, and the nutrition datasets they
    imported (a rebuild from the bundled files would lose those too)."""
    counts = {
        table: conn.execute("SELECT count(*) FROM " + table + " WHERE NOT is_demo").fetchone()[0]
        for table in USER_DATA_TABLES  # identifiers from a fixed list
    }
    counts["imported datasets"] = conn.execute(
        "SELECT count(*) FROM datasets WHERE dataset_id <> ?", [SR26_DATASET_ID]
    ).fetchone()[0]
    return counts


def move_aside(path: Path) -> Path:
    """Rename a database (and its WAL) out of the way, keeping it for the user to inspect."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.replaced-{stamp}")
    os.replace(path, target)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        os.replace(wal, target.with_name(target.name + ".wal"))
    return target
