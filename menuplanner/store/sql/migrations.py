"""Schema versions, one numbering for both engines: a database records the version of its
layout in `meta` ('schema_version'), and each engine lists the numbered migrations that bring
a database from one version to the next (store/duckdb/migrations.py,
store/postgres/migrations.py). Version 3 is the layout both engines share today; DuckDB files
built earlier are at 1 or 2, and PostgreSQL starts at 3.

Each migration runs in its own transaction with the version it reaches, so a database is always
at one version, never half-way. A database at a version this program does not know (written by
a newer menuplanner) is refused, as is one that needs migrating where the program will not do it
by itself (a PostgreSQL database is migrated by `menuplanner migrate`, once, not by whichever app
process starts first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from menuplanner.domain.errors import MenuplannerError
from menuplanner.store.sql.dialect import Sql

VERSION_KEY = "schema_version"


class SchemaError(MenuplannerError):
    """The database's layout is not the one this program works with."""


@dataclass(frozen=True)
class Migration:
    version: int  # the version the database is at once this has run
    describe: str  # what it changes, for `menuplanner migrate`'s report
    apply: Callable[[Sql], None]  # the statements, inside a transaction the runner opened


def latest(migrations: Sequence[Migration]) -> int:
    return migrations[-1].version


def current_version(sql: Sql) -> int | None:
    """The database's version; None when it has no layout at all (an empty database)."""
    if not sql.has_table("meta"):
        return None
    value = sql.value("SELECT value FROM meta WHERE key = ?", [VERSION_KEY])
    return int(value) if value is not None else None


def pending(version: int | None, migrations: Sequence[Migration]) -> list[Migration]:
    return [m for m in migrations if version is None or m.version > version]


def check(sql: Sql, migrations: Sequence[Migration], where: str, fix: str) -> None:
    """Raise SchemaError unless the database is at the latest version: `where` names the
    database, `fix` says what to run when it is older."""
    version = current_version(sql)
    newest = latest(migrations)
    if version is None:
        raise SchemaError(f"The database {where} has no menuplanner tables yet; {fix}.")
    if version > newest:
        raise SchemaError(
            f"The database {where} has layout version {version}, written by a newer "
            f"menuplanner; this one works with version {newest}: upgrade menuplanner."
        )
    if version < newest:
        raise SchemaError(
            f"The database {where} has layout version {version}; this menuplanner needs "
            f"version {newest}: {fix}."
        )


def migrate(sql: Sql, migrations: Sequence[Migration]) -> list[Migration]:
    """Apply every pending migration, each in its own transaction; returns those applied.
    Refuses (SchemaError) a database newer than the migrations know."""
    version = current_version(sql)
    if version is not None and version > latest(migrations):
        raise SchemaError(
            f"This database has layout version {version}, written by a newer menuplanner; "
            f"this one knows versions up to {latest(migrations)}: upgrade menuplanner."
        )
    applied = []
    for migration in pending(version, migrations):
        sql.begin()
        try:
            if current_version(sql) != version:  # another program migrated it meanwhile
                sql.rollback()
                return applied
            migration.apply(sql)
            set_version(sql, migration.version)
            sql.commit()
        except BaseException:
            sql.rollback()
            raise
        version = migration.version
        applied.append(migration)
    return applied


def set_version(sql: Sql, version: int) -> None:
    sql.execute("DELETE FROM meta WHERE key = ?", [VERSION_KEY])
    sql.execute("INSERT INTO meta VALUES (?, ?)", [VERSION_KEY, str(version)])
