"""What a click on a page reuses from the run before it: a warm opening of the file (no layout
check while this process has held the file without a break) and the dashboard's summaries of
menus that did not change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from menuplanner.services import dashboard
from menuplanner.services import menus as menu_service
from menuplanner.store.duckdb import database, opening
from menuplanner.store.duckdb.sharing import _Keeper

TODAY = dt.date(2026, 12, 5)
BANANA = 9040  # 89 kcal per 100 g


def test_a_menus_summary_is_reused_until_the_menu_changes(database_copy: Path):
    db = database.Database(database_copy)
    known: dict = {}
    first = dashboard.overview(db.unit_of_work(), TODAY, known)
    again = dashboard.overview(db.unit_of_work(), TODAY, known)
    assert [m.menu_name for m in first.menus] == ["Demo week", "Vegan week"]
    assert [a is b for a, b in zip(again.menus, first.menus, strict=True)] == [True, True]

    menu_id = first.menus[0].menu_id
    menu_service.add_food(db.unit_of_work(), menu_id, 0, "Breakfast", BANANA, 118, "g")
    changed = dashboard.overview(db.unit_of_work(), TODAY, known)
    assert changed.menus[0] is not first.menus[0]  # the Demo week changed, the Vegan week not
    assert changed.menus[1] is first.menus[1]
    # 118 g of banana is 105.02 kcal more on one of the seven planned days
    assert changed.menus[0].average_kcal == pytest.approx(first.menus[0].average_kcal + 15.0029)


def test_an_opening_while_the_file_lingers_shares_it_without_checking_again(
    database_copy: Path, monkeypatch: pytest.MonkeyPatch
):
    db = database.Database(database_copy, linger=5.0)
    with db.unit_of_work() as uow:  # opened and checked, then left lingering
        uow.clients.list()
    checks = []
    monkeypatch.setattr(opening, "layout_problem", lambda conn: checks.append(1))
    with db.unit_of_work() as uow:
        assert [c.name for c in uow.clients.list()][:1] == ["Maya Jensen (demo)"]
    assert checks == []  # the warm opening skipped the check
    _Keeper.close_all()  # the file released: the next opening checks it again
    with db.unit_of_work() as uow:
        uow.clients.list()
    assert checks == [1]
    _Keeper.close_all()


def test_a_warm_connection_outlives_the_lingering_one(database_copy: Path):
    db = database.Database(database_copy, linger=5.0)
    db.release(db.connect())
    warm = db.connect()  # shares the lingering opening
    _Keeper.close_all()  # the lingering connection closes meanwhile
    assert warm.execute("SELECT count(*) FROM foods").fetchall()[0][0] > 8000
    warm.close()


def test_a_program_waiting_for_the_file_is_not_overtaken(
    database_copy: Path, monkeypatch: pytest.MonkeyPatch
):
    db = database.Database(database_copy, linger=5.0)
    db.release(db.connect())
    monkeypatch.setattr(
        "menuplanner.store.duckdb.sharing.another_program_is_waiting", lambda p: True
    )
    assert _Keeper.share(database_copy) is None  # the caller opens politely instead
    _Keeper.close_all()


def test_a_day_report_holds_that_days_figures_and_the_whole_menu(database_copy: Path):
    db = database.Database(database_copy)
    menu_id = dashboard.overview(db.unit_of_work(), TODAY).menus[0].menu_id
    week = menu_service.report(db.unit_of_work(), menu_id, TODAY)
    tuesday = menu_service.day_report(db.unit_of_work(), menu_id, 1, TODAY)
    assert len(tuesday.menu.items) == len(week.menu.items)  # the whole menu, for the pickers
    assert set(tuesday.items["day"].to_list()) == {1}
    same_rows = week.items.filter(week.items["day"] == 1).drop("item_index")
    assert tuesday.items.drop("item_index").equals(same_rows)  # the index counts that day's
    day_row = tuesday.days.filter(tuesday.days["day"] == 1)
    assert day_row.equals(week.days.filter(week.days["day"] == 1))
    assert {i for i in tuesday.violations} <= {i for i in week.violations}
