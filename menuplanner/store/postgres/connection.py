"""Reaching a PostgreSQL server: a pool of connections (psycopg_pool), and the repositories' SQL
on one of them for one workspace (`PgSql`).

Connections are in autocommit mode and every transaction is explicit: `begin()` opens one at
REPEATABLE READ (a snapshot, as DuckDB's: of two transactions saving one menu, the second is
refused with a serialization failure) and sets `menuplanner.workspace` for it, which the
row-level security policies read (store/postgres/schema.py). A statement run outside a
transaction runs in one of its own, with the same setting, so no query reaches the server
without its workspace.

Failures become sentences: a wrong address, a refused password, a server that is down
(`DatabaseError`), every connection in use for longer than `wait` seconds (`StoreBusy`), a
connection lost during a save (`ConnectionLost`, which the app's save loop tries again).
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import psycopg
import psycopg_pool
from psycopg import errors as pg_errors

from menuplanner.domain.errors import (
    ConcurrentUpdate,
    ConnectionLost,
    SaveOutcomeUnknown,
    StoreBusy,
)
from menuplanner.store.errors import DatabaseError
from menuplanner.store.sql.dialect import POSTGRES, Sql

WAIT_SECONDS = 10.0
OUTCOME_WAIT_SECONDS = 10.0  # how long a lost commit waits for the server to say what became of it
POOL_SIZE = 10
_CONFLICTS = (
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
    pg_errors.UniqueViolation,  # two sessions taking one name: the second meets the sentence
)


def shown(url: str) -> str:
    """A database address as it may be printed: user, host, port and database, no password.

    Accepts both forms libpq does (postgresql://… and key=value pairs)."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        masked = re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)
        return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", masked)
    user = f"{parts['user']}@" if parts.get("user") else ""
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname') or ''}"


def explain(url: str, error: BaseException) -> DatabaseError:
    """A sentence for a connection that could not be made."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    where = shown(url)
    if "no password supplied" in text:
        return DatabaseError(
            f"The database server at {where} asks for a password and none was given; put it "
            "in the address (postgresql://user:password@host/database) or in ~/.pgpass."
        )
    if "password authentication failed" in text:
        return DatabaseError(f"The database server at {where} refused the password; check it.")
    if "does not exist" in text and "database" in text:
        return DatabaseError(
            f"There is no database at {where}; check its name, or create it first (createdb)."
        )
    if "resolve host" in text or "could not translate host" in text:
        return DatabaseError(
            f"The database server at {where} cannot be found: its host name is unknown here; "
            "check the address."
        )
    if "Connection refused" in text or "timeout" in text:
        return DatabaseError(
            f"The database server at {where} cannot be reached ({text}); is it running?"
        )
    if isinstance(error, psycopg.ProgrammingError):
        return DatabaseError(
            f"{where} is not a PostgreSQL address one can connect to ({text}); write it as "
            "postgresql://user:password@host:port/database."
        )
    return DatabaseError(f"The database at {where} cannot be used: {text}.")


def not_postgresql(url: str) -> bool:
    """An address of another kind of database (mysql://…, sqlite:…), which libpq would
    misread as key=value pairs."""
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", url.strip())
    return scheme is not None and scheme.group(1).lower() not in ("postgresql", "postgres")


class PostgresServer:
    """A pool of connections to one database."""

    def __init__(
        self,
        url: str,
        *,
        size: int = POOL_SIZE,
        wait: float = WAIT_SECONDS,
        check: Callable[[psycopg.Connection, str], None] | None = None,
    ) -> None:
        """`check` looks at the database on the first connection and raises to refuse it (the
        app's processes pass admin.check_ready: never start on a layout half understood)."""
        self.url = url
        self.wait = wait
        self._check = check
        if not_postgresql(url):
            raise DatabaseError(
                f"A {url.split(':', 1)[0]}: address is not a PostgreSQL database's; write it "
                "as postgresql://user:password@host:port/database."
            )
        try:
            psycopg.conninfo.conninfo_to_dict(url)
        except psycopg.ProgrammingError as error:
            raise explain(url, error) from None
        self._pool = psycopg_pool.ConnectionPool(
            url,
            min_size=1,
            max_size=size,
            kwargs={"autocommit": True},
            check=psycopg_pool.ConnectionPool.check_connection,
            open=False,
            name="menuplanner",
        )
        self._opened = False

    def __repr__(self) -> str:
        return f"PostgresServer({shown(self.url)!r})"

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """A connection of the pool for the block; DatabaseError or StoreBusy otherwise."""
        self._open()
        try:
            lease = self._pool.connection(timeout=self.wait)
            conn = lease.__enter__()
        except psycopg_pool.PoolTimeout:
            raise StoreBusy(
                f"The database server is busy (all {self._pool.max_size} connections stayed in "
                f"use for {self.wait:g} s); try again in a moment."
            ) from None
        except psycopg.OperationalError as error:
            raise explain(self.url, error) from None
        try:
            yield conn
        except BaseException as error:
            lease.__exit__(type(error), error, error.__traceback__)
            raise
        else:
            lease.__exit__(None, None, None)

    def close(self) -> None:
        if self._opened:
            self._pool.close()
            self._opened = False

    def _open(self) -> None:
        if self._opened:
            return
        try:
            # The first connection is made here, so a wrong address or password is one
            # sentence at once, not a timeout of the pool's background workers; and the
            # database's layout is checked.
            with psycopg.connect(self.url, connect_timeout=5, autocommit=True) as conn:
                if self._check is not None:
                    self._check(conn, self.url)
        except psycopg.Error as error:
            raise explain(self.url, error) from None
        self._pool.open(wait=False)
        self._opened = True


class _Rows:
    """The rows of a statement that ran in a transaction of its own."""

    def __init__(self, rows: list[tuple]) -> None:
        self._rows = rows

    def fetchall(self) -> list[tuple]:
        return self._rows

    def fetchone(self) -> tuple | None:
        return self._rows[0] if self._rows else None


class PgSql(Sql):
    """The repositories' SQL on one psycopg connection, for one workspace (None: the schema's
    owner at work, migrating or copying, outside any workspace)."""

    def __init__(self, conn: psycopg.Connection, workspace: str | None) -> None:
        super().__init__(conn.cursor(), POSTGRES)
        self.connection = conn
        self.workspace = workspace
        self._in_transaction = False

    def execute(self, statement: str, params: Sequence | None = None) -> Any:
        if self._in_transaction:
            return super().execute(statement, params)
        with self.connection.transaction():
            self._set_workspace()
            super().execute(statement, params)
            rows = self.cursor.fetchall() if self.cursor.description else []
        return _Rows(rows)

    def begin(self) -> None:
        self.cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        self._in_transaction = True
        self._set_workspace()

    def commit(self) -> None:
        self._in_transaction = False
        try:
            # The transaction's id (None when it wrote nothing), to learn its fate should the
            # connection break during COMMIT: the server may have stored it before going away.
            written = self.cursor.execute("SELECT pg_current_xact_id_if_assigned()::text")
            xid = written.fetchone()[0]
        except psycopg.OperationalError as error:
            raise ConnectionLost() from error
        try:
            self.cursor.execute("COMMIT")
        except _CONFLICTS as error:
            raise ConcurrentUpdate() from error
        except psycopg.OperationalError as error:
            if xid is None:
                raise ConnectionLost() from error
            outcome = transaction_outcome(self.connection, xid)
            if outcome == "committed":
                return
            if outcome is None:
                raise SaveOutcomeUnknown() from error
            raise ConnectionLost() from error

    def rollback(self) -> None:
        self._in_transaction = False
        with contextlib.suppress(psycopg.Error):  # a lost connection has nothing to end
            self.cursor.execute("ROLLBACK")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction for the block, unless one is open already (then it is that one's)."""
        if self._in_transaction:
            yield
            return
        self.begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def _set_workspace(self) -> None:
        if self.workspace is not None:
            self.cursor.execute(
                "SELECT set_config('menuplanner.workspace', %s, true)", [self.workspace]
            )


def transaction_outcome(
    lost: psycopg.Connection, xid: str, wait: float = OUTCOME_WAIT_SECONDS
) -> str | None:
    """'committed', 'aborted' or 'in progress' for transaction `xid` of a lost connection, asked
    on a new connection to the same database; None when the server stays unreachable."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with psycopg.connect(
                lost.info.dsn, password=lost.info.password, connect_timeout=2, autocommit=True
            ) as conn:
                status = conn.execute("SELECT pg_xact_status(%s::xid8)", [xid]).fetchone()[0]
        except psycopg.OperationalError:
            status = None  # not back yet
        except psycopg.Error:
            return "aborted"  # an id the server never stored (it crashed before its commit)
        if status in ("committed", "aborted"):
            return status
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.2)


def is_conflict(error: BaseException | None) -> bool:
    return isinstance(error, _CONFLICTS)


def is_lost(error: BaseException | None) -> bool:
    return isinstance(error, psycopg.OperationalError)
