"""Which store the entry points use: the one place that chooses and builds it.

`open_store()` is the PostgreSQL database at `url` (or $MENUPLANNER_DATABASE_URL) when one is
given: several app processes, on one machine or many, share it (it is made a menuplanner
database by `menuplanner init --database-url …` and upgraded by `menuplanner migrate`, never
by an app process). Otherwise it is the DuckDB file at `path` (default: $MENUPLANNER_DB, else
data/menuplanner.duckdb), built from the bundled data on first use unless `build=False` (then a
missing file is an error at the first session: a mistyped --db path should not quietly become a
new database).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb

from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.ports_store import Store
from menuplanner.sr26 import files
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.database import (
    WAIT_SECONDS,
    BuildReport,
    Database,
    Progress,
    Seeder,
    Waiting,
    default_path,
)
from menuplanner.store.duckdb.store import DuckDBStore
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork


def seed_demo(conn: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> None:
    """Add the demo clients, recipes and weeks to the local workspace, all or nothing; does
    nothing when a demo client is already there."""
    # Imported here: the demo data (and the pydantic it brings) take ~1 s to import, which an
    # app start on an existing database must not pay.
    from menuplanner import demo

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


URL_ENV = "MENUPLANNER_DATABASE_URL"


def database_url(url: str | None = None) -> str | None:
    """The server database chosen: `url`, else $MENUPLANNER_DATABASE_URL, else none."""
    chosen = (url or os.environ.get(URL_ENV) or "").strip()
    return chosen or None


def open_store(
    path: Path | None = None,
    *,
    url: str | None = None,
    build: bool = True,
    progress: Progress | None = None,
    wait: float = WAIT_SECONDS,
    waiting: Waiting | None = None,
    linger: float = 0.0,
) -> Store:
    if path is None and (url := database_url(url)) is not None:
        from menuplanner.store.postgres.admin import check_ready
        from menuplanner.store.postgres.connection import PostgresServer
        from menuplanner.store.postgres.store import PostgresStore

        return PostgresStore(PostgresServer(url, wait=wait, check=check_ready))
    path = Path(path).expanduser() if path is not None else default_path()
    if build and not path.exists():
        build_database(path, progress=progress)
    return DuckDBStore(Database(path, wait, waiting, linger))
