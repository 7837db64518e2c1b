"""The app's access to the database: open during a script run, released between runs.

DuckDB lets one process at a time hold the file, so the dashboard must not keep it open while
nobody is clicking, or a notebook (or the command line) would never get a turn. app.py calls
`begin_run()` first and `end_run()` last (in a `finally`): the first opens the file for the run
(building it on the very first run; while a notebook holds it, waiting with a spinner instead
of an error) and the second releases it. Every session of this process shares one DuckDB
instance, so concurrent sessions cost nothing extra, and the file is free whenever no run is in
progress. A released file stays open LINGER seconds more, so that the next run soon after
finds it warm, unless another program is waiting for it (see
menuplanner.store.duckdb.database.Database).

Pages call `unit_of_work()`, `catalog()` and, rarely, `connection()`. Inside a run they use the
run's connection (one cursor per unit of work). Widget callbacks run before app.py, outside a
run: there a unit of work or a catalog call opens the file for itself and releases it after.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import streamlit as st

from menuplanner import setup
from menuplanner.domain.errors import MenuplannerError
from menuplanner.ports import FoodCatalog, UnitOfWork
from menuplanner.sr26.errors import DataFileError
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from pages.ui import auth

BUSY = "The database is busy (a notebook or the command line is using it); retrying…"
# Seconds a released file stays open: a click's callback and the run right after it, or a
# burst of reruns while typing, then share one warm opening (measured: the menu builder's
# add-one-item round trip takes ~60 ms more without it, as every opening starts cold).
LINGER = 0.25

_build_lock = threading.Lock()
_local = threading.local()  # per script thread: the connections of the runs in progress


def begin_run() -> None:
    """Open the database for this script run (first thing in app.py). Builds it on the first
    run with a visible progress message; stops the page with a one-sentence error when the
    database cannot be used or stays busy for longer than we wait."""
    _runs().append(_open())


def end_run() -> None:
    """Release what `begin_run` opened (last thing in app.py, in a `finally`), and anything a
    widget callback of this run took through `connection()`."""
    runs = _runs()
    if runs:
        _database().release(runs.pop())
    if not runs:
        for stray in _strays():
            _database().release(stray)
        _strays().clear()


def connection() -> duckdb.DuckDBPyConnection:
    """The connection of the current script run. Outside a run (in a widget callback) it opens
    one that stays open until this session's run ends; prefer `unit_of_work()` there."""
    runs = _runs()
    if runs:
        return runs[-1]
    conn = _open()
    _strays().append(conn)
    return conn


def catalog() -> FoodCatalog:
    """Food look-ups, usable for the rest of the script run (and from callbacks)."""
    runs = _runs()
    if runs:
        return DuckDBFoodCatalog(runs[-1].cursor(), workspace())
    return _database().catalog(workspace())


def unit_of_work() -> UnitOfWork:
    runs = _runs()
    if runs:
        return DuckDBUnitOfWork(runs[-1], workspace())
    return _database().unit_of_work(workspace())


def workspace() -> str:
    """This session's workspace, as pages/ui/auth.py settled it (the local one without sign-in)."""
    return auth.current_workspace()


def _database() -> database.Database:
    return database.Database(database.default_path(), waiting=_busy_spinner, linger=LINGER)


BUNDLED_DATA_FIX = (
    "Restore the bundled files (`git checkout -- data/usda-sr26`) and reload this page."
)


def _busy_spinner():
    return st.spinner(BUSY)


def _open() -> duckdb.DuckDBPyConnection:
    try:
        path = database.default_path()
        if not path.exists():
            with _build_lock:
                if not path.exists():
                    _build_with_progress(path)
        return _database().connect()
    except DataFileError as error:  # only the bundled files are read when building
        st.error(f"{str(error).rstrip('.')}. {BUNDLED_DATA_FIX}")
        st.stop()
    except MenuplannerError as error:
        st.error(str(error))
        st.stop()


def _runs() -> list[duckdb.DuckDBPyConnection]:
    if not hasattr(_local, "runs"):
        _local.runs = []
    return _local.runs


def _strays() -> list[duckdb.DuckDBPyConnection]:
    if not hasattr(_local, "strays"):
        _local.strays = []
    return _local.strays


def _build_with_progress(path: Path) -> None:
    label = "First run: building the nutrition database from the bundled USDA SR26 tables…"
    with st.status(label, expanded=True) as status:
        setup.build_database(path, progress=status.write)
        status.update(label="Nutrition database ready.", state="complete", expanded=False)
