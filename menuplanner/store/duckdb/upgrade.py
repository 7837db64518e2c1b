"""Bringing a database file built by an earlier version up to the current layout when it is
opened, in one transaction, so older files keep working without a rebuild. Each step checks
whether it is needed; they run in order.

1. Owned datasets. Imported datasets once belonged to nobody (every workspace saw every import) and
their names were unique over the whole file. Now each belongs to the workspace that imported it,
and names are unique per workspace. DuckDB cannot drop a UNIQUE constraint with ALTER TABLE, so the
small `datasets` table is rebuilt. Who owns an old import: the one workspace whose recipes or menus
use its foods; a dataset nobody uses goes to the local workspace (the only one the dashboard and
the command line offered then); one used by several workspaces stays shared by all, as before, so
nobody's menus lose their foods.
2. Ingredient lists. Foods got an `ingredients` column (a label's list, from FoodData Central
Branded foods), empty for the foods already there.
3. Micronutrient goals. Clients got `life_condition` (pregnant, lactating or 'none') and
`nutrient_goals` (JSON: the dietitian's own goals and limits, NULL for none); the Dietary
Reference Intakes tables (`reference_intakes`, `reference_intake_notes`) are created and loaded
from data/dri; `workspace_settings` (the energy unit) is created empty.
"""

from __future__ import annotations

import duckdb

from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.store.duckdb.schema import (
    DATASETS_COLUMNS,
    DRI_TABLES,
    SR26_DATASET_ID,
    WORKSPACE_SETTINGS,
)

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


def needed(conn: duckdb.DuckDBPyConnection) -> bool:
    """The file predates the current layout."""
    return (
        _lacks(conn, "datasets", "workspace_id")
        or _lacks(conn, "foods", "ingredients")
        or _lacks(conn, "clients", "life_condition")
        or _lacks(conn, "reference_intakes", "goal")
        or _lacks(conn, "workspace_settings", "value")
    )


def _lacks(conn: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    found = conn.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = ? AND column_name = ?",
        [table, column],
    ).fetchall()
    return found[0][0] == 0


def upgrade(conn: duckdb.DuckDBPyConnection) -> None:
    """Run the steps the file needs (see the module), all or nothing."""
    cursor = conn.cursor()
    try:
        cursor.execute("BEGIN TRANSACTION")
        if not needed(cursor):  # another program upgraded it meanwhile
            cursor.execute("ROLLBACK")
            return
        if _lacks(cursor, "datasets", "workspace_id"):
            _own_datasets(cursor)
        if _lacks(cursor, "foods", "ingredients"):
            cursor.execute("ALTER TABLE foods ADD COLUMN ingredients VARCHAR DEFAULT ''")
        _micronutrient_goals(cursor)
        cursor.execute("COMMIT")
    except BaseException:
        try:
            cursor.execute("ROLLBACK")
        except duckdb.Error:
            pass  # the failure ended the transaction already
        raise
    finally:
        cursor.close()


def _own_datasets(cursor: duckdb.DuckDBPyConnection) -> None:
    """Step 1 (see the module)."""
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


def _micronutrient_goals(cursor: duckdb.DuckDBPyConnection) -> None:
    """Step 3 (see the module)."""
    if _lacks(cursor, "clients", "life_condition"):
        cursor.execute("ALTER TABLE clients ADD COLUMN life_condition VARCHAR DEFAULT 'none'")
        cursor.execute("ALTER TABLE clients ADD COLUMN nutrient_goals JSON")
    if _lacks(cursor, "reference_intakes", "goal"):
        # Imported here: Pandera takes seconds to import; only an upgrade pays for it, once.
        from menuplanner.dri import files, schema
        from menuplanner.store.duckdb.reference import write_dri

        for statement in DRI_TABLES:
            cursor.execute(statement)
        write_dri(cursor, schema.check(files.read()))
    cursor.execute(WORKSPACE_SETTINGS)
