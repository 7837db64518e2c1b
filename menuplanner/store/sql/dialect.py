"""One SQL for the repositories of both engines: statements are written once, with `?`
placeholders, and `Sql` runs them on a DuckDB cursor or a psycopg connection. The few
constructs the engines spell differently are the `Dialect`'s.

Both engines run the statements as written otherwise: `BEGIN TRANSACTION`, `COMMIT`,
`ROLLBACK`, `IS DISTINCT FROM`, `FILTER (WHERE …)`, `string_agg(DISTINCT … ORDER BY …)`,
`unnest(?::BIGINT[])`, `RETURNING`. A psycopg connection is used in autocommit mode, so these
transaction statements mean on PostgreSQL what they mean on DuckDB.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import polars as pl


class Cursor(Protocol):
    def execute(self, query: Any, params: Any = ...) -> Any: ...

    def fetchall(self) -> list[tuple]: ...

    def fetchone(self) -> tuple | None: ...


@dataclass(frozen=True)
class Dialect:
    name: str
    positional: str  # the driver's placeholder for `?`
    ids_from_sequence: str  # "{sequence}": one row per `?` new ids
    contains: str  # "{column}": true when the column holds the `?` text
    has_table: str  # one `?`: the table's name; one row, one count
    # Ids every workspace shares: PostgreSQL's row-level security hides other workspaces' rows
    # from max(), so there they come from sequences.
    next_dataset_id: str
    next_food_id: str

    def placeholders(self, statement: str) -> str:
        """`statement` with the driver's placeholders (and, for psycopg, `%` kept literal)."""
        if self.positional == "?":
            return statement
        return re.sub(r"\?", "%s", statement.replace("%", "%%"))

    def new_ids(self, sequence: str) -> str:
        return self.ids_from_sequence.format(sequence=sequence)


DUCKDB = Dialect(
    "duckdb",
    "?",
    "SELECT nextval('{sequence}') FROM range(?)",
    "contains({column}, ?)",
    "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'",
    "SELECT coalesce(max(dataset_id), 0) + 1 FROM datasets",
    "SELECT coalesce(max(food_id), 0) + 1 FROM foods",
)
POSTGRES = Dialect(
    "postgres",
    "%s",
    "SELECT nextval('{sequence}') FROM generate_series(1, ?)",
    "strpos({column}, ?) > 0",
    "SELECT count(*) FROM pg_tables WHERE tablename = ? AND schemaname = current_schema()",
    "SELECT nextval('dataset_ids')",
    "SELECT nextval('food_ids')",
)


class Sql:
    """A cursor of one engine, speaking the repositories' SQL."""

    def __init__(self, cursor: Cursor, dialect: Dialect) -> None:
        self.cursor = cursor
        self.dialect = dialect

    def execute(self, statement: str, params: Sequence | None = None) -> Cursor:
        self.cursor.execute(self.dialect.placeholders(statement), list(params or []))
        return self.cursor

    def rows(self, statement: str, params: Sequence | None = None) -> list[tuple]:
        return self.execute(statement, params).fetchall()

    def row(self, statement: str, params: Sequence | None = None) -> tuple | None:
        # fetchall, not fetchone: a DuckDB cursor keeps a half-read result open, which a later
        # relation query on it refuses.
        found = self.execute(statement, params).fetchall()
        return found[0] if found else None

    def value(self, statement: str, params: Sequence | None = None) -> Any:
        found = self.row(statement, params)
        return None if found is None else found[0]

    def frame(self, statement: str, params: Sequence, schema: pl.Schema) -> pl.DataFrame:
        """The query's result as a Polars frame of `schema` (columns in the query's order)."""
        if self.dialect is DUCKDB:  # straight from DuckDB's columns, no Python rows
            return self.cursor.sql(statement, params=list(params)).pl()
        rows = self.rows(statement, params)
        return pl.DataFrame(rows, schema=schema, orient="row")

    def has_table(self, name: str) -> bool:
        return self.value(self.dialect.has_table, [name]) > 0

    # Transactions: an engine's subclass adds what its own need (PostgreSQL: the isolation
    # level and the workspace setting row-level security reads).

    def begin(self) -> None:
        self.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        """End the transaction, if one is open (a failure may have ended it already)."""
        self.execute("ROLLBACK")
