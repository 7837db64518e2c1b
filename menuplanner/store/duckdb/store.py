"""The DuckDB file as a `Store` (ports_store.py): a session is one opening of the file (see
sharing.py), and every port handed out works on that opening until the session ends."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import duckdb

from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.planning.store import PlanningStore
from menuplanner.ports import FoodCatalog, UnitOfWork
from menuplanner.ports_api_keys import ApiKeyStore
from menuplanner.ports_datasets import DatasetStore
from menuplanner.ports_store import ReadModel, Store, StoreSession
from menuplanner.store.duckdb.datasets import DuckDBDatasetStore
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog
from menuplanner.store.duckdb.menu_exchange import DuckDBExchangeUnitOfWork
from menuplanner.store.duckdb.planning import DuckDBPlanningStore
from menuplanner.store.duckdb.read_model import DuckDBReadModel
from menuplanner.store.duckdb.sharing import Database
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork


class DuckDBSession(StoreSession):
    """Every port over one open connection."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.connection = conn

    def unit_of_work(self, workspace: str) -> UnitOfWork:
        return DuckDBUnitOfWork(self.connection, workspace)

    def catalog(self, workspace: str) -> FoodCatalog:
        return DuckDBFoodCatalog(self.connection.cursor(), workspace)

    def datasets(self, workspace: str) -> DatasetStore:
        return DuckDBDatasetStore(self.connection, workspace)

    def planning(self, workspace: str) -> PlanningStore:
        return DuckDBPlanningStore(self.connection.cursor(), workspace)

    def exchange(self, workspace: str) -> ExchangeUnitOfWork:
        return DuckDBExchangeUnitOfWork(self.connection, workspace)

    def read_model(self, workspace: str) -> ReadModel:
        return DuckDBReadModel(self.connection, workspace)


class DuckDBStore(Store):
    def __init__(self, database: Database) -> None:
        self.database = database

    def __repr__(self) -> str:
        return f"DuckDBStore({str(self.database.path)!r})"

    def describe(self) -> str:
        return str(self.database.path)

    @contextlib.contextmanager
    def session(self) -> Iterator[DuckDBSession]:
        with self.database.session() as conn:
            yield DuckDBSession(conn)

    def unit_of_work(self, workspace: str) -> UnitOfWork:
        return self.database.unit_of_work(workspace)

    def catalog(self, workspace: str) -> FoodCatalog:
        return self.database.catalog(workspace)

    def api_keys(self) -> ApiKeyStore:
        from menuplanner.store.duckdb.api_keys import DuckDBApiKeys

        return DuckDBApiKeys(self.database)
