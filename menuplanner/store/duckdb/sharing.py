"""Sharing the file between the dashboard, notebooks and the command line.

No program keeps the file open between actions: the dashboard opens it for one script run, a
notebook for one call, the command line for one command, and each releases it after
(`Database`; the dashboard keeps it a quarter second longer unless someone is waiting). Every
unit of work happens inside one opening, so one program's read-modify-write cannot interleave
with another's (no lost update), and the next opening sees everything committed before it.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import duckdb

from menuplanner.ports import LOCAL_WORKSPACE, FoodCatalog, UnitOfWork
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog
from menuplanner.store.duckdb.opening import (
    NOTE_POLL_S,
    WAIT_SECONDS,
    Waiting,
    another_program_is_waiting,
    connect,
)
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork


@dataclass(frozen=True)
class Database:
    """A database file that is opened only while it is used, so that the dashboard, notebooks
    and the command line can take turns on it. Each `session`, `unit_of_work` and catalog call
    opens the file (politely: see _open), works, and releases it.

    Opening costs about 15 ms when no connection to the file is open in this process, and its
    first queries then read from a cold cache; while one is open, DuckDB shares that instance
    and opening costs ~0.1 ms. With `linger`, the process keeps one released connection open
    that many seconds after the last release, so a burst of actions (the units of work of one
    dashboard run, a click's callback and the run after it) shares one warm opening; another
    program asking for the file cuts the wait short.
    """

    path: Path
    wait: float = WAIT_SECONDS
    waiting: Waiting | None = None
    linger: float = 0.0

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        """A connection the caller must `release` (or close)."""
        if not read_only:
            warm = _Keeper.share(self.path)
            if warm is not None:
                return warm
        return connect(self.path, read_only=read_only, wait=self.wait, waiting=self.waiting)

    def release(self, conn: duckdb.DuckDBPyConnection, read_only: bool = False) -> None:
        """Close `conn`, or keep it open `linger` seconds longer (see the class)."""
        if self.linger <= 0 or another_program_is_waiting(self.path):
            conn.close()
            return
        _Keeper.keep(self.path, conn, self.linger, read_only)

    @contextlib.contextmanager
    def session(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """The file, open for the `with` block and released after it."""
        conn = self.connect(read_only)
        try:
            yield conn
        finally:
            self.release(conn, read_only)

    def unit_of_work(self, workspace: str = LOCAL_WORKSPACE) -> UnitOfWork:
        """A unit of work that opens the file when its block starts and releases it at the end."""
        return SessionUnitOfWork(self, workspace)

    def catalog(self, workspace: str = LOCAL_WORKSPACE) -> FoodCatalog:
        """A food catalog whose every call opens the file and releases it again."""
        return SessionFoodCatalog(self, workspace)


class _Keeper:
    """At most one lingering connection per file and process, closed by its own thread when
    `linger` has passed since the last release, or as soon as another program waits."""

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _by_path: ClassVar[dict[str, _Keeper]] = {}

    def __init__(
        self, path: Path, conn: duckdb.DuckDBPyConnection, linger: float, read_only: bool
    ) -> None:
        self.path, self.conn, self.until = path, conn, time.monotonic() + linger
        self.read_only = read_only

    @classmethod
    def keep(
        cls, path: Path, conn: duckdb.DuckDBPyConnection, linger: float, read_only: bool = False
    ) -> None:
        with cls._lock:
            keeper = cls._by_path.get(str(path))
            if keeper is not None:  # one is lingering already: it keeps the instance open
                keeper.until = max(keeper.until, time.monotonic() + linger)
            else:
                keeper = cls._by_path[str(path)] = _Keeper(path, conn, linger, read_only)
                # Not a daemon: Python waits for it at exit (at most the linger time) instead
                # of freezing it inside DuckDB's close, which aborts the process.
                threading.Thread(target=keeper._linger, daemon=False).start()
                return
        conn.close()

    @classmethod
    def share(cls, path: Path) -> duckdb.DuckDBPyConnection | None:
        """Another connection to the instance a lingering connection holds open, or None. It
        skips the opening's checks of the layout: this process has held the file without a
        break since the lingering connection was opened and checked, so no other program can
        have changed it (DuckDB lets one process at a time open the file). A program waiting
        for the file gets its turn first: then None, and the caller opens politely."""
        with cls._lock:
            keeper = cls._by_path.get(str(path))
            if keeper is None or keeper.read_only or another_program_is_waiting(path):
                return None
            # A connection of its own (DuckDB's instance cache shares the open file): unlike a
            # cursor, it stays usable when the lingering one is closed meanwhile.
            return duckdb.connect(str(path))

    def _linger(self) -> None:
        while True:
            time.sleep(NOTE_POLL_S)
            with self._lock:
                if self._by_path.get(str(self.path)) is not self:  # closed by close_all
                    return
                if time.monotonic() >= self.until or another_program_is_waiting(self.path):
                    del self._by_path[str(self.path)]
                    break
        self.conn.close()

    @classmethod
    def close_all(cls) -> None:
        """At exit: close lingering connections, so the file is checkpointed (no WAL left)."""
        with cls._lock:
            keepers, cls._by_path = list(cls._by_path.values()), {}
        for keeper in keepers:
            with contextlib.suppress(duckdb.Error):
                keeper.conn.close()


atexit.register(_Keeper.close_all)


class SessionUnitOfWork(UnitOfWork):
    """DuckDBUnitOfWork on a connection of its own, open only inside the `with` block."""

    def __init__(self, database: Database, workspace: str = LOCAL_WORKSPACE) -> None:
        super().__init__(workspace)
        self._database = database
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._inner: DuckDBUnitOfWork | None = None

    def _begin(self) -> None:
        if self._inner is not None:
            raise RuntimeError("This unit of work is already open; use a new one.")
        conn = self._database.connect()
        inner = DuckDBUnitOfWork(conn, self.workspace)
        try:
            inner.__enter__()
        except BaseException:
            conn.close()
            raise
        self._conn, self._inner = conn, inner
        self.foods, self.clients = inner.foods, inner.clients
        self.recipes, self.menus = inner.recipes, inner.menus
        self.intakes, self.settings = inner.intakes, inner.settings

    def __exit__(self, *exc_info: object) -> None:
        inner, conn = self._inner, self._conn
        self._inner = self._conn = None
        try:
            if inner is not None:
                inner.__exit__(*exc_info)
        finally:
            if conn is not None:
                self._database.release(conn)

    def commit(self) -> None:
        if self._inner is None:
            raise RuntimeError("This unit of work is not open; use it in a `with` block.")
        self._inner.commit()

    def rollback(self) -> None:
        if self._inner is not None:
            self._inner.rollback()


class SessionFoodCatalog(FoodCatalog):
    """DuckDBFoodCatalog whose every call has the file open only for that call."""

    def __init__(self, database: Database, workspace: str = LOCAL_WORKSPACE) -> None:
        self._database = database
        self._workspace = workspace

    def _call(self, method: str, *args, **kwargs):
        with self._database.session() as conn:
            return getattr(DuckDBFoodCatalog(conn, self._workspace), method)(*args, **kwargs)

    def search(self, query, group_code=None, limit=25, offset=0):
        return self._call("search", query, group_code, limit, offset)

    def get(self, food_id):
        return self._call("get", food_id)

    def get_many(self, food_ids):
        return self._call("get_many", food_ids)

    def groups(self):
        return self._call("groups")

    def count(self):
        return self._call("count")

    def nutrients_per_100g(self, food_ids):
        return self._call("nutrients_per_100g", food_ids)

    def tag_overrides(self, food_ids=None):
        return self._call("tag_overrides", food_ids)

    def set_tag_override(self, food_id, tags):
        # Its own transaction: a correction made outside a unit of work is committed at once.
        with self._database.session() as conn:
            conn.execute("BEGIN TRANSACTION")
            try:
                DuckDBFoodCatalog(conn, self._workspace).set_tag_override(food_id, tags)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
