"""Looking after a PostgreSQL database from the command line, as a practice's administrator
would, through the installed entry point with no terminal: `init` into an empty database and
its refusal over users' rows, `migrate`, an app refusing a layout it does not know,
`copy-database` from a DuckDB file (verified, refused into a non-empty database unless
--force), and `backup`/`restore` with pg_dump and pg_restore. Each refusal one sentence."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import psycopg
import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.store.errors import DatabaseError
from menuplanner.store.postgres import admin
from menuplanner.store.postgres.connection import PostgresServer, shown
from menuplanner.store.postgres.migrations import LATEST
from menuplanner.store.postgres.store import PostgresStore
from tests.integration.test_admin_cli import DEMO_CLIENT, add_client, assert_fails, menuplanner

pytestmark = pytest.mark.slow


def owner_sql(url: str, statement: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def client_names(url: str) -> list[str]:
    return [name for (name,) in owner_sql(url, "SELECT name FROM clients ORDER BY name")]


def add_server_client(url: str, name: str) -> None:
    store = PostgresStore(PostgresServer(url, size=1))
    try:
        with store.unit_of_work(LOCAL_WORKSPACE) as uow:
            uow.clients.add(Client(name, Sex.FEMALE))
            uow.commit()
    finally:
        store.close()


def test_init_builds_an_empty_database_and_will_not_replace_clients_unless_forced(pg_server):
    with pg_server.empty_database() as url:
        done = menuplanner("init", "--database-url", url)
        assert done.returncode == 0, done.stderr
        assert f"Built {shown(url)}: 8,463 foods in 25 groups" in done.stdout
        assert "password" not in done.stdout + done.stderr
        assert DEMO_CLIENT in client_names(url)

        again = menuplanner("init", "--database-url", url)  # only the demo: rebuilt
        assert again.returncode == 0, again.stderr

        add_server_client(url, "Ada Own")
        assert_fails(
            menuplanner("init", "--database-url", url),
            f"Error: The database {shown(url)} holds 1 client of your own; run `uv run "
            "menuplanner init --database-url … --force` to replace them.",
        )
        assert "Ada Own" in client_names(url)

        owner_sql(url, "INSERT INTO meta VALUES ('marker', 'kept?')")
        forced = menuplanner("init", "--database-url", url, "--force")
        assert forced.returncode == 0, forced.stderr
        assert owner_sql(url, "SELECT value FROM meta WHERE key = 'marker'") == []
        assert DEMO_CLIENT in client_names(url)
        assert "Ada Own" not in client_names(url)


def test_migrate_on_the_latest_layout_has_nothing_to_do(pg_server):
    with pg_server.database() as (_app_url, owner_url):
        done = menuplanner("migrate", "--database-url", owner_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        f"{shown(owner_url)} is at layout version {LATEST}, the latest: nothing to do."
    )


def test_migrate_on_an_empty_database_says_to_init_it(pg_server):
    with pg_server.empty_database() as url:
        assert_fails(
            menuplanner("migrate", "--database-url", url),
            f"The database {shown(url)} has no menuplanner tables; run `uv run menuplanner "
            "init --database-url …` as the database's owner.",
        )


@pytest.mark.parametrize(
    ("version", "sentence"),
    [
        (
            LATEST - 1,
            "has layout version {v}; this menuplanner needs version {latest}: run `uv run "
            "menuplanner migrate --database-url …` as the database's owner.",
        ),
        (
            LATEST + 1,
            "has layout version {v}, written by a newer menuplanner; this one works with "
            "version {latest}: upgrade menuplanner.",
        ),
    ],
    ids=["older", "newer"],
)
def test_an_app_refuses_a_layout_it_does_not_know_and_changes_nothing(
    pg_server, version: int, sentence: str
):
    with pg_server.database(demo=True) as (app_url, owner_url):
        owner_sql(owner_url, "UPDATE meta SET value = %s WHERE key = 'schema_version'", (version,))
        before = client_names(owner_url)
        assert_fails(
            menuplanner("clients", "list", "--database-url", app_url),
            f"The database {shown(app_url)} " + sentence.format(v=version, latest=LATEST),
        )
        assert client_names(owner_url) == before


def test_copy_database_moves_a_file_verifies_it_and_refuses_to_overwrite_unless_forced(
    pg_server, database_copy: Path
):
    add_client(database_copy, "Ben Own")
    with pg_server.empty_database() as url:
        done = menuplanner("copy-database", "--from", database_copy, "--to", url)
        assert done.returncode == 0, done.stderr
        assert re.search(
            r"rows in \d+ tables, the same on both sides; the totals of [1-9]\d* menu days match",
            done.stdout,
        ), done.stdout
        listed = menuplanner("clients", "list", "--database-url", url)
        assert DEMO_CLIENT in listed.stdout

        assert_fails(
            menuplanner("copy-database", "--from", database_copy, "--to", url),
            f"Error: The database {shown(url)} already holds 1 client; copy into an empty "
            "database, or add --force to replace them.",
        )

        owner_sql(url, "UPDATE clients SET name = 'Changed on the server' WHERE name = 'Ben Own'")
        forced = menuplanner("copy-database", "--from", database_copy, "--to", url, "--force")
        assert forced.returncode == 0, forced.stderr
        assert "Changed on the server" not in client_names(url)
        assert {DEMO_CLIENT, "Ben Own"} <= set(client_names(url))


def test_backup_then_change_then_restore_returns_the_previous_clients(pg_server, tmp_path: Path):
    with pg_server.database(demo=True) as (_app_url, owner_url):
        done = menuplanner("backup", "--database-url", owner_url, "--to", tmp_path)
        assert done.returncode == 0, done.stderr
        [dump] = tmp_path.glob("*-backup-*.dump")
        assert f"to {dump}" in done.stdout
        before = client_names(owner_url)

        owner_sql(
            owner_url,
            "UPDATE clients SET name = 'Renamed after the backup' WHERE name = %s",
            (DEMO_CLIENT,),
        )
        restored = menuplanner("restore", dump, "--database-url", owner_url)
        assert restored.returncode == 0, restored.stderr
        assert restored.stdout.startswith(f"Restored {shown(owner_url)} from {dump}")
        assert client_names(owner_url) == before
        # what was replaced is kept beside the backup
        [previous] = tmp_path.glob("before-restore-*.dump")
        assert previous.stat().st_size > 0


def test_a_damaged_or_foreign_backup_is_refused_and_the_database_is_untouched(
    pg_server, tmp_path: Path, database_copy: Path
):
    with pg_server.database(demo=True) as (_app_url, owner_url):
        before = client_names(owner_url)
        damaged = tmp_path / "damaged.dump"
        damaged.write_bytes(b"PGDMP" + b"\x00garbage" * 100)
        assert_fails(
            menuplanner("restore", damaged, "--database-url", owner_url),
            f"{damaged} is not a usable backup (",
            "; nothing was changed.",
        )
        duckdb_file = tmp_path / "a-duckdb-file.dump"
        shutil.copy(database_copy, duckdb_file)
        assert_fails(
            menuplanner("restore", duckdb_file, "--database-url", owner_url),
            "is not a usable backup",
        )
        assert client_names(owner_url) == before
        assert list(tmp_path.glob("before-restore-*")) == []


def test_the_password_never_reaches_the_command_line_of_pg_dump(
    pg_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A command line is readable by every user of the machine: the password goes to pg_dump
    in its environment. A stand-in pg_dump first on PATH records what it was given."""
    tools = tmp_path / "bin"
    tools.mkdir()
    record = tmp_path / "given.txt"
    stand_in = tools / "pg_dump"
    stand_in.write_text(
        f'#!/bin/sh\necho "$@" > {record}\necho "PGPASSWORD=$PGPASSWORD" >> {record}\n'
        'echo "pg_dump: error: stand-in" >&2\nexit 1\n'
    )
    stand_in.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    with pg_server.database() as (app_url, _owner_url):
        with pytest.raises(DatabaseError, match="^pg_dump failed: pg_dump: error: stand-in;"):
            admin.backup(app_url, tmp_path / "x.dump")
    arguments, environment = record.read_text().splitlines()
    assert "test-app-password" not in arguments
    assert "user=menuplanner_test_app" in arguments
    assert environment == "PGPASSWORD=test-app-password"


