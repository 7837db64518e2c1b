"""Moving a practice's whole DuckDB file into a PostgreSQL database (`menuplanner copy-database`):
every table of every workspace (clients, recipes, menus, imports, rules, prices, tag
corrections), in one transaction, then verified: the same rows per table, and the same totals
for every day of every menu, computed by the totals engine on each side.

A target holding menuplanner data is refused, naming what is there, unless `force` (its rows are
replaced). A failure leaves the target as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from menuplanner.domain.menus import ItemKind
from menuplanner.nutrition import totals
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from menuplanner.store.errors import DatabaseError
from menuplanner.store.postgres import build
from menuplanner.store.postgres.admin import describe_rows, direct_connection
from menuplanner.store.postgres.connection import PgSql, shown
from menuplanner.store.postgres.copy import copy_frame, with_name_words
from menuplanner.store.postgres.migrations import MIGRATIONS
from menuplanner.store.postgres.uow import PgUnitOfWork
from menuplanner.store.sql.migrations import migrate

Progress = Callable[[str], None]
# Tables copied, parents first (the reverse of the order they are emptied in).
TABLES = tuple(reversed(build.ALL_TABLES))
SEQUENCES = {  # sequence → the ids it gives, so new rows continue after the copied ones
    "user_row_ids": (
        "SELECT greatest(max(client_id), 0) FROM clients UNION ALL "
        "SELECT max(recipe_id) FROM recipes UNION ALL SELECT max(menu_id) FROM menus UNION ALL "
        "SELECT max(item_id) FROM menu_items"
    ),
    "dataset_ids": "SELECT max(dataset_id) FROM datasets",
    "food_ids": "SELECT max(food_id) FROM foods WHERE food_id >= 1000000",
}
_NOT_COPIED_META = ("schema_version", "build_complete")  # the target's own


@dataclass(frozen=True)
class CopyReport:
    rows: dict[str, int]  # per table, equal on both sides
    menu_days: int  # days whose totals were compared
    seconds: float


def copy_database(
    path: Path, url: str, *, force: bool = False, progress: Progress | None = None
) -> CopyReport:
    say = progress or (lambda message: None)
    started = time.perf_counter()
    source = database.connect(path, read_only=True)
    try:
        with direct_connection(url) as conn:
            counts = build.user_row_counts(conn)
            if any(counts.values()) and not force:
                raise DatabaseError(
                    f"The database {shown(url)} already holds {describe_rows(counts)}; copy "
                    "into an empty database, or add --force to replace them."
                )
            owner = PgSql(conn, None)
            migrate(owner, MIGRATIONS)
            owner.begin()
            try:
                for table in build.ALL_TABLES:  # names from a fixed list
                    owner.execute("DELETE FROM " + table)
                owner.execute("DELETE FROM meta WHERE key NOT IN ('schema_version')")
                rows = _copy_tables(source, owner, say)
                owner.commit()
            except BaseException:
                owner.rollback()
                raise
            say("Checking: rows per table, and the totals of every menu day…")
            _check_rows(owner, rows)
            days = _check_totals(source, conn)
            owner.execute("INSERT INTO meta VALUES ('build_complete', 'true')")
    finally:
        source.close()
    return CopyReport(rows, days, time.perf_counter() - started)


def _copy_tables(source: duckdb.DuckDBPyConnection, owner: PgSql, say: Progress) -> dict:
    rows = {}
    for table in TABLES:
        if not _has(source, table):
            rows[table] = 0
            continue
        frame = source.sql("SELECT * FROM " + table).pl()  # names from a fixed list
        say(f"Copying {table} ({frame.height:,} rows)…")
        if table == "foods":
            frame = with_name_words(frame)
        copy_frame(owner.cursor, table, frame)
        rows[table] = frame.height
    meta = source.sql("SELECT key, value FROM meta").pl()
    copy_frame(owner.cursor, "meta", meta.filter(~pl.col("key").is_in(_NOT_COPIED_META)))
    for sequence, statement in SEQUENCES.items():  # names from the fixed mapping above
        highest = max((r[0] for r in owner.rows(statement) if r[0] is not None), default=0)
        if highest:
            owner.execute("SELECT setval(?, ?)", [sequence, highest])
    return rows


def _has(conn: duckdb.DuckDBPyConnection, table: str) -> bool:
    found = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'",
        [table],
    ).fetchall()
    return found[0][0] > 0


def _check_rows(owner: PgSql, expected: dict[str, int]) -> None:
    for table, count in expected.items():
        copied = owner.value("SELECT count(*) FROM " + table)  # names from a fixed list
        if copied != count:
            raise DatabaseError(
                f"The copy of {table} holds {copied:,} rows, the file {count:,}; nothing is "
                "wrong in the file: try the copy again."
            )


def _check_totals(source: duckdb.DuckDBPyConnection, conn) -> int:
    """Every menu's day totals, from each side's own rows, by the same totals engine."""
    days = 0
    for workspace, menu_id in source.execute(
        "SELECT workspace_id, menu_id FROM menus ORDER BY menu_id"
    ).fetchall():
        here = _day_totals(DuckDBUnitOfWork(source, workspace), menu_id)
        there = _day_totals(PgUnitOfWork(conn, workspace), menu_id)
        numbers = [c for c in here.columns if here.schema[c].is_numeric()]
        for column in numbers:
            for a, b in zip(here[column].fill_null(0), there[column].fill_null(0), strict=True):
                if abs(a - b) > 1e-6 * max(1.0, abs(a)):
                    raise DatabaseError(
                        f"The copy's {column} on a day of menu {menu_id} is {b:g}, the file's "
                        f"{a:g}; the copy is not to be used: try it again."
                    )
        days += here.height
    return days


def _day_totals(uow, menu_id: int) -> pl.DataFrame:
    with uow:
        menu = uow.menus.get(menu_id)
        recipes = uow.recipes.get_many([i.ref_id for i in menu.items if i.kind == ItemKind.RECIPE])
        food_ids = [i.ref_id for i in menu.items if i.kind == ItemKind.FOOD]
        food_ids += [ing.food_id for r in recipes.values() for ing in r.ingredients]
        return totals.day_totals(menu, recipes, uow.foods.nutrients_per_100g(food_ids))
