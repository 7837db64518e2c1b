"""PostgreSQL's numbered migrations (the runner and the numbering: store/sql/migrations.py).
PostgreSQL starts at version 3, the layout the DuckDB file reaches with its own migrations 1–3;
later versions add a migration to both lists. `menuplanner migrate` applies them, as the
schema's owner; app processes only check the version and say what to run."""

from __future__ import annotations

from menuplanner.store.postgres.schema import TABLES, security_statements
from menuplanner.store.sql.dialect import Sql
from menuplanner.store.sql.migrations import Migration


def _baseline(sql: Sql) -> None:
    for statement in (*TABLES, *security_statements()):
        sql.execute(statement)


MIGRATIONS = (Migration(3, "the tables, indexes and row-level security of version 3", _baseline),)
LATEST = MIGRATIONS[-1].version
