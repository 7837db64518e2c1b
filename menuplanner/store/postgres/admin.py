"""Looking after a PostgreSQL database, as its owner: making it a menuplanner database
(`menuplanner init --database-url`), upgrading its layout (`migrate`), and backing it up and
restoring it with pg_dump and pg_restore, with the same checks and sentences as the DuckDB file.
Copying a whole DuckDB file into it is in copying.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from menuplanner.store.duckdb.build import BuildReport
from menuplanner.store.errors import DatabaseError
from menuplanner.store.postgres import build
from menuplanner.store.postgres.connection import PgSql, explain, shown
from menuplanner.store.postgres.migrations import LATEST, MIGRATIONS
from menuplanner.store.sql.migrations import Migration, check, current_version, migrate

Progress = Callable[[str], None]
BACKUP_SUFFIX = ".dump"
INIT = "run `uv run menuplanner init --database-url …` as the database's owner"
MIGRATE = "run `uv run menuplanner migrate --database-url …` as the database's owner"


@contextlib.contextmanager
def direct_connection(url: str) -> Iterator[psycopg.Connection]:
    """A connection of its own, outside any pool: the owner's, to migrate, build, copy or back
    up; or an app's, to check the database before it starts."""
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as error:
        raise explain(url, error) from None
    with conn:
        yield conn


def describe_rows(counts: dict[str, int]) -> str:
    """'3 clients, 1 menu and 2 imported datasets'."""
    singular = {"clients": "client", "recipes": "recipe", "menus": "menu"}
    parts = [
        f"{n:,} {table if n != 1 else singular.get(table, table.removesuffix('s'))}"
        for table, n in counts.items()
        if n
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def initialise(url: str, *, force: bool, progress: Progress | None = None) -> BuildReport:
    """Make the database a menuplanner database: the layout, the bundled data, the demo.
    Refused when it holds users' rows (named), unless `force`, which replaces them."""
    with direct_connection(url) as conn:
        counts = build.user_row_counts(conn)
        if any(counts.values()) and not force:
            raise DatabaseError(
                f"The database {shown(url)} holds {describe_rows(counts)} of your own; run "
                "`uv run menuplanner init --database-url … --force` to replace them."
            )
        return build.build(conn, seed=build.seed_demo, progress=progress)


def upgrade(url: str) -> tuple[int | None, list[Migration]]:
    """Apply the pending migrations: (the version it was at, those applied)."""
    with direct_connection(url) as conn:
        sql = PgSql(conn, None)
        before = current_version(sql)
        if before is None:
            raise DatabaseError(f"The database {shown(url)} has no menuplanner tables; {INIT}.")
        return before, migrate(sql, MIGRATIONS)


def check_ready(conn: psycopg.Connection, url: str) -> None:
    """Refuse (DatabaseError, one sentence) a database an app process should not start on:
    no menuplanner tables, an interrupted build, an older or a newer layout."""
    sql = PgSql(conn, None)
    check(sql, MIGRATIONS, shown(url), INIT if current_version(sql) is None else MIGRATE)
    if not build.is_built(conn):
        raise DatabaseError(f"The database {shown(url)} was left half-built; {INIT} --force.")


# ---------------------------------------------------------------------------- backup, restore


@dataclass(frozen=True)
class ServerBackup:
    backup: Path
    tables: int
    removed: list[Path] = field(default_factory=list)


def backup_name(url: str, when: dt.datetime | None = None) -> str:
    name = psycopg.conninfo.conninfo_to_dict(url).get("dbname") or "menuplanner"
    return f"{name}-backup-{(when or dt.datetime.now()):%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"


def backup(url: str, to: Path | None = None, *, keep: int | None = None) -> ServerBackup:
    """A pg_dump of the database (custom format), checked by reading its table of contents;
    `to`: a folder (the backup gets a dated name) or a file; `keep`: then only the newest N
    dated backups of this database stay in that folder."""
    if keep is not None and keep < 1:
        raise DatabaseError("Keep at least 1 backup.")
    with direct_connection(url) as conn:
        check_ready(conn, url)
    target = _target(url, to)
    if target.exists():
        raise DatabaseError(f"There is already a file at {target}; choose another name.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(
            f"Cannot write a backup in {target.parent}: {error.strerror}."
        ) from None
    partial = target.with_name(target.name + ".partial")
    _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial)], url)
    tables = _check(partial)
    partial.replace(target)
    removed = _prune(url, target.parent, keep) if keep else []
    return ServerBackup(target, tables, removed)


@dataclass(frozen=True)
class ServerRestore:
    tables: int
    previous: Path | None  # the database as it was, backed up first


def restore(backup_path: Path, url: str) -> ServerRestore:
    """Replace the database's contents with the backup's, in one transaction, after checking
    the backup and backing up what is there now (beside the backup). A damaged or foreign
    file changes nothing."""
    if not backup_path.exists():
        raise DatabaseError(f"There is no backup at {backup_path}.")
    tables = _check(backup_path)
    with direct_connection(url) as conn:
        built = build.is_built(conn)
    previous = None
    if built:
        stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
        previous = backup_path.with_name(f"before-restore-{stamp}{BACKUP_SUFFIX}")
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(previous)], url)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            str(backup_path),
        ],
        url,
    )
    return ServerRestore(tables, previous)


def _target(url: str, to: Path | None) -> Path:
    """A folder (the backup gets a dated name) or a file name with a suffix."""
    if to is None:
        return Path.cwd() / backup_name(url)
    return to if to.suffix and not to.is_dir() else to / backup_name(url)


def _check(path: Path) -> int:
    """The number of menuplanner tables a dump holds; DatabaseError when it is not one."""
    done = subprocess.run(
        [_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["not a pg_dump file"])[-1]
        raise DatabaseError(
            f"{path} is not a usable backup ({reason.removeprefix('pg_restore: error: ')}); "
            "nothing was changed."
        )
    tables = [line for line in done.stdout.splitlines() if " TABLE DATA " in line]
    if not any(" TABLE DATA public meta " in line for line in tables):
        raise DatabaseError(
            f"{path} is not a backup of a menuplanner database; nothing was changed."
        )
    if len(tables) < len(build.ALL_TABLES):
        raise DatabaseError(f"{path} is an incomplete backup; nothing was changed.")
    return len(tables)


def _prune(url: str, folder: Path, keep: int) -> list[Path]:
    stem = backup_name(url).split("-backup-")[0] + "-backup-"
    dated = sorted(
        p for p in folder.glob(stem + "*" + BACKUP_SUFFIX) if p.name[len(stem) :][:8].isdigit()
    )
    removed = dated[:-keep]
    for old in removed:
        old.unlink()
    return removed


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DatabaseError(f"{name} is not installed here; install PostgreSQL's client tools.")
    return found


def _run(command: list[str], url: str) -> None:
    """Run a PostgreSQL client tool on the database at `url`. The password goes in the
    environment, not the command line, where any user of the machine could read it."""
    parts = psycopg.conninfo.conninfo_to_dict(url)
    password = parts.pop("password", None)
    env = dict(os.environ, PGPASSWORD=str(password)) if password else None
    done = subprocess.run(
        [_tool(command[0]), *command[1:], "--dbname", psycopg.conninfo.make_conninfo(**parts)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=3600,
    )
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["failed"])[-1].replace(url, shown(url))
        raise DatabaseError(f"{command[0]} failed: {reason}; nothing was changed.")


__all__ = ["LATEST", "backup", "check_ready", "initialise", "restore", "upgrade"]
