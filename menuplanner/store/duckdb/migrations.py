"""The DuckDB file's numbered migrations (the runner and the numbering: store/sql/migrations.py).
An older file is migrated when it is opened, each step in one transaction, so it keeps working
without a rebuild; a new file is built at the latest version (schema.py).

1. The first layout: every file built before versions were counted says 1.
2. Owned datasets. Imported datasets once belonged to nobody (every workspace saw every import)
   and their names were unique over the whole file. Now each belongs to the workspace that
   imported it, and names are unique per workspace. DuckDB cannot drop a UNIQUE constraint with
   ALTER TABLE, so the small `datasets` table is rebuilt. Who owns an old import: the one
   workspace whose recipes or menus use its foods; a dataset nobody uses goes to the local
   workspace (the only one the dashboard and the command line offered then); one used by
   several workspaces stays shared by all, as before, so nobody's menus lose their foods.
3. Ingredient lists. Foods got an `ingredients` column (a label's list, from FoodData Central
   Branded foods), empty for the foods already there.
4. Micronutrient goals. Clients got `life_condition` (pregnant, lactating or 'none') and
   `nutrient_goals` (JSON: the dietitian's own goals and limits, NULL for none); the Dietary
   Reference Intakes tables (`reference_intakes`, `reference_intake_notes`) are created and
   loaded from data/dri; `workspace_settings` (the energy unit) is created empty.
5. API keys: `api_keys` (a workspace's keys for the HTTP API, stored as sha256 of the token).

Files of version 1 built after a step's change already have it (the steps look before they
change anything), so they only move their number on.
"""

from __future__ import annotations

import duckdb

from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.store.duckdb.schema import (
    API_KEYS,
    DATASETS_COLUMNS,
    DRI_TABLES,
    SCHEMA_VERSION,
    SR26_DATASET_ID,
    WORKSPACE_SETTINGS,
)
from menuplanner.store.duckdb.sql import DuckDBSql
from menuplanner.store.sql.dialect import Sql
from menuplanner.store.sql.migrations import Migration, current_version, migrate
from menuplanner.store.sql.reference_intakes import bundled_intakes, write_intakes

_OLD_COLUMNS = (
    "dataset_id, name, version, licence, source_file, source_hash, imported_at, food_count, "
    "nutrient_value_count, portion_count"
)
# Workspaces using each dataset's foods, in recipes and in menus.
_USERS = (
    "SELECT f.dataset_id, r.workspace_id FROM recipe_ingredients i "
    "JOIN recipes r USING (recipe_id) JOIN foods f USING (food_id) UNION "
    "SELECT f.dataset_id, m.workspace_id FROM menu_items i JOIN menus m USING (menu_id) "
    "JOIN foods f ON f.food_id = i.ref_id WHERE i.kind = 'food'"
)


def _lacks(sql: Sql, table: str, column: str) -> bool:
    found = sql.value(
        "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = ? AND column_name = ?",
        [table, column],
    )
    return found == 0


def _ingredients_step(sql: Sql) -> None:
    if _lacks(sql, "foods", "ingredients"):
        sql.execute("ALTER TABLE foods ADD COLUMN ingredients VARCHAR DEFAULT ''")


def _micronutrient_goals(sql: Sql) -> None:
    """Step 4 (see the module)."""
    if _lacks(sql, "clients", "life_condition"):
        sql.execute("ALTER TABLE clients ADD COLUMN life_condition VARCHAR DEFAULT 'none'")
        sql.execute("ALTER TABLE clients ADD COLUMN nutrient_goals JSON")
    if _lacks(sql, "reference_intakes", "goal"):
        for statement in DRI_TABLES:
            sql.execute(statement)
        write_intakes(sql, bundled_intakes())  # Pandera: only an upgrade pays for it, once
    sql.execute(WORKSPACE_SETTINGS)


def _own_datasets(sql: Sql) -> None:
    """Step 2 (see the module)."""
    if not _lacks(sql, "datasets", "workspace_id"):
        return
    cursor = sql.cursor
    cursor.execute("CREATE TABLE datasets_owned (" + DATASETS_COLUMNS + ")")
    cursor.execute(
        "INSERT INTO datasets_owned (" + _OLD_COLUMNS + ", workspace_id) "
        "SELECT " + ", ".join("d." + c.strip() for c in _OLD_COLUMNS.split(",")) + ", "
        "CASE WHEN d.dataset_id = ? THEN NULL WHEN u.users > 1 THEN NULL "
        "ELSE coalesce(u.owner, ?) END FROM datasets d LEFT JOIN ("
        "SELECT dataset_id, count(DISTINCT workspace_id) AS users, min(workspace_id) AS owner "
        "FROM (" + _USERS + ") GROUP BY dataset_id) u USING (dataset_id)",
        [SR26_DATASET_ID, LOCAL_WORKSPACE],
    )
    cursor.execute("DROP TABLE datasets")
    cursor.execute("ALTER TABLE datasets_owned RENAME TO datasets")


MIGRATIONS = (
    Migration(1, "the first layout", lambda sql: None),
    Migration(2, "imported datasets belong to the workspace that imported them", _own_datasets),
    Migration(3, "foods keep the ingredient list of their label", _ingredients_step),
    Migration(
        4,
        "clients keep micronutrient goals; the Dietary Reference Intakes; workspace settings",
        _micronutrient_goals,
    ),
    Migration(5, "API keys of each workspace", lambda sql: sql.execute(API_KEYS)),
)
LATEST = MIGRATIONS[-1].version
assert LATEST == SCHEMA_VERSION, "a new file is built at the latest version"


def needed(conn: duckdb.DuckDBPyConnection) -> bool:
    """The file is at an older version than this program's."""
    version = current_version(DuckDBSql(conn))
    return version is not None and version < LATEST


def upgrade(conn: duckdb.DuckDBPyConnection) -> list[Migration]:
    """Bring the file to the latest version (see the module); SchemaError for a newer file."""
    return migrate(DuckDBSql(conn.cursor()), MIGRATIONS)
