"""The store as a whole: what an entry point (the dashboard, the command line, a notebook, a
benchmark) opens to reach every port of one workspace, and the read model notebooks use.

Entry points never build adapters themselves: they get a `Store` from `open_store`
(`menuplanner.store.factory`; the DuckDB file by default) and open a session on it. A session is
the span during which the store's resources are held (for the DuckDB file: the file is open, so
other programs wait; see store/duckdb/sharing.py); everything a session hands out works until it
ends.
"""

from __future__ import annotations

import abc
import contextlib
from collections.abc import Iterator, Sequence

import polars as pl

from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.planning.store import PlanningStore
from menuplanner.ports import FoodCatalog, UnitOfWork
from menuplanner.ports_api_keys import ApiKeyStore
from menuplanner.ports_datasets import DatasetStore


class ReadModel(abc.ABC):
    """Read-only frames for analysis, as one workspace sees the data."""

    @abc.abstractmethod
    def foods(self, group: str | None = None, dataset: str | None = None) -> pl.DataFrame:
        """One row per food the workspace sees: food_id, name, group_code, group_name, dataset,
        is_common, is_branded; of one group code or dataset name (any case) when given."""

    @abc.abstractmethod
    def food_counts_by_group(self) -> pl.DataFrame:
        """group_code, foods: how many foods the workspace sees in each group."""

    @abc.abstractmethod
    def tables(self) -> pl.DataFrame:
        """Every table and view of the store: name, kind, rows (tables), columns."""

    @abc.abstractmethod
    def sql(self, query: str, params: Sequence | dict | None = None) -> pl.DataFrame:
        """One read-only query in the store's own SQL; statements that change anything are
        refused with ValidationFailed. Not walled by workspace: see the README."""


class StoreSession(abc.ABC):
    """Every port of the store, for any workspace, while the session lasts."""

    @abc.abstractmethod
    def unit_of_work(self, workspace: str) -> UnitOfWork: ...

    @abc.abstractmethod
    def catalog(self, workspace: str) -> FoodCatalog: ...

    @abc.abstractmethod
    def datasets(self, workspace: str) -> DatasetStore: ...

    @abc.abstractmethod
    def planning(self, workspace: str) -> PlanningStore: ...

    @abc.abstractmethod
    def exchange(self, workspace: str) -> ExchangeUnitOfWork:
        """A unit of work that can also add the foods of a menu file."""

    @abc.abstractmethod
    def read_model(self, workspace: str) -> ReadModel: ...


class Store(abc.ABC):
    """A database the entry points share (see the module)."""

    @abc.abstractmethod
    def describe(self) -> str:
        """Where the data lives, for messages: a file path or a server address."""

    @abc.abstractmethod
    @contextlib.contextmanager
    def session(self) -> Iterator[StoreSession]:
        """Hold the store for the block; raises a MenuplannerError sentence when it cannot be
        used (missing, damaged, busy for too long, unreachable)."""

    @abc.abstractmethod
    def unit_of_work(self, workspace: str) -> UnitOfWork:
        """A unit of work that holds the store only inside its own `with` block."""

    @abc.abstractmethod
    def catalog(self, workspace: str) -> FoodCatalog:
        """A food catalogue that holds the store only for each call."""

    @abc.abstractmethod
    def api_keys(self) -> ApiKeyStore:
        """The HTTP API's keys of every workspace (each call holds the store only for itself)."""

    def close(self) -> None:  # noqa: B027  (most stores keep nothing between sessions)
        """Let go of what the store keeps between sessions (a server's connections)."""
