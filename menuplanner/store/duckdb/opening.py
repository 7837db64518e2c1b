"""Opening the database file safely: where it lives, waiting politely while another program
holds it, and checking that it is a complete menuplanner database.

DuckDB lets one process at a time open a file read-write (and none read-only while it does). So
no program keeps the file open between actions (see `sharing`). When another program holds it,
`connect` tries again with a short backoff for up to `WAIT_SECONDS`, leaving a note so that the
holder lets go and others let it in first, before saying the database is busy. Each failure is
one sentence saying what to do.
"""

from __future__ import annotations

import contextlib
import os
import random
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import duckdb

from menuplanner.sr26 import files
from menuplanner.store.duckdb import migrations
from menuplanner.store.duckdb.schema import SCHEMA_VERSION
from menuplanner.store.errors import DatabaseBusy, DatabaseError

ENV_VAR = "MENUPLANNER_DB"
DEFAULT_PATH = files.BUNDLED_DIR.parent / "menuplanner.duckdb"
FIX = "run `uv run menuplanner init --force` to move it aside and build a fresh one"
NOT_OURS = "is a DuckDB database but not a menuplanner one"

Waiting = Callable[[], AbstractContextManager]  # entered while waiting for another program

# How long an opening waits for another program to let go of the file, and how often it looks.
WAIT_SECONDS = 10.0
FIRST_PAUSE, LONGEST_PAUSE = 0.005, 0.05
# Taking turns: a program refused by the lock leaves a note beside the file ("<name>.waiting",
# holding its process id). Another program about to open the file lets it go first (for up to
# _MAX_YIELD_S), and one keeping the file open a while longer (Database.linger) closes it at
# once. A note not renewed for _NOTE_FRESH_S is stale: its writer got in, gave up or died.
_NOTE_FRESH_S, _MAX_YIELD_S, NOTE_POLL_S = 0.5, 1.0, 0.02


def default_path() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH).expanduser()


