"""The database file: where it lives, building it from the bundled data, opening it safely.

A first build writes to a temporary file that replaces the target only when complete, so an
interrupted build never leaves half a database behind. Opening checks that the file is a
DuckDB database built by us and complete; each failure is one sentence saying what to do.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from menuplanner.domain.errors import MenuplannerError
from menuplanner.sr26 import files
from menuplanner.sr26.errors import Problem
from menuplanner.store.duckdb.schema import ALL_TABLES, SCHEMA_VERSION, USER_DATA_TABLES

ENV_VAR = "MENUPLANNER_DB"
DEFAULT_PATH = files.BUNDLED_DIR.parent / "menuplanner.duckdb"
FIX = "run `uv run menuplanner init --force` to move it aside and build a fresh one"

Progress = Callable[[str], None]
Seeder = Callable[[duckdb.DuckDBPyConnection], None]


class DatabaseError(MenuplannerError):
    pass


@dataclass
class BuildReport:
    path: Path
    foods: int
    groups: int
    nutrient_values: int
    portions: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)


def default_path() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH).expanduser()


def _say(progress: Progress | None, message: str) -> None:
    if progress:
        progress(message)


def build(
    path: Path, *, data_dir: Path = files.BUNDLED_DIR, seed: Seeder | None = None,
    progress: Progress | None = None,
) -> BuildReport:  # fmt: skip
    """Build a new database file at `path` (which must not exist) from the bundled SR26 data."""
    # Imported here: Pandera (and the pandas it brings) takes seconds to import, and an app
    # start that only opens an existing database must not pay for it.
    from menuplanner.sr26.load import load_sr26
    from menuplanner.store.duckdb import reference

    started = time.perf_counter()
    _say(progress, "Reading and checking the bundled USDA SR26 tables…")
    tables = load_sr26(data_dir)  # raises before anything is written
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
    return BuildReport(path, tables.foods.height, tables.groups.height, tables.nutrients.height,
                       tables.portions.height, time.perf_counter() - started, tables.warnings)  # fmt: skip


def create_tables(conn: duckdb.DuckDBPyConnection) -> None:
    for statement in ALL_TABLES:
        conn.execute(statement)


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open an existing database and check it is complete; raises DatabaseError."""
    if not path.exists():
        raise DatabaseError(f"There is no database at {path}; run `uv run menuplanner init`.")
    try:
        conn = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as error:
        raise _explain(path, error) from None
    try:
        _check_built(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _explain(path: Path, error: duckdb.Error) -> DatabaseError:
    text = str(error)
    if "lock" in text.lower():
        return DatabaseError(
            f"The database {path} is in use by another program; close it and try again."
        )
    if "not a valid DuckDB database" in text or "not a DuckDB" in text or "magic" in text.lower():
        return DatabaseError(f"The file {path} is not a DuckDB database; {FIX}.")
    return DatabaseError(f"The database {path} cannot be opened ({text.splitlines()[0]}); {FIX}.")


def _check_built(conn: duckdb.DuckDBPyConnection, path: Path) -> None:
    try:
        meta = dict(conn.sql("SELECT key, value FROM meta").fetchall())
    except duckdb.Error:
        raise DatabaseError(f"The file {path} is a DuckDB database but not a menuplanner one; {FIX}.")
    if meta.get("build_complete") != "true":
        raise DatabaseError(f"The database {path} was left incomplete by an interrupted build; {FIX}.")
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        raise DatabaseError(
            f"The database {path} has layout version {meta.get('schema_version')}, this version of "
            f"menuplanner needs {SCHEMA_VERSION}; {FIX}."
        )


def open_or_build(
    path: Path | None = None, *, seed: Seeder | None = None, progress: Progress | None = None
) -> duckdb.DuckDBPyConnection:
    """The app's and CLI's entry point: build on first run, then open (never an empty database)."""
    path = path or default_path()
    if not path.exists():
        build(path, seed=seed, progress=progress)
    return connect(path)


def user_row_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows a user made (demo rows excluded), per table."""
    return {
        table: conn.execute("SELECT count(*) FROM " + table + " WHERE NOT is_demo").fetchone()[0]
        for table in USER_DATA_TABLES  # identifiers from a fixed list
    }


def move_aside(path: Path) -> Path:
    """Rename a database (and its WAL) out of the way, keeping it for the user to inspect."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.replaced-{stamp}")
    os.replace(path, target)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        os.replace(wal, target.with_name(target.name + ".wal"))
    return target
