"""`menuplanner menus list`: menus with their dates, items and how their days sit against the
client's targets; a table, or JSON with --json."""

from __future__ import annotations

from typing import Annotated

import polars as pl
import typer

from menuplanner.cli.common import (
    DbOption,
    JsonOption,
    UrlOption,
    count,
    current_workspace,
    print_json,
    store_of,
    table,
    user_errors,
)
from menuplanner.services import tables


def register(app: typer.Typer) -> None:
    menus_app = typer.Typer(help="Look at your menus.", no_args_is_help=True)
    menus_app.command("list")(menus_list)
    app.add_typer(menus_app, name="menus")


def menus_list(
    client: Annotated[
        str | None,
        typer.Option(
            "--client", "-c", metavar="NAME", help="Only this client's menus (name or id)."
        ),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """List menus: dates, items, and how many planned days are on target."""
    with user_errors():
        who = int(client) if client is not None and client.strip().isdigit() else client
        store = store_of(db, url, build=db is None)
        with store.session() as session:
            uow = lambda: session.unit_of_work(current_workspace())  # noqa: E731
            frame = tables.menus_frame(uow, who)
        if as_json:
            print_json("menus", frame)
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
        typer.echo(table(shown))
        typer.echo(count(frame.height, "menu") + ".")
