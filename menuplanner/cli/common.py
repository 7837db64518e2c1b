"""What every command shares: the --db and --json options, the workspace chosen with
--workspace, opening the store, and turning a MenuplannerError into one `Error:` line.

Errors meant for the user (MenuplannerError) are caught at this boundary and printed as
`Error: <message>` on stderr with exit code 1: never a traceback. Progress goes to stderr too,
so stdout stays clean for --json.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from menuplanner.domain.errors import MenuplannerError
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.ports_store import Store
from menuplanner.sr26.errors import DataFileError
from menuplanner.store.duckdb import database
from menuplanner.store.factory import URL_ENV, open_store

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help=f"Database file (default: ${database.ENV_VAR} or data/menuplanner.duckdb).",
        dir_okay=False,
        show_default=False,
    ),
]
UrlOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar=URL_ENV,
        metavar="URL",
        help="A PostgreSQL database (postgresql://user:password@host/name) instead of the file.",
        show_default=False,
        show_envvar=True,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

WORKSPACE_ENV = "MENUPLANNER_WORKSPACE"
chosen_workspaces: list[str] = []  # the running command's --workspace (a stack: one per run)


def current_workspace() -> str:
    """The workspace chosen with --workspace for the running command (else
    $MENUPLANNER_WORKSPACE, else the local one)."""
    if chosen_workspaces:
        return chosen_workspaces[-1]
    return (os.environ.get(WORKSPACE_ENV) or "").strip() or LOCAL_WORKSPACE


def store_of(
    db: Path | None, url: str | None = None, *, build: bool = True, linger: float = 0.0
) -> Store:
    """The store a command works on: the PostgreSQL database given with --database-url (or
    $MENUPLANNER_DATABASE_URL), else the file given with --db, else the default file (built on
    first use; with `build=False` a missing file is an error)."""
    if db is not None and url:
        raise MenuplannerError("Give either --db (a file) or --database-url (a server), not both.")
    return open_store(db, url=url, build=build, progress=say, linger=linger)


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


def print_json(key: str, frame: pl.DataFrame) -> None:
    typer.echo(json.dumps({key: frame.to_dicts()}, indent=2, default=str, ensure_ascii=False))


def table(frame: pl.DataFrame) -> str:
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


def count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
