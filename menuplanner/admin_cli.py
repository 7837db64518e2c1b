"""`menuplanner recalc`, `clients list`, `menus list`, `backup` and `restore`: the tasks people
run outside the browser, over the same services and workbench the notebooks use.

Registered by menuplanner/cli.py (`register(app)`). Lists print a table, or JSON with --json
(stdout stays clean: progress and errors go to stderr). Errors are one `Error: ...` line on
stderr with exit code 1; a wrong option is exit code 2 (typer's usage error).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from menuplanner.store.duckdb import database

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help=f"Database file (default: ${database.ENV_VAR} or data/menuplanner.duckdb).",
        dir_okay=False,
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def register(app: typer.Typer) -> None:
    app.command("recalc")(recalc)
    app.command("backup")(backup)
    app.command("restore")(restore)
    clients_app = typer.Typer(help="Look at your clients.", no_args_is_help=True)
    clients_app.command("list")(clients_list)
    app.add_typer(clients_app, name="clients")
    menus_app = typer.Typer(help="Look at your menus.", no_args_is_help=True)
    menus_app.command("list")(menus_list)
    app.add_typer(menus_app, name="menus")


def _workbench(db: Path | None):
    from menuplanner import setup, workbench
    from menuplanner.cli import current_workspace, say

    # The default database is built on first use, as by every command; a path given with --db
    # must exist (a mistyped path should not quietly become a new database).
    path = db or database.default_path()
    if db is None and not path.exists():
        setup.build_database(path, progress=say)
    return workbench.Workbench(database.Database(path), current_workspace())


# ------------------------------------------------------------------------------------ lists


def clients_list(as_json: JsonOption = False, db: DbOption = None) -> None:
    """List clients with their daily targets and how many menus each has."""
    from menuplanner.cli import user_errors

    with user_errors():
        frame = _workbench(db).clients()
        if as_json:
            _print_json("clients", frame)
            return
        if frame.is_empty():
            typer.echo("No clients yet: add one in the dashboard (Clients page).")
            return
        shown = frame.select(
            pl.col("client_id").alias("id"),
            "name",
            "age",
            pl.when(pl.col("energy_kcal").is_null())
            .then(pl.lit("none yet"))
            .otherwise(
                pl.format(
                    "{} kcal, P {} g, C {} g, F {} g",
                    *(
                        pl.col(c).round(0).cast(pl.Int64)
                        for c in ("energy_kcal", "protein_g", "carbohydrate_g", "fat_g")
                    ),
                )
            )
            .alias("daily targets"),
            "menus",
        )
        typer.echo(_table(shown))
        typer.echo(_count(frame.height, "client") + ".")


def menus_list(
    client: Annotated[
        str | None,
        typer.Option(
            "--client", "-c", metavar="NAME", help="Only this client's menus (name or id)."
        ),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List menus: dates, items, and how many planned days are on target."""
    from menuplanner.cli import user_errors

    with user_errors():
        who = int(client) if client is not None and client.strip().isdigit() else client
        frame = _workbench(db).menus(who)
        if as_json:
            _print_json("menus", frame)
            return
        if frame.is_empty():
            whose = f" for {client}" if client else ""
            typer.echo(f"No menus{whose} yet: build one in the dashboard (Menu builder).")
            return
        shown = frame.select(
            pl.col("menu_id").alias("id"),
            "client",
            "menu",
            pl.col("first_day").alias("from"),
            "days",
            "items",
            pl.when(pl.col("days_on_target").is_null())
            .then(pl.lit("no targets"))
            .otherwise(pl.format("{} of {}", "days_on_target", "days_planned"))
            .alias("on target"),
            pl.col("average_kcal").round(0).cast(pl.Int64).alias("avg kcal"),
        )
        typer.echo(_table(shown))
        typer.echo(_count(frame.height, "menu") + ".")


def _print_json(key: str, frame: pl.DataFrame) -> None:
    typer.echo(json.dumps({key: frame.to_dicts()}, indent=2, default=str, ensure_ascii=False))


def _table(frame: pl.DataFrame) -> str:
    """A plain text table: a header, then one line per row; nulls as blanks."""
    rows = [frame.columns] + [
        ["" if v is None else str(v) for v in row] for row in frame.iter_rows()
    ]
    numeric = [dtype.is_numeric() for dtype in frame.dtypes]
    widths = [max(len(row[i]) for row in rows) for i in range(len(frame.columns))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(w) if num else cell.ljust(w)
            for cell, w, num in zip(row, widths, numeric, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


# ----------------------------------------------------------------------------------- recalc


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
    from menuplanner.cli import user_errors

    with user_errors():
        report = _workbench(db).recalc(dry_run=dry_run)
        verb = "would change" if dry_run else "changed"
        typer.echo(
            f"Checked {_count(report.menu_items, 'menu item')} and "
            f"{_count(report.ingredients, 'recipe ingredient')}: {verb} "
            f"{report.menu_items_changed:,} and {report.ingredients_changed:,}."
        )
        for problem in report.problems:
            typer.echo(f"Left as it was: {problem}")


# ---------------------------------------------------------------------------- backup, restore


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
    from menuplanner.cli import shown, user_errors

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
    from menuplanner.cli import shown, user_errors

    with user_errors():
        path = db or database.default_path()
        report = database.restore(backup_file, path)
        rows = _rows(report.fingerprint)
        typer.echo(f"Restored {shown(path)} from {shown(backup_file)} ({rows}).")
        if report.previous is not None:
            typer.echo(f"The database as it was before is kept as {shown(report.previous)}.")


def _rows(found: database.Fingerprint) -> str:
    return ", ".join(
        _count(found.rows(table), word)
        for table, word in (
            ("clients", "client"),
            ("menus", "menu"),
            ("recipes", "recipe"),
            ("foods", "food"),
        )
    )