@pytest.mark.parametrize(
    ("address", "sentence"),
    [
        (
            "postgresql://{user}@{host}:{port}/postgres",
            "The database server at postgresql://{user}@{host}:{port}/postgres asks for a "
            "password and none was given; put it in the address "
            "(postgresql://user:password@host/database) or in ~/.pgpass.",
        ),
        (
            "postgresql://{user}:{password}@{host}:{port}/no_such_database",
            "There is no database at postgresql://{user}@{host}:{port}/no_such_database; check "
            "its name, or create it first (createdb).",
        ),
        (
            "postgresql://{user}:{password}@{host}:{port}/with space",
            "is not a PostgreSQL address one can connect to (",
        ),
        (
            "mysql://{user}:{password}@{host}/menus",
            "A mysql: address is not a PostgreSQL database's; write it as "
            "postgresql://user:password@host:port/database.",
        ),
    ],
    ids=["no password", "no such database", "malformed", "another engine"],
)
def test_a_wrong_address_is_one_sentence_without_the_password(
    pg_server, address: str, sentence: str
):
    parts = psycopg.conninfo.conninfo_to_dict(pg_server.admin_url)
    if not parts.get("password"):
        pytest.skip("the test server takes no password")
    fill = {
        "user": parts["user"],
        "password": parts["password"],
        "host": parts["host"],
        "port": parts["port"],
    }
    message = assert_fails(
        menuplanner("clients", "list", "--database-url", address.format(**fill)),
        sentence.format(**fill),
    )
    assert parts["password"] not in message


def test_migrate_brings_a_version_3_database_to_the_latest_keeping_its_clients(pg_server):
    with pg_server.database(demo=True) as (app_url, owner_url):
        add_server_client(owner_url, "Ada Own")
        for statement in (  # the database as version 3 left it
            "DROP TABLE reference_intakes, reference_intake_notes, workspace_settings, api_keys",
            "DROP SEQUENCE api_key_ids",
            "ALTER TABLE clients DROP COLUMN life_condition, DROP COLUMN nutrient_goals",
            "DELETE FROM meta WHERE key IN ('dri_source', 'dri_date')",
            "UPDATE meta SET value = '3' WHERE key = 'schema_version'",
        ):
            owner_sql(owner_url, statement)
        assert_fails(
            menuplanner("clients", "list", "--database-url", app_url),
            "has layout version 3; this menuplanner needs version 5",
        )
        done = menuplanner("migrate", "--database-url", owner_url)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == [
            f"Migrated {shown(owner_url)} from layout version 3 to 5:",
            "  4. clients keep micronutrient goals; the Dietary Reference Intakes; workspace "
            "settings",
            "  5. API keys of each workspace",
        ]
        listed = menuplanner("clients", "list", "--database-url", app_url)
        assert listed.returncode == 0 and "Ada Own" in listed.stdout
        store = PostgresStore(PostgresServer(app_url, size=1))
        try:
            with store.unit_of_work(LOCAL_WORKSPACE) as uow:
                assert len(uow.intakes.table().values) == 460
                assert all(c.nutrient_goals == () for c in uow.clients.list())
        finally:
            store.close()
