"""`menuplanner backup` and `menuplanner restore`: checked copies of the database, the DuckDB
file or a PostgreSQL database (with pg_dump and pg_restore), and putting one back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from menuplanner.cli.common import DbOption, UrlOption, count, shown, user_errors
from menuplanner.store.duckdb import database
from menuplanner.store.factory import database_url


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)


def backup(
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            help="A folder (the backup gets a dated name) or a file name ending in .duckdb "
            "(.dump for a server database); default: next to the database file, or here.",
            show_default=False,
        ),
    ] = None,
    keep: Annotated[
        int | None,
        typer.Option(
            "--keep",
            min=1,
            metavar="N",
            help="Then delete all but the newest N dated backups of this database in that folder.",
        ),
    ] = None,
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Write a consistent copy of the database, checked against the original.

    Safe while the dashboard runs: the file is held for the second the copy takes (a server
    database is dumped from one snapshot while the app goes on)."""
    with user_errors():
        if db is None and (server := database_url(url)):
            _backup_server(server, to, keep)
            return
        path = db or database.default_path()
        if not path.exists():
            raise database.DatabaseError(f"There is no database at {shown(path)} to back up.")
        report = database.backup(path, to, keep=keep)
        size = report.backup.stat().st_size / 1e6
        typer.echo(
            f"Backed up {shown(path)} to {shown(report.backup)} ({size:,.1f} MB, "
            f"{_rows(report.fingerprint)})."
        )
        for old in report.removed:
            typer.echo(f"Removed the older backup {shown(old)}.")


def restore(
    backup_file: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="A backup made by `menuplanner backup`.",
            dir_okay=False,
            show_default=False,
        ),
    ],
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Replace the database with a checked backup, exactly as it was.

    The backup is checked first (a complete menuplanner database of this version, with no
    damaged block); nothing changes when it fails. The replaced database is kept next to it.
    A running dashboard shows the restored data from its next page update."""
    with user_errors():
        if db is None and (server := database_url(url)):
            _restore_server(backup_file, server)
            return
        path = db or database.default_path()
        report = database.restore(backup_file, path)
        rows = _rows(report.fingerprint)
        typer.echo(f"Restored {shown(path)} from {shown(backup_file)} ({rows}).")
        if report.previous is not None:
            typer.echo(f"The database as it was before is kept as {shown(report.previous)}.")


def _rows(found: database.Fingerprint) -> str:
    return ", ".join(
        count(found.rows(table), word)
        for table, word in (
            ("clients", "client"),
            ("menus", "menu"),
            ("recipes", "recipe"),
            ("foods", "food"),
        )
    )


def _backup_server(url: str, to: Path | None, keep: int | None) -> None:
    from menuplanner.store.postgres import admin
    from menuplanner.store.postgres.connection import shown as shown_url

    report = admin.backup(url, to, keep=keep)
    size = report.backup.stat().st_size / 1e6
    typer.echo(
        f"Backed up {shown_url(url)} to {shown(report.backup)} ({size:,.1f} MB, "
        f"{report.tables} tables)."
    )
    for old in report.removed:
        typer.echo(f"Removed the older backup {shown(old)}.")


def _restore_server(backup_file: Path, url: str) -> None:
    from menuplanner.store.postgres import admin
    from menuplanner.store.postgres.connection import shown as shown_url

    report = admin.restore(backup_file, url)
    typer.echo(f"Restored {shown_url(url)} from {shown(backup_file)} ({report.tables} tables).")
    if report.previous is not None:
        typer.echo(f"The database as it was before is backed up in {shown(report.previous)}.")
