"""Making a PostgreSQL database a menuplanner one: the layout (migrations.py), the bundled USDA
SR26 data (written with COPY) and the demo data, as the schema's owner. `menuplanner init
--database-url …` runs it on an empty database, or, with --force, on one whose rows may go.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import polars as pl
import psycopg

from menuplanner.domain.nutrients import NUTRIENTS
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.sr26 import files
from menuplanner.store.duckdb.build import BuildReport
from menuplanner.store.postgres.connection import PgSql, shown
from menuplanner.store.postgres.copy import copy_frame, with_name_words
from menuplanner.store.postgres.migrations import MIGRATIONS
from menuplanner.store.sql.migrations import current_version, migrate
from menuplanner.store.sql.reference_intakes import bundled_intakes, write_intakes

Progress = Callable[[str], None]
Seeder = Callable[[psycopg.Connection], None]
SR26_DATASET_ID = 1
USER_TABLES = ("clients", "recipes", "menus")  # rows a user made; demo rows do not count
# Every table, in the order a whole database is emptied (children first).
ALL_TABLES = (
    "workspace_settings",
    "menu_items",
    "menus",
    "recipe_ingredients",
    "recipes",
    "clients",
    "food_tag_overrides",
    "planning_rules",
    "food_prices",
    "food_nutrient_notes",
    "dataset_imports",
    "portions",
    "food_nutrients",
    "foods",
    "food_groups",
    "nutrients",
    "datasets",
    "reference_intake_notes",
    "reference_intakes",
)


def build(
    conn: psycopg.Connection,
    *,
    seed: Seeder | None = None,
    progress: Progress | None = None,
    data_dir=files.BUNDLED_DIR,
) -> BuildReport:
    """Migrate the database to the latest layout, then write the bundled data and the demo
    (`seed`) into it, replacing any rows it holds (the caller has checked it may)."""
    from menuplanner.sr26.load import load_sr26  # Pandera: only when building

    say = progress or (lambda message: None)
    started = time.perf_counter()
    say("Reading and checking the bundled USDA SR26 tables…")
    tables = load_sr26(data_dir)  # raises before anything is written
    intakes = bundled_intakes()
    owner = PgSql(conn, None)
    applied = migrate(owner, MIGRATIONS)
    if applied:
        say(f"Created the menuplanner tables (layout version {applied[-1].version}).")
    say(f"Writing {tables.foods.height:,} foods to {shown(conn.info.dsn)}…")
    owner.begin()
    try:
        for table in ALL_TABLES:  # names from the fixed list above
            owner.execute("DELETE FROM " + table)
        owner.execute("DELETE FROM meta WHERE key <> 'schema_version'")
        _write_reference(owner, tables)
        write_intakes(owner, intakes)
        owner.commit()
    except BaseException:
        owner.rollback()
        raise
    if seed is not None:
        say("Adding the demo client and menu…")
        seed(conn)
    owner.execute("INSERT INTO meta VALUES ('build_complete', 'true')")
    return BuildReport(
        shown(conn.info.dsn),
        tables.foods.height,
        tables.groups.height,
        tables.nutrients.height,
        tables.portions.height,
        time.perf_counter() - started,
        tables.warnings,
    )


def _write_reference(owner: PgSql, tables) -> None:
    from menuplanner.sr26 import load

    cursor = owner.cursor
    nutrients = pl.DataFrame(
        [(n.key, n.name, n.unit, n.group.value, n.usda_number, i) for i, n in enumerate(NUTRIENTS)],
        schema=["nutrient", "name", "unit", "nutrient_group", "usda_number", "sort_order"],
        orient="row",
    )
    copy_frame(cursor, "nutrients", nutrients)
    copy_frame(cursor, "food_groups", tables.groups)
    foods = tables.foods.with_columns(pl.lit(SR26_DATASET_ID).alias("dataset_id"))
    copy_frame(cursor, "foods", with_name_words(foods))
    copy_frame(cursor, "food_nutrients", tables.nutrients)
    copy_frame(cursor, "portions", tables.portions)
    owner.execute(
        "INSERT INTO datasets (dataset_id, name, version, licence, source_file, source_hash, "
        "imported_at, food_count, nutrient_value_count, portion_count, workspace_id) "
        "VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL)",  # NULL workspace: shared by all
        [
            SR26_DATASET_ID,
            load.DATASET_NAME,
            load.DATASET_VERSION,
            load.DATASET_LICENCE,
            "data/usda-sr26",
            dt.datetime.now(),
            tables.foods.height,
            tables.nutrients.height,
            tables.portions.height,
        ],
    )
    owner.execute("INSERT INTO meta VALUES ('built_at', ?)", [dt.datetime.now().isoformat()])


def is_built(conn: psycopg.Connection) -> bool:
    owner = PgSql(conn, None)
    if current_version(owner) is None:
        return False
    return owner.value("SELECT value FROM meta WHERE key = 'build_complete'") == "true"


def user_row_counts(conn: psycopg.Connection) -> dict[str, int]:
    """Rows users made (demo rows excluded), per table, and imported datasets, in every
    workspace (the schema's owner sees them all)."""
    owner = PgSql(conn, None)
    if current_version(owner) is None:
        return {}
    counts = {
        table: owner.value("SELECT count(*) FROM " + table + " WHERE NOT is_demo")
        for table in USER_TABLES  # identifiers from a fixed list
    }
    counts["imported datasets"] = owner.value(
        "SELECT count(*) FROM datasets WHERE dataset_id <> ?", [SR26_DATASET_ID]
    )
    return counts


def seed_demo(conn: psycopg.Connection, today: dt.date | None = None) -> None:
    from menuplanner import demo
    from menuplanner.store.postgres.uow import PgUnitOfWork

    demo.add_demo_once(PgUnitOfWork(conn, LOCAL_WORKSPACE), today or dt.date.today())
