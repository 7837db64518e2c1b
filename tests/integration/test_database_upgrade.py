"""A database file built before imported datasets had owners (no `datasets.workspace_id`, names
unique over the whole file) is upgraded when opened, in one transaction, and keeps working."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.datasets import DuckDBDatasetStore
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog
from menuplanner.store.duckdb.migrations import LATEST

OLD_DATASETS = """CREATE TABLE datasets (
    dataset_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL UNIQUE, version VARCHAR,
    licence VARCHAR, source_file VARCHAR, source_hash VARCHAR,
    imported_at TIMESTAMP NOT NULL, food_count INTEGER NOT NULL,
    nutrient_value_count INTEGER NOT NULL, portion_count INTEGER NOT NULL)"""
OLD_COLUMNS = (
    "dataset_id, name, version, licence, source_file, source_hash, imported_at, food_count, "
    "nutrient_value_count, portion_count"
)
# Imported datasets of the old file: (id, name, food id, who uses the food).
IMPORTS = [
    (2, "Garden", 2_000_001, "a menu of local"),
    (3, "North farm", 2_000_002, "a recipe of north"),
    (4, "Co-op", 2_000_003, "a recipe of north and a menu of south"),
    (5, "Unused", 2_000_004, "nobody"),
]


def make_old(path: Path, stray_table: bool = False) -> None:
    """Turn a freshly built file into the old layout (version 1, as such files say), with four
    imports used as IMPORTS says."""
    conn = duckdb.connect(str(path))
    try:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        conn.execute("CREATE TABLE old_datasets AS SELECT " + OLD_COLUMNS + " FROM datasets")
        conn.execute("DROP TABLE datasets")
        conn.execute(OLD_DATASETS)
        conn.execute("INSERT INTO datasets SELECT * FROM old_datasets")
        conn.execute("DROP TABLE old_datasets")
        for dataset_id, name, food_id, _ in IMPORTS:
            conn.execute(
                "INSERT INTO datasets VALUES (?, ?, NULL, NULL, 'f.csv', NULL, now(), 1, 1, 0)",
                [dataset_id, name],
            )
            conn.execute(
                "INSERT INTO foods (food_id, dataset_id, source_id, name, group_code, search_text) "
                "VALUES (?, ?, '1', ?, '1100', ?)",
                [food_id, dataset_id, f"{name} carrot", f" {name.lower()} carrot"],
            )
            conn.execute("INSERT INTO food_nutrients VALUES (?, 'energy_kcal', 41)", [food_id])
        conn.execute(
            "INSERT INTO recipes (recipe_id, workspace_id, name, servings, method) "
            "VALUES (900, 'north', 'Soup', 1, ''), (901, 'north', 'Stew', 1, '')"
        )
        conn.execute(
            "INSERT INTO recipe_ingredients VALUES (900, 0, 2000002, 1, 'g', 100), "
            "(901, 0, 2000003, 1, 'g', 100)"
        )
        conn.execute(
            "INSERT INTO menus (menu_id, workspace_id, client_id, name, start_date, days, slots) "
            "VALUES (910, 'local', 1, 'Old week', DATE '2025-03-03', 7, ['Lunch']), "
            "(911, 'south', 2, 'Old week', DATE '2025-03-03', 7, ['Lunch'])"
        )
        conn.execute(
            "INSERT INTO menu_items VALUES (920, 910, 0, 'Lunch', 0, 'food', 2000001, 100, 'g', "
            "100, '', false), (921, 911, 0, 'Lunch', 0, 'food', 2000003, 100, 'g', 100, '', false)"
        )
        if stray_table:
            conn.execute("CREATE TABLE datasets_owned (x INTEGER)")
        conn.execute("CHECKPOINT")
    finally:
        conn.close()


def other_tables(conn: duckdb.DuckDBPyConnection) -> dict:
    """Every table but those a migration changes (datasets; meta, which holds the version)."""
    tables = database.fingerprint(conn).tables
    return {name: value for name, value in tables.items() if name not in ("datasets", "meta")}


def version(conn: duckdb.DuckDBPyConnection) -> str:
    return conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()[0][0]


@pytest.fixture
def old_file(database_copy: Path) -> Path:
    make_old(database_copy)
    return database_copy


def test_the_old_file_is_in_the_old_shape(old_file: Path):
    conn = duckdb.connect(str(old_file))
    try:
        columns = [row[0] for row in conn.execute("DESCRIBE datasets").fetchall()]
        assert "workspace_id" not in columns
        conn.execute("BEGIN TRANSACTION")
        with pytest.raises(duckdb.ConstraintException):  # names unique over the whole file
            conn.execute(
                "INSERT INTO datasets VALUES (9, 'Garden', NULL, NULL, NULL, NULL, now(), 0, 0, 0)"
            )
    finally:
        conn.close()


@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
def test_opening_gives_each_import_its_owner_and_changes_nothing_else(old_file, read_only):
    raw = duckdb.connect(str(old_file), read_only=True)
    before, datasets_before = (
        other_tables(raw),
        raw.execute("SELECT " + OLD_COLUMNS + " FROM datasets ORDER BY dataset_id").fetchall(),
    )
    raw.close()
    conn = database.connect(old_file, read_only=read_only)
    try:
        owners = conn.execute(
            "SELECT dataset_id, workspace_id FROM datasets ORDER BY dataset_id"
        ).fetchall()
        assert owners == [(1, None), (2, "local"), (3, "north"), (4, None), (5, "local")]
        assert other_tables(conn) == before
        assert version(conn) == str(LATEST)
        after = conn.execute("SELECT " + OLD_COLUMNS + " FROM datasets ORDER BY dataset_id")
        assert after.fetchall() == datasets_before
    finally:
        conn.close()


def test_after_the_upgrade_each_workspace_sees_the_shared_data_and_its_own(old_file):
    conn = database.connect(old_file)
    try:
        seen = {
            workspace: sorted(
                h.name
                for h in DuckDBFoodCatalog(conn, workspace)
                .search("carrot", group_code="1100", limit=1000)
                .hits
                if h.food_id >= 2_000_000
            )
            for workspace in ("local", "north", "south")
        }
        assert seen == {
            "local": ["Co-op carrot", "Garden carrot", "Unused carrot"],
            "north": ["Co-op carrot", "North farm carrot"],
            "south": ["Co-op carrot"],
        }
        listed = {
            workspace: [(d.name, d.is_shared) for d in DuckDBDatasetStore(conn, workspace).list()]
            for workspace in ("local", "south")
        }
        assert listed == {
            "local": [("USDA SR26", True), ("Garden", False), ("Co-op", True), ("Unused", False)],
            "south": [("USDA SR26", True), ("Co-op", True)],
        }
        # Names are now unique per workspace only: south may have a "Garden" of its own.
        conn.execute(
            "INSERT INTO datasets VALUES (6, 'Garden', NULL, NULL, NULL, NULL, now(), 0, 0, 0, "
            "'south')"
        )
        with pytest.raises(duckdb.ConstraintException):
            conn.execute(
                "INSERT INTO datasets VALUES (7, 'Garden', NULL, NULL, NULL, NULL, now(), 0, 0, "
                "0, 'south')"
            )
    finally:
        conn.close()


def test_a_shared_old_import_cannot_be_removed_by_one_workspace(old_file):
    from menuplanner.domain.errors import InUse

    conn = database.connect(old_file)
    try:
        with pytest.raises(
            InUse, match="^“Co-op” is shared by every workspace, so it cannot be removed here.$"
        ):
            DuckDBDatasetStore(conn, "north").remove(4)
    finally:
        conn.close()


def test_opening_twice_upgrades_once(old_file):
    database.connect(old_file).close()
    conn = database.connect(old_file)
    try:
        columns = [row[0] for row in conn.execute("DESCRIBE datasets").fetchall()]
        assert columns.count("workspace_id") == 1
        assert conn.execute("SELECT count(*) FROM datasets").fetchone()[0] == 5
    finally:
        conn.close()


def test_a_failed_upgrade_leaves_the_file_as_it_was(database_copy: Path):
    make_old(database_copy, stray_table=True)  # the upgrade's new table cannot be created
    with pytest.raises(database.DatabaseError, match="cannot be opened"):
        database.connect(database_copy)
    conn = duckdb.connect(str(database_copy), read_only=True)
    try:
        columns = [row[0] for row in conn.execute("DESCRIBE datasets").fetchall()]
        assert "workspace_id" not in columns
        assert conn.execute("SELECT count(*) FROM datasets").fetchone()[0] == 5
    finally:
        conn.close()


def make_before_micronutrients(path: Path) -> None:
    """A file from before micronutrient goals: no pregnancy or goals on clients, no reference
    intakes, no workspace settings; one client of that time."""
    conn = duckdb.connect(str(path))
    try:
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
        conn.execute("DROP TABLE reference_intakes")
        conn.execute("DROP TABLE reference_intake_notes")
        conn.execute("DROP TABLE workspace_settings")
        conn.execute("DELETE FROM meta WHERE key IN ('dri_source', 'dri_date')")
        conn.execute("ALTER TABLE clients DROP COLUMN nutrient_goals")
        conn.execute("ALTER TABLE clients DROP COLUMN life_condition")
        conn.execute(
            "INSERT INTO clients (client_id, workspace_id, name, sex, activity, goal, allergies, "
            "diets, dislikes, notes, protein_g_per_kg, fat_pct) VALUES (950, 'local', 'Old Ann', "
            "'female', 'light', 'maintain', [], [], [], '', 1.2, 30)"
        )
        conn.execute("CHECKPOINT")
    finally:
        conn.close()


def test_a_file_from_before_micronutrient_goals_gets_them_and_the_reference_intakes(
    database_copy: Path,
):
    from menuplanner.domain.dri import Condition
    from menuplanner.domain.energy_units import EnergyUnit
    from menuplanner.dri.files import bundled_table
    from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

    make_before_micronutrients(database_copy)
    conn = database.connect(database_copy)
    try:
        with DuckDBUnitOfWork(conn) as uow:
            old_ann = uow.clients.get(950)
            assert (old_ann.condition, old_ann.nutrient_goals) == (Condition.NONE, ())
            assert uow.intakes.table() == bundled_table()
            assert uow.settings.energy_unit() is EnergyUnit.KCAL
    finally:
        conn.close()
