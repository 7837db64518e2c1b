"""The exchange unit of work over DuckDB: DuckDBUnitOfWork that can also add a menu file's foods
(store/sql/menu_exchange.py), in the same transaction."""

from __future__ import annotations

from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from menuplanner.store.sql.dialect import DUCKDB, Sql
from menuplanner.store.sql.menu_exchange import SqlImportedFoods


class DuckDBExchangeUnitOfWork(DuckDBUnitOfWork, ExchangeUnitOfWork):
    def _begin(self) -> None:
        super()._begin()
        self.imported_foods = SqlImportedFoods(Sql(self._open_cursor(), DUCKDB), self.workspace)
