"""Looking across menus and clients, for notebooks: every menu day of a client on one calendar,
and clients compared by how their planned days sit against their targets."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.nutrition import adherence as adherence_rules
from menuplanner.ports import UnitOfWork
from menuplanner.services import menus as menu_service
from menuplanner.services.lookup import ClientRef, find_client


def client_days(uow: UnitOfWork, client: ClientRef) -> pl.DataFrame:
    """Day totals of every menu of the client on one calendar (menu, date, nutrients,
    energy_target): for charts of macros over time."""
    frames = []
    with uow:
        found = find_client(uow, client)
        for menu in uow.menus.list(found.client_id):
            report = menu_service.report_in(uow, menu.menu_id)
            energy = {d: t.energy_kcal for d, t in report.day_targets.items()}
            frames.append(
                report.days.with_columns(
                    pl.lit(menu.name).alias("menu"),
                    pl.col("day")
                    .replace_strict(energy, return_dtype=pl.Float64)
                    .alias("energy_target"),
                )
            )
    if not frames:
        raise NotFound(f"{found.name} has no menu yet.")
    return pl.concat(frames).sort("date", "menu")


def compare_clients(uow: UnitOfWork, clients: Sequence[ClientRef] | None = None) -> pl.DataFrame:
    """Per client × measure, over every planned day of their menus: days counted, mean actual
    and target, `pct_of_target`, and days ok / near / off. Clients without targets or without
    planned days are left out."""
    frames = []
    with uow:
        chosen = (
            [find_client(uow, c) for c in clients] if clients is not None else uow.clients.list()
        )
        for found in chosen:
            days = []
            for menu in uow.menus.list(found.client_id):
                try:
                    days.append(menu_service.report_in(uow, menu.menu_id).adherence)
                except ValidationFailed:  # no targets: nothing to compare against
                    break
            if days:
                summary = adherence_rules.weekly_adherence(pl.concat(days))
                frames.append(summary.with_columns(pl.lit(found.name).alias("client")))
    if not frames:
        return pl.DataFrame()
    return (
        pl.concat(frames)
        .filter(pl.col("days_counted") > 0)
        .with_columns(
            (100.0 * pl.col("mean_actual") / pl.col("mean_target")).alias("pct_of_target")
        )
        .select("client", pl.exclude("client"))
    )
