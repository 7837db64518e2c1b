"""Building and opening the working database: the one place the CLI and the app both call, so
the two always build the same thing (the bundled USDA data plus the demo data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from menuplanner import demo
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.sr26 import files
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.database import BuildReport, Progress, Seeder
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork


def seed_demo(conn: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> None:
    """Add the demo clients, recipes and weeks to the local workspace, all or nothing; does
    nothing when a demo client is already there."""
    demo.add_demo_once(DuckDBUnitOfWork(conn, LOCAL_WORKSPACE), today or dt.date.today())


# Every first run, `menuplanner init` and the tests get the demo data through this hook.
SEED: Seeder | None = seed_demo


def build_database(
    path: Path, progress: Progress | None = None, *, data_dir: Path = files.BUNDLED_DIR
) -> BuildReport:
    """Build a new database at `path` from the bundled USDA data (plus demo data, see SEED)."""
    return database.build(path, data_dir=data_dir, seed=SEED, progress=progress)


def open_database(
    path: Path | None = None, progress: Progress | None = None
) -> duckdb.DuckDBPyConnection:
    """Open the database at `path` (default: $MENUPLANNER_DB or data/menuplanner.duckdb),
    building it on first run; raises DatabaseError when the file cannot be used."""
    return database.open_or_build(path, seed=SEED, progress=progress)
