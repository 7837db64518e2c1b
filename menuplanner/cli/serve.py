"""`menuplanner serve`: the HTTP API (menuplanner/api) on the chosen store; `menuplanner
api-keys create/list/revoke`: the keys programs use to reach one workspace through it."""

from __future__ import annotations

from typing import Annotated

import typer

from menuplanner.cli.common import (
    DbOption,
    UrlOption,
    current_workspace,
    store_of,
    user_errors,
)

# The server holds the DuckDB file between requests for this long, so a busy program pays for
# opening it once, while a notebook waiting for the file still gets it within a second.
SERVER_LINGER_S = 1.0


def register(app: typer.Typer) -> None:
    app.command()(serve)
    keys_app = typer.Typer(help="Keys for the HTTP API, per workspace.", no_args_is_help=True)
    keys_app.command("create")(keys_create)
    keys_app.command("list")(keys_list)
    keys_app.command("revoke")(keys_revoke)
    app.add_typer(keys_app, name="api-keys")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Serve the HTTP API under /api/v1 (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""
    import uvicorn

    from menuplanner.api import create_app

    with user_errors():
        store = store_of(db, url, build=db is None, linger=SERVER_LINGER_S)
        typer.echo(f"Serving {store.describe()} on http://{host}:{port}/api/v1", err=True)
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")


def keys_create(
    name: Annotated[str, typer.Argument(help="What the key is for, e.g. 'Booking system'.")],
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Make a key for the workspace; its token is printed once and cannot be shown again."""
    with user_errors():
        key, token = (
            store_of(db, url, build=db is None).api_keys().create(current_workspace(), name)
        )
        typer.echo(f"Key {key.key_id} '{key.name}' for workspace {key.workspace}:", err=True)
        typer.echo(token)
        typer.echo("Keep it now: it is stored only as a hash and cannot be shown again.", err=True)


def keys_list(db: DbOption = None, url: UrlOption = None) -> None:
    """The workspace's keys: name, made, last used, revoked."""
    with user_errors():
        found = store_of(db, url, build=db is None).api_keys().list(current_workspace())
        if not found:
            typer.echo("No API keys yet: make one with `menuplanner api-keys create NAME`.")
        for key in found:
            used = f"{key.last_used:%Y-%m-%d %H:%M}" if key.last_used else "never"
            state = "revoked" if key.revoked else "live"
            typer.echo(
                f"{key.key_id}  {key.name}  made {key.created:%Y-%m-%d %H:%M}  "
                f"last used {used}  {state}"
            )


def keys_revoke(
    key_id: Annotated[int, typer.Argument(help="The key's number (see api-keys list).")],
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Revoke a key: programs using it are refused from the next request on."""
    with user_errors():
        store_of(db, url, build=db is None).api_keys().revoke(current_workspace(), key_id)
        typer.echo(f"Key {key_id} is revoked.")
