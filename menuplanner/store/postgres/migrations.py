"""PostgreSQL's numbered migrations (the runner and the numbering: store/sql/migrations.py).
PostgreSQL starts at version 3, the layout the DuckDB file reaches with its own migrations 1–3;
later versions add a migration to both lists (4: micronutrient goals; 5: API keys).
`menuplanner migrate` applies them, as the schema's owner; app processes only check the version
and say what to run."""

from __future__ import annotations

from menuplanner.store.postgres.schema import (
    POLICIES_4,
    POLICIES_5,
    TABLES,
    VERSION_4,
    VERSION_5,
    security_statements,
)
from menuplanner.store.sql.dialect import Sql
from menuplanner.store.sql.migrations import Migration
from menuplanner.store.sql.reference_intakes import bundled_intakes, write_intakes


def _baseline(sql: Sql) -> None:
    for statement in (*TABLES, *security_statements()):
        sql.execute(statement)


def _micronutrient_goals(sql: Sql) -> None:
    """Version 4 (DuckDB's migration 4): the new columns and tables, the app role's grants on
    them, row-level security for the workspace settings, and the bundled intakes."""
    for statement in (*VERSION_4, *security_statements(POLICIES_4)):
        sql.execute(statement)
    write_intakes(sql, bundled_intakes())


def _api_keys(sql: Sql) -> None:
    """Version 5 (DuckDB's migration 5): the keys table, its grants and row-level security."""
    for statement in (*VERSION_5, *security_statements(POLICIES_5)):
        sql.execute(statement)


MIGRATIONS = (
    Migration(3, "the tables, indexes and row-level security of version 3", _baseline),
    Migration(
        4,
        "clients keep micronutrient goals; the Dietary Reference Intakes; workspace settings",
        _micronutrient_goals,
    ),
    Migration(5, "API keys of each workspace", _api_keys),
)
LATEST = MIGRATIONS[-1].version
