"""UnitOfWork over DuckDB: one transaction on its own cursor, for one workspace, with the
repositories every engine shares (store/sql/).

`commit()` makes the work so far durable and opens a new transaction for any further work;
`rollback()` discards the work since the last commit. Leaving the `with` block rolls back
whatever was not committed and closes the cursor.

Transactions of one process share one DuckDB instance and see a snapshot each: when two change
the same row, the second to write (or the one still open when the first commits) is refused
with a `duckdb.TransactionException` ("Conflict on update!", "Conflict on tuple deletion!")
and must roll back; two that insert the same unique key likewise (see `is_conflict`). Such a
refusal leaves the `with` block, or `commit()`, as
`ConcurrentUpdate`: a sentence, and a sign that running the whole action again may succeed.
"""

from __future__ import annotations

import duckdb

from menuplanner.domain.errors import ConcurrentUpdate
from menuplanner.ports import LOCAL_WORKSPACE, UnitOfWork
from menuplanner.store.duckdb.sql import DuckDBSql
from menuplanner.store.sql.clients import SqlClientRepository
from menuplanner.store.sql.foods import SqlFoodCatalog
from menuplanner.store.sql.menus import SqlMenuRepository
from menuplanner.store.sql.recipes import SqlRecipeRepository
from menuplanner.store.sql.reference_intakes import SqlReferenceIntakes, SqlWorkspaceSettings


class DuckDBUnitOfWork(UnitOfWork):
    def __init__(self, conn: duckdb.DuckDBPyConnection, workspace: str = LOCAL_WORKSPACE) -> None:
        super().__init__(workspace)
        self._conn = conn
        self._cursor: duckdb.DuckDBPyConnection | None = None

    def _begin(self) -> None:
        if self._cursor is not None:
            raise RuntimeError("This unit of work is already open; use a new one.")
        cursor = self._conn.cursor()
        cursor.execute("BEGIN TRANSACTION")
        self._cursor = cursor
        sql = DuckDBSql(cursor)
        self.foods = SqlFoodCatalog(sql, self.workspace)
        self.clients = SqlClientRepository(sql, self.workspace)
        self.recipes = SqlRecipeRepository(sql, self.workspace)
        self.menus = SqlMenuRepository(sql, self.workspace)
        self.intakes = SqlReferenceIntakes(sql)
        self.settings = SqlWorkspaceSettings(sql, self.workspace)

    def __exit__(self, *exc_info: object) -> None:
        try:
            super().__exit__(*exc_info)
        finally:
            if self._cursor is not None:
                self._cursor.close()
                self._cursor = None
        if is_conflict(exc_info[1]):
            raise ConcurrentUpdate() from exc_info[1]

    def commit(self) -> None:
        cursor = self._open_cursor()
        try:
            cursor.execute("COMMIT")
        except duckdb.TransactionException as error:
            if is_conflict(error):
                raise ConcurrentUpdate() from error
            raise
        finally:  # a failed COMMIT has ended the transaction too
            cursor.execute("BEGIN TRANSACTION")

    def rollback(self) -> None:
        if self._cursor is not None:
            self._cursor.execute("ROLLBACK")
            self._cursor.execute("BEGIN TRANSACTION")

    def _open_cursor(self) -> duckdb.DuckDBPyConnection:
        if self._cursor is None:
            raise RuntimeError("This unit of work is not open; use it in a `with` block.")
        return self._cursor


def is_conflict(error: object) -> bool:
    """Is this DuckDB refusing a write because another transaction changed the same row, or
    took the same unique key (a client's name, say) after this one's snapshot, where this one's
    own check could not see it? At the insert that is a "Duplicate key" ConstraintException;
    when both insert before either commits, the second COMMIT fails with a "constraint
    violation". Running the action again meets the repository's own sentence instead."""
    text = str(error)
    if isinstance(error, duckdb.TransactionException):
        return "Conflict" in text or "constraint violation" in text
    return isinstance(error, duckdb.ConstraintException) and "Duplicate key" in text
