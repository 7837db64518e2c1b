"""The app's access to the store: held during a script run, released between runs. The one
place on the app side that chooses the store and hands out its ports: a PostgreSQL database when
MENUPLANNER_DATABASE_URL is set (see README, "Serving a practice or many"), else the DuckDB file.

DuckDB lets one process at a time hold the file, so the dashboard must not keep it open while
nobody is clicking, or a notebook (or the command line) would never get a turn. app.py calls
`begin_run()` first and `end_run()` last (in a `finally`): the first opens a store session for
the run (while a notebook holds the file, waiting with a spinner instead of an error) and the
second releases it (the very first run's build happens before, in pages/ui/first_run.py).
Every session of this process shares one DuckDB instance, so concurrent sessions cost nothing
extra, and the file is free whenever no run is in progress. A released file stays open LINGER
seconds more, so that the next run soon after finds it warm, unless another program is waiting
for it (see menuplanner.store.duckdb.sharing.Database).

Pages call `unit_of_work()`, `catalog()`, `datasets()`, `planning()` and `exchange()`. Inside a
run they use the run's session. Widget callbacks run before app.py, outside a run: there a
unit of work or a catalog call opens the store for itself and releases it after, and the other
ports open a session that lasts until this session's next run ends.
"""

from __future__ import annotations

import contextlib
import threading

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.planning.store import PlanningStore
from menuplanner.ports import FoodCatalog, UnitOfWork
from menuplanner.ports_api_keys import ApiKeyStore
from menuplanner.ports_datasets import DatasetStore
from menuplanner.ports_store import Store, StoreSession
from menuplanner.store.factory import database_url, open_store
from pages.ui import auth

BUSY = "The database is busy (a notebook or the command line is using it); retrying…"
# Seconds a released file stays open: a click's callback and the run right after it, or a
# burst of reruns while typing, then share one warm opening (measured: the menu builder's
# add-one-item round trip takes ~60 ms more without it, as every opening starts cold).
LINGER = 0.25

_local = threading.local()  # per script thread: the sessions of the runs in progress


def begin_run() -> None:
    """Open the store for this script run (in app.py, once the database exists: see
    pages/ui/first_run.py); stops the page with a one-sentence error when it cannot be used or
    stays busy for longer than we wait."""
    _runs().append(_open())


def end_run() -> None:
    """Release what `begin_run` opened (last thing in app.py, in a `finally`), and anything a
    widget callback of this run opened through `datasets()`, `planning()` or `exchange()`."""
    runs = _runs()
    if runs:
        runs.pop().close()
    if not runs:
        for stray in _strays():
            stray.close()
        _strays().clear()


def unit_of_work() -> UnitOfWork:
    runs = _runs()
    if runs:
        return runs[-1].session.unit_of_work(workspace())
    return _store().unit_of_work(workspace())


def catalog() -> FoodCatalog:
    """Food look-ups, usable for the rest of the script run (and from callbacks)."""
    runs = _runs()
    if runs:
        return runs[-1].session.catalog(workspace())
    return _store().catalog(workspace())


def datasets() -> DatasetStore:
    return _current_session().datasets(workspace())


def planning() -> PlanningStore:
    return _current_session().planning(workspace())


def exchange() -> ExchangeUnitOfWork:
    return _current_session().exchange(workspace())


def api_keys() -> ApiKeyStore:
    """The HTTP API's keys (every call holds the store only for itself)."""
    return _store().api_keys()


def workspace() -> str:
    """This session's workspace, as pages/ui/auth.py settled it (the local one without sign-in)."""
    return auth.current_workspace()


def _store() -> Store:
    url = database_url()
    if url is not None:
        return _server_store(url)
    return open_store(build=False, waiting=_busy_spinner, linger=LINGER)


@st.cache_resource(show_spinner=False)
def _server_store(url: str) -> Store:
    """One pool of connections per process and database server, checked once: an app process
    does not start on a database that is not built, or on an older or newer layout (it says
    what to run); it never migrates one itself."""
    from menuplanner.store.postgres import admin

    store = open_store(url=url)
    with admin.direct_connection(url) as conn:
        admin.check_ready(conn, url)
    return store


def _busy_spinner():
    return st.spinner(BUSY)


class _Held:
    """A store session, held until `close()`."""

    def __init__(self, store: Store) -> None:
        self._stack = contextlib.ExitStack()
        self.session: StoreSession = self._stack.enter_context(store.session())

    def close(self) -> None:
        self._stack.close()


def _open() -> _Held:
    try:
        return _Held(_store())
    except MenuplannerError as error:
        st.error(str(error))
        st.stop()


def _current_session() -> StoreSession:
    """The run's session; in a callback, one kept open until this session's run ends."""
    runs = _runs()
    if runs:
        return runs[-1].session
    stray = _open()
    _strays().append(stray)
    return stray.session


def _runs() -> list[_Held]:
    if not hasattr(_local, "runs"):
        _local.runs = []
    return _local.runs


def _strays() -> list[_Held]:
    if not hasattr(_local, "strays"):
        _local.strays = []
    return _local.strays
