"""The dashboard's overview: every client, their menus, and how each menu's days sit against
the client's targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from menuplanner.domain.errors import ValidationFailed
from menuplanner.nutrition import adherence
from menuplanner.ports import UnitOfWork
from menuplanner.services.adequacy import adequacy_in
from menuplanner.services.menus import report_in


@dataclass(frozen=True)
class MenuSummary:
    client_id: int
    client_name: str
    menu_id: int
    menu_name: str
    first_day: dt.date
    last_day: dt.date
    days: int
    days_planned: int
    days_on_target: int  # planned days whose six targets are all "ok"
    status_by_day: list[str]  # worst status of each day: ok / near / off / empty
    average_kcal: float
    target_kcal: float
    violations: int  # items that break an allergy, diet or dislike
    low_nutrients: tuple[str, ...] = ()  # micronutrients the week's average leaves low
    over_upper: tuple[str, ...] = ()  # micronutrients whose week average is above a UL


@dataclass(frozen=True)
class Overview:
    clients_without_menu: list[str]
    menus: list[MenuSummary]
    clients_without_targets: list[str]  # profile incomplete and no typed targets


def overview(uow: UnitOfWork, today: dt.date | None = None, known: dict | None = None) -> Overview:
    """`known`: summaries of earlier calls the caller keeps (the dashboard, while it stays on the
    page), reused while a menu's version and its client are unchanged: a menu's report and
    micronutrient figures take ~100 ms each, two queries tell whether anything changed. The
    caller starts a new `known` when food data may have changed (the dashboard: each visit)."""
    known = {} if known is None else known
    summaries, without_menu, without_targets = [], [], []
    day = today or dt.date.today()
    with uow:
        for client in uow.clients.list():
            menus = uow.menus.list(client.client_id)
            if not menus:
                without_menu.append(client.name)
            for menu in menus:
                key = (menu.menu_id, menu.version, repr(client), day)
                if key not in known:
                    try:
                        report = report_in(uow, menu.menu_id, day)
                    except ValidationFailed:
                        known[key] = None
                    else:
                        known[key] = _summary(report, *_micronutrients(uow, report, day))
                if known[key] is None:  # the client has no targets
                    without_targets.append(client.name)
                    break
                summaries.append(known[key])
    return Overview(without_menu, summaries, sorted(set(without_targets)))


def _micronutrients(uow: UnitOfWork, report, today) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(low, over an upper limit): names of the nutrients the week's average leaves so; none
    when the client has no life stage yet (no birth year) or nothing is planned."""
    try:
        adequacy = adequacy_in(uow, report, today)
    except ValidationFailed:
        return (), ()
    return tuple(adequacy.with_status("low")), tuple(adequacy.with_status("over"))


def _summary(report, low: tuple[str, ...] = (), over: tuple[str, ...] = ()) -> MenuSummary:
    status_by_day = adherence.worst_status_by_day(report.adherence)
    average = report.average.row(0, named=True)
    menu = report.menu
    return MenuSummary(
        report.client.client_id,
        report.client.name,
        menu.menu_id,
        menu.name,
        menu.date_of(0),
        menu.date_of(menu.days - 1),
        menu.days,
        int(average["days_counted"]),
        status_by_day.count("ok"),
        status_by_day,
        float(average["energy_kcal"]),
        report.targets.energy_kcal,
        len(report.violations),
        low,
        over,
    )
