"""`menuplanner init`, `bench`, `recalc`, `backup` and `restore`: building, measuring and
looking after the database file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from menuplanner import setup
from menuplanner.cli.common import (
    DbOption,
    count,
    current_workspace,
    say,
    shown,
    store_of,
    user_errors,
)
from menuplanner.services.recalc import recalculate
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.database import DatabaseError


def register_build(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(bench)


def register_care(app: typer.Typer) -> None:
    app.command("recalc")(recalc)
    app.command("backup")(backup)
    app.command("restore")(restore)


def init(
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Move an existing database aside, even one holding "
            "your own clients, recipes or menus, and build a new one.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Build the database from the bundled USDA SR26 data, or rebuild it."""
    with user_errors():
        path = db or database.default_path()
        keep_old = _check_replaceable(path, force)
        aside = database.move_aside(path) if path.exists() else None
        try:
            report = setup.build_database(path, progress=say)
        except BaseException:
            if aside is not None:
                _restore(aside, path)
            raise
        typer.echo(
            f"Built {shown(report.path)}: {report.foods:,} foods in {report.groups} groups, "
            f"{report.portions:,} household measures, {report.nutrient_values:,} nutrient "
            f"values, in {report.seconds:.1f} s."
        )
        if report.warnings:
            typer.echo(
                f"Note: {len(report.warnings)} foods report energy more than 20 % away from the "
                "4/9/4 Atwater estimate (alcohol, polyols, special factors); kept as published."
            )
        if aside is not None and keep_old:
            typer.echo(f"The previous database was kept as {shown(aside)}.")
        elif aside is not None:
            _remove(aside)


def _check_replaceable(path: Path, force: bool) -> bool:
    """Raise unless `path` may be replaced; true when the old file is worth keeping aside."""
    if not path.exists():
        return False
    try:
        conn = database.connect(path)
    except DatabaseError as error:
        if not force or "in use by another program" in str(error):
            raise
        return True  # unusable, but keep it: it may hold data someone can still rescue
    try:
        counts = database.user_row_counts(conn)
    finally:
        conn.close()
    if any(counts.values()) and not force:
        raise DatabaseError(
            f"The database {shown(path)} holds {_own_rows(counts)} of your own; run "
            "`uv run menuplanner init --force` to move it aside and build a new one."
        )
    return any(counts.values())


def _own_rows(counts: dict[str, int]) -> str:
    singular = {
        "clients": "client",
        "recipes": "recipe",
        "menus": "menu",
        "imported datasets": "imported dataset",
    }
    parts = [
        f"{n} {table if n != 1 else singular.get(table, table)}" for table, n in counts.items() if n
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _restore(aside: Path, path: Path) -> None:
    os.replace(aside, path)
    wal = aside.with_name(aside.name + ".wal")
    if wal.exists():
        os.replace(wal, path.with_name(path.name + ".wal"))


def _remove(aside: Path) -> None:
    aside.unlink(missing_ok=True)
    aside.with_name(aside.name + ".wal").unlink(missing_ok=True)


def bench() -> None:
    """Measure build, search and app start-up speed against their targets."""
    from menuplanner import bench as benchmarks  # loaded only when asked

    with user_errors():
        figures = benchmarks.run(benchmarks.MEASURES, progress=say)
        typer.echo(benchmarks.table(figures))


def recalc(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; change nothing.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Recompute stored grams of household measures after the foods' data changed.

    Every amount in recipes and menus given in a household measure (cup, slice, ...) is
    converted again with the food's current measures, e.g. after an import updated them;
    nutrition totals follow from these grams. Amounts whose measure is gone are left as they
    were and listed."""
    with user_errors():
        report = recalculate(
            store_of(db, build=db is None).unit_of_work(current_workspace()), dry_run=dry_run
        )
        verb = "would change" if dry_run else "changed"
        typer.echo(
            f"Checked {count(report.menu_items, 'menu item')} and "
            f"{count(report.ingredients, 'recipe ingredient')}: {verb} "
            f"{report.menu_items_changed:,} and {report.ingredients_changed:,}."
        )
        for problem in report.problems:
            typer.echo(f"Left as it was: {problem}")


def backup(
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            help="A folder (the backup gets a dated "
            "name) or a file name ending in .duckdb; default: next to the database.",
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
) -> None:
    """Write a consistent copy of the database, checked against the original.

    Safe while the dashboard runs: the file is held for the second the copy takes."""
    with user_errors():
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
) -> None:
    """Replace the database with a checked backup, exactly as it was.

    The backup is checked first (a complete menuplanner database of this version, with no
    damaged block); nothing changes when it fails. The replaced database is kept next to it.
    A running dashboard shows the restored data from its next page update."""
    with user_errors():
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
