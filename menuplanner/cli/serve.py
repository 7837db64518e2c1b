"""`menuplanner serve`: the HTTP API (menuplanner/api) on the chosen store."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
        database_url: Annotated[
            str | None, typer.Option(help="PostgreSQL database (default: the DuckDB file).")
        ] = None,
    ) -> None:
        """Serve the HTTP API under /api/v1 (OpenAPI at /api/v1/openapi.json)."""
        import uvicorn

        from menuplanner.api import create_app
        from menuplanner.store.duckdb.api_keys import DuckDBApiKeys
        from menuplanner.store.factory import open_store

        store = open_store(url=database_url)
        if not hasattr(store, "database"):
            raise typer.BadParameter("API keys are stored in the DuckDB file only, so far.")
        uvicorn.run(create_app(store, DuckDBApiKeys(store.database)), host=host, port=port)
