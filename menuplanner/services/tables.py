"""Clients and menus as Polars frames: the command line's lists and the workbench's
`clients()` and `menus()`, one row each, from the same services as the dashboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl

from menuplanner.domain.menus import Menu
from menuplanner.ports import UnitOfWork
from menuplanner.services import clients as client_service
from menuplanner.services import dashboard
from menuplanner.services.lookup import ClientRef, find_client


def clients_frame(uow: UnitOfWork, today: dt.date) -> pl.DataFrame:
    """One row per client: profile, daily targets (null when the profile is incomplete: see
    `targets_problem`), and how many menus they have."""
    rows = client_service.overview(uow, today)
    return pl.DataFrame([_client_row(row) for row in rows], schema=_CLIENT_SCHEMA, orient="row")


def menus_frame(
    uow_factory: Callable[[], UnitOfWork], client: ClientRef | None = None
) -> pl.DataFrame:
    """One row per menu (of one client, or all): dates, items, and how its planned days sit
    against the client's targets (null when the client has no targets yet)."""
    with uow_factory() as uow:
        clients = {c.client_id: c for c in uow.clients.list()}
        only = find_client(uow, client).client_id if client is not None else None
        menus = uow.menus.list(only)
    summaries = {s.menu_id: s for s in dashboard.overview(uow_factory()).menus}
    rows = [_menu_row(m, clients[m.client_id].name, summaries.get(m.menu_id)) for m in menus]
    frame = pl.DataFrame(rows, schema=_MENU_SCHEMA, orient="row")
    return frame.sort("client", "first_day", "menu_id")


_CLIENT_SCHEMA = {
    "client_id": pl.Int64,
    "name": pl.String,
    "sex": pl.String,
    "age": pl.Int64,
    "height_cm": pl.Float64,
    "weight_kg": pl.Float64,
    "activity": pl.String,
    "goal": pl.String,
    "allergies": pl.List(pl.String),
    "diets": pl.List(pl.String),
    "energy_kcal": pl.Float64,
    "protein_g": pl.Float64,
    "carbohydrate_g": pl.Float64,
    "fat_g": pl.Float64,
    "fibre_min_g": pl.Float64,
    "sodium_max_mg": pl.Float64,
    "targets": pl.String,
    "targets_problem": pl.String,
    "menus": pl.Int64,
    "is_demo": pl.Boolean,
}


_MENU_SCHEMA = {
    "menu_id": pl.Int64,
    "client_id": pl.Int64,
    "client": pl.String,
    "menu": pl.String,
    "first_day": pl.Date,
    "last_day": pl.Date,
    "days": pl.Int64,
    "items": pl.Int64,
    "days_planned": pl.Int64,
    "days_on_target": pl.Int64,
    "average_kcal": pl.Float64,
    "target_kcal": pl.Float64,
    "violations": pl.Int64,
    "is_demo": pl.Boolean,
}


def _client_row(row: client_service.ClientRow) -> tuple:
    c, targets = row.client, row.targets.targets
    values = (
        (
            targets.energy_kcal,
            targets.protein_g,
            targets.carbohydrate_g,
            targets.fat_g,
            targets.fibre_min_g,
            targets.sodium_max_mg,
        )
        if targets
        else (None,) * 6
    )
    how = None if targets is None else ("typed" if row.targets.typed else "from profile")
    return (
        c.client_id,
        c.name,
        c.sex.value,
        row.age,
        c.height_cm,
        c.weight_kg,
        c.activity.value,
        c.goal.value,
        sorted(a.value for a in c.allergies),
        sorted(d.value for d in c.diets),
        *values,
        how,
        row.targets.problem,
        row.menu_count,
        c.is_demo,
    )


def _menu_row(menu: Menu, client: str, summary: dashboard.MenuSummary | None) -> tuple:
    judged = (
        (
            summary.days_planned,
            summary.days_on_target,
            summary.average_kcal,
            summary.target_kcal,
            summary.violations,
        )
        if summary
        else (None,) * 5
    )
    return (
        menu.menu_id,
        menu.client_id,
        client,
        menu.name,
        menu.date_of(0),
        menu.date_of(menu.days - 1),
        menu.days,
        len(menu.items),
        *judged,
        menu.is_demo,
    )
