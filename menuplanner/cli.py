"""The `menuplanner` command: build the database, search foods, measure speed.

Errors meant for the user (MenuplannerError) are caught here, at the boundary, and printed as
`Error: <message>` on stderr with exit code 1: never a traceback.

`--workspace` (before the command; default $MENUPLANNER_WORKSPACE, else "local") chooses whose
clients, recipes, menus, imported datasets and settings every command reads and writes; the
bundled USDA foods are seen from every workspace. Building, backing up and restoring work on
the whole file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from menuplanner import setup
from menuplanner.domain import search as search_terms
from menuplanner.domain.errors import MenuplannerError
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.sr26.errors import DataFileError
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.database import DatabaseError
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog

app = typer.Typer(
    help="Nutrition-aware meal menu planner: database, food search and benchmarks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
foods_app = typer.Typer(help="Look up foods in the nutrition database.", no_args_is_help=True)
app.add_typer(foods_app, name="foods")

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help=f"Database file (default: ${database.ENV_VAR} or data/menuplanner.duckdb).",
        dir_okay=False,
        show_default=False,
    ),
]


WORKSPACE_ENV = "MENUPLANNER_WORKSPACE"
_chosen_workspaces: list[str] = []  # the running command's --workspace (a stack: one per run)


@app.callback()
def _choose_workspace(
    context: typer.Context,
    workspace: Annotated[
        str,
        typer.Option(
            "--workspace",
            envvar=WORKSPACE_ENV,
            metavar="NAME",
            show_default=True,
            help="Whose clients, recipes, menus and imported data the command uses.",
        ),
    ] = LOCAL_WORKSPACE,
) -> None:
    if not workspace.strip():
        raise typer.BadParameter("give the workspace's name, e.g. --workspace north.")
    _chosen_workspaces.append(workspace.strip())
    context.call_on_close(_chosen_workspaces.pop)


def current_workspace() -> str:
    """The workspace chosen with --workspace for the running command (else
    $MENUPLANNER_WORKSPACE, else the local one)."""
    if _chosen_workspaces:
        return _chosen_workspaces[-1]
    return (os.environ.get(WORKSPACE_ENV) or "").strip() or LOCAL_WORKSPACE


BUNDLED_DATA_FIX = (
    "Restore the bundled files (`git checkout -- data/usda-sr26`) and run the command again."
)


@contextmanager
def user_errors() -> Iterator[None]:
    try:
        yield
    except DataFileError as error:  # only the bundled files are read by these commands
        typer.echo(f"Error: {str(error).rstrip('.')}. {BUNDLED_DATA_FIX}", err=True)
        raise typer.Exit(1) from None
    except MenuplannerError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
    except OSError as error:  # the database's folder is missing, read-only, full, ...
        where = f" {error.filename}" if error.filename else ""
        typer.echo(
            f"Error: cannot use{where}: {error.strerror or error}; check the path given with "
            f"--db or ${database.ENV_VAR}.",
            err=True,
        )
        raise typer.Exit(1) from None


def say(message: str) -> None:
    """Progress goes to stderr so that stdout stays clean for --json."""
    typer.echo(message, err=True)


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the current directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------------------- init


@app.command()
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


# --------------------------------------------------------------------------------- foods search


@foods_app.command("search")
def foods_search(
    text: Annotated[str, typer.Argument(help="Words of the food name, in any order.")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=1000, help="How many foods to show.")
    ] = 10,
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            "-g",
            metavar="CODE",
            help="Only foods of this USDA food group, e.g. 0500 for poultry.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    db: DbOption = None,
) -> None:
    """Search foods by words in any order, best match first."""
    with user_errors():
        if not search_terms.query_terms(text):
            raise MenuplannerError("Type at least one word or number to search for.")
        conn = setup.open_database(db, progress=say)
        try:
            catalog = DuckDBFoodCatalog(conn, current_workspace())
            if group is not None:
                _check_group(catalog, group)
            page = catalog.search(text, group_code=group, limit=limit)
        finally:
            conn.close()
        if as_json:
            hits = [
                {
                    "food_id": h.food_id,
                    "name": h.name,
                    "group_code": h.group_code,
                    "group_name": h.group_name,
                    "dataset": h.dataset,
                    "is_branded": h.is_branded,
                    "is_common": h.is_common,
                    "portion_count": h.portion_count,
                }
                for h in page.hits
            ]
            typer.echo(json.dumps({"query": text, "total": page.total, "foods": hits}, indent=2))
            return
        if not page.hits:
            typer.echo(f"No food matches {text!r}" + (f" in group {group}." if group else "."))
            return
        width = max(len(h.group_name) for h in page.hits)
        typer.echo(f"{'id':>6}  {'group':<{width}}  food")
        for h in page.hits:
            typer.echo(f"{h.food_id:>6}  {h.group_name:<{width}}  {h.name}")
        more = "; use --limit to see more" if page.total > len(page.hits) else ""
        typer.echo(f"{len(page.hits)} of {page.total:,} matching foods{more}.")


def _check_group(catalog: DuckDBFoodCatalog, code: str) -> None:
    groups = catalog.groups()
    if code not in {g.code for g in groups}:
        listed = ", ".join(f"{g.code} {g.name}" for g in sorted(groups, key=lambda g: g.code))
        raise MenuplannerError(f"There is no food group {code!r}; the groups are: {listed}.")


# ---------------------------------------------------------------------------------------- bench


@app.command()
def bench() -> None:
    """Measure build, search and app start-up speed against their targets."""
    from menuplanner import bench as benchmarks  # imports playwright only when asked

    with user_errors():
        figures = benchmarks.run(progress=say)
        typer.echo(benchmarks.table(figures))


def _add_area_commands() -> None:
    """Commands of other areas live beside their code; each module's `register(app)` adds
    them. Imported here, after `app` exists: those modules use this one's helpers."""
    from menuplanner import admin_cli
    from menuplanner.export import cli as export_cli
    from menuplanner.imports import cli as imports_cli
    from menuplanner.planning import cli as planning_cli

    for area in (imports_cli, planning_cli, export_cli, admin_cli):
        area.register(app)


_add_area_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
