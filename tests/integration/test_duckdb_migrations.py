"""The DuckDB file's numbered migrations through `menuplanner migrate`, from every earlier
layout version to the latest (1, 2 and 3 → 4), the latest as nothing to do, and a file written
by a newer menuplanner refused by every command with the same sentence, unchanged."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from menuplanner.store.duckdb.migrations import LATEST
from tests.integration.test_admin_cli import assert_fails, fingerprint, menuplanner
from tests.integration.test_database_upgrade import (
    make_before_micronutrients,
    make_old,
    version,
)

pytestmark = pytest.mark.slow
STEP_2 = "  2. imported datasets belong to the workspace that imported them"
STEP_3 = "  3. foods keep the ingredient list of their label"
STEP_4 = "  4. clients keep micronutrient goals; the Dietary Reference Intakes; workspace settings"
STEP_5 = "  5. API keys of each workspace"


def without_ingredients(path: Path, at_version: int) -> None:
    """The file as it was before foods kept ingredient lists (and micronutrient goals)."""
    make_before_micronutrients(path)
    conn = duckdb.connect(str(path))
    try:
        conn.execute("ALTER TABLE foods DROP COLUMN ingredients")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(at_version)])
        conn.execute("CHECKPOINT")
    finally:
        conn.close()


def columns(path: Path, table: str) -> list[str]:
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return [row[0] for row in conn.execute("DESCRIBE " + table).fetchall()]
    finally:
        conn.close()


def test_a_version_1_file_is_migrated_step_by_step_to_the_latest(database_copy: Path):
    make_old(database_copy)
    without_ingredients(database_copy, 1)
    done = menuplanner("migrate", "--db", database_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Migrated {database_copy} from layout version 1 to {LATEST}:",
        STEP_2,
        STEP_3,
        STEP_4,
        STEP_5,
    ]
    assert "workspace_id" in columns(database_copy, "datasets")
    assert "ingredients" in columns(database_copy, "foods")
    conn = duckdb.connect(str(database_copy), read_only=True)
    try:
        assert version(conn) == str(LATEST)
    finally:
        conn.close()


def test_a_version_2_file_takes_only_the_steps_after_2(database_copy: Path):
    without_ingredients(database_copy, 2)
    done = menuplanner("migrate", "--db", database_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Migrated {database_copy} from layout version 2 to {LATEST}:",
        STEP_3,
        STEP_4,
        STEP_5,
    ]
    assert "ingredients" in columns(database_copy, "foods")


def test_a_version_3_file_takes_only_the_micronutrient_step(database_copy: Path):
    make_before_micronutrients(database_copy)
    done = menuplanner("migrate", "--db", database_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Migrated {database_copy} from layout version 3 to {LATEST}:",
        STEP_4,
        STEP_5,
    ]
    assert "life_condition" in columns(database_copy, "clients")


def test_the_latest_file_has_nothing_to_migrate_and_is_not_touched(database_copy: Path):
    before = fingerprint(database_copy)
    done = menuplanner("migrate", "--db", database_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        f"{database_copy} is at layout version {LATEST}, the latest: nothing to do."
    )
    assert fingerprint(database_copy) == before


@pytest.mark.parametrize(
    "command", [("migrate",), ("clients", "list"), ("foods", "search", "butter")]
)
def test_a_file_written_by_a_newer_menuplanner_is_refused_unchanged(
    database_copy: Path, command: tuple[str, ...]
):
    conn = duckdb.connect(str(database_copy))
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(LATEST + 1)])
    conn.execute("CHECKPOINT")
    conn.close()
    before = fingerprint(database_copy)
    message = assert_fails(menuplanner(*command, "--db", database_copy))
    assert f"layout version {LATEST + 1}, written by a newer menuplanner" in message
    assert "upgrade menuplanner" in message
    assert fingerprint(database_copy) == before
