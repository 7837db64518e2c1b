"""`menuplanner clients list`: clients with their daily targets and menus; a table, or JSON
with --json."""

from __future__ import annotations

import datetime as dt

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
    clients_app = typer.Typer(help="Look at your clients.", no_args_is_help=True)
    clients_app.command("list")(clients_list)
    app.add_typer(clients_app, name="clients")


def clients_list(as_json: JsonOption = False, db: DbOption = None, url: UrlOption = None) -> None:
    """List clients with their daily targets and how many menus each has."""
    with user_errors():
        store = store_of(db, url, build=db is None)
        frame = tables.clients_frame(store.unit_of_work(current_workspace()), dt.date.today())
        if as_json:
            print_json("clients", frame)
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
        typer.echo(table(shown))
        typer.echo(count(frame.height, "client") + ".")
