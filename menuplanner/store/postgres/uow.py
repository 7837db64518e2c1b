"""UnitOfWork on PostgreSQL: one REPEATABLE READ transaction on one connection, for one
workspace, with the same repositories as DuckDB (store/sql/).

`commit()` makes the work durable and opens a new transaction for any further work;
`rollback()` discards the work since the last commit; leaving the `with` block rolls back what
was not committed and ends the transaction. Two transactions saving the same rows: the second
is refused with a serialization failure, and two taking one unique name with a unique
violation; both leave as `ConcurrentUpdate`, as DuckDB's conflicts do. A connection lost during
the work leaves as `ConnectionLost` (a ConcurrentUpdate too: running the action again, once the
server is back, succeeds).
"""

from __future__ import annotations

import psycopg

from menuplanner.domain.errors import ConcurrentUpdate, ConnectionLost
from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.ports import LOCAL_WORKSPACE, UnitOfWork
from menuplanner.store.postgres.connection import PgSql, is_conflict, is_lost
from menuplanner.store.postgres.exchange import PgImportedFoods
from menuplanner.store.postgres.foods import PgFoodCatalog
from menuplanner.store.sql.clients import SqlClientRepository
from menuplanner.store.sql.menus import SqlMenuRepository
from menuplanner.store.sql.recipes import SqlRecipeRepository
from menuplanner.store.sql.reference_intakes import SqlReferenceIntakes, SqlWorkspaceSettings


class PgUnitOfWork(UnitOfWork):
    def __init__(self, conn: psycopg.Connection, workspace: str = LOCAL_WORKSPACE) -> None:
        super().__init__(workspace)
        self._conn = conn
        self._sql: PgSql | None = None

    def _begin(self) -> None:
        if self._sql is not None:
            raise RuntimeError("This unit of work is already open; use a new one.")
        sql = PgSql(self._conn, self.workspace)
        try:
            sql.begin()
        except psycopg.OperationalError as error:
            raise ConnectionLost() from error
        self._sql = sql
        self.foods = PgFoodCatalog(sql, self.workspace)
        self.clients = SqlClientRepository(sql, self.workspace)
        self.recipes = SqlRecipeRepository(sql, self.workspace)
        self.menus = SqlMenuRepository(sql, self.workspace)
        self.intakes = SqlReferenceIntakes(sql)
        self.settings = SqlWorkspaceSettings(sql, self.workspace)

    def __exit__(self, *exc_info: object) -> None:
        sql, self._sql = self._sql, None
        if sql is not None:
            sql.rollback()  # whatever was not committed; the connection goes back clean
        error = exc_info[1]
        if is_conflict(error):
            raise ConcurrentUpdate() from error
        if is_lost(error):
            raise ConnectionLost() from error

    def commit(self) -> None:
        sql = self._open_sql()
        sql.commit()
        try:
            sql.begin()
        except psycopg.OperationalError:
            # The save is stored; only the next transaction could not begin (the server went
            # away just after). The commit must not read as refused: the connection is closed
            # so that any further work in this unit fails as a lost connection instead.
            self._conn.close()

    def rollback(self) -> None:
        if self._sql is not None:
            self._sql.rollback()
            self._sql.begin()

    def _open_sql(self) -> PgSql:
        if self._sql is None:
            raise RuntimeError("This unit of work is not open; use it in a `with` block.")
        return self._sql


class PgExchangeUnitOfWork(PgUnitOfWork, ExchangeUnitOfWork):
    """PgUnitOfWork that can also add a menu file's foods, in the same transaction."""

    def _begin(self) -> None:
        super()._begin()
        self.imported_foods = PgImportedFoods(self._open_sql(), self.workspace)
