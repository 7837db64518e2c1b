"""Building and opening the working database: the one place the CLI and the app both call, so
the two always build the same thing."""

from __future__ import annotations

from pathlib import Path

import duckdb

from menuplanner import demo
from menuplanner.sr26 import files
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.database import BuildReport, Progress, Seeder

# Demo data plugs in here: with SEED set to the demo seeder (a function of the connection), every
# first run, `menuplanner init` and the tests get the demo client and week.
SEED: Seeder | None = demo.seed


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
