"""`menuplanner export` and `menuplanner import-menu`: the Export page's files from the command
line. `register(app)` adds both commands to the main `menuplanner` app (menuplanner/cli/command.py).

    menuplanner export --client "Maya Jensen (demo)" --menu "Demo week" --format pdf --out week.pdf
    menuplanner export --client Ana --menu "Week 1" --format shopping-list --days 1-3 --out list.pdf
    menuplanner import-menu week.menu.json --client Ana
"""

from __future__ import annotations

import os
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from menuplanner.cli.common import (
    DbOption,
    UrlOption,
    current_workspace,
    shown,
    store_of,
    user_errors,
)
from menuplanner.domain.errors import ValidationFailed
from menuplanner.export.document import PRACTICE_ENV


class Format(StrEnum):
    PDF = "pdf"
    HTML = "html"
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    SHOPPING_LIST = "shopping-list"


class ListFormat(StrEnum):
    PDF = "pdf"
    CSV = "csv"


SUFFIX = {
    Format.PDF: "pdf",
    Format.HTML: "html",
    Format.CSV: "csv",
    Format.XLSX: "xlsx",
    Format.JSON: "menu.json",
    Format.SHOPPING_LIST: "shopping.pdf",
}


def register(app: typer.Typer) -> None:
    app.command("export")(export_menu)
    app.command("import-menu")(import_menu)


def export_menu(
    client: Annotated[str, typer.Option("--client", help="The client's name.")],
    menu: Annotated[str, typer.Option("--menu", help="The menu's name.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="What to write.")] = Format.PDF,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            dir_okay=False,
            help="File to write (default: '<client> - <menu>.<suffix>' here).",
        ),
    ] = None,
    practice: Annotated[
        str | None,
        typer.Option(
            "--practice", help=f"Practice name printed on the PDF (default: ${PRACTICE_ENV})."
        ),
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help="Notes for the client (PDF, HTML).")] = "",
    numbers: Annotated[
        bool,
        typer.Option(
            "--numbers/--no-numbers", help="Print kcal, nutrients and targets (PDF, HTML)."
        ),
    ] = True,
    paper: Annotated[str, typer.Option("--paper", help="A4 or Letter.")] = "A4",
    days: Annotated[
        str | None,
        typer.Option(
            "--days",
            metavar="FIRST-LAST",
            help="Shopping list days, from 1, e.g. 1-3 (default: all).",
        ),
    ] = None,
    list_format: Annotated[
        ListFormat, typer.Option("--list-format", help="Shopping list as pdf or csv.")
    ] = ListFormat.PDF,
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Write a menu for the client (PDF, printable HTML, shopping list), for a spreadsheet
    (CSV, XLSX) or for another database (JSON)."""
    from menuplanner.services import export

    with user_errors():
        choice = export.options(
            practice if practice is not None else os.environ.get(PRACTICE_ENV, ""),
            notes,
            numbers,
            paper,
        )
        workspace = current_workspace()
        with store_of(db, url).session() as session:
            menu_id = export.find_menu(session.unit_of_work(workspace), client, menu)
            work = session.unit_of_work(workspace)
            if format == Format.SHOPPING_LIST:
                first, last = parse_days(days)
                data = (
                    export.shopping_pdf(work, menu_id, first, last, choice)
                    if list_format == ListFormat.PDF
                    else export.shopping_csv(work, menu_id, first, last)
                )
                suffix = "shopping.pdf" if list_format == ListFormat.PDF else "shopping.csv"
            else:
                data = _write(format, work, menu_id, choice)
                suffix = SUFFIX[format]
            path = out or Path(
                export.menu_file_name(session.unit_of_work(workspace), menu_id, suffix)
            )
        path.write_bytes(data)
        typer.echo(f"Wrote {shown(path)} ({_size(len(data))}).")


def import_menu(
    path: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            readable=True,
            help="A menu file written by `menuplanner export --format json`.",
        ),
    ],
    client: Annotated[
        str | None,
        typer.Option(
            "--client",
            help="Give the menu to this client "
            "(default: the client of the file's name, else a new one).",
        ),
    ] = None,
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Add the menu of an exchange file to this database (its recipes and missing foods too)."""
    from menuplanner.services import export

    with user_errors():
        data = path.read_bytes()
        workspace = current_workspace()
        with store_of(db, url).session() as session:
            client_id = None
            if client is not None:
                client_id = export.find_client(session.unit_of_work(workspace), client)
            result = export.import_menu(session.exchange(workspace), data, client_id)
        for message in result.messages:
            typer.echo(message)


def parse_days(text: str | None) -> tuple[int, int | None]:
    """ "1-3" → (0, 2); "2" → (1, 1); None → all days. Days are typed from 1."""
    if text is None:
        return 0, None
    match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", text)
    if not match:
        raise ValidationFailed(f"Give days as FIRST-LAST, e.g. 1-3, not {text!r}.")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first < 1:
        raise ValidationFailed("Days are counted from 1.")
    return first - 1, last - 1


def _write(format: Format, work, menu_id: int, choice) -> bytes:
    from menuplanner.services import export

    if format == Format.PDF:
        return export.menu_pdf(work, menu_id, choice)
    if format == Format.HTML:
        return export.menu_html(work, menu_id, choice).encode("utf-8")
    if format == Format.CSV:
        return export.items_csv(work, menu_id)
    if format == Format.XLSX:
        return export.items_xlsx(work, menu_id)
    return export.menu_json(work, menu_id)


def _size(count: int) -> str:
    return f"{count / 1024:,.0f} KB" if count >= 1024 else f"{count} bytes"
