"""The in-memory fakes as a `Store` (ports_store.py), for tests of entry points: every session
hands out the fakes over one MemoryDatabase. Its read model has the frames, not SQL."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import polars as pl

from menuplanner.domain.errors import ValidationFailed
from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.planning.store import PlanningStore
from menuplanner.ports import FoodCatalog, UnitOfWork
from menuplanner.ports_api_keys import ApiKeyStore, MemoryApiKeys
from menuplanner.ports_datasets import DatasetStore
from menuplanner.ports_store import ReadModel, Store, StoreSession
from menuplanner.store.memory.datasets import MemoryDatasetStore
from menuplanner.store.memory.exchange import MemoryExchangeUnitOfWork
from menuplanner.store.memory.planning import MemoryPlanningStore
from menuplanner.store.memory.uow import MemoryDatabase, MemoryUnitOfWork


class MemoryReadModel(ReadModel):
    def __init__(self, database: MemoryDatabase, workspace: str) -> None:
        self._catalog = database.foods.for_workspace(workspace, {})

    def foods(self, group: str | None = None, dataset: str | None = None) -> pl.DataFrame:
        hits = self._catalog.search("", limit=10**9).hits
        rows = [
            (h.food_id, h.name, h.group_code, h.group_name, h.dataset, h.is_common, h.is_branded)
            for h in hits
            if (group is None or h.group_code == group)
            and (dataset is None or h.dataset.lower() == dataset.lower())
        ]
        columns = ["food_id", "name", "group_code", "group_name", "dataset"]
        frame = pl.DataFrame(rows, schema=[*columns, "is_common", "is_branded"], orient="row")
        return frame.sort("food_id")

    def food_counts_by_group(self) -> pl.DataFrame:
        return self.foods().group_by("group_code").agg(pl.len().alias("foods"))

    def tables(self) -> pl.DataFrame:
        return pl.DataFrame(
            schema={"name": pl.String, "kind": pl.String, "rows": pl.Int64, "columns": pl.Int64}
        )

    def sql(self, query: str, params: Sequence | dict | None = None) -> pl.DataFrame:
        raise ValidationFailed("The in-memory store has no SQL; use the frames instead.")


class MemorySession(StoreSession):
    def __init__(self, database: MemoryDatabase) -> None:
        self.database = database
        self._planning: dict[str, MemoryPlanningStore] = {}

    def unit_of_work(self, workspace: str) -> UnitOfWork:
        return MemoryUnitOfWork(self.database, workspace)

    def catalog(self, workspace: str) -> FoodCatalog:
        rows = self.database.workspaces.get(workspace)
        return self.database.foods.for_workspace(workspace, rows.tag_overrides if rows else {})

    def datasets(self, workspace: str) -> DatasetStore:
        return MemoryDatasetStore(self.database, workspace)

    def planning(self, workspace: str) -> PlanningStore:
        return self._planning.setdefault(workspace, MemoryPlanningStore(self.catalog(workspace)))

    def exchange(self, workspace: str) -> ExchangeUnitOfWork:
        return MemoryExchangeUnitOfWork(self.database, workspace)

    def read_model(self, workspace: str) -> ReadModel:
        return MemoryReadModel(self.database, workspace)


class MemoryStore(Store):
    def __init__(self, database: MemoryDatabase | None = None) -> None:
        self.database = database or MemoryDatabase()
        self._session = MemorySession(self.database)
        self._api_keys = MemoryApiKeys()

    def describe(self) -> str:
        return "memory"

    @contextlib.contextmanager
    def session(self) -> Iterator[MemorySession]:
        yield self._session

    def unit_of_work(self, workspace: str) -> UnitOfWork:
        return self._session.unit_of_work(workspace)

    def catalog(self, workspace: str) -> FoodCatalog:
        return self._session.catalog(workspace)

    def api_keys(self) -> ApiKeyStore:
        return self._api_keys