def connect(
    path: Path,
    *,
    read_only: bool = False,
    wait: float = WAIT_SECONDS,
    waiting: Waiting | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open an existing database and check it is complete; raises DatabaseError.

    While another program holds the file (the dashboard during a script run, a notebook during
    a call), tries again with a growing pause for up to `wait` seconds, inside `waiting()` (the
    dashboard's spinner) from the first refusal on; then raises DatabaseBusy.
    Close the connection soon: while it is open no other program can use the file.
    """
    if not path.exists():
        raise DatabaseError(f"There is no database at {path}; run `uv run menuplanner init`.")
    conn = _open(path, read_only, wait, waiting)
    try:
        _check_built(conn, path)
        if migrations.needed(conn):  # built by an earlier version: see duckdb/migrations.py
            if read_only:  # migrated through a short read-write opening, then opened again
                conn.close()
                conn = _open(path, False, wait, waiting)
                migrations.upgrade(conn)
                conn.close()
                conn = _open(path, True, wait, waiting)
            else:
                migrations.upgrade(conn)
    except duckdb.Error as error:  # a damaged file can fail at its first read
        conn.close()
        raise _explain(path, error) from None
    except BaseException:
        conn.close()
        raise
    return conn


def migrate_file(path: Path, wait: float = WAIT_SECONDS) -> tuple[int | None, list]:
    """Bring the file's layout up to date now: (the version it was at, the migrations run)."""
    if not path.exists():
        raise DatabaseError(f"There is no database at {path}; run `uv run menuplanner init`.")
    conn = _open(path, False, wait, None)
    try:
        _check_built(conn, path)
        before = migrations.current_version(migrations.DuckDBSql(conn))
        return before, migrations.upgrade(conn)
    except duckdb.Error as error:
        raise _explain(path, error) from None
    finally:
        conn.close()


def _open(
    path: Path, read_only: bool, wait: float, waiting: Waiting | None
) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    pause = FIRST_PAUSE
    _let_a_waiting_program_go_first(path)
    with contextlib.ExitStack() as stack:
        stack.callback(done_waiting, path)
        while True:
            try:
                return duckdb.connect(str(path), read_only=read_only)
            except duckdb.Error as error:
                if not is_lock_conflict(error):
                    raise _explain(path, error) from None
            left = deadline - time.monotonic()
            if left <= 0:
                raise DatabaseBusy(
                    f"The database {path} is in use by another program (the dashboard, a "
                    f"notebook or the command line) and stayed busy for {wait:g} s; try again "
                    "when it has finished."
                )
            ask_for_a_turn(path)
            if waiting is not None and pause == FIRST_PAUSE:
                stack.enter_context(waiting())
            # Random pauses keep two waiting programs from retrying in step.
            time.sleep(min(left, pause * random.uniform(0.5, 1.0)))
            pause = min(pause * 2, LONGEST_PAUSE)


def _waiting_note(path: Path) -> Path:
    return path.with_name(path.name + ".waiting")


def another_program_is_waiting(path: Path) -> bool:
    """Another process was refused the file moments ago and is trying again."""
    note = _waiting_note(path)
    try:
        if time.time() - note.stat().st_mtime > _NOTE_FRESH_S:
            return False
        return note.read_text().strip() != str(os.getpid())
    except (OSError, ValueError):
        return False


def ask_for_a_turn(path: Path) -> None:
    if another_program_is_waiting(path):
        return  # first come, first served: that one's note stays
    with contextlib.suppress(OSError):  # a read-only folder: no turns, only retries
        _waiting_note(path).write_text(str(os.getpid()))


def done_waiting(path: Path) -> None:
    note = _waiting_note(path)
    with contextlib.suppress(OSError):
        if note.read_text().strip() == str(os.getpid()):
            note.unlink()


def _let_a_waiting_program_go_first(path: Path) -> None:
    deadline = time.monotonic() + _MAX_YIELD_S
    while another_program_is_waiting(path) and time.monotonic() < deadline:
        time.sleep(NOTE_POLL_S)


def is_lock_conflict(error: BaseException) -> bool:
    """DuckDB refused the file because another process holds its lock."""
    text = str(error)
    return "Could not set lock" in text or "Conflicting lock" in text


def _explain(path: Path, error: duckdb.Error) -> DatabaseError:
    text = str(error)
    if "different configuration" in text:  # read-only and read-write in one process
        return DatabaseError(
            f"The database {path} is already open in this program in another mode; close "
            "that connection first."
        )
    if "not a valid DuckDB database" in text or "not a DuckDB" in text or "magic" in text.lower():
        return DatabaseError(f"The file {path} is not a DuckDB database; {FIX}.")
    return DatabaseError(f"The database {path} cannot be opened ({text.splitlines()[0]}); {FIX}.")


def _check_built(conn: duckdb.DuckDBPyConnection, path: Path) -> None:
    problem = layout_problem(conn)
    if problem is not None:
        what = "file" if problem.startswith(NOT_OURS) else "database"
        fix = "" if "newer menuplanner" in problem else f"; {FIX}"
        raise DatabaseError(f"The {what} {path} {problem}{fix}.")


def layout_problem(conn: duckdb.DuckDBPyConnection) -> str | None:
    """What makes an open DuckDB file unusable as our database, as the end of a sentence."""
    try:
        meta = dict(conn.sql("SELECT key, value FROM meta").fetchall())
    except duckdb.CatalogException:  # no `meta` table (damage is another error)
        return NOT_OURS
    if meta.get("build_complete") != "true":
        return "was left incomplete by an interrupted build"
    version = meta.get("schema_version", "")
    if not version.isdigit():
        return f"has no layout version ({version!r})"
    if int(version) > SCHEMA_VERSION:
        return (
            f"has layout version {version}, written by a newer menuplanner (this one works "
            f"with version {SCHEMA_VERSION}); upgrade menuplanner to use it"
        )
    return None
