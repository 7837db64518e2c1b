"""The exchange unit of work over DuckDB: DuckDBUnitOfWork that can also add a menu file's foods
(store/sql/menu_exchange.py), in the same transaction."""

from __future__ import annotations

from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.store.duckdb.sql import DuckDBSql
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from menuplanner.store.sql.menu_exchange import SqlImportedFoods


class DuckDBExchangeUnitOfWork(DuckDBUnitOfWork, ExchangeUnitOfWork):
    def _begin(self) -> None:
        super()._begin()
        self.imported_foods = SqlImportedFoods(DuckDBSql(self._open_cursor()), self.workspace)
