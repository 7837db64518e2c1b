"""The FastAPI application: every route runs in the calling key's workspace through the store's
unit of work, so the workspace walls are the store's own."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from menuplanner.api import (
    problems,
    routes_analysis,
    routes_clients,
    routes_exports,
    routes_foods,
    routes_generate,
    routes_imports,
    routes_menus,
    routes_recipes,
)
from menuplanner.api.access import RateLimiter, api_key
from menuplanner.api.jobs import Jobs
from menuplanner.api.menu_versions import MenuVersions
from menuplanner.ports_store import Store

PREFIX = "/api/v1"


def create_app(store: Store, limiter: RateLimiter | None = None) -> FastAPI:
    app = FastAPI(
        title="menuplanner",
        version="1",
        openapi_url=PREFIX + "/openapi.json",
        docs_url=PREFIX + "/docs",
        redoc_url=None,
    )
    app.state.store, app.state.keys = store, store.api_keys()
    app.state.limiter = limiter or RateLimiter()
    app.state.menu_versions = MenuVersions()
    app.state.jobs = Jobs()
    problems.install(app)
    routers = (
        routes_foods,
        routes_clients,
        routes_recipes,
        routes_menus,
        routes_analysis,
        routes_generate,
        routes_exports,
        routes_imports,
    )
    for module in routers:
        app.include_router(module.router, prefix=PREFIX, dependencies=[Depends(api_key)])
    return app
