"""The PostgreSQL server as a `Store` (ports_store.py): a session holds one connection of the
pool, and every port handed out works on it; outside a session, a unit of work or a catalogue
call takes a connection for itself and gives it back."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg

from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.planning.store import PlanningStore
from menuplanner.ports import FoodCatalog, UnitOfWork
from menuplanner.ports_api_keys import ApiKeyStore
from menuplanner.ports_datasets import DatasetStore
from menuplanner.ports_store import ReadModel, Store, StoreSession
from menuplanner.store.postgres.connection import PgSql, PostgresServer, shown
from menuplanner.store.postgres.datasets import PgDatasetStore
from menuplanner.store.postgres.foods import PgFoodCatalog
from menuplanner.store.postgres.read_model import PgReadModel
from menuplanner.store.postgres.uow import PgExchangeUnitOfWork, PgUnitOfWork
from menuplanner.store.sql.planning import SqlPlanningStore


class PgSession(StoreSession):
    def __init__(self, conn: psycopg.Connection) -> None:
        self.connection = conn

    def unit_of_work(self, workspace: str) -> UnitOfWork:
        return PgUnitOfWork(self.connection, workspace)

    def catalog(self, workspace: str) -> FoodCatalog:
        return PgFoodCatalog(PgSql(self.connection, workspace), workspace)

    def datasets(self, workspace: str) -> DatasetStore:
        return PgDatasetStore(self.connection, workspace)

    def planning(self, workspace: str) -> PlanningStore:
        return SqlPlanningStore(PgSql(self.connection, workspace), workspace)

    def exchange(self, workspace: str) -> ExchangeUnitOfWork:
        return PgExchangeUnitOfWork(self.connection, workspace)

    def read_model(self, workspace: str) -> ReadModel:
        return PgReadModel(self.connection, workspace)


class PostgresStore(Store):
    def __init__(self, server: PostgresServer) -> None:
        self.server = server

    def __repr__(self) -> str:
        return f"PostgresStore({shown(self.server.url)!r})"

    def describe(self) -> str:
        return shown(self.server.url)

    @contextlib.contextmanager
    def session(self) -> Iterator[PgSession]:
        with self.server.connection() as conn:
            yield PgSession(conn)

    def unit_of_work(self, workspace: str) -> UnitOfWork:
        return _PooledUnitOfWork(self.server, workspace, PgUnitOfWork)

    def exchange_unit_of_work(self, workspace: str) -> ExchangeUnitOfWork:
        """An exchange unit of work that takes a connection for its block only."""
        return _PooledExchangeUnitOfWork(self.server, workspace, PgExchangeUnitOfWork)

    def close(self) -> None:
        self.server.close()

    def catalog(self, workspace: str) -> FoodCatalog:
        return _PooledCatalog(self.server, workspace)

    def api_keys(self) -> ApiKeyStore:
        from menuplanner.store.postgres.api_keys import PgApiKeys

        return PgApiKeys(self.server)


class _PooledUnitOfWork(UnitOfWork):
    """PgUnitOfWork on a connection taken for its `with` block only."""

    def __init__(self, server: PostgresServer, workspace: str, kind: type[PgUnitOfWork]) -> None:
        super().__init__(workspace)
        self._server = server
        self._kind = kind
        self._lease: contextlib.ExitStack | None = None
        self._inner: PgUnitOfWork | None = None

    def _begin(self) -> None:
        if self._inner is not None:
            raise RuntimeError("This unit of work is already open; use a new one.")
        lease = contextlib.ExitStack()
        conn = lease.enter_context(self._server.connection())
        inner = self._kind(conn, self.workspace)
        try:
            inner.__enter__()
        except BaseException:
            lease.close()
            raise
        self._lease, self._inner = lease, inner
        self.foods, self.clients = inner.foods, inner.clients
        self.recipes, self.menus = inner.recipes, inner.menus
        self.intakes, self.settings = inner.intakes, inner.settings
        if isinstance(inner, PgExchangeUnitOfWork):
            self.imported_foods = inner.imported_foods

    def __exit__(self, *exc_info: object) -> None:
        inner, lease = self._inner, self._lease
        self._inner = self._lease = None
        try:
            if inner is not None:
                inner.__exit__(*exc_info)
        finally:
            if lease is not None:
                lease.close()

    def commit(self) -> None:
        if self._inner is None:
            raise RuntimeError("This unit of work is not open; use it in a `with` block.")
        self._inner.commit()

    def rollback(self) -> None:
        if self._inner is not None:
            self._inner.rollback()


class _PooledExchangeUnitOfWork(_PooledUnitOfWork, ExchangeUnitOfWork):
    """The pooled unit of work that can also add a menu file's foods."""


class _PooledCatalog(FoodCatalog):
    """PgFoodCatalog whose every call takes a connection for that call."""

    def __init__(self, server: PostgresServer, workspace: str) -> None:
        self._server = server
        self._workspace = workspace

    def _call(self, method: str, *args, **kwargs):
        with self._server.connection() as conn:
            catalog = PgFoodCatalog(PgSql(conn, self._workspace), self._workspace)
            return getattr(catalog, method)(*args, **kwargs)

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
        return self._call("set_tag_override", food_id, tags)
