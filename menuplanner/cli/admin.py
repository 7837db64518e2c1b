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
    UrlOption,
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
from menuplanner.store.factory import database_url


def register_build(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(bench)


def register_care(app: typer.Typer) -> None:
    app.command("recalc")(recalc)


def register_server(app: typer.Typer) -> None:
    app.command("migrate")(migrate)
    app.command("copy-database")(copy_database)


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
    url: UrlOption = None,
) -> None:
    """Build the database from the bundled USDA SR26 data, or rebuild it."""
    with user_errors():
        if db is None and (server := database_url(url)):
            _init_server(server, force)
            return
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


def bench(url: UrlOption = None) -> None:
    """Measure build, search and app start-up speed against their targets.

    With --database-url (or $MENUPLANNER_DATABASE_URL): the figures that matter for a server,
    on a DuckDB file and on that PostgreSQL database side by side. The bench writes into it and
    rebuilds it: give it a database of its own and its owner's URL."""
    from menuplanner import bench as benchmarks  # loaded only when asked

    with user_errors():
        if server := database_url(url):
            from menuplanner.bench import server as on_server

            typer.echo(on_server.table(on_server.compare(server, progress=say)))
            return
        figures = benchmarks.run(benchmarks.MEASURES, progress=say)
        typer.echo(benchmarks.table(figures))


def recalc(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; change nothing.")
    ] = False,
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Recompute stored grams of household measures after the foods' data changed.

    Every amount in recipes and menus given in a household measure (cup, slice, ...) is
    converted again with the food's current measures, e.g. after an import updated them;
    nutrition totals follow from these grams. Amounts whose measure is gone are left as they
    were and listed."""
    with user_errors():
        report = recalculate(
            store_of(db, url, build=db is None).unit_of_work(current_workspace()), dry_run=dry_run
        )
        verb = "would change" if dry_run else "changed"
        typer.echo(
            f"Checked {count(report.menu_items, 'menu item')} and "
            f"{count(report.ingredients, 'recipe ingredient')}: {verb} "
            f"{report.menu_items_changed:,} and {report.ingredients_changed:,}."
        )
        for problem in report.problems:
            typer.echo(f"Left as it was: {problem}")


def _init_server(url: str, force: bool) -> None:
    from menuplanner.store.postgres import admin
    from menuplanner.store.postgres.connection import shown as shown_url

    report = admin.initialise(url, force=force, progress=say)
    typer.echo(
        f"Built {shown_url(url)}: {report.foods:,} foods in {report.groups} groups, "
        f"{report.portions:,} household measures, {report.nutrient_values:,} nutrient "
        f"values, in {report.seconds:.1f} s."
    )


def migrate(db: DbOption = None, url: UrlOption = None) -> None:
    """Bring the database's layout up to this version of menuplanner.

    A DuckDB file is also brought up to date whenever it is opened; a PostgreSQL database is
    migrated only by this command, run once as the database's owner, while app processes
    refuse to start on an older layout."""
    with user_errors():
        if db is None and (server := database_url(url)):
            from menuplanner.store.postgres import admin
            from menuplanner.store.postgres.connection import shown as shown_url

            before, applied = admin.upgrade(server)
            where = shown_url(server)
        else:
            path = db or database.default_path()
            before, applied = database.migrate_file(path)
            where = shown(path)
        if not applied:
            typer.echo(f"{where} is at layout version {before}, the latest: nothing to do.")
            return
        typer.echo(f"Migrated {where} from layout version {before} to {applied[-1].version}:")
        for step in applied:
            typer.echo(f"  {step.version}. {step.describe}")


def copy_database(
    source: Annotated[
        Path,
        typer.Option(
            "--from",
            help="The DuckDB file to copy (every workspace).",
            dir_okay=False,
            show_default=False,
        ),
    ],
    target: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="URL",
            help="The PostgreSQL database to copy into (postgresql://owner@host/name).",
            show_default=False,
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace what the target database holds.")
    ] = False,
) -> None:
    """Move a practice's whole DuckDB file into a PostgreSQL database, and verify the copy.

    Every workspace's clients, recipes, menus, imports, rules and prices go, in one
    transaction; then each table's rows are counted on both sides and every menu day's totals
    compared. A target that already holds menuplanner data is refused (naming it) unless
    --force."""
    from menuplanner.store.postgres.connection import shown as shown_url
    from menuplanner.store.postgres.copying import copy_database as copy_all

    with user_errors():
        report = copy_all(source, target, force=force, progress=say)
        rows = sum(report.rows.values())
        typer.echo(
            f"Copied {shown(source)} into {shown_url(target)}: {rows:,} rows in "
            f"{sum(1 for n in report.rows.values() if n)} tables, the same on both sides; the "
            f"totals of {report.menu_days:,} menu days match; in {report.seconds:.1f} s."
        )
